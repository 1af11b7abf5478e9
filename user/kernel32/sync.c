/*
 * Critical sections. ntmm runs one thread per process, so a critical
 * section only counts its owner's recursion; the fields keep Windows'
 * meaning (LockCount -1 when free) for code that looks at them.
 */
#include "kernel32/kernel32.h"

typedef struct CRITICAL_SECTION {
    PVOID DebugInfo;
    LONG LockCount;
    LONG RecursionCount;
    HANDLE OwningThread;
    HANDLE LockSemaphore;
    ULONG_PTR SpinCount;
} CRITICAL_SECTION;

void WINAPI InitializeCriticalSection(CRITICAL_SECTION *cs)
{
    memset(cs, 0, sizeof *cs);
    cs->LockCount = -1;
}

BOOL WINAPI InitializeCriticalSectionAndSpinCount(CRITICAL_SECTION *cs, DWORD spin)
{
    InitializeCriticalSection(cs);
    cs->SpinCount = spin;
    return TRUE;
}

void WINAPI EnterCriticalSection(CRITICAL_SECTION *cs)
{
    cs->LockCount++;
    cs->RecursionCount++;
    cs->OwningThread = (HANDLE)GetCurrentThreadId();
}

BOOL WINAPI TryEnterCriticalSection(CRITICAL_SECTION *cs)
{
    EnterCriticalSection(cs);
    return TRUE;
}

void WINAPI LeaveCriticalSection(CRITICAL_SECTION *cs)
{
    if (--cs->RecursionCount == 0) {
        cs->OwningThread = NULL;
    }
    cs->LockCount--;
}

void WINAPI DeleteCriticalSection(CRITICAL_SECTION *cs)
{
    memset(cs, 0, sizeof *cs);
}

/* Mutexes need the kernel's mutant objects, which come with threads: until
 * then CreateMutex fails with ERROR_NOT_SUPPORTED (a program that only
 * imports it, as SQLite's shell does, loads and runs). */
HANDLE WINAPI CreateMutexA(PVOID attributes, BOOL owned, const char *name)
{
    (void)attributes; (void)owned; (void)name;
    SetLastError(50); /* ERROR_NOT_SUPPORTED */
    return NULL;
}

HANDLE WINAPI CreateMutexW(PVOID attributes, BOOL owned, const WCHAR *name)
{
    (void)attributes; (void)owned; (void)name;
    SetLastError(50); /* ERROR_NOT_SUPPORTED */
    return NULL;
}
