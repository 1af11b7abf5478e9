/*
 * The accessors old runtimes' headers call for msvcrt's data (__p__iob,
 * __p__pctype, __p__pwctype, __p___mb_cur_max: the address of the datum
 * itself), the thread's id and pseudo-handle (__threadid, __threadhandle),
 * __uncaught_exception, and the linear searches _lfind and _lsearch.
 */
#include "msvcrt/crt.h"

extern unsigned short *_pctype;
extern unsigned short *_pwctype;
extern int __mb_cur_max;

FILE *CDECL __p__iob(void)
{
    return __iob_func();
}

unsigned short **CDECL __p__pctype(void)
{
    __pctype_func(); /* the tables are built at their first use */
    return &_pctype;
}

unsigned short **CDECL __p__pwctype(void)
{
    __pwctype_func();
    return &_pwctype;
}

int *CDECL __p___mb_cur_max(void)
{
    return &__mb_cur_max;
}

unsigned long CDECL __threadid(void)
{
    return GetCurrentThreadId();
}

HANDLE CDECL __threadhandle(void)
{
    return GetCurrentThread();
}

/* No C++ exception is ever in flight through this msvcrt (it has no
 * _CxxThrowException): the answer is always FALSE. */
int CDECL __uncaught_exception(void)
{
    return 0;
}

/* _lfind, and when nothing matches the key is appended (the array must
 * have room) and *count grows by one. */
void *CDECL _lsearch(const void *key, void *base, unsigned int *count, unsigned int width,
                     int(CDECL *compare)(const void *, const void *))
{
    void *found = _lfind(key, base, count, width, compare);
    if (found) {
        return found;
    }
    char *slot = (char *)base + (size_t)*count * width;
    const char *from = key;
    for (unsigned int i = 0; i < width; i++) {
        slot[i] = from[i];
    }
    ++*count;
    return slot;
}
