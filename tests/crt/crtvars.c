/*
 * Small msvcrt.dll exports that programs built with Visual C++ reach for,
 * with msvcrt's answers: _ftol (x87 value to integer, truncated, in
 * EDX:EAX, the control word untouched; out of range the integer
 * indefinite), _HUGE (infinity), the C locale's data (__lc_codepage 0,
 * __lc_collate_cp 0, __lc_handle all 0, __lc_clike 1), __fpecode (the
 * thread's own), the small-block heap threshold (at most 1016, kept
 * rounded up to 16: Wine's msvcrt tests heap.c, test_sbheap, 1000 is 1008),
 * _aligned_malloc with alignment 0 (succeeds: heap.c, test_aligned),
 * _set_SSE2_enable, _seterrormode (SetErrorMode), _callnewh (no handler:
 * 0), _fileinfo (0) and __pxcptinfoptrs (the thread's slot, NULL at first;
 * raise(SIGSEGV) shows its handler NULL there and puts the old value back,
 * raise(SIGABRT) leaves it: Wine's msvcrt tests signal.c), and _wenviron,
 * NULL in a narrow program until a wide environment function runs, then
 * kept in step with _putenv (environ.c, test__wenviron).
 */
#include <float.h>
#include <signal.h>
#include <stdlib.h>
#include <wchar.h>
#include <malloc.h>
#include <stdio.h>
#include <windows.h>

static FARPROC Crt(const char *name) { return GetProcAddress(GetModuleHandleA("msvcrt.dll"), name); }

static long long Ftol(FARPROC ftol, double x)
{
    long long r;
    __asm__ volatile("fldl %1\n\tcall *%2" : "=A"(r) : "m"(x), "r"(ftol) : "ecx", "memory");
    return r;
}

static void **(__cdecl *Pxcptinfoptrs)(void);
static void __cdecl Handler(int sig) { printf("  handler %d sees %p\n", sig, *Pxcptinfoptrs()); }

int main(void)
{
    FARPROC ftol = Crt("_ftol");
    unsigned before = _controlfp(0, 0);
    long long v[5] = {Ftol(ftol, 3.9), Ftol(ftol, -3.9), Ftol(ftol, 0.5), Ftol(ftol, 1e10), Ftol(ftol, 1e30)};
    int kept = _controlfp(0, 0) == before;
    printf("_ftol: %lld %lld %lld %lld 0x%llx, control word kept %d\n", v[0], v[1], v[2], v[3],
           (unsigned long long)v[4], kept);
    double huge = *(double *)Crt("_HUGE");
    printf("_HUGE: %s\n", huge > 1e308 && huge == huge * 2 ? "infinity" : "other");
    int *codepage = (int *)Crt("__lc_codepage"), *collate = (int *)Crt("__lc_collate_cp"), *clike = (int *)Crt("__lc_clike");
    LCID *(__cdecl *handles)(void) = (void *)Crt("___lc_handle_func");
    LCID *h = handles();
    printf("__lc_codepage %d __lc_collate_cp %d __lc_clike %d, __lc_handle %lu %lu %lu %lu %lu %lu, is the export %d\n",
           *codepage, *collate, *clike, h[0], h[1], h[2], h[3], h[4], h[5], h == (LCID *)Crt("__lc_handle"));
    int *(__cdecl *fpecode)(void) = (void *)Crt("__fpecode");
    printf("__fpecode: %d, the same each call %d\n", *fpecode(), fpecode() == fpecode());
    int (__cdecl *set_sbh)(size_t) = (void *)Crt("_set_sbh_threshold");
    size_t (__cdecl *get_sbh)(void) = (void *)Crt("_get_sbh_threshold");
    int big = set_sbh(2000), fits = set_sbh(500);
    printf("_set_sbh_threshold 2000: %d, 500: %d, then _get_sbh_threshold %u\n", big, fits, (unsigned)get_sbh());
    set_sbh(1);
    size_t one = get_sbh();
    set_sbh(1000);
    printf("_set_sbh_threshold 1: %u, 1000: %u\n", (unsigned)one, (unsigned)get_sbh());
    void *aligned = _aligned_malloc(256, 0);
    printf("_aligned_malloc(256, 0): %s\n", aligned ? "a block" : "NULL");
    _aligned_free(aligned);
    int (__cdecl *sse2)(int) = (void *)Crt("_set_SSE2_enable");
    int on = sse2(1), off = sse2(0);
    printf("_set_SSE2_enable(1) %d (0) %d\n", on, off);
    void (__cdecl *seterrormode)(int) = (void *)Crt("_seterrormode");
    seterrormode(SEM_FAILCRITICALERRORS);
    printf("_seterrormode: SetErrorMode then says %u\n", SetErrorMode(0));
    int (__cdecl *callnewh)(size_t) = (void *)Crt("_callnewh");
    int *(__cdecl *fileinfo)(void) = (void *)Crt("__p__fileinfo");
    printf("_callnewh %d, _fileinfo %d is the export %d\n", callnewh(10), *fileinfo(), fileinfo() == (int *)Crt("_fileinfo"));
    Pxcptinfoptrs = (void *)Crt("__pxcptinfoptrs");
    void **slot = Pxcptinfoptrs();
    printf("__pxcptinfoptrs: %p at first\n", *slot);
    *slot = (void *)0xdeadbeef;
    signal(SIGSEGV, Handler);
    raise(SIGSEGV);
    signal(SIGABRT, Handler);
    raise(SIGABRT);
    printf("  after: %p\n", *slot);

    wchar_t ***(__cdecl *p_wenviron)(void) = (void *)Crt("__p__wenviron");
    wchar_t ***data = (void *)Crt("_wenviron");
    _putenv("CRTVARS=1");
    printf("_wenviron after _putenv: %s, through __p__wenviron: %s\n", *data ? "set" : "NULL",
           *p_wenviron() ? "set" : "NULL");
    _wgetenv(L"PATH");
    _putenv("CRTVARS_LATER=2");
    int seen = 0;
    for (wchar_t **e = *data; e && *e; e++) {
        seen |= !wcscmp(*e, L"CRTVARS_LATER=2");
    }
    printf("_wenviron after _wgetenv: %s, has what _putenv set since: %d\n", *data ? "set" : "NULL", seen);
    return 0;
}
