/*
 * What the files added for the rest of msvcrt.dll's exports share (the
 * per-thread block, the wide formatter's entry, the number parsers).
 */
#ifndef NTMM_MSVCRT_CRTFILL_H
#define NTMM_MSVCRT_CRTFILL_H

#include "msvcrt/crt.h"

/* tidata.c: the calling thread's block (never NULL). */
typedef struct CRT_THREAD_DATA {
    char *StrtokNext;        /* strtok's place in its string */
    WCHAR *WcstokNext;       /* wcstok's */
} CRT_THREAD_DATA;
CRT_THREAD_DATA *CrtThreadData(void);

#endif
