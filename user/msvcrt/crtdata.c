/*
 * msvcrt's data exports beside __argc/__argv and _acmdln: the wide
 * arguments and command line (__wgetmainargs, __wargv, _wcmdln), the
 * environment as the C runtime keeps it (_environ, which _putenv
 * replaces, and _wenviron, its wide form), the program's path (_pgmptr,
 * _wpgmptr) and the Windows version (_osver: the build, _winmajor,
 * _winminor, _winver = major << 8 | minor, _osplatform), each with the
 * __p__ accessor msvcrt has for it. mingw's programs read the variables
 * themselves (through their __imp_ pointers), so the values are set when
 * the DLL is first asked and kept current as msvcrt keeps them.
 */
#include "msvcrt/crtfill.h"
#include "ke/ntx86.h"

extern char **__initenv;   /* startup.c's, set by __getmainargs */

char **_environ;             /* set by __getmainargs and _putenv (startup.c) */
WCHAR **_wenviron;
WCHAR **__wargv;
WCHAR *_wcmdln;
WCHAR **__winitenv;
char *_pgmptr;
WCHAR *_wpgmptr;
unsigned int _osver, _winver, _winmajor, _winminor, _osplatform;

static PVOID Heap(void) { return CRT_HEAP(); }

static ULONG PebValue(ULONG offset)
{
    return *(const ULONG *)((const BYTE *)NtCurrentPeb() + offset);
}

/* What needs no call from the program: the version and the path, filled
 * by __getmainargs (startup.c) or __wgetmainargs, one of which every
 * program's start-up calls before main, or at first use of an accessor. */
void CrtFillData(void)
{
    static int done;
    if (done) {
        return;
    }
    done = 1;
    _winmajor = PebValue(PEB_OS_MAJOR);
    _winminor = PebValue(PEB_OS_MINOR);
    _winver = _winmajor << 8 | _winminor;
    _osver = PebValue(PEB_OS_BUILD) & 0x7FFF;
    _osplatform = PebValue(PEB_OS_PLATFORM);
    /* The program's name as the loader has it (what GetModuleFileName
     * gives): the first module of the load-order list. Read here rather
     * than asked, so start-up stays within the stack's first page. */
    static WCHAR wide[261];
    static char narrow[261];
    const LIST_ENTRY *first = NtCurrentPeb()->Ldr->InLoadOrderModuleList.Flink;
    const LDR_DATA_TABLE_ENTRY *program = (const LDR_DATA_TABLE_ENTRY *)first;
    size_t n = program->FullDllName.Length / sizeof(WCHAR);
    if (n > 260) {
        n = 260;
    }
    memcpy(wide, program->FullDllName.Buffer, n * sizeof(WCHAR));
    wide[n] = 0;
    _wpgmptr = wide;
    if (WideCharToMultiByte(CP_ACP, 0, wide, -1, narrow, sizeof narrow, NULL, NULL) > 0) {
        _pgmptr = narrow;
    }
    _wcmdln = GetCommandLineW();
}

/* _wenviron follows _environ, rebuilt when _putenv has replaced it, once
 * something wide asked for the environment: before that it is NULL, even
 * through __p__wenviron (Wine's msvcrt tests environ.c, test__wenviron:
 * __getmainargs and _putenv leave it NULL). */
static char **WideFrom = (char **)-1;
static int WideWanted;

static WCHAR **WideBlock(void);

static void SyncWideEnvironment(void)
{
    if (!_environ) {
        /* A wmain program: __getmainargs never ran; the block's own. */
        if (!__winitenv) {
            __winitenv = WideBlock();
        }
        if (!_wenviron) {
            _wenviron = __winitenv;
        }
        return;
    }
    if (WideFrom == _environ) {
        return;
    }
    WCHAR **wide = CrtWidenStrings((const char *const *)_environ);
    if (!wide) {
        return;
    }
    _wenviron = wide;
    WideFrom = _environ;
}

WCHAR ***CDECL __p___wargv(void) { return &__wargv; }
char ***CDECL __p__environ(void) { return &_environ; }
void CrtWideEnvironment(int start)
{
    WideWanted |= start;
    if (WideWanted) {
        SyncWideEnvironment();
    }
}

WCHAR ***CDECL __p__wenviron(void) { CrtWideEnvironment(0); return &_wenviron; }
WCHAR **CDECL __p__wcmdln(void) { CrtFillData(); return &_wcmdln; }
char ***CDECL __p___initenv(void) { return &__initenv; }
WCHAR ***CDECL __p___winitenv(void) { return &__winitenv; }
char **CDECL __p__pgmptr(void) { CrtFillData(); return &_pgmptr; }
WCHAR **CDECL __p__wpgmptr(void) { CrtFillData(); return &_wpgmptr; }
unsigned int *CDECL __p__osver(void) { CrtFillData(); return &_osver; }
unsigned int *CDECL __p__winver(void) { CrtFillData(); return &_winver; }
unsigned int *CDECL __p__winmajor(void) { CrtFillData(); return &_winmajor; }
unsigned int *CDECL __p__winminor(void) { CrtFillData(); return &_winminor; }

/* The environment block's own (wide) strings: no code page between. */
static WCHAR **WideBlock(void)
{
    const WCHAR *block = NtCurrentPeb()->ProcessParameters->Environment;
    int count = 0;
    for (const WCHAR *e = block; e && *e; e += wcslen(e) + 1) {
        count++;
    }
    WCHAR **env = RtlAllocateHeap(Heap(), 0, (size_t)(count + 1) * sizeof(WCHAR *));
    if (!env) {
        return NULL;
    }
    int i = 0;
    for (const WCHAR *e = block; e && *e; e += wcslen(e) + 1) {
        env[i++] = (WCHAR *)e;
    }
    env[i] = NULL;
    return env;
}

int CDECL __wgetmainargs(int *argc, WCHAR ***argv, WCHAR ***envp, int wildcard, PVOID startinfo)
{
    (void)wildcard;
    (void)startinfo;
    CrtFillData();
    const WCHAR *line = _wcmdln;
    size_t length = wcslen(line) + 1;
    size_t slots = length / 2 + 3;
    WCHAR **vector = RtlAllocateHeap(Heap(), 0, slots * sizeof(WCHAR *) + (length + 1) * sizeof(WCHAR));
    if (!vector) {
        return -1;
    }
    *argc = CrtSplitCommandLine(line, (void **)vector, vector + slots, 1);
    *argv = __wargv = vector;
    if (!__winitenv) {
        __winitenv = WideBlock();
    }
    CrtWideEnvironment(1);
    *envp = _wenviron;
    return 0;
}
