/*
 * Small exports of msvcrt.dll's that programs built with Visual C++
 * still reach for: _HUGE (HUGE_VAL, which old <math.h> names), __fpecode
 * (the floating-point error a SIGFPE handler is told, per thread),
 * _fileinfo (whether spawned children inherit the descriptors' flags
 * blob: msvcrt's default 0, read but unused here), _seterrormode
 * (SetErrorMode), _set_SSE2_enable (the SSE2 versions of the math
 * functions: the emulated CPU has SSE2, so the answer is the flag), the
 * small-block heap's threshold (_get_sbh_threshold 0: there is no
 * small-block heap; _set_sbh_threshold records up to 1016, msvcrt's
 * largest, rounded up to a multiple of 16 as msvcrt keeps it: 1 is 16,
 * 1000 is 1008 (Wine's msvcrt tests heap.c, test_sbheap) and refuses more) and _callnewh (no new handler is installed
 * through msvcrt here: 0, the allocation failed).
 */
#include "msvcrt/crtfill.h"

double _HUGE = __builtin_huge_val();
int _fileinfo;

int *CDECL __fpecode(void) { return &CrtThreadData()->FpeCode; }
void **CDECL __pxcptinfoptrs(void) { return &CrtThreadData()->ExceptionPointers; }
int *CDECL __p__fileinfo(void) { return &_fileinfo; }
void CDECL _seterrormode(int mode) { SetErrorMode((UINT)mode); }
int CDECL _set_SSE2_enable(int flag) { return flag != 0; }

static size_t SbhThreshold;

size_t CDECL _get_sbh_threshold(void) { return SbhThreshold; }

int CDECL _set_sbh_threshold(size_t threshold)
{
    if (threshold > 1016) {
        return 0;
    }
    SbhThreshold = (threshold + 15) & ~(size_t)15;
    return 1;
}

int CDECL _callnewh(size_t size)
{
    (void)size;
    return 0;
}
