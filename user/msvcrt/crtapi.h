/*
 * msvcrt's exports, as the C runtime's headers declare them, grouped by
 * the file of user/msvcrt that defines them: the one declaration each
 * definition is checked against (-Wmissing-prototypes). The data exports
 * (_iob, _fmode, ...) and the assembly ones (_setjmp, the _CI* math) are
 * declared where they are used.
 */
#ifndef NTMM_MSVCRT_CRTAPI_H
#define NTMM_MSVCRT_CRTAPI_H

/* dir.c */
typedef struct { unsigned attrib; long time_create, time_access, time_write; unsigned long size; char name[260]; } FINDDATA32;
typedef struct { unsigned attrib; long time_create, time_access, time_write; LONGLONG size; char name[260]; } FINDDATA32I64;
typedef struct { unsigned attrib; LONGLONG time_create, time_access, time_write; LONGLONG size; char name[260]; } FINDDATA64;
typedef struct { unsigned attrib; LONGLONG time_create, time_access, time_write; unsigned long size; char name[260]; } FINDDATA64I32;

int CDECL _mkdir(const char *path);
int CDECL _wmkdir(const WCHAR *path);
int CDECL _rmdir(const char *path);
int CDECL _wrmdir(const WCHAR *path);
int CDECL _chdir(const char *path);
int CDECL _wchdir(const WCHAR *path);
char *CDECL _getcwd(char *buffer, int size);
WCHAR *CDECL _wgetcwd(WCHAR *buffer, int size);
int CDECL _chmod(const char *path, int mode);
int CDECL _wchmod(const WCHAR *path, int mode);
char *CDECL _fullpath(char *out, const char *path, size_t size);
int CDECL _findclose(intptr_t handle);
intptr_t CDECL _findfirst(const char *pattern, FINDDATA32 *out);
int CDECL _findnext(intptr_t handle, FINDDATA32 *out);
intptr_t CDECL _findfirsti64(const char *pattern, FINDDATA32I64 *out);
int CDECL _findnexti64(intptr_t handle, FINDDATA32I64 *out);
intptr_t CDECL _findfirst64(const char *pattern, FINDDATA64 *out);
int CDECL _findnext64(intptr_t handle, FINDDATA64 *out);
intptr_t CDECL _findfirst64i32(const char *pattern, FINDDATA64I32 *out);
int CDECL _findnext64i32(intptr_t handle, FINDDATA64I32 *out);

/* errno.c */
int *CDECL _errno(void);
unsigned long *CDECL __doserrno(void);
void CDECL _dosmaperr(unsigned long error);
int *CDECL __sys_nerr(void);
char **CDECL __sys_errlist(void);
char *CDECL strerror(int error);
char *CDECL _strerror(const char *prefix);
void CDECL perror(const char *prefix);

/* locale.c */
typedef struct LCONV {
    char *decimal_point, *thousands_sep, *grouping, *int_curr_symbol, *currency_symbol;
    char *mon_decimal_point, *mon_thousands_sep, *mon_grouping, *positive_sign, *negative_sign;
    char int_frac_digits, frac_digits, p_cs_precedes, p_sep_by_space, n_cs_precedes;
    char n_sep_by_space, p_sign_posn, n_sign_posn;
} LCONV;
unsigned short *CDECL __pctype_func(void);
unsigned short *CDECL __pwctype_func(void);
int CDECL ___mb_cur_max_func(void);
int CDECL _isctype(int c, int mask);
int CDECL isalpha(int c);
int CDECL isupper(int c);
int CDECL islower(int c);
int CDECL isdigit(int c);
int CDECL isxdigit(int c);
int CDECL isspace(int c);
int CDECL ispunct(int c);
int CDECL isalnum(int c);
int CDECL isprint(int c);
int CDECL isgraph(int c);
int CDECL iscntrl(int c);
int CDECL __isascii(int c);
int CDECL __toascii(int c);
int CDECL __iscsym(int c);
int CDECL __iscsymf(int c);
int CDECL tolower(int c);
int CDECL toupper(int c);
int CDECL _tolower(int c);
int CDECL _toupper(int c);
int CDECL iswctype(WCHAR c, unsigned short mask);
int CDECL is_wctype(WCHAR c, unsigned short mask);
int CDECL iswalpha(WCHAR c);
int CDECL iswupper(WCHAR c);
int CDECL iswlower(WCHAR c);
int CDECL iswdigit(WCHAR c);
int CDECL iswxdigit(WCHAR c);
int CDECL iswspace(WCHAR c);
int CDECL iswpunct(WCHAR c);
int CDECL iswalnum(WCHAR c);
int CDECL iswprint(WCHAR c);
int CDECL iswgraph(WCHAR c);
int CDECL iswcntrl(WCHAR c);
int CDECL iswascii(WCHAR c);
WCHAR CDECL towlower(WCHAR c);
WCHAR CDECL towupper(WCHAR c);
char *CDECL setlocale(int category, const char *locale);
LCONV *CDECL localeconv(void);
int CDECL ___lc_codepage_func(void);
unsigned int CDECL ___lc_collate_cp_func(void);
int CDECL strcoll(const char *a, const char *b);
int CDECL _stricoll(const char *a, const char *b);
int CDECL _strncoll(const char *a, const char *b, size_t n);
int CDECL _strnicoll(const char *a, const char *b, size_t n);
int CDECL wcscmp(const WCHAR *a, const WCHAR *b);
int CDECL wcscoll(const WCHAR *a, const WCHAR *b);
size_t CDECL strxfrm(char *out, const char *in, size_t size);
size_t CDECL wcsxfrm(WCHAR *out, const WCHAR *in, size_t size);
int CDECL mblen(const char *s, size_t n);
int CDECL mbtowc(WCHAR *out, const char *s, size_t n);
int CDECL wctomb(char *out, WCHAR c);
size_t CDECL mbstowcs(WCHAR *out, const char *in, size_t n);
size_t CDECL wcstombs(char *out, const WCHAR *in, size_t n);
WCHAR CDECL btowc(int c);
int CDECL wctob(WCHAR c);
size_t CDECL mbrtowc(WCHAR *out, const char *s, size_t n, void *state);
size_t CDECL mbrlen(const char *s, size_t n, void *state);
size_t CDECL wcrtomb(char *out, WCHAR c, void *state);
size_t CDECL mbsrtowcs(WCHAR *out, const char **in, size_t n, void *state);
size_t CDECL wcsrtombs(char *out, const WCHAR **in, size_t n, void *state);

/* lowio.c */
int CDECL _sopen(const char *path, int oflag, int share, ...);
int CDECL _wsopen(const WCHAR *path, int oflag, int share, ...);
int CDECL _open(const char *path, int oflag, ...);
int CDECL _wopen(const WCHAR *path, int oflag, ...);
int CDECL _creat(const char *path, int pmode);
int CDECL _wcreat(const WCHAR *path, int pmode);
int CDECL _open_osfhandle(intptr_t handle, int oflag);
intptr_t CDECL _get_osfhandle(int fd);
int CDECL _close(int fd);
int CDECL _dup2(int fd1, int fd2);
int CDECL _dup(int fd);
int CDECL _read(int fd, void *buffer, unsigned int count);
int CDECL _write(int fd, const void *buffer, unsigned int count);
LONGLONG CDECL _lseeki64(int fd, LONGLONG offset, int origin);
long CDECL _lseek(int fd, long offset, int origin);
long CDECL _tell(int fd);
LONGLONG CDECL _telli64(int fd);
int CDECL _eof(int fd);
int CDECL _isatty(int fd);
int CDECL _setmode(int fd, int mode);
int CDECL _commit(int fd);
int CDECL _chsize(int fd, long size);
int CDECL _chsize_s(int fd, LONGLONG size);
int CDECL _locking(int fd, int mode, long count);

/* malloc.c */
void *CDECL malloc(size_t size);
void *CDECL calloc(size_t count, size_t size);
void CDECL free(void *p);
void *CDECL realloc(void *p, size_t size);
size_t CDECL _msize(void *p);

/* math.c */
double CDECL sin(double x);
double CDECL cos(double x);
double CDECL tan(double x);
double CDECL atan(double x);
double CDECL atan2(double y, double x);
double CDECL asin(double x);
double CDECL acos(double x);
double CDECL exp(double x);
double CDECL log(double x);
double CDECL log10(double x);
double CDECL sqrt(double x);
double CDECL pow(double x, double y);
double CDECL sinh(double x);
double CDECL cosh(double x);
double CDECL tanh(double x);
double CDECL fabs(double x);
double CDECL fmod(double x, double y);
double CDECL floor(double x);
double CDECL ceil(double x);
double CDECL ldexp(double x, int e);
double CDECL frexp(double x, int *e);
double CDECL modf(double x, double *whole);
double CDECL _hypot(double x, double y);
double CDECL _copysign(double x, double y);
double CDECL _chgsign(double x);
int CDECL _finite(double x);
int CDECL _isnan(double x);
int CDECL _fpclass(double x);
double CDECL _logb(double x);
double CDECL _scalb(double x, long e);
double CDECL _nextafter(double x, double y);
double CDECL _cabs(double re, double im);
unsigned int CDECL _control87(unsigned int value, unsigned int mask);
unsigned int CDECL _controlfp(unsigned int value, unsigned int mask);
unsigned int CDECL _statusfp(void);
unsigned int CDECL _clearfp(void);
void CDECL _fpreset(void);

/* process.c */
int CDECL system(const char *command);
int CDECL _wsystem(const WCHAR *command);
int CDECL _getpid(void);
void CDECL _assert(const char *expression, const char *file, unsigned line);
void CDECL _wassert(const WCHAR *expression, const WCHAR *file, unsigned line);

/* scanf.c */
int CDECL vfscanf(FILE *file, const char *format, va_list args);
int CDECL vscanf(const char *format, va_list args);
int CDECL vsscanf(const char *text, const char *format, va_list args);
int CDECL fscanf(FILE *file, const char *format, ...);
int CDECL scanf(const char *format, ...);
int CDECL sscanf(const char *text, const char *format, ...);
int CDECL _snscanf(const char *text, size_t length, const char *format, ...);

/* except.c: Visual C++'s x86 SEH frame and its scope table. */
typedef struct SCOPETABLE_ENTRY {
    LONG EnclosingLevel;
    PVOID Filter;  /* NULL: the entry is a __finally */
    PVOID Handler; /* the __except block, or the __finally body */
} SCOPETABLE_ENTRY;
typedef struct EH3_FRAME {
    EXCEPTION_REGISTRATION_RECORD Record;
    SCOPETABLE_ENTRY *ScopeTable;
    LONG TryLevel;
    ULONG Ebp;
} EH3_FRAME;
void CDECL _local_unwind2(EH3_FRAME *frame, LONG stop);
void CDECL _global_unwind2(EH3_FRAME *frame);
int CDECL _abnormal_termination(void);
EXCEPTION_DISPOSITION CDECL _except_handler3(EXCEPTION_RECORD *record, EH3_FRAME *frame, CONTEXT *context,
                                             PVOID dispatcher_context);

/* setjmp.c */
void CDECL longjmp(ULONG *buffer, int value);

/* startup.c */
typedef void (CDECL *CRT_CALLBACK)(void);   /* _initterm's table */
typedef int (CDECL *CRT_ONEXIT)(void);
typedef void (CDECL *SIGNAL_HANDLER)(int);
int *CDECL __p__fmode(void);
char **CDECL __p__acmdln(void);
int *CDECL __p___argc(void);
char ***CDECL __p___argv(void);
int CDECL _XcptFilter(NTSTATUS code, EXCEPTION_POINTERS *pointers);
void CDECL __set_app_type(int type);
void CDECL __setusermatherr(PVOID handler);
void CDECL _lock(int lock);
void CDECL _unlock(int lock);
int CDECL __getmainargs(int *argc, char ***argv, char ***envp, int wildcard, PVOID startinfo);
char *CDECL getenv(const char *name);
int CDECL _putenv(const char *entry);
int CDECL _wputenv(const WCHAR *entry);
WCHAR *CDECL _wgetenv(const WCHAR *name);
void CDECL _initterm(CRT_CALLBACK *start, CRT_CALLBACK *end);
int CDECL _initterm_e(CRT_ONEXIT *start, CRT_ONEXIT *end);
CRT_ONEXIT CDECL _onexit(CRT_ONEXIT handler);
int CDECL atexit(CRT_CALLBACK handler);
void CDECL _cexit(void);
void CDECL _c_exit(void);
void CDECL exit(int code);
void CDECL _exit(int code);
void CDECL _amsg_exit(int message);
SIGNAL_HANDLER CDECL signal(int sig, SIGNAL_HANDLER handler);
int CDECL raise(int sig);
void CDECL abort(void);

/* stat.c */
/* The layouts mingw declares (sys/stat.h): the common head, then the size
 * and times at the widths each variant names. */
#define STAT_HEAD                                                                                  \
    unsigned int st_dev;                                                                           \
    unsigned short st_ino, st_mode;                                                                \
    short st_nlink, st_uid, st_gid;                                                                \
    unsigned int st_rdev;

typedef struct { STAT_HEAD long st_size; long st_atime, st_mtime, st_ctime; } STAT32;
typedef struct { STAT_HEAD LONGLONG st_size; long st_atime, st_mtime, st_ctime; } STAT32I64;
typedef struct { STAT_HEAD long st_size; LONGLONG st_atime, st_mtime, st_ctime; } STAT64I32;
typedef struct { STAT_HEAD LONGLONG st_size; LONGLONG st_atime, st_mtime, st_ctime; } STAT64;

int CDECL _access(const char *path, int mode);
int CDECL _waccess(const WCHAR *path, int mode);
int CDECL _stat(const char *path, STAT32 *out);
int CDECL _stat32(const char *path, STAT32 *out);
int CDECL _stati64(const char *path, STAT32I64 *out);
int CDECL _stat32i64(const char *path, STAT32I64 *out);
int CDECL _stat64i32(const char *path, STAT64I32 *out);
int CDECL _stat64(const char *path, STAT64 *out);
int CDECL _wstat(const WCHAR *path, STAT32 *out);
int CDECL _wstat32(const WCHAR *path, STAT32 *out);
int CDECL _wstati64(const WCHAR *path, STAT32I64 *out);
int CDECL _wstat32i64(const WCHAR *path, STAT32I64 *out);
int CDECL _wstat64i32(const WCHAR *path, STAT64I32 *out);
int CDECL _wstat64(const WCHAR *path, STAT64 *out);
int CDECL _fstat(int fd, STAT32 *out);
int CDECL _fstat32(int fd, STAT32 *out);
int CDECL _fstati64(int fd, STAT32I64 *out);
int CDECL _fstat32i64(int fd, STAT32I64 *out);
int CDECL _fstat64i32(int fd, STAT64I32 *out);
int CDECL _fstat64(int fd, STAT64 *out);

/* stdio.c */
int *CDECL __p__commode(void);
FILE *CDECL __iob_func(void);
int CDECL _filbuf(FILE *f);
int CDECL _flsbuf(int c, FILE *f);
int CDECL fflush(FILE *f);
int CDECL _flushall(void);
FILE *CDECL fopen(const char *path, const char *mode);
FILE *CDECL _fsopen(const char *path, const char *mode, int share);
FILE *CDECL _wfopen(const WCHAR *path, const WCHAR *wmode);
int CDECL fclose(FILE *f);
FILE *CDECL freopen(const char *path, const char *mode, FILE *f);
FILE *CDECL _wfreopen(const WCHAR *path, const WCHAR *wmode, FILE *f);
FILE *CDECL _fdopen(int fd, const char *mode);
FILE *CDECL _wfdopen(int fd, const WCHAR *wmode);
int CDECL _fcloseall(void);
char *CDECL tmpnam(char *buffer);
char *CDECL _tempnam(const char *dir, const char *prefix);
FILE *CDECL tmpfile(void);
int CDECL _rmtmp(void);
int CDECL fgetc(FILE *f);
int CDECL getc(FILE *f);
int CDECL getchar(void);
int CDECL _fgetchar(void);
int CDECL ungetc(int c, FILE *f);
char *CDECL fgets(char *buffer, int size, FILE *f);
char *CDECL gets(char *buffer);
size_t CDECL fread(void *data, size_t size, size_t count, FILE *f);
size_t CDECL fwrite(const void *data, size_t size, size_t count, FILE *f);
int CDECL fputc(int c, FILE *f);
int CDECL putc(int c, FILE *f);
int CDECL putchar(int c);
int CDECL _fputchar(int c);
int CDECL fputs(const char *s, FILE *f);
int CDECL puts(const char *s);
int CDECL _putw(int w, FILE *f);
int CDECL _getw(FILE *f);
int CDECL fseek(FILE *f, long offset, int whence);
int CDECL _fseeki64(FILE *f, LONGLONG offset, int whence);
LONGLONG CDECL _ftelli64(FILE *f);
long CDECL ftell(FILE *f);
int CDECL fgetpos(FILE *f, LONGLONG *pos);
int CDECL fsetpos(FILE *f, const LONGLONG *pos);
void CDECL rewind(FILE *f);
int CDECL ferror(FILE *f);
int CDECL feof(FILE *f);
void CDECL clearerr(FILE *f);
int CDECL _fileno(FILE *f);
int CDECL setvbuf(FILE *f, char *buffer, int type, size_t size);
void CDECL setbuf(FILE *f, char *buffer);
int CDECL remove(const char *path);
int CDECL _unlink(const char *path);
int CDECL _wremove(const WCHAR *path);
int CDECL _wunlink(const WCHAR *path);
int CDECL rename(const char *from, const char *to);
int CDECL _wrename(const WCHAR *from, const WCHAR *to);
int CDECL vfprintf(FILE *file, const char *format, va_list args);
int CDECL fprintf(FILE *file, const char *format, ...);
int CDECL vprintf(const char *format, va_list args);
int CDECL printf(const char *format, ...);
int CDECL _vsnprintf(char *buffer, size_t size, const char *format, va_list args);
int CDECL vsnprintf(char *buffer, size_t size, const char *format, va_list args);
int CDECL vsprintf(char *buffer, const char *format, va_list args);
int CDECL sprintf(char *buffer, const char *format, ...);
int CDECL snprintf(char *buffer, size_t size, const char *format, ...);
int CDECL _snprintf(char *buffer, size_t size, const char *format, ...);
int CDECL _vscprintf(const char *format, va_list args);
int CDECL _scprintf(const char *format, ...);

/* stdlib.c */
typedef int (CDECL *COMPARE)(const void *, const void *);
long CDECL strtol(const char *s, char **end, int base);
unsigned long CDECL strtoul(const char *s, char **end, int base);
LONGLONG CDECL _strtoi64(const char *s, char **end, int base);
ULONGLONG CDECL _strtoui64(const char *s, char **end, int base);
LONGLONG CDECL _atoi64(const char *s);
double CDECL strtod(const char *s, char **end);
double CDECL atof(const char *s);
/* decimal.c: msvcrt's own text-to-floating-point entries */
typedef struct { double x; } CRT_DOUBLE_VALUE;
typedef struct { float f; } CRT_FLOAT_VALUE;
typedef struct { unsigned char ld[10]; } CRT_LDOUBLE_VALUE;
int CDECL _atodbl(CRT_DOUBLE_VALUE *value, char *text);
int CDECL _atoflt(CRT_FLOAT_VALUE *value, char *text);
int CDECL _atoldbl(CRT_LDOUBLE_VALUE *value, char *text);
int CDECL __STRINGTOLD(CRT_LDOUBLE_VALUE *value, char **end, const char *text, int flags);
LONGLONG CDECL _abs64(LONGLONG v);
ULONGLONG CDECL div(int numerator, int denominator);
ULONGLONG CDECL ldiv(long numerator, long denominator);
void CDECL srand(unsigned int seed);
int CDECL rand(void);
int CDECL rand_s(unsigned int *value);
void CDECL qsort(void *array, size_t count, size_t size, COMPARE compare);

/* string.c */
int CDECL _strnicmp(const char *a, const char *b, size_t n);
char *CDECL _strdup(const char *s);

/* thread.c */
void CDECL _endthreadex(unsigned code);
void CDECL _endthread(void);
ULONG_PTR CDECL _beginthreadex(PVOID security, unsigned stack, PVOID routine, PVOID argument,
                               unsigned flags, unsigned *id);
ULONG_PTR CDECL _beginthread(PVOID routine, unsigned stack, PVOID argument);

/* time.c */
extern const char *const CrtDayNames[7];     /* the C locale's, Sunday first */
extern const char *const CrtMonthNames[12];
/* gettnames.c */
void *CDECL _Gettnames(void);
struct TIMEB32 { long time; unsigned short millitm; short timezone, dstflag; };
struct TIMEB64 { LONGLONG time; unsigned short millitm; short timezone, dstflag; };
long *CDECL __p__timezone(void);
int *CDECL __p__daylight(void);
long *CDECL __p__dstbias(void);
char **CDECL __p__tzname(void);
void CDECL _tzset(void);
struct tm *CDECL gmtime(const long *t);
struct tm *CDECL _gmtime32(const long *t);
struct tm *CDECL _gmtime64(const LONGLONG *t);
struct tm *CDECL localtime(const long *t);
struct tm *CDECL _localtime32(const long *t);
struct tm *CDECL _localtime64(const LONGLONG *t);
long CDECL mktime(struct tm *tm);
long CDECL _mktime32(struct tm *tm);
LONGLONG CDECL _mktime64(struct tm *tm);
long CDECL _mkgmtime(struct tm *tm);
long CDECL _mkgmtime32(struct tm *tm);
LONGLONG CDECL _mkgmtime64(struct tm *tm);
long CDECL time(long *out);
long CDECL _time32(long *out);
LONGLONG CDECL _time64(LONGLONG *out);
double CDECL difftime(long a, long b);
double CDECL _difftime32(long a, long b);
double CDECL _difftime64(LONGLONG a, LONGLONG b);
long CDECL clock(void);
void CDECL _ftime(struct TIMEB32 *tb);
void CDECL _ftime32(struct TIMEB32 *tb);
void CDECL _ftime64(struct TIMEB64 *tb);
char *CDECL asctime(const struct tm *tm);
char *CDECL ctime(const long *t);
char *CDECL _ctime32(const long *t);
char *CDECL _ctime64(const LONGLONG *t);
char *CDECL _strdate(char *out);
char *CDECL _strtime(char *out);
size_t CDECL strftime(char *buffer, size_t size, const char *format, const struct tm *tm);
size_t CDECL wcsftime(WCHAR *buffer, size_t size, const WCHAR *format, const struct tm *tm);

/* aligned.c */
void *CDECL _aligned_offset_malloc(size_t size, size_t alignment, size_t offset);
void *CDECL _aligned_malloc(size_t size, size_t alignment);
void CDECL _aligned_free(void *p);
void *CDECL _aligned_offset_realloc(void *p, size_t size, size_t alignment, size_t offset);
void *CDECL _aligned_realloc(void *p, size_t size, size_t alignment);

/* filetime.c */
LONGLONG CDECL _filelengthi64(int fd);
long CDECL _filelength(int fd);
WCHAR *CDECL _wfullpath(WCHAR *out, const WCHAR *path, size_t size);

/* wstdio.c */
typedef unsigned short wint_t;
wint_t CDECL fgetwc(FILE *f);
wint_t CDECL getwc(FILE *f);
wint_t CDECL _fgetwchar(void);
wint_t CDECL getwchar(void);
wint_t CDECL fputwc(wint_t c, FILE *f);
wint_t CDECL putwc(wint_t c, FILE *f);
wint_t CDECL _fputwchar(wint_t c);
wint_t CDECL putwchar(wint_t c);
wint_t CDECL ungetwc(wint_t c, FILE *f);
int CDECL fputws(const WCHAR *s, FILE *f);
int CDECL _putws(const WCHAR *s);
WCHAR *CDECL fgetws(WCHAR *buffer, int size, FILE *f);

/* strmisc.c */
char *CDECL strtok(char *s, const char *delimiters);
char *CDECL _strrev(char *s);
char *CDECL _strset(char *s, int c);
char *CDECL _strnset(char *s, int c, size_t n);
void CDECL _swab(char *src, char *dst, int n);
unsigned int CDECL _rotl(unsigned int value, int shift);
unsigned int CDECL _rotr(unsigned int value, int shift);
unsigned long CDECL _lrotl(unsigned long value, int shift);
unsigned long CDECL _lrotr(unsigned long value, int shift);

/* wconv.c */
long CDECL wcstol(const WCHAR *s, WCHAR **end, int base);
unsigned long CDECL wcstoul(const WCHAR *s, WCHAR **end, int base);
LONGLONG CDECL _wcstoi64(const WCHAR *s, WCHAR **end, int base);
ULONGLONG CDECL _wcstoui64(const WCHAR *s, WCHAR **end, int base);
double CDECL wcstod(const WCHAR *s, WCHAR **end);
int CDECL _wtoi(const WCHAR *s);
long CDECL _wtol(const WCHAR *s);
LONGLONG CDECL _wtoi64(const WCHAR *s);
double CDECL _wtof(const WCHAR *s);

/* wstrmisc.c */
WCHAR *CDECL wcstok(WCHAR *s, const WCHAR *delimiters);
WCHAR *CDECL _wcsdup(const WCHAR *s);
int CDECL _wcsicoll(const WCHAR *a, const WCHAR *b);
int CDECL _wcsncoll(const WCHAR *a, const WCHAR *b, size_t n);
int CDECL _wcsnicoll(const WCHAR *a, const WCHAR *b, size_t n);
WCHAR *CDECL _wcsrev(WCHAR *s);
WCHAR *CDECL _wcsset(WCHAR *s, WCHAR c);
WCHAR *CDECL _wcsnset(WCHAR *s, WCHAR c, size_t n);

/* wprintf.c (and _wfsopen in stdio.c) */
int CDECL vfwprintf(FILE *file, const WCHAR *format, va_list args);
int CDECL fwprintf(FILE *file, const WCHAR *format, ...);
int CDECL vwprintf(const WCHAR *format, va_list args);
int CDECL wprintf(const WCHAR *format, ...);
int CDECL _vsnwprintf(WCHAR *buffer, size_t size, const WCHAR *format, va_list args);
int CDECL _snwprintf(WCHAR *buffer, size_t size, const WCHAR *format, ...);
int CDECL vswprintf(WCHAR *buffer, const WCHAR *format, va_list args);
int CDECL swprintf(WCHAR *buffer, const WCHAR *format, ...);
int CDECL _vscwprintf(const WCHAR *format, va_list args);
int CDECL _scwprintf(const WCHAR *format, ...);
WCHAR *CDECL _wtmpnam(WCHAR *buffer);
WCHAR *CDECL _wtempnam(const WCHAR *dir, const WCHAR *prefix);
char *CDECL _mktemp(char *template);
WCHAR *CDECL _wmktemp(WCHAR *template);
void CDECL _wperror(const WCHAR *prefix);
FILE *CDECL _wfsopen(const WCHAR *path, const WCHAR *wmode, int share);

/* wscanf.c */
int CDECL fwscanf(FILE *file, const WCHAR *format, ...);
int CDECL wscanf(const WCHAR *format, ...);
int CDECL swscanf(const WCHAR *text, const WCHAR *format, ...);
int CDECL _snwscanf(const WCHAR *text, size_t length, const WCHAR *format, ...);

/* path.c */
void CDECL _splitpath(const char *path, char *drive, char *dir, char *fname, char *ext);
void CDECL _wsplitpath(const WCHAR *path, WCHAR *drive, WCHAR *dir, WCHAR *fname, WCHAR *ext);
void CDECL _makepath(char *path, const char *drive, const char *dir, const char *fname, const char *ext);
void CDECL _wmakepath(WCHAR *path, const WCHAR *drive, const WCHAR *dir, const WCHAR *fname, const WCHAR *ext);
int CDECL _getdrive(void);
unsigned long CDECL _getdrives(void);
int CDECL _chdrive(int drive);
char *CDECL _getdcwd(int drive, char *buffer, int size);
WCHAR *CDECL _wgetdcwd(int drive, WCHAR *buffer, int size);
void CDECL _searchenv(const char *file, const char *variable, char *out);
void CDECL _wsearchenv(const WCHAR *file, const WCHAR *variable, WCHAR *out);

/* cvt.c */
char *CDECL _ecvt(double value, int count, int *point, int *sign);
char *CDECL _fcvt(double value, int count, int *point, int *sign);
char *CDECL _gcvt(double value, int count, char *buffer);

/* console.c */
int CDECL _getch(void);
int CDECL _getche(void);
int CDECL _putch(int c);
int CDECL _ungetch(int c);
int CDECL _kbhit(void);
int CDECL _cputs(const char *s);
char *CDECL _cgets(char *buffer);
wint_t CDECL _getwch(void);
wint_t CDECL _getwche(void);
wint_t CDECL _putwch(wint_t c);
wint_t CDECL _ungetwch(wint_t c);
int CDECL _cputws(const WCHAR *s);
int CDECL _cprintf(const char *format, ...);
int CDECL _cwprintf(const WCHAR *format, ...);
int CDECL _vcprintf(const char *format, va_list args);
int CDECL _vcwprintf(const WCHAR *format, va_list args);

/* miscrt.c */
typedef void (CDECL *PURECALL_HANDLER)(void);
PURECALL_HANDLER CDECL _set_purecall_handler(PURECALL_HANDLER handler);
void CDECL _purecall(void);
int CDECL _umask(int mask);
void CDECL _sleep(unsigned long milliseconds);
unsigned int CDECL _getsystime(struct tm *tm);
WCHAR *CDECL _wasctime(const struct tm *tm);
WCHAR *CDECL _wctime(const long *t);
WCHAR *CDECL _wctime32(const long *t);
WCHAR *CDECL _wctime64(const LONGLONG *t);
WCHAR *CDECL _wstrdate(WCHAR *out);
WCHAR *CDECL _wstrtime(WCHAR *out);
int CDECL _getmaxstdio(void);
int CDECL _setmaxstdio(int count);
int CDECL _set_error_mode(int mode);
int CDECL _heapchk(void);
int CDECL _heapmin(void);
void *CDECL _expand(void *p, size_t size);

/* crtdata.c (the data exports; _environ is also set by startup.c) */
extern char **_environ;
WCHAR ***CDECL __p___wargv(void);
char ***CDECL __p__environ(void);
WCHAR ***CDECL __p__wenviron(void);
WCHAR **CDECL __p__wcmdln(void);
char ***CDECL __p___initenv(void);
WCHAR ***CDECL __p___winitenv(void);
char **CDECL __p__pgmptr(void);
WCHAR **CDECL __p__wpgmptr(void);
unsigned int *CDECL __p__osver(void);
unsigned int *CDECL __p__winver(void);
unsigned int *CDECL __p__winmajor(void);
unsigned int *CDECL __p__winminor(void);
int CDECL __wgetmainargs(int *argc, WCHAR ***argv, WCHAR ***envp, int wildcard, PVOID startinfo);

/* spawn.c */
intptr_t CDECL _spawnv(int mode, const char *name, const char *const *argv);
intptr_t CDECL _spawnve(int mode, const char *name, const char *const *argv, const char *const *envp);
intptr_t CDECL _spawnvp(int mode, const char *name, const char *const *argv);
intptr_t CDECL _spawnvpe(int mode, const char *name, const char *const *argv, const char *const *envp);
intptr_t CDECL _spawnl(int mode, const char *name, const char *arg0, ...);
intptr_t CDECL _spawnle(int mode, const char *name, const char *arg0, ...);
intptr_t CDECL _spawnlp(int mode, const char *name, const char *arg0, ...);
intptr_t CDECL _spawnlpe(int mode, const char *name, const char *arg0, ...);
intptr_t CDECL _execv(const char *name, const char *const *argv);
intptr_t CDECL _execve(const char *name, const char *const *argv, const char *const *envp);
intptr_t CDECL _execvp(const char *name, const char *const *argv);
intptr_t CDECL _execvpe(const char *name, const char *const *argv, const char *const *envp);
intptr_t CDECL _execl(const char *name, const char *arg0, ...);
intptr_t CDECL _execle(const char *name, const char *arg0, ...);
intptr_t CDECL _execlp(const char *name, const char *arg0, ...);
intptr_t CDECL _execlpe(const char *name, const char *arg0, ...);
intptr_t CDECL _cwait(int *status, intptr_t process, int action);
intptr_t CDECL _wspawnv(int mode, const WCHAR *name, const WCHAR *const *argv);
intptr_t CDECL _wspawnve(int mode, const WCHAR *name, const WCHAR *const *argv, const WCHAR *const *envp);
intptr_t CDECL _wspawnvp(int mode, const WCHAR *name, const WCHAR *const *argv);
intptr_t CDECL _wspawnvpe(int mode, const WCHAR *name, const WCHAR *const *argv, const WCHAR *const *envp);
intptr_t CDECL _wspawnl(int mode, const WCHAR *name, const WCHAR *arg0, ...);
intptr_t CDECL _wspawnle(int mode, const WCHAR *name, const WCHAR *arg0, ...);
intptr_t CDECL _wspawnlp(int mode, const WCHAR *name, const WCHAR *arg0, ...);
intptr_t CDECL _wspawnlpe(int mode, const WCHAR *name, const WCHAR *arg0, ...);
intptr_t CDECL _wexecv(const WCHAR *name, const WCHAR *const *argv);
intptr_t CDECL _wexecve(const WCHAR *name, const WCHAR *const *argv, const WCHAR *const *envp);
intptr_t CDECL _wexecvp(const WCHAR *name, const WCHAR *const *argv);
intptr_t CDECL _wexecvpe(const WCHAR *name, const WCHAR *const *argv, const WCHAR *const *envp);
intptr_t CDECL _wexecl(const WCHAR *name, const WCHAR *arg0, ...);
intptr_t CDECL _wexecle(const WCHAR *name, const WCHAR *arg0, ...);
intptr_t CDECL _wexeclp(const WCHAR *name, const WCHAR *arg0, ...);
intptr_t CDECL _wexeclpe(const WCHAR *name, const WCHAR *arg0, ...);
/* lowio.c, popen.c */
int CDECL _pipe(int *fds, unsigned int size, int textmode);
FILE *CDECL _popen(const char *command, const char *mode);
FILE *CDECL _wpopen(const WCHAR *command, const WCHAR *mode);
int CDECL _pclose(FILE *stream);


/* secure.c, securestdio.c: the _s functions */
typedef int(CDECL *CRT_CONTEXT_COMPARE)(void *context, const void *a, const void *b);
int CDECL strcpy_s(char *dest, size_t size, const char *src);
int CDECL wcscpy_s(WCHAR *dest, size_t size, const WCHAR *src);
int CDECL strncpy_s(char *dest, size_t size, const char *src, size_t count);
int CDECL wcsncpy_s(WCHAR *dest, size_t size, const WCHAR *src, size_t count);
int CDECL strncat_s(char *dest, size_t size, const char *src, size_t count);
int CDECL wcsncat_s(WCHAR *dest, size_t size, const WCHAR *src, size_t count);
int CDECL strcat_s(char *dest, size_t size, const char *src);
int CDECL wcscat_s(WCHAR *dest, size_t size, const WCHAR *src);
int CDECL memcpy_s(void *dest, size_t size, const void *src, size_t count);
int CDECL memmove_s(void *dest, size_t size, const void *src, size_t count);
char *CDECL strtok_s(char *text, const char *delimiters, char **context);
WCHAR *CDECL wcstok_s(WCHAR *text, const WCHAR *delimiters, WCHAR **context);
int CDECL _strlwr_s(char *s, size_t size);
int CDECL _strupr_s(char *s, size_t size);
int CDECL _wcslwr_s(WCHAR *s, size_t size);
int CDECL _wcsupr_s(WCHAR *s, size_t size);
int CDECL _strnset_s(char *s, size_t size, int c, size_t count);
int CDECL _wcsnset_s(WCHAR *s, size_t size, WCHAR c, size_t count);
int CDECL _strset_s(char *s, size_t size, int c);
int CDECL _wcsset_s(WCHAR *s, size_t size, WCHAR c);
int CDECL _itoa_s(int v, char *b, size_t n, int r);
int CDECL _ltoa_s(long v, char *b, size_t n, int r);
int CDECL _ultoa_s(unsigned long v, char *b, size_t n, int r);
int CDECL _i64toa_s(long long v, char *b, size_t n, int r);
int CDECL _ui64toa_s(unsigned long long v, char *b, size_t n, int r);
int CDECL _itow_s(int v, WCHAR *b, size_t n, int r);
int CDECL _ltow_s(long v, WCHAR *b, size_t n, int r);
int CDECL _ultow_s(unsigned long v, WCHAR *b, size_t n, int r);
int CDECL _i64tow_s(long long v, WCHAR *b, size_t n, int r);
int CDECL _ui64tow_s(unsigned long long v, WCHAR *b, size_t n, int r);
int CDECL _ecvt_s(char *buffer, size_t size, double value, int count, int *point, int *sign);
int CDECL _fcvt_s(char *buffer, size_t size, double value, int count, int *point, int *sign);
int CDECL _gcvt_s(char *buffer, size_t size, double value, int digits);
int CDECL strerror_s(char *buffer, size_t size, int number);
int CDECL _wcserror_s(WCHAR *buffer, size_t size, int number);
int CDECL _strerror_s(char *buffer, size_t size, const char *prefix);
int CDECL mbstowcs_s(size_t *converted, WCHAR *dest, size_t size, const char *src, size_t count);
int CDECL wcstombs_s(size_t *converted, char *dest, size_t size, const WCHAR *src, size_t count);
int CDECL wctomb_s(int *length, char *dest, size_t size, WCHAR c);
int CDECL getenv_s(size_t *required, char *buffer, size_t size, const char *name);
int CDECL _wgetenv_s(size_t *required, WCHAR *buffer, size_t size, const WCHAR *name);
int CDECL _dupenv_s(char **buffer, size_t *count, const char *name);
int CDECL _wdupenv_s(WCHAR **buffer, size_t *count, const WCHAR *name);
int CDECL _putenv_s(const char *name, const char *value);
int CDECL _wputenv_s(const WCHAR *name, const WCHAR *value);
int CDECL _searchenv_s(const char *file, const char *variable, char *buffer, size_t size);
int CDECL _wsearchenv_s(const WCHAR *file, const WCHAR *variable, WCHAR *buffer, size_t size);
int CDECL _splitpath_s(const char *path, char *drive, size_t drive_size, char *dir, size_t dir_size, char *fname, size_t fname_size, char *ext, size_t ext_size);
int CDECL _wsplitpath_s(const WCHAR *path, WCHAR *drive, size_t drive_size, WCHAR *dir, size_t dir_size, WCHAR *fname, size_t fname_size, WCHAR *ext, size_t ext_size);
int CDECL _makepath_s(char *path, size_t size, const char *drive, const char *dir, const char *fname, const char *ext);
int CDECL _wmakepath_s(WCHAR *path, size_t size, const WCHAR *drive, const WCHAR *dir, const WCHAR *fname, const WCHAR *ext);
void CDECL qsort_s(void *base, size_t count, size_t width, CRT_CONTEXT_COMPARE compare, void *context);
void *CDECL bsearch_s(const void *key, const void *base, size_t count, size_t width, CRT_CONTEXT_COMPARE compare, void *context);
int CDECL _ftime32_s(struct TIMEB32 *tb);
int CDECL _ftime_s(struct TIMEB32 *tb);
int CDECL _ftime64_s(struct TIMEB64 *tb);
int CDECL fopen_s(FILE **stream, const char *name, const char *mode);
int CDECL _wfopen_s(FILE **stream, const WCHAR *name, const WCHAR *mode);
int CDECL freopen_s(FILE **stream, const char *name, const char *mode, FILE *old);
int CDECL _wfreopen_s(FILE **stream, const WCHAR *name, const WCHAR *mode, FILE *old);
int CDECL tmpfile_s(FILE **stream);
int CDECL tmpnam_s(char *buffer, size_t size);
int CDECL _wtmpnam_s(WCHAR *buffer, size_t size);
int CDECL clearerr_s(FILE *stream);
int CDECL _sopen_s(int *handle, const char *path, int oflag, int share, int mode);
int CDECL _wsopen_s(int *handle, const WCHAR *path, int oflag, int share, int mode);
int CDECL vfprintf_s(FILE *stream, const char *format, va_list args);
int CDECL vprintf_s(const char *format, va_list args);
int CDECL fprintf_s(FILE *stream, const char *format, ...);
int CDECL printf_s(const char *format, ...);
int CDECL vfwprintf_s(FILE *stream, const WCHAR *format, va_list args);
int CDECL vwprintf_s(const WCHAR *format, va_list args);
int CDECL fwprintf_s(FILE *stream, const WCHAR *format, ...);
int CDECL wprintf_s(const WCHAR *format, ...);
int CDECL _vsnprintf_s(char *buffer, size_t size, size_t count, const char *format, va_list args);
int CDECL vsnprintf_s(char *buffer, size_t size, size_t count, const char *format, va_list args);
int CDECL _snprintf_s(char *buffer, size_t size, size_t count, const char *format, ...);
int CDECL vsprintf_s(char *buffer, size_t size, const char *format, va_list args);
int CDECL sprintf_s(char *buffer, size_t size, const char *format, ...);
int CDECL _vsnwprintf_s(WCHAR *buffer, size_t size, size_t count, const WCHAR *format, va_list args);
int CDECL _snwprintf_s(WCHAR *buffer, size_t size, size_t count, const WCHAR *format, ...);
int CDECL vswprintf_s(WCHAR *buffer, size_t size, const WCHAR *format, va_list args);
int CDECL swprintf_s(WCHAR *buffer, size_t size, const WCHAR *format, ...);
int CDECL fscanf_s(FILE *stream, const char *format, ...);
int CDECL scanf_s(const char *format, ...);
int CDECL sscanf_s(const char *text, const char *format, ...);
int CDECL _snscanf_s(const char *text, size_t length, const char *format, ...);
int CDECL fwscanf_s(FILE *stream, const WCHAR *format, ...);
int CDECL wscanf_s(const WCHAR *format, ...);
int CDECL swscanf_s(const WCHAR *text, const WCHAR *format, ...);
int CDECL _snwscanf_s(const WCHAR *text, size_t length, const WCHAR *format, ...);

/* crtaccess.c */
FILE *CDECL __p__iob(void);
unsigned short **CDECL __p__pctype(void);
unsigned short **CDECL __p__pwctype(void);
int *CDECL __p___mb_cur_max(void);
unsigned long CDECL __threadid(void);
HANDLE CDECL __threadhandle(void);
int CDECL __uncaught_exception(void);
void *CDECL _lsearch(const void *key, void *base, unsigned int *count, unsigned int width,
                     int(CDECL *compare)(const void *, const void *));

/* mbctype.c */
int CDECL _setmbcp(int codepage);
int CDECL _getmbcp(void);
unsigned char *CDECL __p__mbctype(void);
unsigned char *CDECL __p__mbcasemap(void);
int CDECL _ismbblead(unsigned int c);
int CDECL _ismbbtrail(unsigned int c);
int CDECL _ismbbkalnum(unsigned int c);
int CDECL _ismbbkpunct(unsigned int c);
int CDECL _ismbbkana(unsigned int c);
int CDECL _ismbbkprint(unsigned int c);
int CDECL _ismbbalpha(unsigned int c);
int CDECL _ismbbalnum(unsigned int c);
int CDECL _ismbbgraph(unsigned int c);
int CDECL _ismbbprint(unsigned int c);
int CDECL _ismbbpunct(unsigned int c);
int CDECL _ismbclegal(unsigned int c);
int CDECL _mbbtype(unsigned char c, int type);
int CDECL _mbsbtype(const unsigned char *str, size_t count);
int CDECL _ismbslead(const unsigned char *start, const unsigned char *str);
int CDECL _ismbstrail(const unsigned char *start, const unsigned char *str);
int CDECL _ismbcalpha(unsigned int c);
int CDECL _ismbcalnum(unsigned int c);
int CDECL _ismbcdigit(unsigned int c);
int CDECL _ismbcgraph(unsigned int c);
int CDECL _ismbcprint(unsigned int c);
int CDECL _ismbcpunct(unsigned int c);
int CDECL _ismbcspace(unsigned int c);
int CDECL _ismbcupper(unsigned int c);
int CDECL _ismbclower(unsigned int c);
int CDECL _ismbcsymbol(unsigned int c);
unsigned int CDECL _mbctoupper(unsigned int c);
unsigned int CDECL _mbctolower(unsigned int c);
size_t CDECL _mbclen(const unsigned char *s);
unsigned int CDECL _mbsnextc(const unsigned char *s);
void CDECL _mbccpy(unsigned char *dst, const unsigned char *src);
int CDECL _ismbchira(unsigned int c);
int CDECL _ismbckata(unsigned int c);
int CDECL _ismbcl0(unsigned int c);
int CDECL _ismbcl1(unsigned int c);
int CDECL _ismbcl2(unsigned int c);
unsigned int CDECL _mbctohira(unsigned int c);
unsigned int CDECL _mbctokata(unsigned int c);
unsigned int CDECL _mbcjistojms(unsigned int c);
unsigned int CDECL _mbcjmstojis(unsigned int c);
unsigned int CDECL _mbbtombc(unsigned int c);
unsigned int CDECL _mbctombb(unsigned int c);
int CDECL isleadbyte(int c);

/* mbstring.c */
size_t CDECL _mbsnlen(const unsigned char *s, size_t limit);
size_t CDECL _mbslen(const unsigned char *s);
size_t CDECL _mbstrlen(const char *s);
size_t CDECL _mbstrnlen(const char *s, size_t limit);
unsigned char *CDECL _mbsinc(const unsigned char *s);
unsigned char *CDECL _mbsninc(const unsigned char *s, size_t count);
unsigned char *CDECL _mbsdec(const unsigned char *start, const unsigned char *cur);
size_t CDECL _mbsnbcnt(const unsigned char *s, size_t count);
size_t CDECL _mbsnccnt(const unsigned char *s, size_t count);
unsigned char *CDECL _mbscpy(unsigned char *dst, const unsigned char *src);
unsigned char *CDECL _mbscat(unsigned char *dst, const unsigned char *src);
unsigned char *CDECL _mbsdup(const unsigned char *s);
unsigned char *CDECL _mbsncpy(unsigned char *dst, const unsigned char *src, size_t count);
unsigned char *CDECL _mbsnbcpy(unsigned char *dst, const unsigned char *src, size_t count);
unsigned char *CDECL _mbsncat(unsigned char *dst, const unsigned char *src, size_t count);
unsigned char *CDECL _mbsnbcat(unsigned char *dst, const unsigned char *src, size_t count);
int CDECL _mbscmp(const unsigned char *a, const unsigned char *b);
int CDECL _mbsicmp(const unsigned char *a, const unsigned char *b);
int CDECL _mbsncmp(const unsigned char *a, const unsigned char *b, size_t n);
int CDECL _mbsnicmp(const unsigned char *a, const unsigned char *b, size_t n);
int CDECL _mbsnbcmp(const unsigned char *a, const unsigned char *b, size_t n);
int CDECL _mbsnbicmp(const unsigned char *a, const unsigned char *b, size_t n);
int CDECL _mbscoll(const unsigned char *a, const unsigned char *b);
int CDECL _mbsicoll(const unsigned char *a, const unsigned char *b);
int CDECL _mbsncoll(const unsigned char *a, const unsigned char *b, size_t n);
int CDECL _mbsnicoll(const unsigned char *a, const unsigned char *b, size_t n);
int CDECL _mbsnbcoll(const unsigned char *a, const unsigned char *b, size_t n);
int CDECL _mbsnbicoll(const unsigned char *a, const unsigned char *b, size_t n);
unsigned char *CDECL _mbschr(const unsigned char *s, unsigned int c);
unsigned char *CDECL _mbsrchr(const unsigned char *s, unsigned int c);
unsigned char *CDECL _mbsstr(const unsigned char *haystack, const unsigned char *needle);
size_t CDECL _mbsspn(const unsigned char *s, const unsigned char *set);
size_t CDECL _mbscspn(const unsigned char *s, const unsigned char *set);
unsigned char *CDECL _mbspbrk(const unsigned char *s, const unsigned char *set);
unsigned char *CDECL _mbsspnp(const unsigned char *s, const unsigned char *set);
unsigned char *CDECL _mbstok(unsigned char *s, const unsigned char *delimiters);
unsigned char *CDECL _mbstok_s(unsigned char *s, const unsigned char *delimiters, unsigned char **context);
unsigned char *CDECL _mbslwr(unsigned char *s);
unsigned char *CDECL _mbsupr(unsigned char *s);
unsigned char *CDECL _mbsrev(unsigned char *s);
unsigned char *CDECL _mbsset(unsigned char *s, unsigned int c);
unsigned char *CDECL _mbsnset(unsigned char *s, unsigned int c, size_t n);
unsigned char *CDECL _mbsnbset(unsigned char *s, unsigned int c, size_t n);


/* printfp.c */
int CDECL _vprintf_p(const char *format, va_list args);
int CDECL _vfprintf_p(FILE *file, const char *format, va_list args);
int CDECL _vsprintf_p(char *buffer, size_t size, const char *format, va_list args);
int CDECL _vscprintf_p(const char *format, va_list args);
int CDECL _vcprintf_p(const char *format, va_list args);
int CDECL _printf_p(const char *format, ...);
int CDECL _fprintf_p(FILE *file, const char *format, ...);
int CDECL _sprintf_p(char *buffer, size_t size, const char *format, ...);
int CDECL _scprintf_p(const char *format, ...);
int CDECL _cprintf_p(const char *format, ...);
int CDECL _vwprintf_p(const WCHAR *format, va_list args);
int CDECL _vfwprintf_p(FILE *file, const WCHAR *format, va_list args);
int CDECL _vswprintf_p(WCHAR *buffer, size_t size, const WCHAR *format, va_list args);
int CDECL _vscwprintf_p(const WCHAR *format, va_list args);
int CDECL _vcwprintf_p(const WCHAR *format, va_list args);
int CDECL _wprintf_p(const WCHAR *format, ...);
int CDECL _fwprintf_p(FILE *file, const WCHAR *format, ...);
int CDECL _swprintf_p(WCHAR *buffer, size_t size, const WCHAR *format, ...);
int CDECL _scwprintf_p(const WCHAR *format, ...);
int CDECL _cwprintf_p(const WCHAR *format, ...);

/* wstrerror.c, getws.c, wlocale.c, diskfree.c, stkoflw.c */
WCHAR *CDECL _wcserror(int number);
WCHAR *CDECL __wcserror(const WCHAR *prefix);
WCHAR *CDECL _getws(WCHAR *buffer);
WCHAR *CDECL _wsetlocale(int category, const WCHAR *locale);
typedef struct DISKFREE {
    unsigned total_clusters, avail_clusters, sectors_per_cluster, bytes_per_sector;
} DISKFREE;
unsigned CDECL _getdiskfree(unsigned drive, DISKFREE *info);
int CDECL _resetstkoflw(void);

/* heapwalk.c */
typedef struct HEAPINFO {
    int *_pentry;
    size_t _size;
    int _useflag;
} HEAPINFO;
int CDECL _heapwalk(HEAPINFO *info);
int CDECL _heapset(unsigned int fill);
intptr_t CDECL _get_heap_handle(void);
int CDECL _heapadd(void *memory, size_t size);

/* mbsecure.c */
int CDECL _mbsnbcpy_s(unsigned char *dst, size_t size, const unsigned char *src, size_t count);
int CDECL _mbscpy_s(unsigned char *dst, size_t size, const unsigned char *src);
int CDECL _mbsncpy_s(unsigned char *dst, size_t size, const unsigned char *src, size_t count);
int CDECL _mbsnbcat_s(unsigned char *dst, size_t size, const unsigned char *src, size_t count);
int CDECL _mbscat_s(unsigned char *dst, size_t size, const unsigned char *src);
int CDECL _mbsncat_s(unsigned char *dst, size_t size, const unsigned char *src, size_t count);
int CDECL _mbsupr_s(unsigned char *s, size_t size);
int CDECL _mbslwr_s(unsigned char *s, size_t size);
int CDECL _mbsset_s(unsigned char *s, size_t size, unsigned int c);
int CDECL _mbsnset_s(unsigned char *s, size_t size, unsigned int c, size_t count);
int CDECL _mbsnbset_s(unsigned char *s, size_t size, unsigned int c, size_t count);
int CDECL _mbccpy_s(unsigned char *dst, size_t size, int *copied, const unsigned char *src);

/* lcdata.c, crtvars.c (and ftol.c's _ftol, in assembly) */
LCID *CDECL ___lc_handle_func(void);
int *CDECL __fpecode(void);
void **CDECL __pxcptinfoptrs(void);
int *CDECL __p__fileinfo(void);
void CDECL _seterrormode(int mode);
int CDECL _set_SSE2_enable(int flag);
size_t CDECL _get_sbh_threshold(void);
int CDECL _set_sbh_threshold(size_t threshold);
int CDECL _callnewh(size_t size);

#endif
