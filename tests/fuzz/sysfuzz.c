/*
 * The guest side of the system-call fuzzer: sysfuzz.exe SEED CALLS.
 *
 * Every service of ke/systable.h (the same list the kernel and ntdll are
 * built from) is called through int 2Eh with arguments of hostile kinds:
 * handles (the process pseudo-handle, the standard handles, a section, a
 * clone's process handle, closed and made-up ones), pointers (to a
 * writable buffer full of further hostile values, to a read-only page, a
 * guard page, the last bytes before a no-access page, kernel space, NULL,
 * unaligned), sizes and counts at their limits, protection and allocation
 * flags, and plain random numbers; an address argument mostly points into
 * a sacrificial region, so that the program lives to make its next call.
 * One call in eight is raw: a random service number (past the table, or
 * negative) with EDX anywhere. Services that would end or redirect this
 * thread only get arguments they must refuse.
 *
 * The host must survive all of it; the guest may not (an access violation
 * from a call that really freed its own stack is an honest ending). It
 * prints how many calls it made.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>

enum {
#define SYSCALL(name, argc) Svc##name,
#include "ke/systable.h"
#undef SYSCALL
    ServiceCount
};
static const unsigned char ArgumentCount[] = {
#define SYSCALL(name, argc) argc,
#include "ke/systable.h"
#undef SYSCALL
};

#define STATUS_PROCESS_CLONED 0x00000129L

static unsigned long long State;
static DWORD Random(void)
{
    State = State * 6364136223846793005ull + 1442695040888963407ull;
    return (DWORD)(State >> 33);
}

static LONG RawSyscall(DWORD number, DWORD edx)
{
    LONG status;
    __asm__ volatile("int $0x2E" : "=a"(status) : "a"(number), "d"(edx) : "ecx", "memory");
    return status;
}

static BYTE *Arena;        /* 1 MiB: the region calls may allocate, free and protect in */
static BYTE *Buffer;       /* writable, refilled with hostile values before each call */
static BYTE *ReadOnly, *Guard, *Edge;
static DWORD Handles[8];

static DWORD Limit(void)
{
    static const DWORD values[] = {0, 1, 2, 3, 4, 0x7F, 0x80, 0xFF, 0xFFF, 0x1000, 0x1001, 0xFFFF,
                                   0x10000, 0x100000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF,
                                   0xFFFFFFFE, 0xFFFFF000, 0x7FFEFFFF, 0x7FFF0000};
    return values[Random() % (sizeof values / sizeof *values)];
}

static DWORD HostilePointer(void)
{
    switch (Random() % 12) {
    case 0: return 0;
    case 1: return (DWORD)ReadOnly + (Random() & 0xFFC);
    case 2: return (DWORD)Guard + (Random() & 0xFFC);
    case 3: return (DWORD)Edge + 4096 - 1 - (Random() & 7);   /* runs into no-access */
    case 4: return 0x80000000u + (Random() & 0x7FFFFFFF);   /* kernel space */
    case 5: return 0xFFC00000u;                               /* the system page */
    case 6: return 0x7FFE0000u;                               /* KUSER_SHARED_DATA, read-only */
    case 7: return (DWORD)Buffer + 1 + (Random() & 0x7F);   /* unaligned */
    case 8: return (DWORD)Arena + (Random() & 0xFFFFF);
    default: return (DWORD)Buffer + (Random() & 0xF00);
    }
}

static DWORD Handle(void)
{
    switch (Random() % 6) {
    case 0: return 0xFFFFFFFF;     /* NtCurrentProcess */
    case 1: return 0xFFFFFFFE;     /* NtCurrentThread */
    case 2: return Limit();
    default: return Handles[Random() % 8];
    }
}

static DWORD Address(void)
{
    DWORD r = Random() % 16;
    if (r < 11) {
        return (DWORD)Arena + ((Random() % 256) << 12) + (Random() % 4 ? 0 : Random() & 0xFFF);
    }
    return r < 15 ? HostilePointer() : Random();
}

/* One argument of a random kind. */
static DWORD Argument(void)
{
    switch (Random() % 9) {
    case 0: return Handle();
    case 1: case 2: return HostilePointer();
    case 3: return Address();
    case 4: return Limit();
    case 5: return 1u << (Random() % 32);                   /* a flag */
    case 6: return (Random() & 0x7FF) | (Random() % 2 ? 0x1000 : 0x2000);  /* MEM_ / PAGE_ bits */
    case 7: return (DWORD)Buffer;
    default: return Random();
    }
}

/* The buffer's first 64 words and last 64 (the arguments and what
 * follows them) are new for each call, the rest now and then. */
static void Refill(DWORD call)
{
    DWORD *b = (DWORD *)Buffer;
    for (int i = 0; i < 1024; i++) {
        if (i < 64 || i >= 960 || call % 32 == 0) {
            b[i] = Random() % 3 ? Argument() : 0;
        }
    }
}

int main(int argc, char **argv)
{
    unsigned long long seed = argc > 1 ? strtoull(argv[1], NULL, 0) : 1;
    DWORD calls = argc > 2 ? strtoul(argv[2], NULL, 0) : 10000;
    State = seed * 0x9E3779B97F4A7C15ull + 1;

    Arena = VirtualAlloc(NULL, 1 << 20, MEM_RESERVE, PAGE_NOACCESS);
    Buffer = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READWRITE);
    ReadOnly = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READONLY);
    Guard = VirtualAlloc(NULL, 4096, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
    Edge = VirtualAlloc(NULL, 8192, MEM_RESERVE, PAGE_NOACCESS);
    if (!Arena || !Buffer || !ReadOnly || !Guard || !Edge ||
        !VirtualAlloc(Edge, 4096, MEM_COMMIT, PAGE_READWRITE)) {
        printf("sysfuzz: setting up failed\n");
        return 1;
    }
    Handles[0] = (DWORD)GetStdHandle(STD_INPUT_HANDLE);
    Handles[1] = (DWORD)GetStdHandle(STD_OUTPUT_HANDLE);
    Handles[2] = (DWORD)CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 65536, NULL);
    Handles[3] = 0x4444;                  /* never opened */
    Handles[4] = 0;
    HANDLE closed = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READONLY, 0, 4096, NULL);
    CloseHandle(closed);
    Handles[5] = (DWORD)closed;
    Handles[6] = Handles[2] + 4;          /* a neighbour of a real one */
    Handles[7] = 0xFFFFFFFF;

    DWORD made = 0;
    for (DWORD i = 0; i < calls; i++) {
        Refill(i);
        DWORD *args = (DWORD *)(Buffer + 0xF00); /* the last 64 words: args, then more values */
        if (Random() % 8 == 0) {
            DWORD number = Random() % 4 ? ServiceCount + Random() % 0x1000 : Random();
            RawSyscall(number, Random() % 2 ? HostilePointer() : (DWORD)args);
            made++;
            continue;
        }
        DWORD service = Random() % ServiceCount;
        for (int k = 0; k < ArgumentCount[service]; k++) {
            args[k] = Argument();
        }
        switch (service) {
        case SvcNtTerminateProcess:   /* only handles that are not this process */
            args[0] = Random() % 2 ? 0x4444 : (DWORD)closed;
            break;
        case SvcNtContinue:           /* only CONTEXTs it cannot read */
        case SvcNtRaiseException:     /* only records it cannot read */
            args[0] = Random() % 2 ? 0x80000000u + (Random() & 0xFFFF) : (DWORD)Edge + 4096 - 8;
            break;
        case SvcNtWriteFile:          /* never the host's stdout or stderr */
        case SvcNtReadFile:
            if (args[0] == Handles[1] || args[0] == (DWORD)GetStdHandle(STD_ERROR_HANDLE)) {
                args[0] = Handles[0];
            }
            break;
        case SvcNtClose:              /* keep the handles the next calls use */
            if (args[0] == Handles[0] || args[0] == Handles[1] || args[0] == Handles[2]) {
                args[0] = 0x4444;
            }
            break;
        default:
            break;
        }
        LONG status = RawSyscall(service, (DWORD)args);
        made++;
        if (service == SvcNtmmCloneProcess && status == STATUS_PROCESS_CLONED) {
            ExitProcess(0);           /* the clone's work is done */
        }
        if (service == SvcNtmmCloneProcess && status == 0) {
            Handles[4] = *(DWORD *)args[0] ? *(DWORD *)args[0] : Handles[4];
        }
    }
    printf("sysfuzz: %lu calls\n", made);
    return 0;
}
