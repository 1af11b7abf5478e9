/*
 * Every process waits forever: the parent waits for its clone, and the
 * clone for the parent (through a real handle to the parent, duplicated
 * before the clone so that the clone inherits it). ntmm must end the run
 * with its deadlock line and exit status 123, not call it an internal
 * error.
 */
#include <windows.h>
#include <stdio.h>

#define STATUS_PROCESS_CLONED 0x00000129L

typedef struct RTL_USER_PROCESS_INFORMATION {
    ULONG Length;
    HANDLE ProcessHandle;
    HANDLE ThreadHandle;
    ULONG ClientId[2];
    UCHAR ImageInformation[0x30];
} RTL_USER_PROCESS_INFORMATION;

typedef LONG(NTAPI *CLONE)(ULONG, PVOID, PVOID, HANDLE, RTL_USER_PROCESS_INFORMATION *);

int main(void)
{
    CLONE clone = (CLONE)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlCloneUserProcess");
    HANDLE parent;
    if (!DuplicateHandle(GetCurrentProcess(), GetCurrentProcess(), GetCurrentProcess(), &parent, 0,
                         FALSE, DUPLICATE_SAME_ACCESS)) {
        printf("DuplicateHandle failed: %lu\n", GetLastError());
        return 1;
    }
    RTL_USER_PROCESS_INFORMATION info = {0};
    LONG status = clone(0, NULL, NULL, NULL, &info);
    if (status == STATUS_PROCESS_CLONED) {
        WaitForSingleObject(parent, INFINITE);
        return 2;
    }
    if (status != 0) {
        printf("RtlCloneUserProcess failed: 0x%08lx\n", (unsigned long)status);
        return 1;
    }
    WaitForSingleObject(info.ProcessHandle, INFINITE);
    return 3;
}
