/* msvcrt's exports for programs Visual C++ builds against msvcrt.dll:
 * _except_handler3 (the x86 __try/__except/__finally frame handler),
 * _local_unwind2, _global_unwind2 (through RtlUnwind), _abnormal_termination,
 * _XcptFilter, __p___argc, __p___argv, _acmdln, _adjust_fdiv, _strcmpi.
 * mingw cannot compile __try, so SehFrame below lays out the frame as
 * Visual C++ does (the layout of Wine's dlls/msvcrt/except_i386.c and
 * ReactOS's sdk/lib/crt/except/i386): ebp-0x18 saved ESP, ebp-0x14
 * exception pointers, ebp-0x10 the registration (Next, Handler =
 * _except_handler3, ScopeTable, TryLevel), and the scope table entries
 * {enclosing level, filter or NULL for a __finally, handler}. */
#include <signal.h>
#include "../guesttest.h"

typedef struct {
    LONG Enclosing;
    void *Filter, *Handler;
} SCOPE;

void *Handler3, *LocalUnwind2;
static char Log[256];

/* SehFrame(table, level, body): a function whose __try at `level` (of
 * `table`) calls body(). 1 when an __except block ran, 0 when body
 * returned (then it leaves its __try with a return: _local_unwind2 runs
 * the __finally bodies, as Visual C++ compiles it). */
int SehFrame(const SCOPE *table, LONG level, void (*body)(void));
void SehFilterThunk(void), SehExceptBlock(void), SehFinallyThunk(void);
LONG SehFilter(EXCEPTION_POINTERS *pointers) __asm__("SehFilter");
void SehFinally(void) __asm__("SehFinally");
__asm__(".text\n"
        ".globl _SehFrame\n"
        "_SehFrame:\n"
        "    pushl %ebp\n"
        "    movl %esp, %ebp\n"
        "    pushl $-1\n"                    /* ebp-0x04 TryLevel */
        "    pushl 8(%ebp)\n"                /* ebp-0x08 ScopeTable */
        "    pushl _Handler3\n"              /* ebp-0x0C Handler */
        "    pushl %fs:0\n"                  /* ebp-0x10 Next */
        "    movl %esp, %fs:0\n"
        "    subl $8, %esp\n"                /* ebp-0x14, ebp-0x18 */
        "    pushl %ebx\n"
        "    pushl %esi\n"
        "    pushl %edi\n"
        "    movl %esp, -0x18(%ebp)\n"
        "    movl 12(%ebp), %eax\n"
        "    movl %eax, -4(%ebp)\n"          /* enter the __try */
        "    call *16(%ebp)\n"
        "    pushl $-1\n"                    /* return out of the __try */
        "    leal -0x10(%ebp), %eax\n"
        "    pushl %eax\n"
        "    call *_LocalUnwind2\n"
        "    addl $8, %esp\n"
        "    xorl %eax, %eax\n"
        "    jmp 1f\n"
        ".globl _SehExceptBlock\n"
        "_SehExceptBlock:\n"
        "    movl -0x18(%ebp), %esp\n"
        "    movl $1, %eax\n"
        "1:  movl -0x10(%ebp), %ecx\n"
        "    movl %ecx, %fs:0\n"
        "    popl %edi\n"
        "    popl %esi\n"
        "    popl %ebx\n"
        "    movl %ebp, %esp\n"
        "    popl %ebp\n"
        "    ret\n"
        ".globl _SehFilterThunk\n"
        "_SehFilterThunk:\n"                 /* EBP is the frame's */
        "    pushl -0x14(%ebp)\n"
        "    call SehFilter\n"
        "    addl $4, %esp\n"
        "    ret\n"
        ".globl _SehFinallyThunk\n"
        "_SehFinallyThunk:\n"
        "    call SehFinally\n"
        "    ret\n");

static int (*AbnormalEnd)(void);

/* The filter: resumes 0xE0000002, passes 0xE0000003 the first time it
 * sees it, handles the rest. */
static int Passes;

LONG SehFilter(EXCEPTION_POINTERS *pointers)
{
    DWORD code = pointers->ExceptionRecord->ExceptionCode;
    strcat(Log, "filter ");
    if (code == 0xE0000002) return EXCEPTION_CONTINUE_EXECUTION;
    if (code == 0xE0000003 && Passes++ == 0) return EXCEPTION_CONTINUE_SEARCH;
    return EXCEPTION_EXECUTE_HANDLER;
}

void SehFinally(void)
{
    strcat(Log, AbnormalEnd() ? "finally(abnormal) " : "finally ");
}

static void RaiseHandled(void) { RaiseException(0xE0000001, 0, 0, NULL); strcat(Log, "not-reached "); }
static void RaiseResumed(void) { RaiseException(0xE0000002, 0, 0, NULL); strcat(Log, "resumed "); }
static void RaisePassed(void) { RaiseException(0xE0000003, 0, 0, NULL); }
static void Fault(void) { *(volatile int *)16 = 1; }
static void Nothing(void) { strcat(Log, "body "); }

static const SCOPE Except[] = {{-1, SehFilterThunk, SehExceptBlock}};
static const SCOPE Finally[] = {{-1, NULL, SehFinallyThunk}};
static const SCOPE FinallyInExcept[] = {{-1, SehFilterThunk, SehExceptBlock}, {0, NULL, SehFinallyThunk}};

static void InnerFinallyRaising(void) { SehFrame(Finally, 0, RaiseHandled); }
static void InnerPassing(void) { SehFrame(Except, 0, RaisePassed); }

static void Run(const char *what, const SCOPE *table, LONG level, void (*body)(void), int result, const char *log)
{
    Log[0] = 0;
    void *chain = (void *)__readfsdword(0);
    int got = SehFrame(table, level, body);
    char text[300];
    snprintf(text, sizeof text, "%s: %s-> %d", what, Log, got);
    Check(got == result && !strcmp(Log, log) && (void *)__readfsdword(0) == chain, text);
}

static int SignalSeen;
static void OnSignal(int sig) { SignalSeen = sig; }

int main(int argc, char **argv)
{
    HMODULE msvcrt = GetModuleHandleA("msvcrt.dll");
    Handler3 = (void *)GetProcAddress(msvcrt, "_except_handler3");
    LocalUnwind2 = (void *)GetProcAddress(msvcrt, "_local_unwind2");
    AbnormalEnd = (int (*)(void))GetProcAddress(msvcrt, "_abnormal_termination");
    Check(Handler3 && LocalUnwind2 && AbnormalEnd && GetProcAddress(msvcrt, "_global_unwind2"),
          "msvcrt exports _except_handler3, _local_unwind2, _global_unwind2, _abnormal_termination");

    Run("__except catches a raise", Except, 0, RaiseHandled, 1, "filter ");
    Run("__except catches an access violation", Except, 0, Fault, 1, "filter ");
    Run("EXCEPTION_CONTINUE_EXECUTION resumes", Except, 0, RaiseResumed, 0, "filter resumed ");
    Run("a __finally inside the __try runs before the __except block", FinallyInExcept, 1, RaiseHandled, 1,
        "filter finally(abnormal) ");
    Run("a return out of the __try runs the __finally (_local_unwind2)", Finally, 0, Nothing, 0,
        "body finally(abnormal) ");
    Run("an outer frame's handler unwinds the inner frame's __finally (_global_unwind2, RtlUnwind)", Except, 0,
        InnerFinallyRaising, 1, "filter finally(abnormal) ");
    Run("EXCEPTION_CONTINUE_SEARCH passes to the outer frame", Except, 0, InnerPassing, 1, "filter filter ");
    Check(!AbnormalEnd(), "_abnormal_termination outside a __finally: 0");

    /* _XcptFilter: the exception as a signal, or UnhandledExceptionFilter's answer. */
    int (__cdecl *xcpt)(unsigned long, EXCEPTION_POINTERS *) =
        (int (__cdecl *)(unsigned long, EXCEPTION_POINTERS *))GetProcAddress(msvcrt, "_XcptFilter");
    EXCEPTION_RECORD record = {0};
    CONTEXT context = {0};
    EXCEPTION_POINTERS pointers = {&record, &context};
    record.ExceptionCode = 0xC0000005;
    signal(SIGSEGV, OnSignal);
    int verdict = xcpt(0xC0000005, &pointers);
    Check(verdict == EXCEPTION_CONTINUE_EXECUTION && SignalSeen == SIGSEGV && signal(SIGSEGV, SIG_DFL) == SIG_DFL,
          "_XcptFilter: an access violation to the SIGSEGV handler, reset to SIG_DFL, execution continues");
    record.ExceptionCode = 0xC000001D;
    signal(SIGILL, SIG_IGN);
    Check(xcpt(0xC000001D, &pointers) == EXCEPTION_CONTINUE_EXECUTION, "_XcptFilter: SIGILL ignored continues");
    signal(SIGILL, SIG_DFL);
    record.ExceptionCode = 0xE0000001;
    Check(xcpt(0xE0000001, &pointers) == UnhandledExceptionFilter(&pointers),
          "_XcptFilter: another exception is UnhandledExceptionFilter's to judge");

    int *(__cdecl *p_argc)(void) = (int *(__cdecl *)(void))GetProcAddress(msvcrt, "__p___argc");
    char ***(__cdecl *p_argv)(void) = (char ***(__cdecl *)(void))GetProcAddress(msvcrt, "__p___argv");
    char **acmdln = (char **)GetProcAddress(msvcrt, "_acmdln");
    int *fdiv = (int *)GetProcAddress(msvcrt, "_adjust_fdiv");
    int (__cdecl *strcmpi)(const char *, const char *) =
        (int (__cdecl *)(const char *, const char *))GetProcAddress(msvcrt, "_strcmpi");
    Check(p_argc && *p_argc() == argc && p_argv && (*p_argv())[1] && !strcmp((*p_argv())[1], argv[1]),
          "__p___argc, __p___argv: __getmainargs' split");
    Check(acmdln && *acmdln && !strcmp(*acmdln, GetCommandLineA()), "_acmdln: the command line");
    Check(fdiv && *fdiv == 0, "_adjust_fdiv: 0, no FDIV flaw");
    Check(strcmpi && strcmpi("ABC", "abc") == 0 && strcmpi("a", "B") < 0, "_strcmpi");
    printf("%d failures\n", Failures);
    return Failures;
}
