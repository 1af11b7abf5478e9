/*
 * Dynamic TLS (TlsAlloc, TlsFree, TlsGetValue, TlsSetValue) with Windows'
 * answers:
 *  - 64 slots in the TEB and 1024 expansion slots: 1088 indexes in all
 *    (TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS, winnt.h and the TEB's
 *    TlsExpansionSlots); TlsAlloc gives the lowest free index (the PEB's
 *    TLS bitmaps, searched from 0, as ReactOS's and Wine's TlsAlloc do);
 *    with none left it returns TLS_OUT_OF_INDEXES and sets
 *    ERROR_NO_MORE_ITEMS (ReactOS's and Wine's TlsAlloc).
 *  - TlsGetValue sets the last error to ERROR_SUCCESS, so that a NULL
 *    value can be told from a failure (Microsoft's TlsGetValue
 *    documentation; Wine's test_TLS checks GetLastError() ==
 *    ERROR_SUCCESS after each call); a new thread's slots read NULL (Wine's
 *    TLS_InheritanceProc).
 *  - An index of 1088 or more: TlsGetValue returns NULL, TlsSetValue and
 *    TlsFree FALSE, with ERROR_INVALID_PARAMETER; TlsFree of an index not
 *    allocated fails the same way (ReactOS's kernel32 TlsFree); an index
 *    below 1088 is otherwise not checked by TlsGetValue.
 *  - TlsFree zeroes the slot in every thread of the process
 *    (NtSetInformationThread ThreadZeroTlsCell), so an index handed out
 *    again reads NULL in every thread (ReactOS's NtSetInformationThread).
 */
#include <stdio.h>
#include <windows.h>

#include "../guesttest.h"

#define TLS_INDEXES 1088   /* TLS_MINIMUM_AVAILABLE (64) + TLS_EXPANSION_SLOTS (1024) */

static DWORD Low, High;     /* a TEB index and an expansion index */
static HANDLE Set, Freed;
static PVOID SeenLow, SeenHigh;
static DWORD ErrorLow, ErrorHigh;

/* Sets both slots, waits for the main thread to free and re-allocate
 * them, then reads them again. */
static DWORD WINAPI Other(void *parameter)
{
    (void)parameter;
    TlsSetValue(Low, (PVOID)0x1111);
    TlsSetValue(High, (PVOID)0x2222);
    SetEvent(Set);
    WaitForSingleObject(Freed, INFINITE);
    SetLastError(0xDEADBEEF);
    SeenLow = TlsGetValue(Low);
    ErrorLow = GetLastError();
    SetLastError(0xDEADBEEF);
    SeenHigh = TlsGetValue(High);
    ErrorHigh = GetLastError();
    return 0;
}

/* A thread that never set an expansion slot reads NULL from one. */
static DWORD WINAPI Fresh(void *parameter)
{
    SetLastError(0xDEADBEEF);
    PVOID value = TlsGetValue(*(DWORD *)parameter);
    return value == NULL && GetLastError() == ERROR_SUCCESS;
}

int main(void)
{
    static DWORD got[TLS_INDEXES + 1];
    DWORD count = 0;
    for (;;) {
        DWORD index = TlsAlloc();
        if (index == TLS_OUT_OF_INDEXES || count == TLS_INDEXES + 1) {
            break;
        }
        got[count++] = index;
    }
    DWORD error = GetLastError();
    BOOL increasing = TRUE;
    for (DWORD i = 1; i < count; i++) {
        increasing &= got[i] > got[i - 1];
    }
    /* (How many the runtimes hold already differs from system to system.) */
    printf("TlsAlloc until it fails: the last index %lu\n", count ? got[count - 1] : 0);
    Check(count > 1000 && got[count - 1] == TLS_INDEXES - 1, "1088 indexes in all, 0 to 1087");
    Check(increasing, "each the lowest free one");
    Check(error == ERROR_NO_MORE_ITEMS, "then TLS_OUT_OF_INDEXES, ERROR_NO_MORE_ITEMS");

    /* Values in both ranges, and the out-of-range answers. */
    Low = got[0];
    High = got[count - 1];
    Check(Low < 64 && High >= 64, "one index in the TEB's slots, one in the expansion slots");
    SetLastError(0xDEADBEEF);
    Check(TlsGetValue(High) == NULL && GetLastError() == ERROR_SUCCESS,
          "a new expansion slot reads NULL, last error ERROR_SUCCESS");
    Check(TlsSetValue(Low, (PVOID)0x10) && TlsSetValue(High, (PVOID)0x20), "TlsSetValue");
    Check(TlsGetValue(Low) == (PVOID)0x10 && TlsGetValue(High) == (PVOID)0x20, "TlsGetValue");
    SetLastError(0xDEADBEEF);
    Check(TlsGetValue(TLS_INDEXES) == NULL && GetLastError() == ERROR_INVALID_PARAMETER,
          "TlsGetValue(1088): NULL, ERROR_INVALID_PARAMETER");
    SetLastError(0xDEADBEEF);
    Check(!TlsSetValue(TLS_INDEXES, (PVOID)1) && GetLastError() == ERROR_INVALID_PARAMETER,
          "TlsSetValue(1088): ERROR_INVALID_PARAMETER");
    SetLastError(0xDEADBEEF);
    Check(!TlsFree(TLS_INDEXES) && GetLastError() == ERROR_INVALID_PARAMETER,
          "TlsFree(1088): ERROR_INVALID_PARAMETER");
    SetLastError(0xDEADBEEF);
    Check(!TlsFree(TLS_OUT_OF_INDEXES) && GetLastError() == ERROR_INVALID_PARAMETER,
          "TlsFree(TLS_OUT_OF_INDEXES): ERROR_INVALID_PARAMETER");

    /* A new thread: NULL in an expansion slot it never had. */
    DWORD exit_code = 0;
    HANDLE fresh = CreateThread(NULL, 0, Fresh, &High, 0, NULL);
    WaitForSingleObject(fresh, INFINITE);
    GetExitCodeThread(fresh, &exit_code);
    CloseHandle(fresh);
    Check(exit_code == 1, "a new thread reads NULL from an expansion slot, ERROR_SUCCESS");

    /* TlsFree in this thread zeroes the other thread's values. */
    Set = CreateEventA(NULL, TRUE, FALSE, NULL);
    Freed = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE other = CreateThread(NULL, 0, Other, NULL, 0, NULL);
    WaitForSingleObject(Set, INFINITE);
    Check(TlsFree(Low) && TlsFree(High), "TlsFree of both while the other thread holds values");
    SetLastError(0xDEADBEEF);
    Check(!TlsFree(Low) && GetLastError() == ERROR_INVALID_PARAMETER,
          "TlsFree again: ERROR_INVALID_PARAMETER");
    SetLastError(0xDEADBEEF);
    Check(TlsGetValue(Low) == NULL && GetLastError() == ERROR_SUCCESS,
          "TlsGetValue of a freed index: NULL, ERROR_SUCCESS");
    Check(TlsAlloc() == Low && TlsAlloc() == High, "TlsAlloc hands the freed indexes out again");
    Check(TlsGetValue(Low) == NULL && TlsGetValue(High) == NULL, "NULL in this thread");
    SetEvent(Freed);
    WaitForSingleObject(other, INFINITE);
    CloseHandle(other);
    Check(SeenLow == NULL && ErrorLow == ERROR_SUCCESS,
          "NULL in the other thread (a TEB slot), ERROR_SUCCESS");
    Check(SeenHigh == NULL && ErrorHigh == ERROR_SUCCESS,
          "NULL in the other thread (an expansion slot), ERROR_SUCCESS");

    /* Free everything: all of them can be had again. */
    for (DWORD i = 0; i < count; i++) {
        TlsFree(got[i]);
    }
    DWORD again = 0;
    while (TlsAlloc() != TLS_OUT_OF_INDEXES) {
        again++;
    }
    Check(again == count, "after freeing them all, as many again");
    printf("%d failures\n", Failures);
    return Failures;
}
