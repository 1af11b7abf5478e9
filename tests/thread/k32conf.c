/*
 * kernel32's thread, synchronization and file answers that Wine 8.0's
 * conformance tests state for Windows (the file and line of each is
 * given), one check a line:
 *  - a user APC to a thread that has ended fails: NtQueueApcThread says
 *    STATUS_UNSUCCESSFUL and QueueUserAPC ERROR_GEN_FAILURE
 *    (kernel32/tests/sync.c:2790-2797);
 *  - NtQueueApcThread with a NULL routine succeeds and queues nothing, so
 *    an alertable wait is not ended by it (sync.c:2811-2814);
 *  - GetThreadSelectorEntry gives the GDT's descriptors: cs: and ds: flat
 *    4 GiB ring-3 segments, fs: the thread's TEB (limit 0xFFF, bytes), the
 *    null selector an empty one; an LDT selector fails with
 *    ERROR_INVALID_THREAD_ID (no process has an LDT), one past the GDT
 *    with ERROR_NOACCESS (thread.c:1205-1289, the 32-bit answers);
 *  - GetThreadContext(CONTEXT_DEBUG_REGISTERS) of a thread nobody set a
 *    hardware breakpoint in: Dr0-Dr7 clear (thread.c:1186-1198);
 *  - SetThreadIdealProcessor returns the previous ideal processor, and -1
 *    with ERROR_INVALID_PARAMETER past MAXIMUM_PROCESSORS
 *    (thread.c:900-924);
 *  - lstrcpyW copies and returns the destination (thread.c:2450);
 *  - opening a named object checks the rights asked for against the
 *    object's default security: none at all, or a right the type does
 *    not have, is ERROR_ACCESS_DENIED, ACCESS_SYSTEM_SECURITY is
 *    ERROR_PRIVILEGE_NOT_HELD; a handle without SYNCHRONIZE cannot be
 *    waited on (WAIT_FAILED, ERROR_ACCESS_DENIED); OpenMutex without a
 *    name is ERROR_INVALID_PARAMETER (sync.c:249-325);
 *  - RtlInterlockedPushListSListEx pushes a linked chain as one, adding
 *    its count to the depth (sync.c:401-470);
 *  - InitOnce keeps Windows' states in the once's low bits (1 a synchronous
 *    initialization, 3 asynchronous ones, 2 done with the context above),
 *    refuses mixing the two kinds and a failed completion with a context
 *    (ERROR_INVALID_PARAMETER), and InitOnceExecuteOnce hands the routine
 *    the caller's own context pointer (sync.c:1400-1630);
 *  - a critical section's DebugInfo is -1 after initializing, NULL after
 *    deleting (sync.c:2718-2752);
 *  - a timed wait on the caller's own process times out; WaitForMultiple-
 *    Objects takes no pseudo-handle (ERROR_INVALID_HANDLE) (sync.c:1298-1390);
 *  - lstrlenA of an unreadable pointer is 0 (thread.c:433); SuspendThread
 *    of an ended thread is ERROR_ACCESS_DENIED (thread.c:603);
 *    SetThreadPriority needs THREAD_SET_LIMITED_INFORMATION (thread.c:697);
 *    a WT_EXECUTEINWAITTHREAD callback may UnregisterWait its own wait
 *    (thread.c:1390);
 *  - atoms: AddAtom(MAKEINTATOM(0)) is 0 with the last error untouched; a
 *    local integer atom's name that does not fit is 0 with
 *    ERROR_INSUFFICIENT_BUFFER, a local string atom's is cut; the global
 *    ANSI name cut to fit answers 0 with ERROR_MORE_DATA, the global
 *    UTF-16 one fills the buffer without a terminator (atom.c:105-271);
 *  - FormatMessage turns each line break of the template (CR LF, LF, CR)
 *    into CR LF; with IGNORE_INSERTS %% %. %! and %space stay as written;
 *    an empty result is 0 with ERROR_NO_WORK_DONE and a template ending
 *    in '%' is ERROR_INVALID_PARAMETER, the buffer untouched either way
 *    (format_msg.c:355-382, 534-552, 672-702); a width wraps lines at
 *    their last space, dropping the spaces there, or after the width in
 *    a word longer than a line, the template's line breaks being spaces
 *    (format_msg.c:819-1000); an ANSI result of 32767 characters or more
 *    is ERROR_INVALID_PARAMETER (format_msg.c:1064-1112); naming no
 *    source is ERROR_INVALID_PARAMETER, an allocated buffer's pointer
 *    being NULL on failure (format_msg.c:1548-1565);
 *  - a time zone without transition dates has no standard or daylight
 *    bias (time.c:322-343); GetSystemTimePreciseAsFileTime steps by less
 *    than 1 ms (time.c:820-827);
 *  - NtQuerySystemTime is GetSystemTimeAsFileTime's clock (time.c:790);
 *  - NtCreateEvent of an unknown type is STATUS_INVALID_PARAMETER;
 *    NtQueryEvent, NtQuerySemaphore and NtQueryMutant give the basic
 *    information (type and state; count and limit; count, owned by the
 *    caller, abandoned), STATUS_INVALID_INFO_CLASS for another class,
 *    STATUS_INFO_LENGTH_MISMATCH for another length (ntdll sync.c:76-490);
 *  - the 16-bit file calls: _lcreat makes a file (keeping only read-only,
 *    hidden and system), _hwrite and _lread move bytes, _llseek moves the
 *    pointer, _hwrite of nothing ends the file there (file.c:120-500).
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#include "../guesttest.h"

typedef LONG(NTAPI *QUEUE_APC)(HANDLE, void *, ULONG_PTR, ULONG_PTR, ULONG_PTR);

static int apc_count;

static void CALLBACK CountApc(ULONG_PTR data)
{
    (void)data;
    apc_count++;
}

static DWORD WINAPI SleepForever(void *parameter)
{
    (void)parameter;
    Sleep(INFINITE);
    return 0;
}

/* NtSuspendThread without PreviousSuspendCount still suspends: Wine's
 * ntdll exception.c:8960-8972 counts 1 after it and 2 after another. */
typedef LONG(WINAPI *SUSPEND_RESUME)(HANDLE thread, ULONG *previous);

static void SuspendWithoutCount(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    SUSPEND_RESUME suspend = (SUSPEND_RESUME)(void *)GetProcAddress(ntdll, "NtSuspendThread");
    SUSPEND_RESUME resume = (SUSPEND_RESUME)(void *)GetProcAddress(ntdll, "NtResumeThread");
    HANDLE thread = CreateThread(NULL, 0, SleepForever, NULL, 0, NULL);
    ULONG count = 99;
    Check(suspend(thread, NULL) == 0, "NtSuspendThread(thread, NULL): success");
    Check(suspend(thread, &count) == 0 && count == 1, "the NULL-count suspension counted: 1");
    Check(resume(thread, &count) == 0 && count == 2, "NtResumeThread: previous count 2");
    Check(resume(thread, NULL) == 0 && resume(thread, &count) == 0 && count == 0,
          "resumed by a NULL-count resume: 0 left");
    TerminateThread(thread, 0);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
}

static void Apcs(void)
{
    QUEUE_APC queue = (QUEUE_APC)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                                      "NtQueueApcThread");
    HANDLE thread = CreateThread(NULL, 0, SleepForever, NULL, CREATE_SUSPENDED, NULL);
    TerminateThread(thread, 7);
    WaitForSingleObject(thread, INFINITE);
    Check(queue(thread, (void *)CountApc, 0, 0, 0) == (LONG)0xC0000001,
          "NtQueueApcThread to an ended thread: STATUS_UNSUCCESSFUL");
    SetLastError(0xDEADBEEF);
    Check(!QueueUserAPC(CountApc, thread, 0) && GetLastError() == ERROR_GEN_FAILURE,
          "QueueUserAPC to an ended thread: FALSE, ERROR_GEN_FAILURE");
    CloseHandle(thread);

    Check(queue(GetCurrentThread(), NULL, 0, 0, 0) == 0, "NtQueueApcThread(NULL routine): success");
    Check(SleepEx(10, TRUE) == 0, "an alertable sleep after it times out (nothing queued)");
    Check(QueueUserAPC(CountApc, GetCurrentThread(), 0) && SleepEx(10, TRUE) == WAIT_IO_COMPLETION &&
              apc_count == 1,
          "a real APC still ends the next alertable sleep");
}

static DWORD Limit(const LDT_ENTRY *e)
{
    return (DWORD)e->HighWord.Bits.LimitHi << 16 | e->LimitLow;
}

static DWORD Base(const LDT_ENTRY *e)
{
    return (DWORD)e->HighWord.Bits.BaseHi << 24 | (DWORD)e->HighWord.Bits.BaseMid << 16 | e->BaseLow;
}

/* The TEB's own address, fs:[0x18] (NtCurrentTeb). */
static DWORD Teb(void)
{
    DWORD teb;
    __asm__("movl %%fs:0x18, %0" : "=r"(teb));
    return teb;
}

static void Selectors(void)
{
    CONTEXT context;
    memset(&context, 0, sizeof context);
    context.ContextFlags = CONTEXT_SEGMENTS | CONTEXT_CONTROL;
    GetThreadContext(GetCurrentThread(), &context);
    CONTEXT debug;
    memset(&debug, 0xCC, sizeof debug);
    debug.ContextFlags = CONTEXT_DEBUG_REGISTERS;
    Check(GetThreadContext(GetCurrentThread(), &debug) && !debug.Dr0 && !debug.Dr1 && !debug.Dr2 &&
              !debug.Dr3 && !debug.Dr6 && !debug.Dr7,
          "CONTEXT_DEBUG_REGISTERS: all clear");
    LDT_ENTRY e;
    Check(GetThreadSelectorEntry(GetCurrentThread(), context.SegCs, &e) && Base(&e) == 0 &&
              Limit(&e) == 0xFFFFF && (e.HighWord.Bits.Type & ~1u) == 0x1A &&
              e.HighWord.Bits.Dpl == 3 && e.HighWord.Bits.Pres && e.HighWord.Bits.Default_Big &&
              e.HighWord.Bits.Granularity,
          "cs: flat 4 GiB ring-3 code");
    Check(GetThreadSelectorEntry(GetCurrentThread(), context.SegDs, &e) && Base(&e) == 0 &&
              Limit(&e) == 0xFFFFF && (e.HighWord.Bits.Type & ~1u) == 0x12 &&
              e.HighWord.Bits.Granularity,
          "ds: flat 4 GiB ring-3 data");
    Check(GetThreadSelectorEntry(GetCurrentThread(), context.SegFs, &e) &&
              Base(&e) == Teb() && Limit(&e) == 0xFFF &&
              (e.HighWord.Bits.Type & ~1u) == 0x12 && e.HighWord.Bits.Dpl == 3 &&
              !e.HighWord.Bits.Granularity && e.HighWord.Bits.Default_Big,
          "fs: the TEB, limit 0xFFF in bytes");
    Check(GetThreadSelectorEntry(GetCurrentThread(), 0, &e) &&
              GetThreadSelectorEntry(GetCurrentThread(), 3, &e),
          "the null selector: success");
    SetLastError(0xDEADBEEF);
    Check(!GetThreadSelectorEntry(GetCurrentThread(), 0xDEADBEEF, &e) &&
              GetLastError() == ERROR_INVALID_THREAD_ID,
          "an LDT selector: FALSE, ERROR_INVALID_THREAD_ID");
    SetLastError(0xDEADBEEF);
    Check(!GetThreadSelectorEntry(GetCurrentThread(), context.SegDs + 0x100, &e) &&
              GetLastError() == ERROR_NOACCESS,
          "a selector past the GDT: FALSE, ERROR_NOACCESS");
}

static void IdealProcessor(void)
{
    Check(SetThreadIdealProcessor(GetCurrentThread(), 0) == 0, "SetThreadIdealProcessor(0): was 0");
    Check(SetThreadIdealProcessor(GetCurrentThread(), MAXIMUM_PROCESSORS) == 0,
          "MAXIMUM_PROCESSORS asks: 0");
    SetLastError(0xDEADBEEF);
    Check(SetThreadIdealProcessor(GetCurrentThread(), MAXIMUM_PROCESSORS + 1) == ~0u &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "past MAXIMUM_PROCESSORS: -1, ERROR_INVALID_PARAMETER");
}

static void Opens(void)
{
    HANDLE mutex = CreateMutexA(NULL, FALSE, "k32conf mutex");
    SetLastError(0xDEADBEEF);
    Check(!OpenMutexA(0, FALSE, "k32conf mutex") && GetLastError() == ERROR_ACCESS_DENIED,
          "OpenMutex asking no right: ERROR_ACCESS_DENIED");
    SetLastError(0xDEADBEEF);
    Check(!OpenMutexA(0x0002, FALSE, "k32conf mutex") && GetLastError() == ERROR_ACCESS_DENIED,
          "a right mutants lack: ERROR_ACCESS_DENIED");
    SetLastError(0xDEADBEEF);
    Check(!OpenMutexA(ACCESS_SYSTEM_SECURITY, FALSE, "k32conf mutex") &&
              GetLastError() == ERROR_PRIVILEGE_NOT_HELD,
          "ACCESS_SYSTEM_SECURITY: ERROR_PRIVILEGE_NOT_HELD");
    HANDLE opened = OpenMutexA(MAXIMUM_ALLOWED, FALSE, "k32conf mutex");
    Check(opened != NULL, "MAXIMUM_ALLOWED opens");
    CloseHandle(opened);
    opened = OpenMutexA(GENERIC_READ | GENERIC_WRITE, FALSE, "k32conf mutex");
    SetLastError(0xDEADBEEF);
    Check(opened && WaitForSingleObject(opened, 0) == WAIT_FAILED &&
              GetLastError() == ERROR_ACCESS_DENIED,
          "no SYNCHRONIZE: WAIT_FAILED, ERROR_ACCESS_DENIED");
    CloseHandle(opened);
    opened = OpenMutexA(GENERIC_EXECUTE, FALSE, "k32conf mutex");
    Check(opened && WaitForSingleObject(opened, 0) == WAIT_OBJECT_0 && ReleaseMutex(opened),
          "GENERIC_EXECUTE has SYNCHRONIZE: the wait succeeds");
    CloseHandle(opened);
    SetLastError(0xDEADBEEF);
    Check(!OpenMutexA(READ_CONTROL, FALSE, NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
          "OpenMutex(NULL name): ERROR_INVALID_PARAMETER");
    CloseHandle(mutex);
}

typedef PSLIST_ENTRY(NTAPI *PUSH_LIST)(PSLIST_HEADER, PSLIST_ENTRY, PSLIST_ENTRY, ULONG);

static void SLists(void)
{
    PUSH_LIST push = (PUSH_LIST)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                                     "RtlInterlockedPushListSListEx");
    static SLIST_HEADER head __attribute__((aligned(8)));
    SLIST_ENTRY one, two, three;
    InitializeSListHead(&head);
    InterlockedPushEntrySList(&head, &three);
    two.Next = &one;
    Check(push && push(&head, &two, &one, 42) == &three && QueryDepthSList(&head) == 43,
          "RtlInterlockedPushListSListEx: the old first back, depth 1 + 42");
    Check(InterlockedPopEntrySList(&head) == &two && InterlockedPopEntrySList(&head) == &one &&
              InterlockedPopEntrySList(&head) == &three && QueryDepthSList(&head) == 40,
          "popped in order: the chain, then the old entry");
}

static void OldFiles(void)
{
    char path[MAX_PATH];
    GetTempPathA(MAX_PATH, path);
    strcat(path, "k32conf.tmp");
    HFILE file = _lcreat(path, 8 /* a volume label: not kept */);
    Check(file != HFILE_ERROR && _hwrite(file, "hello world", 11) == 11, "_lcreat, _hwrite");
    Check(_llseek(file, 6, FILE_BEGIN) == 6, "_llseek to 6");
    char buffer[16] = {0};
    Check(_lread(file, buffer, sizeof buffer) == 5 && !memcmp(buffer, "world", 5), "_lread: the rest");
    Check(_llseek(file, 5, FILE_BEGIN) == 5 && _hwrite(file, "", 0) == 0 &&
              GetFileSize((HANDLE)(ULONG_PTR)file, NULL) == 5,
          "_hwrite of nothing ends the file at its pointer");
    Check(_lclose(file) == 0, "_lclose");
    Check(GetFileAttributesA(path) == FILE_ATTRIBUTE_ARCHIVE, "an ordinary file, not a label");
    file = _lopen(path, OF_READ);
    Check(file != HFILE_ERROR && _hwrite(file, "x", 1) == HFILE_ERROR, "_lopen(OF_READ): no writing");
    _lclose(file);
    DeleteFileA(path);
}

static BOOL CALLBACK OnceRoutine(INIT_ONCE *once, void *parameter, void **context)
{
    (void)once;
    (void)parameter;
    return *context == (void *)0xFFFFFFF0; /* the caller's value, seen */
}

static void InitOnces(void)
{
    INIT_ONCE once;
    BOOL pending = FALSE;
    void *context = NULL;
    InitOnceInitialize(&once);
    Check(InitOnceBeginInitialize(&once, INIT_ONCE_ASYNC, &pending, &context) && pending &&
              once.Ptr == (void *)3,
          "an asynchronous begin: pending, state 3");
    SetLastError(0xDEADBEEF);
    Check(!InitOnceBeginInitialize(&once, 0, &pending, &context) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "a synchronous begin on it: ERROR_INVALID_PARAMETER");
    Check(InitOnceComplete(&once, INIT_ONCE_ASYNC, (void *)0xDEADBEE0) &&
              once.Ptr == (void *)0xDEADBEE2,
          "completed: the context with state 2");
    InitOnceInitialize(&once);
    Check(InitOnceBeginInitialize(&once, 0, &pending, &context) && once.Ptr == (void *)1,
          "a synchronous begin: state 1");
    SetLastError(0xDEADBEEF);
    Check(!InitOnceComplete(&once, INIT_ONCE_INIT_FAILED, (void *)0xDEADBEE0) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "failed with a context: ERROR_INVALID_PARAMETER");
    SetLastError(0xDEADBEEF);
    Check(!InitOnceComplete(&once, INIT_ONCE_ASYNC, NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
          "an asynchronous completion of it: ERROR_INVALID_PARAMETER");
    Check(InitOnceComplete(&once, INIT_ONCE_INIT_FAILED, NULL) && once.Ptr == NULL,
          "failed: not begun again");
    context = (void *)0xFFFFFFF0;
    Check(InitOnceExecuteOnce(&once, OnceRoutine, NULL, &context) && once.Ptr == (void *)0xFFFFFFF2,
          "InitOnceExecuteOnce: the routine gets the caller's context pointer");

    CRITICAL_SECTION cs;
    memset(&cs, 0, sizeof cs);
    InitializeCriticalSection(&cs);
    Check(cs.DebugInfo == (void *)-1, "a critical section's DebugInfo: -1");
    DeleteCriticalSection(&cs);
    Check(cs.DebugInfo == NULL, "deleted: NULL");
}

static HANDLE own_wait;
static HANDLE own_done;
static BOOL own_unregistered;

static void CALLBACK UnregisterOwn(void *context, BOOLEAN timed_out)
{
    (void)context;
    (void)timed_out;
    own_unregistered = UnregisterWait(own_wait);
    SetEvent(own_done);
}

static void Waits(void)
{
    Check(WaitForSingleObject(GetCurrentProcess(), 10) == WAIT_TIMEOUT,
          "a timed wait on the own process: WAIT_TIMEOUT");
    HANDLE pseudo = GetCurrentThread();
    SetLastError(0xDEADBEEF);
    Check(WaitForMultipleObjects(1, &pseudo, FALSE, 10) == WAIT_FAILED &&
              GetLastError() == ERROR_INVALID_HANDLE,
          "WaitForMultipleObjects(a pseudo-handle): ERROR_INVALID_HANDLE");
    Check(lstrlenA((const char *)0xDEADBEEF) == 0, "lstrlenA(an unreadable pointer): 0");

    HANDLE thread = CreateThread(NULL, 0, SleepForever, NULL, 0, NULL);
    TerminateThread(thread, 1);
    WaitForSingleObject(thread, INFINITE);
    SetLastError(0xDEADBEEF);
    Check(SuspendThread(thread) == ~0u && GetLastError() == ERROR_ACCESS_DENIED,
          "SuspendThread of an ended thread: ERROR_ACCESS_DENIED");
    CloseHandle(thread);
    HANDLE limited = OpenThread(SYNCHRONIZE | THREAD_QUERY_LIMITED_INFORMATION, FALSE,
                                GetCurrentThreadId());
    SetLastError(0xDEADBEEF);
    Check(!SetThreadPriority(limited, 1) && GetLastError() == ERROR_ACCESS_DENIED,
          "SetThreadPriority without THREAD_SET_LIMITED_INFORMATION: ERROR_ACCESS_DENIED");
    CloseHandle(limited);

    HANDLE event = CreateEventA(NULL, FALSE, TRUE, NULL);
    own_done = CreateEventA(NULL, FALSE, FALSE, NULL);
    RegisterWaitForSingleObject(&own_wait, event, UnregisterOwn, NULL, INFINITE,
                                WT_EXECUTEONLYONCE | WT_EXECUTEINWAITTHREAD);
    WaitForSingleObject(own_done, INFINITE);
    Check(own_unregistered, "UnregisterWait of its own wait from the wait thread: TRUE");
    CloseHandle(event);
    CloseHandle(own_done);
}

static void Atoms(void)
{
    SetLastError(0xDEADBEEF);
    Check(AddAtomA(NULL) == 0 && GetLastError() == 0xDEADBEEF,
          "AddAtom(MAKEINTATOM(0)): 0, the last error untouched");
    char buf[10];
    SetLastError(0xDEADBEEF);
    Check(GetAtomNameA(1234, buf, 3) == 0 && GetLastError() == ERROR_INSUFFICIENT_BUFFER,
          "a local integer atom's name that does not fit: ERROR_INSUFFICIENT_BUFFER");
    ATOM local = AddAtomA("k32conf atom");
    Check(GetAtomNameA(local, buf, 4) == 3 && !strcmp(buf, "k32"), "a local string atom's name: cut");
    ATOM global = GlobalAddAtomA("foobar");
    memset(buf, '.', sizeof buf);
    SetLastError(0xDEADBEEF);
    Check(GlobalGetAtomNameA(global, buf, 6) == 0 && GetLastError() == ERROR_MORE_DATA &&
              !memcmp(buf, "fooba\0....", 10),
          "a global ANSI name cut: 0, ERROR_MORE_DATA, terminated");
    WCHAR wide[10];
    for (int i = 0; i < 10; i++) wide[i] = '.';
    Check(GlobalGetAtomNameW(global, wide, 6) == 6 && !memcmp(wide, L"foobar....", 10 * sizeof(WCHAR)),
          "a global UTF-16 name filling the buffer: 6, no terminator");
    DeleteAtom(local);
    GlobalDeleteAtom(global);
}

static void Messages(void)
{
    char out[64];
    Check(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "a\nb\rc\r\n", 0, 0, out, sizeof out, NULL) == 9 &&
              !strcmp(out, "a\r\nb\r\nc\r\n"),
          "FormatMessage: LF, CR and CR LF come out as CR LF");
    Check(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_IGNORE_INSERTS, "%%% %.%!%n", 0, 0,
                         out, sizeof out, NULL) == 10 &&
              !strcmp(out, "%%% %.%!\r\n"),
          "IGNORE_INSERTS: %% %space %. %! as written, %n a line break");
    memcpy(out, "untouched", 10);
    SetLastError(0xDEADBEEF);
    Check(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "", 0, 0, out, sizeof out, NULL) == 0 &&
              GetLastError() == 235 /* ERROR_NO_WORK_DONE */ && !strcmp(out, "untouched"),
          "an empty result: 0, ERROR_NO_WORK_DONE, the buffer untouched");
    SetLastError(0xDEADBEEF);
    Check(FormatMessageA(FORMAT_MESSAGE_FROM_STRING, "test%", 0, 0, out, sizeof out, NULL) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER && !strcmp(out, "untouched"),
          "a template ending in '%': ERROR_INVALID_PARAMETER, the buffer untouched");

    Check(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | 12, "short long    wordlongerthanaline", 0, 0,
                         out, sizeof out, NULL) == 35 &&
              !strcmp(out, "short long\r\n\r\nwordlongerth\r\nanaline"),
          "width 12: wrapped at spaces, then inside the long word");
    Check(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | 11, "short\nlong line", 0, 0, out, sizeof out,
                         NULL) == 16 &&
              !strcmp(out, "short long\r\nline"),
          "width 11: the template's LF is a space");
    static char big[32800];
    memset(big, 'A', 32767);
    big[32767] = 0;
    char *allocated = (char *)1;
    SetLastError(0xDEADBEEF);
    Check(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ALLOCATE_BUFFER, big, 0, 0,
                         (char *)&allocated, 0, NULL) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER && allocated == NULL,
          "an ANSI result of 32767 characters: ERROR_INVALID_PARAMETER, the pointer NULL");
    big[32766] = 0;
    Check(FormatMessageA(FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_ALLOCATE_BUFFER, big, 0, 0,
                         (char *)&allocated, 0, NULL) == 32766,
          "32766 characters: given");
    LocalFree(allocated);
    memcpy(out, "untouched", 10);
    SetLastError(0xDEADBEEF);
    Check(FormatMessageA(0, "test", 0, 0, out, sizeof out, NULL) == 0 &&
              GetLastError() == ERROR_INVALID_PARAMETER && !strcmp(out, "untouched"),
          "no source named: ERROR_INVALID_PARAMETER");

    TIME_ZONE_INFORMATION zone;
    memset(&zone, 0, sizeof zone);
    zone.Bias = -60;
    zone.StandardBias = -123;
    zone.DaylightBias = 456;
    SYSTEMTIME utc = {2024, 1, 0, 15, 12, 0, 0, 0}, local;
    Check(SystemTimeToTzSpecificLocalTime(&zone, &utc, &local) && local.wHour == 13 &&
              local.wMinute == 0,
          "a zone without transitions: its Bias alone");
    FILETIME first, next;
    GetSystemTimePreciseAsFileTime(&first);
    do {
        GetSystemTimePreciseAsFileTime(&next);
    } while (next.dwLowDateTime == first.dwLowDateTime);
    Check(next.dwLowDateTime - first.dwLowDateTime < 10000,
          "GetSystemTimePreciseAsFileTime: steps under 1 ms");

    typedef LONG(NTAPI * QUERY_TIME)(LARGE_INTEGER *);
    QUERY_TIME query = (QUERY_TIME)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                                        "NtQuerySystemTime");
    FILETIME before;
    LARGE_INTEGER now;
    GetSystemTimeAsFileTime(&before);
    Check(query && query(&now) == 0, "NtQuerySystemTime: success");
    ULONGLONG b = (ULONGLONG)before.dwHighDateTime << 32 | before.dwLowDateTime;
    Check((ULONGLONG)now.QuadPart >= b && (ULONGLONG)now.QuadPart - b < 10000000,
          "GetSystemTimeAsFileTime's clock, read a moment later");
}

typedef LONG(NTAPI *QUERY_OBJECT)(HANDLE, ULONG, void *, ULONG, ULONG *);
typedef LONG(NTAPI *CREATE_EVENT)(HANDLE *, ULONG, void *, ULONG, BOOLEAN);

static QUERY_OBJECT NtQuery(const char *name)
{
    return (QUERY_OBJECT)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), name);
}

static void Queries(void)
{
    CREATE_EVENT create = (CREATE_EVENT)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                                             "NtCreateEvent");
    HANDLE h;
    Check(create(&h, EVENT_ALL_ACCESS, NULL, 2, FALSE) == (LONG)0xC000000D,
          "NtCreateEvent(type 2): STATUS_INVALID_PARAMETER");
    QUERY_OBJECT query_event = NtQuery("NtQueryEvent");
    QUERY_OBJECT query_semaphore = NtQuery("NtQuerySemaphore");
    QUERY_OBJECT query_mutant = NtQuery("NtQueryMutant");
    LONG info[2] = {-1, -1};
    ULONG length = 0;
    HANDLE event = CreateEventA(NULL, FALSE, TRUE, NULL);
    Check(query_event && query_event(event, 0, info, sizeof info, &length) == 0 && info[0] == 1 &&
              info[1] == 1 && length == 8,
          "NtQueryEvent: a synchronization event, signaled");
    Check(query_event(event, 0x42, info, sizeof info, NULL) == (LONG)0xC0000003,
          "another class: STATUS_INVALID_INFO_CLASS");
    Check(query_event(event, 0, info, 4, NULL) == (LONG)0xC0000004,
          "another length: STATUS_INFO_LENGTH_MISMATCH");
    CloseHandle(event);
    HANDLE semaphore = CreateSemaphoreA(NULL, 2, 5, NULL);
    Check(query_semaphore && query_semaphore(semaphore, 0, info, sizeof info, NULL) == 0 &&
              info[0] == 2 && info[1] == 5,
          "NtQuerySemaphore: count 2, limit 5");
    CloseHandle(semaphore);
    HANDLE mutant = CreateMutexA(NULL, TRUE, NULL);
    WaitForSingleObject(mutant, 0);
    Check(query_mutant && query_mutant(mutant, 0, info, sizeof info, NULL) == 0 && info[0] == -1 &&
              (info[1] & 0xFFFF) == 1,
          "NtQueryMutant: owned twice by the caller (-1), not abandoned");
    Check(query_mutant((HANDLE)0xDEADBEEF, 0, info, sizeof info, NULL) == (LONG)0xC0000008,
          "a bad handle: STATUS_INVALID_HANDLE");
    ReleaseMutex(mutant);
    ReleaseMutex(mutant);
    CloseHandle(mutant);
}

int main(void)
{
    Apcs();
    SuspendWithoutCount();
    Queries();
    Atoms();
    Messages();
    InitOnces();
    Waits();
    Opens();
    SLists();
    OldFiles();
    Selectors();
    IdealProcessor();
    WCHAR copy[8];
    Check(lstrcpyW(copy, L"desc") == copy && !wcscmp(copy, L"desc"), "lstrcpyW");
    printf("%d failures\n", Failures);
    return Failures;
}
