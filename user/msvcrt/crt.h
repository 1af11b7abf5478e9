/* What the files of msvcrt share. */
#ifndef NTMM_MSVCRT_H
#define NTMM_MSVCRT_H

#include <stdarg.h>

#include "inc/ntguest.h"
#include "msvcrt/win32.h"

#define CDECL __cdecl
typedef int intptr_t;

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
#define _IORW    0x0080
/* msvcrt's private stream flags. */
#define _IOYOURBUF 0x0100 /* the program's buffer (setvbuf) */
#define _IOSETVBUF 0x0400 /* setvbuf chose the buffering */
#define _IOFEOF    0x0800 /* an end of file seen by fread, kept for ftell */
#define _IOFLRTN   0x1000 /* flush when the temporary buffer's call returns */
#define _IOCTRLZ   0x2000 /* the last fill met a Ctrl-Z in text mode */
#define _IOCOMMIT  0x4000 /* fflush also commits to disk ("c") */
#define EOF (-1)
#define BUFSIZ 512
#define CRT_BUFSIZ 4096   /* msvcrt's _INTERNAL_BUFSIZ */
#define CRT_SMALL_BUFSIZ 512
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

/* errno values, as msvcrt numbers them. */
#define EPERM 1
#define ENOENT 2
#define EINTR 4
#define EIO 5
#define E2BIG 7
#define ENOEXEC 8
#define EBADF 9
#define ECHILD 10
#define EAGAIN 11
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define EEXIST 17
#define EXDEV 18
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENFILE 23
#define EMFILE 24
#define ENOTTY 25
#define EFBIG 27
#define ENOSPC 28
#define ESPIPE 29
#define EPIPE 32
#define EDOM 33
#define ERANGE 34
#define EDEADLOCK 36
#define ENOSYS 40
#define ENOTEMPTY 41
#define EILSEQ 42

/* open flags (fcntl.h) */
#define _O_RDONLY 0x0000
#define _O_WRONLY 0x0001
#define _O_RDWR   0x0002
#define _O_ACCMODE 0x0003
#define _O_APPEND 0x0008
#define _O_RANDOM 0x0010
#define _O_SEQUENTIAL 0x0020
#define _O_TEMPORARY 0x0040
#define _O_NOINHERIT 0x0080
#define _O_CREAT  0x0100
#define _O_TRUNC  0x0200
#define _O_EXCL   0x0400
#define _O_SHORT_LIVED 0x1000
#define _O_TEXT   0x4000
#define _O_BINARY 0x8000
#define _SH_DENYRW 0x10
#define _SH_DENYWR 0x20
#define _SH_DENYRD 0x30
#define _SH_DENYNO 0x40
#define _S_IFMT  0xF000
#define _S_IFDIR 0x4000
#define _S_IFCHR 0x2000
#define _S_IFIFO 0x1000
#define _S_IFREG 0x8000
#define _S_IREAD 0x0100
#define _S_IWRITE 0x0080
#define _S_IEXEC 0x0040

extern FILE _iob[];
#define crt_stdin  (&_iob[0])
#define crt_stdout (&_iob[1])
#define crt_stderr (&_iob[2])

/* format.c: the printf engine, writing through a sink. */
typedef struct FORMAT_SINK {
    void (*Put)(struct FORMAT_SINK *sink, const char *text, size_t length);
    size_t Count;        /* characters produced (what printf returns) */
    int Failed;
    /* A wide sink (wprintf's): all the text comes here, Put is unused. */
    void (*PutWide)(struct FORMAT_SINK *sink, const WCHAR *text, size_t length);
} FORMAT_SINK;
int CrtFormat(FORMAT_SINK *sink, const char *format, va_list args);
int CrtFormatWide(FORMAT_SINK *sink, const WCHAR *format, va_list args); /* wprintf's */
/* An infinity's or NaN's "digits" (1#INF, 1#IND, 1#SNAN, 1#QNAN), point after the 1; 0 if finite. */
int CrtSpecialDigits(double value, char *digits, int *point);

/* decimal.c: decimal text to a binary format, correctly rounded. */
typedef struct CRT_FLOAT_FORMAT {
    int Bits;         /* significant bits: 24, 53, 64 */
    int Bias;         /* exponent bias */
    int MaxBiased;    /* the biased exponent of infinity */
    int DecimalMin;   /* a leading digit's power of ten below this is an underflow to report */
} CRT_FLOAT_FORMAT;
typedef struct CRT_FLOAT {
    int Negative;
    int Exponent;          /* biased; 0 subnormal or zero, MaxBiased infinity */
    ULONGLONG Mantissa;    /* Bits bits, the leading one included */
    int DecimalUnderflow;  /* the text's power of ten was below the format's reach */
} CRT_FLOAT;
enum { CRT_FLOAT_OK, CRT_FLOAT_NONE, CRT_FLOAT_OVERFLOW, CRT_FLOAT_UNDERFLOW, CRT_FLOAT_SUBNORMAL };
extern const CRT_FLOAT_FORMAT CrtFloatSingle, CrtFloatDouble, CrtFloatExtended;
int CrtParseFloat(const char *s, const char **end, const CRT_FLOAT_FORMAT *format, CRT_FLOAT *out);
double CrtFloatToDouble(const CRT_FLOAT *f);
/* The command line, narrow or wide, split into argv by the C runtime's
 * rules (startup.c; __getmainargs and __wgetmainargs). */
int CrtSplitCommandLine(const void *line, void **argv, void *out, int wide);
WCHAR **CrtWidenStrings(const char *const *list);   /* ANSI code page; NULL: no memory */
void CrtFreeStrings(WCHAR **list);
/* scanf.c: wscanf's scanner, on a stream or a wide string of at most
 * `length` characters ((size_t)-1: to its terminator). */
int CrtScanWide(FILE *file, const WCHAR *text, size_t length, const WCHAR *format, int secure,
                va_list args);
/* ...and scanf's on narrow input; secure: scanf_s's buffer sizes. */
int CrtScanNarrow(FILE *file, const char *text, size_t length, const char *format, int secure,
                  va_list args);

void CrtFlushAll(void);

/* mbctype.c: the multibyte code page (_setmbcp's), set to the ANSI code
 * page at DLL_PROCESS_ATTACH; whether it has lead bytes. */
void CrtInitMbcs(void);
int CrtMbcsIsDbcs(void);

/* except.c: code of a function with a Visual C++ SEH frame, run with its
 * EBP (the callee-saved registers kept; EAX returned), or jumped to. */
LONG CrtCallWithEbp(PVOID code, ULONG ebp);
__attribute__((noreturn)) void CrtJumpWithEbp(PVOID code, ULONG ebp);

/* startup.c */
extern int _fmode;
#define errno (*_errno())
#define CRT_HEAP() ((PVOID)NtCurrentPeb()->ProcessHeap)

/* errno.c: a Win32 error as errno (msvcrt's _dosmaperr), and the pair set. */
int CrtSetErrno(int value, unsigned long doserror); /* returns -1 */

/* lowio.c: the descriptors. */
#define FOPEN      0x01
#define FEOFLAG    0x02
#define FCRLF      0x04
#define FPIPE      0x08
#define FNOINHERIT 0x10
#define FAPPEND    0x20
#define FDEV       0x40
#define FTEXT      0x80
#define CRT_NHANDLE 2048
int CrtFdFlags(int fd);             /* 0 when fd is not open */
/* lowio.c: the descriptors a spawned child inherits, as lpReserved2 (malloc'd). */
unsigned char *CrtBuildInheritBlock(unsigned short *size);
void CrtInitIo(void);

/* stdio.c */
#define CRT_MAX_STREAMS 512
FILE *CrtGetStream(void);           /* a free FILE, or NULL with EMFILE */
int CrtStreamIndex(const FILE *file);   /* its number (0..511), or -1 */
/* stdlock.c: a stream's lock, held across each call (recursive). */
void CDECL _lock_file(FILE *file);
void CDECL _unlock_file(FILE *file);
int CrtOpenFlags(const char *mode, int *stream_flags); /* -1: bad mode */

#include "msvcrt/crtapi.h"

/* msvcrt.dll's entry point (dllmain.c). */
BOOL WINAPI CrtDllMain(HANDLE module, DWORD reason, PVOID reserved);

#endif
