/*
 * What the files added for the rest of msvcrt.dll's exports share (the
 * per-thread block, the wide formatter's entry, the number parsers).
 */
#ifndef NTMM_MSVCRT_CRTFILL_H
#define NTMM_MSVCRT_CRTFILL_H

#include "msvcrt/crt.h"

/* tidata.c: the calling thread's block (never NULL). */
#define CRT_CVT_BUFFER 350   /* msvcrt's _CVTBUFSIZE: 309 digits and more */
typedef struct CRT_THREAD_DATA {
    int Errno;               /* errno: _errno() points here */
    unsigned long DosErrno;  /* _doserrno: __doserrno() points here */
    char StrerrorText[134];  /* _strerror's result */
    WCHAR WcserrorText[134]; /* _wcserror's and __wcserror's */
    char *StrtokNext;        /* strtok's place in its string */
    WCHAR *WcstokNext;       /* wcstok's */
    unsigned char *MbstokNext;   /* _mbstok's */
    int FpeCode;             /* __fpecode(): the last SIGFPE's code */
    void *ExceptionPointers; /* __pxcptinfoptrs(): the exception a signal handler runs for */
    char CvtBuffer[CRT_CVT_BUFFER];   /* _ecvt's and _fcvt's result */
    unsigned long HoldRand;  /* rand's seed less 1: each thread starts at 1 (a block starts zeroed) */
} CRT_THREAD_DATA;
CRT_THREAD_DATA *CrtThreadData(void);
void CrtFreeThreadData(void);   /* at DLL_THREAD_DETACH */
BOOL CrtInitThreadData(void);   /* at DLL_PROCESS_ATTACH: its TLS slot */

/* crtdata.c: the version and path data exports, filled once. */
void CrtFillData(void);
/* _wenviron: made (start) by the wide environment functions and
 * __wgetmainargs, then kept in step; NULL until then, as msvcrt's. */
void CrtWideEnvironment(int start);
/* wildcard.c: argv with its wildcard arguments expanded (argv itself if none). */
char **CrtExpandWildcards(char **argv, int *argc);

/* miscrt.c: _umask's mask, which lowio.c's _open applies. */
extern int CrtUmask;

#endif
