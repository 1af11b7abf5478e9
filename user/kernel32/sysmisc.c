/*
 * Small calls with Windows' own answers: MulDiv's rounding, a thread's
 * stack limits, the unbiased interrupt time, the logical drive strings,
 * IsBadStringPtr, a process's session and handle count,
 * FlushInstructionCache.
 */
#include "kernel32/kernel32.h"

#define BASE_SESSION_ID 1u /* a console user's session (ke/sysproc.c reports the same) */

/* (a * b) / c in 64 bits, rounded half away from zero; -1 for a zero
 * divisor or a result beyond ±0x7FFFFFFF (Wine's tests of Windows). */
int WINAPI MulDiv(int a, int b, int c)
{
    if (c == 0) {
        return -1;
    }
    LONGLONG product = (LONGLONG)a * b;
    LONGLONG divisor = c;
    if (divisor < 0) {
        product = -product;
        divisor = -divisor;
    }
    LONGLONG result = product >= 0 ? (product + divisor / 2) / divisor
                                   : (product - divisor / 2) / divisor;
    if (result > 2147483647LL || result < -2147483647LL) {
        return -1;
    }
    return (int)result;
}

/* The stack's reservation: its lowest address and its top (the TEB's
 * DeallocationStack and StackBase). */
void WINAPI GetCurrentThreadStackLimits(ULONG_PTR *low, ULONG_PTR *high)
{
    *low = TebRead(TEB_DEALLOCATION_STACK);
    *high = TebRead(TEB_STACK_BASE);
}

/* Interrupt time without the time asleep: a machine that never sleeps
 * has none, so it is the time since boot, in 100 ns. */
BOOL WINAPI QueryUnbiasedInterruptTime(ULONGLONG *time)
{
    if (!time) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    LARGE_INTEGER counter, frequency;
    NtQueryPerformanceCounter(&counter, &frequency);
    *time = (ULONGLONG)counter.QuadPart / ((ULONGLONG)frequency.QuadPart / 10000000u);
    return TRUE;
}

/* "C:\\\0" for each drive and a final "\0": the characters written
 * without the last terminator, or the size needed with it. */
DWORD WINAPI GetLogicalDriveStringsW(DWORD length, WCHAR *buffer)
{
    DWORD drives = GetLogicalDrives();
    DWORD count = 0;
    for (DWORD d = drives; d; d >>= 1) {
        count += d & 1;
    }
    if (count * 4 + 1 > length) {
        return count * 4 + 1;
    }
    WCHAR *p = buffer;
    for (int i = 0; i < 26; i++) {
        if (drives & (1u << i)) {
            *p++ = (WCHAR)(L'A' + i);
            *p++ = L':';
            *p++ = L'\\';
            *p++ = 0;
        }
    }
    *p = 0;
    return count * 4;
}

DWORD WINAPI GetLogicalDriveStringsA(DWORD length, char *buffer)
{
    WCHAR wide[26 * 4 + 1];
    DWORD n = GetLogicalDriveStringsW(26 * 4 + 1, wide);
    if (n + 1 > length) {
        return n + 1;
    }
    for (DWORD i = 0; i <= n; i++) {
        buffer[i] = (char)wide[i];
    }
    return n;
}

/* Bad if any of its characters up to the terminator (or max of them)
 * cannot be read: each page it reaches is probed once. */
static BOOL BadString(const BYTE *s, ULONG_PTR max, ULONG unit)
{
    if (max == 0) {
        return FALSE;
    }
    if (!s) {
        return TRUE;
    }
    ULONG_PTR probed_page = 1; /* none yet (no page starts at 1) */
    for (ULONG_PTR i = 0; i < max; i++) {
        const BYTE *c = s + i * unit;
        for (ULONG b = 0; b < unit; b++) {
            ULONG_PTR page = (ULONG_PTR)(c + b) & ~(ULONG_PTR)0xFFF;
            if (page != probed_page) {
                if (IsBadReadPtr(c + b, 1)) {
                    return TRUE;
                }
                probed_page = page;
            }
        }
        if (unit == 1 ? *c == 0 : *(const WCHAR *)c == 0) {
            return FALSE;
        }
    }
    return FALSE;
}

BOOL WINAPI IsBadStringPtrA(const char *s, ULONG_PTR max)
{
    return BadString((const BYTE *)s, max, 1);
}

BOOL WINAPI IsBadStringPtrW(const WCHAR *s, ULONG_PTR max)
{
    return BadString((const BYTE *)s, max, 2);
}

/* One process's SYSTEM_PROCESS_INFORMATION field (ULONG at offset), or
 * FALSE with ERROR_INVALID_PARAMETER when no live process has the id. */
static BOOL ProcessField(DWORD id, ULONG offset, DWORD *value)
{
    BYTE *list = BaseQueryProcessList();
    if (!list) {
        return FALSE;
    }
    BOOL found = FALSE;
    for (BYTE *p = list;; p += *(ULONG *)p) {
        if (*(ULONG *)(p + 68) == id) {
            *value = *(ULONG *)(p + offset);
            found = TRUE;
            break;
        }
        if (!*(ULONG *)p) {
            break;
        }
    }
    RtlFreeHeap(GetProcessHeap(), 0, list);
    if (!found) {
        SetLastError(ERROR_INVALID_PARAMETER);
    }
    return found;
}

BOOL WINAPI ProcessIdToSessionId(DWORD id, DWORD *session)
{
    if (!session) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    DWORD value;
    if (!ProcessField(id, 80, &value)) { /* SessionId */
        return FALSE;
    }
    *session = value;
    return TRUE;
}

/* The session of the physical console: every ntmm process runs in the one
 * console session, so it is the caller's own (Wine's kernel32 process.c
 * test_session_info calls it unconditionally). */
DWORD WINAPI WTSGetActiveConsoleSessionId(void)
{
    DWORD session;
    return ProcessIdToSessionId(GetCurrentProcessId(), &session) ? session : 0xFFFFFFFFu;
}

/* The handles in the process's table now. */
BOOL WINAPI GetProcessHandleCount(HANDLE process, DWORD *count)
{
    DWORD id = GetProcessId(process);
    if (!id) {
        return FALSE; /* GetProcessId said why */
    }
    if (!count) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    return ProcessField(id, 76, count); /* HandleCount */
}

/* Code written, to run: NtFlushInstructionCache checks the arguments; the
 * CPU never runs stale translations (ke/icache.c says why). */
BOOL WINAPI FlushInstructionCache(HANDLE process, const void *base, SIZE_T size)
{
    NTSTATUS status = NtFlushInstructionCache(process, base, size);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}
