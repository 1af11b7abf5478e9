/*
 * System services given bad pointers answer STATUS_ACCESS_VIOLATION (or the
 * status Windows gives), never crash the host: kernel addresses, unmapped
 * and read-only buffers, a bad argument pointer in EDX, unknown service
 * numbers, bad handles. Then thousands of calls with random arguments.
 */
#include "pe.h"
#include "native.h"

NTIMPORT NtWriteFile(HANDLE, HANDLE, PVOID, PVOID, PVOID, const void *, ULONG, PVOID, PVOID);
NTIMPORT NtClose(HANDLE);
NTIMPORT NtQuerySystemInformation(ULONG, PVOID, ULONG, ULONG *);
NTIMPORT NtContinue(PVOID, BOOLEAN);
NTIMPORT NtDelayExecution(BOOLEAN, const LARGE_INTEGER *);

/* A raw system call: any number, any EDX. */
static LONG RawSyscall(DWORD number, DWORD edx)
{
    LONG status;
    __asm__ volatile("int $0x2E" : "=a"(status) : "a"(number), "d"(edx) : "ecx", "memory");
    return status;
}

static unsigned Seed = 1;
static DWORD Random(void)
{
    Seed = Seed * 1103515245u + 12345u;
    return Seed;
}

/* An argument that is often a pointer somewhere interesting. */
static DWORD Nasty(void)
{
    static const DWORD values[] = {0, 1, 0xFFFFFFFF, 0x80000000, 0x7FFEFFFF, 0x7FFF0000, 0x7FFE0000,
                                   0x10000, 0xFFC00000, 0x00400000, 0x7FFDE000, 0x12345678, 0xFFFFFFFC};
    DWORD r = Random();
    return (r & 3) ? values[(r >> 8) % (sizeof values / sizeof values[0])] : Random();
}

void __cdecl start(void)
{
    struct { LONG Status; ULONG_PTR Information; } iosb;
    HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
    BYTE *ro = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READONLY);

    CHECK_EQ("NtWriteFile from a kernel address", NtWriteFile(out, 0, 0, 0, &iosb, (PVOID)0x80000000, 16, 0, 0),
             0xC0000005);
    CHECK_EQ("NtWriteFile from an unmapped buffer", NtWriteFile(out, 0, 0, 0, &iosb, (PVOID)0x60000000, 16, 0, 0),
             0xC0000005);
    CHECK_EQ("NtWriteFile with the IO_STATUS_BLOCK read-only", NtWriteFile(out, 0, 0, 0, ro, "x", 0, 0, 0),
             0xC0000005);
    CHECK_EQ("NtWriteFile on a bad handle", NtWriteFile((HANDLE)0x1234, 0, 0, 0, &iosb, "x", 1, 0, 0),
             0xC0000008);
    CHECK_EQ("NtAllocateVirtualMemory with BaseAddress in the kernel",
             NtAllocateVirtualMemory(CURRENT, (PVOID *)0x80000000, 0, (SIZE_T *)0x80000000, MEM_COMMIT,
                                     PAGE_READWRITE), 0xC0000005);
    /* NT probes BaseAddress and RegionSize for writing before it does
     * anything: a read-only one is an access violation, nothing allocated. */
    SIZE_T size = 4096;
    CHECK_EQ("NtAllocateVirtualMemory with BaseAddress read-only",
             NtAllocateVirtualMemory(CURRENT, (PVOID *)ro, 0, &size, MEM_COMMIT | MEM_RESERVE,
                                     PAGE_READWRITE), 0xC0000005);
    CHECK_EQ("NtQueryVirtualMemory into a read-only buffer",
             NtQueryVirtualMemory(CURRENT, ro, 0, ro, 28, NULL), 0xC0000005);
    CHECK_EQ("NtQuerySystemInformation into the kernel",
             NtQuerySystemInformation(0, (PVOID)0xFFC00000, 44, NULL), 0xC0000005);
    CHECK_EQ("NtContinue with a bad CONTEXT", NtContinue((PVOID)0x80000000, 0), 0xC0000005);
    CHECK_EQ("NtClose of a bad handle: STATUS_INVALID_HANDLE", NtClose((HANDLE)0x4444), 0xC0000008);
    CHECK_EQ("arguments at a kernel address (EDX)", RawSyscall(0, 0xFFC00000), 0xC0000005);
    CHECK_EQ("arguments at address 0 (EDX)", RawSyscall(4, 0), 0xC0000005);
    CHECK_EQ("an unknown service: STATUS_INVALID_SYSTEM_SERVICE", RawSyscall(0x1000, 0), 0xC000001C);
    CHECK_EQ("service -1: STATUS_INVALID_SYSTEM_SERVICE", RawSyscall(0xFFFFFFFF, 0), 0xC000001C);
    /* The longest relative delay there is (-2^63 x 100 ns): guest time
     * jumps that far, and the call completes like any delay. */
    LARGE_INTEGER longest;
    longest.QuadPart = (LONGLONG)0x8000000000000000ull;
    CHECK_EQ("NtDelayExecution for -2^63 (the longest interval)", NtDelayExecution(FALSE, &longest), 0);

    /* Random arguments to every service but the ones that end or redirect
     * the thread (NtContinue 5, NtRaiseException 6, NtTerminateProcess 7). */
    DWORD calls = 0;
    for (int i = 0; i < 20000; i++) {
        DWORD service = Random() % 15;
        if (service == 5 || service == 6 || service == 7) {
            continue;
        }
        DWORD args[9];
        for (int k = 0; k < 9; k++) {
            args[k] = Nasty();
        }
        if (service == 8 || service == 9) {
            /* NtWriteFile/NtReadFile on standard input: every pointer is
             * probed, nothing reaches the host's stdout. */
            args[0] = Random() % 3 ? (DWORD)GetStdHandle(STD_INPUT_HANDLE) : args[0];
            args[6] &= 0xFFF;
        }
        if ((service == 4 && args[0] < 0x10) || (service == 13 && args[1] < 0x10)) {
            continue; /* NtClose, NtDuplicateObject: keep the standard handles */
        }
        RawSyscall(service, (DWORD)args);
        calls++;
    }
    CHECK_EQ("random system calls survived", calls > 10000, 1);
    Print("still standing\n");
    Finish();
}
