/*
 * The rest of msvcrt's small services: _purecall and its handler, _umask,
 * _sleep, _getsystime, the wide time texts (_wctime, _wasctime,
 * _wstrdate, _wstrtime: the narrow ones' text, widened), the stream
 * limit (_getmaxstdio/_setmaxstdio), _set_error_mode and the heap checks
 * (_heapchk, _heapmin, _expand).
 */
#include "msvcrt/crtfill.h"

/* time.c's layout (the C runtime's struct tm). */
struct tm {
    int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
};

/* ---------------------------------------------------------- _purecall */
static PURECALL_HANDLER PurecallHandler;

PURECALL_HANDLER CDECL _set_purecall_handler(PURECALL_HANDLER handler)
{
    return __sync_lock_test_and_set(&PurecallHandler, handler);
}

/* A pure virtual function was called (the vtable slot of an abstract
 * method): the program's handler if it set one, then runtime error R6025
 * and the end of the process, as msvcrt does (Wine's _purecall). */
void CDECL _purecall(void)
{
    PURECALL_HANDLER handler = PurecallHandler;
    if (handler) {
        handler();
    }
    _amsg_exit(25);
}

/* ---------------------------------------------------------- _umask */
int CrtUmask;

/* The permission bits _open and _creat clear from a new file's mode; only
 * _S_IWRITE means anything on Windows (a file without it is read-only). */
int CDECL _umask(int mask)
{
    int old = CrtUmask;
    CrtUmask = mask;
    return old;
}

/* _sleep(0) still gives up the processor: msvcrt sleeps at least 1 ms. */
void CDECL _sleep(unsigned long milliseconds)
{
    Sleep(milliseconds ? milliseconds : 1);
}

/* _getsystime: the local time into *tm (tm_isdst -1: not known), the
 * milliseconds returned. */
unsigned int CDECL _getsystime(struct tm *tm)
{
    static const short DaysBefore[12] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    SYSTEMTIME now;
    GetLocalTime(&now);
    int year = now.wYear;
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    tm->tm_sec = now.wSecond;
    tm->tm_min = now.wMinute;
    tm->tm_hour = now.wHour;
    tm->tm_mday = now.wDay;
    tm->tm_mon = now.wMonth - 1;
    tm->tm_year = year - 1900;
    tm->tm_wday = now.wDayOfWeek;
    tm->tm_yday = DaysBefore[tm->tm_mon] + now.wDay - 1 + (leap && now.wMonth > 2);
    tm->tm_isdst = -1;
    return now.wMilliseconds;
}

/* ---------------------------------------------------------- wide times */
static WCHAR *Widen(const char *text, WCHAR *out)
{
    if (!text) {
        return NULL;
    }
    size_t i = 0;
    do {
        out[i] = (unsigned char)text[i];
    } while (text[i++]);
    return out;
}

static WCHAR WideAscBuffer[32];

WCHAR *CDECL _wasctime(const struct tm *tm) { return Widen(asctime(tm), WideAscBuffer); }
WCHAR *CDECL _wctime(const long *t) { return Widen(ctime(t), WideAscBuffer); }
WCHAR *CDECL _wctime32(const long *t) { return Widen(ctime(t), WideAscBuffer); }
WCHAR *CDECL _wctime64(const LONGLONG *t) { return Widen(_ctime64(t), WideAscBuffer); }

WCHAR *CDECL _wstrdate(WCHAR *out)
{
    char text[9];
    return Widen(_strdate(text), out);
}

WCHAR *CDECL _wstrtime(WCHAR *out)
{
    char text[9];
    return Widen(_strtime(text), out);
}

/* ---------------------------------------------------------- limits */
#define IOB_ENTRIES 20
static int MaxStdio = CRT_MAX_STREAMS;

int CDECL _getmaxstdio(void) { return MaxStdio; }

/* msvcrt accepts 20 up to its table's size; ntmm's table holds 512. */
int CDECL _setmaxstdio(int count)
{
    if (count < IOB_ENTRIES || count > CRT_MAX_STREAMS) {
        return -1;
    }
    MaxStdio = count;
    return count;
}

/* Where runtime errors are reported: the previous mode, or -1 (EINVAL)
 * for an unknown one; _REPORT_ERRMODE (3) only asks. ntmm has no message
 * boxes, so every mode writes to standard error. */
#define REPORT_ERRMODE 3
static int ErrorMode;

int CDECL _set_error_mode(int mode)
{
    int old = ErrorMode;
    if (mode == REPORT_ERRMODE) {
        return old;
    }
    if (mode < 0 || mode > 2) {
        CrtSetErrno(EINVAL, 0);
        return -1;
    }
    ErrorMode = mode;
    return old;
}

/* ---------------------------------------------------------- heap */
#define HEAPOK (-2)
#define HEAPBADNODE (-4)

int CDECL _heapchk(void)
{
    return HeapValidate(CRT_HEAP(), 0, NULL) ? HEAPOK : HEAPBADNODE;
}

int CDECL _heapmin(void)
{
    HeapCompact(CRT_HEAP(), 0);
    return 0;
}

/* _expand: the block grown or shrunk where it is, or NULL (ENOMEM) when
 * it cannot be without moving. */
void *CDECL _expand(void *p, size_t size)
{
    if (!p) {
        CrtSetErrno(EINVAL, 0);
        return NULL;
    }
    void *same = RtlReAllocateHeap(CRT_HEAP(), HEAP_REALLOC_IN_PLACE_ONLY, p, size ? size : 1);
    if (!same) {
        CrtSetErrno(ENOMEM, 0);
    }
    return same;
}
