/*
 * Lesson 11: copy-on-write and fork, on NT: RtlCloneUserProcess returns
 * twice. Parent and child each write the same private page and each sees
 * its own data; the fault log shows one copy-on-write per writer (the
 * lesson's queries, and tests/process/fork.sh, ask it). A view of a
 * section is inherited shared: what the child writes there, the parent
 * sees.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define STATUS_PROCESS_CLONED 0x00000129L

typedef struct RTL_USER_PROCESS_INFORMATION {
    ULONG Length;
    HANDLE ProcessHandle;
    HANDLE ThreadHandle;
    ULONG ClientId[2];
    UCHAR ImageInformation[0x30];
} RTL_USER_PROCESS_INFORMATION;

typedef LONG(NTAPI *CLONE)(ULONG, PVOID, PVOID, HANDLE, RTL_USER_PROCESS_INFORMATION *);

static int counter = 100; /* a global in the image's .data: shared copy-on-write too */

int main(void)
{
    CLONE clone = (CLONE)GetProcAddress(GetModuleHandleA("ntdll.dll"), "RtlCloneUserProcess");
    char *page = VirtualAlloc((void *)0x20000000, 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    strcpy(page, "written before the fork");
    HANDLE mapping = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, NULL);
    char *shared = MapViewOfFile(mapping, FILE_MAP_WRITE, 0, 0, 0);
    strcpy(shared, "the parent's view");
    RTL_USER_PROCESS_INFORMATION info;
    memset(&info, 0, sizeof info);
    DWORD pid = GetCurrentProcessId();
    LONG status = clone(0, NULL, NULL, NULL, &info);
    if (status == STATUS_PROCESS_CLONED) {
        /* The child: a copy of everything, at this point. */
        printf("child:  pid %lu sees \"%s\", counter %d\n", GetCurrentProcessId(), page, counter);
        strcpy(page, "written by the child");
        strcat(shared, ", and the child's");
        counter += 1;
        printf("child:  now \"%s\", counter %d\n", page, counter);
        return 3;
    }
    if (status != 0) {
        printf("RtlCloneUserProcess failed: 0x%08lx\n", (unsigned long)status);
        return 1;
    }
    strcpy(page, "written by the parent");
    counter += 10;
    DWORD code = 0;
    WaitForSingleObject(info.ProcessHandle, INFINITE);
    GetExitCodeProcess(info.ProcessHandle, &code);
    MEMORY_BASIC_INFORMATION mbi;
    VirtualQuery(page, &mbi, sizeof mbi);
    printf("parent: child %lu exited with %lu\n", info.ClientId[0], code);
    /* The child's TEB names the child; the parent's still names the parent. */
    printf("parent: pid %lu before the fork, %lu after\n", pid, GetCurrentProcessId());
    printf("parent: the shared view says \"%s\"\n", shared);
    printf("parent: sees \"%s\", counter %d, %s %s\n", page, counter,
           mbi.Type == MEM_PRIVATE ? "MEM_PRIVATE" : "not private",
           mbi.Protect == PAGE_READWRITE ? "PAGE_READWRITE" : "not read/write");
    CloseHandle(info.ProcessHandle);
    CloseHandle(info.ThreadHandle);
    return strcmp(page, "written by the parent") == 0 && counter == 110 && code == 3 &&
                   pid == GetCurrentProcessId() &&
                   strcmp(shared, "the parent's view, and the child's") == 0
               ? 0
               : 1;
}
