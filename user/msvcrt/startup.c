/*
 * The C runtime's start-up and shut-down as mingw's crtexe.c drives them:
 * __getmainargs splits the command line as the Microsoft runtime does,
 * _initterm runs the initializers, exit runs the atexit/_onexit handlers
 * in reverse order, flushes the streams and ends the process.
 */
#include "msvcrt/crtfill.h"

int __mb_cur_max = 1;
char **__initenv;
static char **Environment;
int _fmode;
/* The command line and its split, as __getmainargs leaves them (data
 * exports, as msvcrt's); _adjust_fdiv is the Pentium FDIV flaw flag,
 * 0: this CPU divides right. */
char *_acmdln;
int __argc;
char **__argv;
int _adjust_fdiv;

int *CDECL __p__fmode(void) { return &_fmode; }
char **CDECL __p__acmdln(void) { return &_acmdln; }
int *CDECL __p___argc(void) { return &__argc; }
char ***CDECL __p___argv(void) { return &__argv; }
void CDECL __set_app_type(int type) { (void)type; }
void CDECL __setusermatherr(PVOID handler) { (void)handler; }

static PVOID Heap(void) { return NtCurrentPeb()->ProcessHeap; }

/* One character of a narrow or a wide string, and one written. */
static unsigned At(const void *s, size_t i, int wide)
{
    return wide ? ((const WCHAR *)s)[i] : (BYTE)((const char *)s)[i];
}

static void Put(void *s, size_t i, unsigned c, int wide)
{
    if (wide) {
        ((WCHAR *)s)[i] = (WCHAR)c;
    } else {
        ((char *)s)[i] = (char)c;
    }
}

/*
 * Splits a command line, narrow or wide, into argv as the Microsoft C
 * runtime does: blanks separate, "…" quotes, 2n backslashes before a quote
 * give n and the quote is special, 2n+1 give n and a literal quote, ""
 * inside quotes is a literal quote. argv[0] ends at its closing quote or
 * first blank, with no backslash rules. argv has room for every argument
 * and out for the whole line.
 */
int CrtSplitCommandLine(const void *line, void **argv, void *out, int wide)
{
#define C(k) At(line, (k), wide)
    size_t unit = wide ? sizeof(WCHAR) : 1, p = 0, o = 0, start = 0;
    int argc = 0;
    if (C(p) == '"') {
        for (p++; C(p) && C(p) != '"'; p++) {
            Put(out, o++, C(p), wide);
        }
        if (C(p)) {
            p++;
        }
    } else {
        for (; C(p) && C(p) != ' ' && C(p) != '\t'; p++) {
            Put(out, o++, C(p), wide);
        }
    }
    Put(out, o++, 0, wide);
    argv[argc++] = (BYTE *)out + start * unit;
    for (;;) {
        while (C(p) == ' ' || C(p) == '\t') {
            p++;
        }
        if (!C(p)) {
            break;
        }
        start = o;
        int quoted = 0;
        while (C(p) && (quoted || (C(p) != ' ' && C(p) != '\t'))) {
            int backslashes = 0;
            while (C(p) == '\\') {
                backslashes++;
                p++;
            }
            if (C(p) == '"') {
                for (int i = 0; i < backslashes / 2; i++) {
                    Put(out, o++, '\\', wide);
                }
                if (backslashes % 2) {
                    Put(out, o++, '"', wide);
                    p++;
                } else if (quoted && C(p + 1) == '"') {
                    Put(out, o++, '"', wide);
                    p += 2;
                } else {
                    quoted = !quoted;
                    p++;
                }
            } else {
                for (int i = 0; i < backslashes; i++) {
                    Put(out, o++, '\\', wide);
                }
                if (C(p) && (quoted || (C(p) != ' ' && C(p) != '\t'))) {
                    Put(out, o++, C(p), wide);
                    p++;
                }
            }
        }
        Put(out, o++, 0, wide);
        argv[argc++] = (BYTE *)out + start * unit;
    }
    argv[argc] = NULL;
    return argc;
#undef C
}

static char **BuildEnvironment(void)
{
    const WCHAR *block = NtCurrentPeb()->ProcessParameters->Environment;
    int count = 0;
    size_t bytes = 0;
    for (const WCHAR *e = block; e && *e; e += wcslen(e) + 1) {
        count++;
        bytes += wcslen(e) + 1;
    }
    char **env = RtlAllocateHeap(Heap(), 0, (count + 1) * sizeof(char *) + bytes);
    if (!env) {
        return NULL;
    }
    char *text = (char *)(env + count + 1);
    int i = 0;
    for (const WCHAR *e = block; e && *e; e += wcslen(e) + 1) {
        env[i++] = text;
        for (const WCHAR *c = e;; c++) {
            *text++ = *c < 0x100 ? (char)*c : '?';
            if (!*c) {
                break;
            }
        }
    }
    env[i] = NULL;
    return env;
}

int CDECL __getmainargs(int *argc, char ***argv, char ***envp, int wildcard, PVOID startinfo)
{
    (void)startinfo;
    const char *line = GetCommandLineA();
    _acmdln = (char *)line;
    /* At most one argument per two characters, plus argv[0] and the NULL;
     * the text never grows when split. */
    size_t length = strlen(line) + 1;
    size_t slots = length / 2 + 3;
    char **vector = RtlAllocateHeap(Heap(), 0, slots * sizeof(char *) + length + 1);
    if (!vector) {
        return -1;
    }
    int count = CrtSplitCommandLine(line, (void **)vector, vector + slots, 0);
    if (wildcard) {
        vector = CrtExpandWildcards(vector, &count);
    }
    *argc = __argc = count;
    *argv = __argv = vector;
    Environment = BuildEnvironment();
    __initenv = _environ = Environment;
    CrtFillData();
    *envp = Environment;
    return 0;
}

char *CDECL getenv(const char *name)
{
    size_t n = strlen(name);
    for (char **e = Environment; e && *e; e++) {
        if (_strnicmp(*e, name, n) == 0 && (*e)[n] == '=') {
            return *e + n + 1;
        }
    }
    return NULL;
}

/* A NULL-terminated list of strings in the ANSI code page, widened: one
 * heap block per string, and the list. NULL when out of memory (nothing
 * is left allocated). The environment's wide copy and the narrow spawn
 * forms, which start their child through the wide ones, take these. */
WCHAR **CrtWidenStrings(const char *const *list)
{
    int count = 0;
    while (list[count]) {
        count++;
    }
    WCHAR **wide = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, (size_t)(count + 1) * sizeof(WCHAR *));
    for (int i = 0; wide && i < count; i++) {
        int n = MultiByteToWideChar(CP_ACP, 0, list[i], -1, NULL, 0);
        wide[i] = RtlAllocateHeap(Heap(), 0, (size_t)(n > 0 ? n : 1) * sizeof(WCHAR));
        if (!wide[i]) {
            CrtFreeStrings(wide);
            return NULL;
        }
        wide[i][0] = 0;
        MultiByteToWideChar(CP_ACP, 0, list[i], -1, wide[i], n);
    }
    return wide;
}

void CrtFreeStrings(WCHAR **list)
{
    if (!list) {
        return;
    }
    for (WCHAR **e = list; *e; e++) {
        RtlFreeHeap(Heap(), 0, *e);
    }
    RtlFreeHeap(Heap(), 0, list);
}

/* _putenv("NAME=value") sets, "NAME=" removes; the C runtime's own copy
 * of the environment, which getenv and _wgetenv read (as msvcrt's
 * _environ). -1 with EINVAL when there is no '=' or no name. */
static WCHAR **WideEnvironment;
static int WideStale = 1;

int CDECL _putenv(const char *entry)
{
    const char *equals = entry ? strchr(entry, '=') : NULL;
    if (!equals || equals == entry) {
        errno = EINVAL;
        return -1;
    }
    size_t name_length = (size_t)(equals - entry);
    int count = 0, found = -1;
    for (char **e = Environment; e && *e; e++, count++) {
        if (found < 0 && _strnicmp(*e, entry, name_length) == 0 && (*e)[name_length] == '=') {
            found = count;
        }
    }
    char **grown = RtlAllocateHeap(Heap(), 0, (size_t)(count + 2) * sizeof(char *));
    char *copy = _strdup(entry);
    if (!grown || !copy) {
        errno = ENOMEM;
        return -1;
    }
    int n = 0;
    for (int i = 0; i < count; i++) {
        if (i != found) {
            grown[n++] = Environment[i];
        }
    }
    if (equals[1]) {
        grown[n++] = copy;     /* set (replacing the old one) */
    }
    grown[n] = NULL;
    Environment = _environ = grown;   /* the old array stays valid for who holds it */
    WideStale = 1;
    CrtWideEnvironment(0);
    return 0;
}

int CDECL _wputenv(const WCHAR *entry)
{
    char narrow[1024];
    if (!entry || WideCharToMultiByte(CP_ACP, 0, entry, -1, narrow, sizeof narrow, NULL, NULL) <= 0) {
        errno = EINVAL;
        return -1;
    }
    CrtWideEnvironment(1);
    return _putenv(narrow);
}

WCHAR *CDECL _wgetenv(const WCHAR *name)
{
    CrtWideEnvironment(1);
    if (WideStale) {
        WCHAR **wide = CrtWidenStrings((const char *const *)Environment);
        if (!wide) {
            return NULL;
        }
        /* The stale copy stays: a pointer _wgetenv returned into it stays
         * good, as one to an entry _putenv did not change does on Windows. */
        WideEnvironment = wide;
        WideStale = 0;
    }
    size_t n = wcslen(name);
    for (WCHAR **e = WideEnvironment; e && *e; e++) {
        size_t i = 0;
        while (i < n && (*e)[i] && ((*e)[i] < 0x80 ? (*e)[i] | ((*e)[i] >= 'A' && (*e)[i] <= 'Z' ? 32 : 0) : (*e)[i]) ==
                                       (name[i] < 0x80 ? name[i] | (name[i] >= 'A' && name[i] <= 'Z' ? 32 : 0) : name[i])) {
            i++;
        }
        if (i == n && (*e)[n] == '=') {
            return *e + n + 1;
        }
    }
    return NULL;
}

void CDECL _initterm(CRT_CALLBACK *start, CRT_CALLBACK *end)
{
    for (; start < end; start++) {
        if (*start) {
            (*start)();
        }
    }
}

int CDECL _initterm_e(CRT_ONEXIT *start, CRT_ONEXIT *end)
{
    for (; start < end; start++) {
        if (*start) {
            int r = (*start)();
            if (r) {
                return r;
            }
        }
    }
    return 0;
}

/* atexit and _onexit handlers, called last-registered first. */
#define MAX_EXIT_HANDLERS 64
static CRT_ONEXIT ExitHandlers[MAX_EXIT_HANDLERS];
static int ExitHandlerCount;

CRT_ONEXIT CDECL _onexit(CRT_ONEXIT handler)
{
    if (ExitHandlerCount == MAX_EXIT_HANDLERS) {
        return NULL;
    }
    ExitHandlers[ExitHandlerCount++] = handler;
    return handler;
}

int CDECL atexit(CRT_CALLBACK handler)
{
    return _onexit((CRT_ONEXIT)handler) ? 0 : -1;
}

static void RunExitHandlers(void)
{
    while (ExitHandlerCount > 0) {
        CRT_ONEXIT handler = ExitHandlers[--ExitHandlerCount];
        handler();
    }
}

void CDECL _cexit(void)
{
    RunExitHandlers();
    CrtFlushAll();
}

void CDECL _c_exit(void)
{
    CrtFlushAll();
}

void CDECL exit(int code)
{
    _cexit();
    ExitProcess((unsigned int)code);
}

void CDECL _exit(int code)
{
    ExitProcess((unsigned int)code);
}

void CDECL _amsg_exit(int message)
{
    char text[64];
    _snprintf(text, sizeof text, "runtime error R60%02d\n", message);
    _write(2, text, (unsigned int)strlen(text));   /* past stderr's buffer, which _exit drops */
    _exit(255);
}

/* ------------------------------------------------------------ signals */
#define SIGABRT 22
#define SIG_DFL ((SIGNAL_HANDLER)0)
#define SIG_IGN ((SIGNAL_HANDLER)1)
#define SIG_ERR ((SIGNAL_HANDLER)-1)
static SIGNAL_HANDLER Handlers[32];

SIGNAL_HANDLER CDECL signal(int sig, SIGNAL_HANDLER handler)
{
    /* The signals msvcrt knows: INT 2, ILL 4, FPE 8, SEGV 11, TERM 15, BREAK 21, ABRT 22. */
    if (sig != 2 && sig != 4 && sig != 8 && sig != 11 && sig != 15 && sig != 21 && sig != SIGABRT) {
        errno = EINVAL;
        return SIG_ERR;
    }
    SIGNAL_HANDLER previous = Handlers[sig];
    Handlers[sig] = handler;
    return previous;
}

int CDECL raise(int sig)
{
    if (sig < 0 || sig >= 32) {
        return -1;
    }
    SIGNAL_HANDLER handler = Handlers[sig];
    if (handler == SIG_IGN) {
        return 0;
    }
    if (handler == SIG_DFL) {
        _exit(3);
    }
    /* A handler of SIGSEGV, SIGILL or SIGFPE sees __pxcptinfoptrs() NULL
     * when raise called it (no exception), the slot restored after; the
     * other signals leave it alone (Wine's msvcrt tests signal.c,
     * test___pxcptinfoptrs). */
    void **slot = __pxcptinfoptrs();
    void *saved = *slot;
    if (sig == 4 || sig == 8 || sig == 11) {
        *slot = NULL;
    }
    Handlers[sig] = SIG_DFL;
    handler(sig);
    *slot = saved;
    return 0;
}

/*
 * _XcptFilter: the filter of the __except around main in a Visual C++
 * program's start-up. An exception that maps to a signal (access
 * violation: SIGSEGV; illegal or privileged instruction: SIGILL; the x87
 * exceptions: SIGFPE) whose handler the program set with signal() is
 * delivered to it, the handler first reset to SIG_DFL, and execution
 * continues (EXCEPTION_CONTINUE_EXECUTION); SIG_IGN continues without a
 * call. Any other exception, or a signal left at SIG_DFL, is for
 * UnhandledExceptionFilter to judge.
 */
#define SIGILL  4
#define SIGFPE  8
#define SIGSEGV 11
#define _FPE_INVALID        0x81
#define _FPE_DENORMAL       0x82
#define _FPE_ZERODIVIDE     0x83
#define _FPE_OVERFLOW       0x84
#define _FPE_UNDERFLOW      0x85
#define _FPE_INEXACT        0x86
#define _FPE_STACKOVERFLOW  0x8a

static int SignalOf(NTSTATUS code, int *fpe)
{
    *fpe = 0;
    switch ((ULONG)code) {
    case 0xC0000005: return SIGSEGV;                            /* STATUS_ACCESS_VIOLATION */
    case 0xC000001D: return SIGILL;                             /* STATUS_ILLEGAL_INSTRUCTION */
    case 0xC0000096: return SIGILL;                             /* STATUS_PRIVILEGED_INSTRUCTION */
    case 0xC000008D: *fpe = _FPE_DENORMAL; return SIGFPE;       /* STATUS_FLOAT_DENORMAL_OPERAND */
    case 0xC000008E: *fpe = _FPE_ZERODIVIDE; return SIGFPE;     /* STATUS_FLOAT_DIVIDE_BY_ZERO */
    case 0xC000008F: *fpe = _FPE_INEXACT; return SIGFPE;        /* STATUS_FLOAT_INEXACT_RESULT */
    case 0xC0000090: *fpe = _FPE_INVALID; return SIGFPE;        /* STATUS_FLOAT_INVALID_OPERATION */
    case 0xC0000091: *fpe = _FPE_OVERFLOW; return SIGFPE;       /* STATUS_FLOAT_OVERFLOW */
    case 0xC0000092: *fpe = _FPE_STACKOVERFLOW; return SIGFPE;  /* STATUS_FLOAT_STACK_CHECK */
    case 0xC0000093: *fpe = _FPE_UNDERFLOW; return SIGFPE;      /* STATUS_FLOAT_UNDERFLOW */
    default: return 0;
    }
}

int CDECL _XcptFilter(NTSTATUS code, EXCEPTION_POINTERS *pointers)
{
    int fpe;
    int sig = SignalOf(code, &fpe);
    SIGNAL_HANDLER handler = sig ? Handlers[sig] : SIG_DFL;
    if (handler == SIG_DFL) {
        return UnhandledExceptionFilter(pointers);
    }
    if (handler == SIG_IGN) {
        return EXCEPTION_CONTINUE_EXECUTION;
    }
    Handlers[sig] = SIG_DFL;
    void **slot = __pxcptinfoptrs();   /* the handler may ask for the exception */
    void *saved = *slot;
    *slot = pointers;
    if (sig == SIGFPE) {
        /* msvcrt calls a SIGFPE handler with the _FPE_ code too, which
         * it also keeps where __fpecode() points. */
        *__fpecode() = fpe;
        ((void (CDECL *)(int, int))(void *)handler)(sig, fpe);
    } else {
        handler(sig);
    }
    *slot = saved;
    return EXCEPTION_CONTINUE_EXECUTION;
}

/* abort: SIGABRT, then (as msvcrt) the message and exit status 3. */
void CDECL abort(void)
{
    if (Handlers[SIGABRT] && Handlers[SIGABRT] != SIG_IGN) {
        raise(SIGABRT);
    }
    static const char message[] = "\nThis application has requested the Runtime to terminate it "
                                  "in an unusual way.\nPlease contact the application's support "
                                  "team for more information.\n";
    fwrite(message, 1, sizeof message - 1, crt_stderr);
    _exit(3);
}
