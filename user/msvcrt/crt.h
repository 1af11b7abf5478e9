/* What the files of msvcrt share. */
#ifndef NTMM_MSVCRT_H
#define NTMM_MSVCRT_H

#include <stdarg.h>

#include "inc/ntguest.h"

#define CDECL __cdecl

/* msvcrt's FILE, 32 bytes, as mingw's <stdio.h> lays it out. */
typedef struct FILE {
    char *_ptr;
    int _cnt;
    char *_base;
    int _flag;
    int _file;
    int _charbuf;
    int _bufsiz;
    char *_tmpfname;
} FILE;

#define _IOREAD  0x0001
#define _IOWRT   0x0002
#define _IONBF   0x0004
#define _IOMYBUF 0x0008
#define _IOEOF   0x0010
#define _IOERR   0x0020
#define _IOSTRG  0x0040
#define EOF (-1)

extern FILE _iob[];
#define crt_stdin  (&_iob[0])
#define crt_stdout (&_iob[1])
#define crt_stderr (&_iob[2])

/* format.c: the printf engine, writing through a sink. */
typedef struct FORMAT_SINK {
    void (*Put)(struct FORMAT_SINK *sink, const char *text, size_t length);
    size_t Count;        /* characters produced (what printf returns) */
    int Failed;
} FORMAT_SINK;
int CrtFormat(FORMAT_SINK *sink, const char *format, va_list args);

/* stdio.c */
int CDECL fflush(FILE *file);
void CrtFlushAll(void);
size_t CDECL fwrite(const void *data, size_t size, size_t count, FILE *file);

/* startup.c */
int *CDECL _errno(void);
void CDECL exit(int code);

/* kernel32, which msvcrt imports. */
__declspec(dllimport) HANDLE WINAPI GetStdHandle(DWORD which);
__declspec(dllimport) BOOL WINAPI WriteFile(HANDLE, const void *, DWORD, DWORD *, PVOID);
__declspec(dllimport) BOOL WINAPI ReadFile(HANDLE, void *, DWORD, DWORD *, PVOID);
__declspec(dllimport) void WINAPI ExitProcess(unsigned int code);
__declspec(dllimport) HANDLE WINAPI GetProcessHeap(void);
__declspec(dllimport) char *WINAPI GetCommandLineA(void);
__declspec(dllimport) DWORD WINAPI GetTickCount(void);

int CDECL _strnicmp(const char *a, const char *b, size_t n);
int CDECL _snprintf(char *buffer, size_t size, const char *format, ...);

#endif
