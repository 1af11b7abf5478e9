/*
 * Stack growth follows the TEB. A program that makes a stack of its own —
 * a reservation whose top page is committed with a guard page below it, as
 * CreateFiber's stacks are — and names it in its TEB (NtTib.StackBase,
 * NtTib.StackLimit, DeallocationStack) before switching to it gets what
 * its first stack gets: the guard page moves down as it grows (no
 * exception reaches the program, StackLimit follows), and when the
 * reservation is used up STATUS_STACK_OVERFLOW is raised on the new
 * stack. Meanwhile a guard page on the stack the TEB no longer names is an
 * ordinary guard page (STATUS_GUARD_PAGE_VIOLATION). The same holds in a
 * second thread, with its own TEB. (Windows: MiCheckForUserStackOverflow
 * reads the faulting thread's TEB; Wine's ntdll exception tests switch
 * stacks the same way.)
 */
#include "pe.h"

#define STACK_RESERVE (256 * 1024)

typedef struct TEB_STACK {
    DWORD Base, Limit, Deallocation;
} TEB_STACK;

static NT_TIB *Tib(void)
{
    NT_TIB *tib;
    __asm__("movl %%fs:0x18, %0" : "=r"(tib));
    return tib;
}

static DWORD *DeallocationStack(void)
{
    return (DWORD *)((BYTE *)Tib() + 0xE0C);
}

static TEB_STACK GetTebStack(void)
{
    TEB_STACK s = {(DWORD)Tib()->StackBase, (DWORD)Tib()->StackLimit, *DeallocationStack()};
    return s;
}

static void SetTebStack(TEB_STACK s)
{
    Tib()->StackBase = (void *)s.Base;
    Tib()->StackLimit = (void *)s.Limit;
    *DeallocationStack() = s.Deallocation;
}

/*
 * CallOnStack(fn, arg, top): calls fn(arg) with ESP at top, and returns
 * its result on the caller's stack. The frame it leaves in SwitchFrame
 * lets a handler come back through CallOnStackReturn (Ebp = SwitchFrame,
 * Eax = the result) when fn never returns.
 */
DWORD CallOnStack(DWORD (*fn)(DWORD), DWORD arg, DWORD top);
void CallOnStackReturn(void);
DWORD SwitchFrame[2]; /* one per test thread: [0] main, [1] second */
__asm__(".globl _CallOnStack\n"
        "_CallOnStack:\n"
        "  pushl %ebp\n"
        "  movl %esp, %ebp\n"
        "  pushl %ebx\n"
        "  pushl %esi\n"
        "  pushl %edi\n"
        "  movl %fs:0x24, %eax\n"          /* the thread id picks the slot */
        "  cmpl _MainThreadId, %eax\n"
        "  setne %al\n"
        "  movzbl %al, %eax\n"
        "  movl %ebp, _SwitchFrame(,%eax,4)\n"
        "  movl 16(%ebp), %esp\n"
        "  pushl 12(%ebp)\n"
        "  call *8(%ebp)\n"
        ".globl _CallOnStackReturn\n"
        "_CallOnStackReturn:\n"
        "  leal -12(%ebp), %esp\n"
        "  popl %edi\n"
        "  popl %esi\n"
        "  popl %ebx\n"
        "  popl %ebp\n"
        "  ret\n");

DWORD MainThreadId;

/* What the vectored handler saw, per thread slot. */
static volatile LONG Exceptions[2], Overflows[2], Guards[2];
static volatile DWORD OverflowAddress[2];

static int Slot(void)
{
    return GetCurrentThreadId() != MainThreadId;
}

static LONG CALLBACK Handler(EXCEPTION_POINTERS *info)
{
    int slot = Slot();
    DWORD code = info->ExceptionRecord->ExceptionCode;
    Exceptions[slot]++;
    if (code == STATUS_GUARD_PAGE_VIOLATION) {
        Guards[slot]++;
        info->ContextRecord->Eip += 2; /* ReadAt's one instruction */
        return EXCEPTION_CONTINUE_EXECUTION;
    }
    if (code == STATUS_STACK_OVERFLOW) {
        Overflows[slot]++;
        OverflowAddress[slot] = info->ExceptionRecord->ExceptionInformation[1];
        /* Back to CallOnStack's caller, on the original stack. */
        info->ContextRecord->Ebp = SwitchFrame[slot];
        info->ContextRecord->Eip = (DWORD)CallOnStackReturn;
        info->ContextRecord->Eax = STATUS_STACK_OVERFLOW;
        return EXCEPTION_CONTINUE_EXECUTION;
    }
    return EXCEPTION_CONTINUE_SEARCH;
}

static __attribute__((noinline)) DWORD Deep(DWORD n)
{
    volatile BYTE page[1000];
    page[0] = (BYTE)n;
    return n ? Deep(n - 1) + page[0] : 0;
}

#pragma GCC diagnostic ignored "-Winfinite-recursion"
static __attribute__((noinline)) DWORD Forever(DWORD n)
{
    volatile BYTE page[1000];
    page[0] = (BYTE)n;
    return Forever(n + 1) + page[0];
}

/* A stack as CreateFiber makes one: the top page committed, a guard page
 * below it, the rest reserved. */
static TEB_STACK MakeStack(void)
{
    TEB_STACK s = {0, 0, 0};
    BYTE *low = VirtualAlloc(NULL, STACK_RESERVE, MEM_RESERVE, PAGE_READWRITE);
    if (!low) {
        return s;
    }
    BYTE *top = low + STACK_RESERVE;
    VirtualAlloc(top - 4096, 4096, MEM_COMMIT, PAGE_READWRITE);
    VirtualAlloc(top - 8192, 4096, MEM_COMMIT, PAGE_READWRITE | PAGE_GUARD);
    s.Base = (DWORD)top;
    s.Limit = (DWORD)top - 4096;
    s.Deallocation = (DWORD)low;
    return s;
}

static DWORD CommittedBelow(DWORD top)
{
    DWORD va = top - 4096;
    for (;;) {
        MEMORY_BASIC_INFORMATION mbi;
        if (!VirtualQuery((void *)va, &mbi, sizeof mbi) || mbi.State != MEM_COMMIT) {
            return top - (va + 4096);
        }
        va -= 4096;
    }
}

/* On the new stack: 200 frames of 1000 bytes, about 200 KiB of growth. */
static DWORD GrowOnNewStack(DWORD arg)
{
    (void)arg;
    Deep(200);
    return Tib()->StackLimit == 0 ? 0 : (DWORD)Tib()->StackLimit;
}

/* On the new stack: read the old stack's guard page, then overflow. */
static DWORD OldGuard;
static DWORD TouchOldGuardThenOverflow(DWORD arg)
{
    (void)arg;
    ReadAt(OldGuard);
    return Forever(0);
}

static char *Concat(char *out, const char *a, const char *b)
{
    char *p = out;
    while (*a) {
        *p++ = *a++;
    }
    while (*b) {
        *p++ = *b++;
    }
    *p = 0;
    return out;
}

/* Everything the test does on one thread; slot 0 main, 1 the second. */
static void SwitchStacks(const char *who)
{
    int slot = Slot();
    TEB_STACK original = GetTebStack();
    char what[128];
#define WHAT(s) Concat(what, who, s)

    /* 1. Growth on a stack of its own. */
    TEB_STACK mine = MakeStack();
    CHECK_EQ(WHAT(": the new stack is reserved"), mine.Base != 0, 1);
    SetTebStack(mine);
    DWORD limit = CallOnStack(GrowOnNewStack, 0, mine.Base);
    TEB_STACK after = GetTebStack();
    SetTebStack(original);
    CHECK_EQ(WHAT(": exceptions while the new stack grew"), Exceptions[slot], 0);
    CHECK_EQ(WHAT(": StackLimit moved down the new stack"), limit < mine.Base - 190 * 1024, 1);
    CHECK_EQ(WHAT(": StackLimit is inside the new stack"), limit >= mine.Deallocation, 1);
    CHECK_EQ(WHAT(": StackBase unchanged"), after.Base, mine.Base);
    CHECK_EQ(WHAT(": StackLimit is the lowest committed page but the guard"),
             mine.Base - CommittedBelow(mine.Base) + 4096, after.Limit);
    MEMORY_BASIC_INFORMATION mbi;
    VirtualQuery((void *)(after.Limit - 4096), &mbi, sizeof mbi);
    CHECK_EQ(WHAT(": the page below StackLimit is the guard page"), mbi.Protect,
             PAGE_READWRITE | PAGE_GUARD);

    /* 2. Overflow on a second stack; the old stack's guard page meanwhile
     * is an ordinary guard page. */
    TEB_STACK other = MakeStack();
    OldGuard = original.Limit - 4096;
    VirtualQuery((void *)OldGuard, &mbi, sizeof mbi);
    CHECK_EQ(WHAT(": the original stack has its guard page"), mbi.Protect,
             PAGE_READWRITE | PAGE_GUARD);
    SetTebStack(other);
    DWORD result = CallOnStack(TouchOldGuardThenOverflow, 0, other.Base);
    after = GetTebStack();
    SetTebStack(original);
    CHECK_EQ(WHAT(": the old stack's guard page: STATUS_GUARD_PAGE_VIOLATION"), Guards[slot], 1);
    CHECK_EQ(WHAT(": ...and its StackLimit did not move"), original.Limit, GetTebStack().Limit);
    CHECK_EQ(WHAT(": STATUS_STACK_OVERFLOW on the new stack"), result, STATUS_STACK_OVERFLOW);
    CHECK_EQ(WHAT(": one overflow"), Overflows[slot], 1);
    CHECK_EQ(WHAT(": overflow address in the new stack's second page"),
             OverflowAddress[slot] >> 12, (other.Deallocation >> 12) + 1);
    CHECK_EQ(WHAT(": StackLimit at the last usable page"), after.Limit, other.Deallocation + 4096);
    /* Put the old guard page back (the exception took it away, as on
     * Windows), then the original stack grows again. */
    DWORD old;
    VirtualProtect((void *)OldGuard, 4096, PAGE_READWRITE | PAGE_GUARD, &old);
    Exceptions[slot] = 0;
    Deep(100);
    CHECK_EQ(WHAT(": the original stack still grows with no exception"), Exceptions[slot], 0);
    VirtualFree((void *)mine.Deallocation, 0, MEM_RELEASE);
    VirtualFree((void *)other.Deallocation, 0, MEM_RELEASE);
}

static DWORD WINAPI SecondThread(void *p)
{
    (void)p;
    SwitchStacks("second thread");
    return 7;
}

void __cdecl start(void)
{
    MainThreadId = GetCurrentThreadId();
    AddVectoredExceptionHandler(1, Handler);
    SwitchStacks("main thread");
    HANDLE thread = CreateThread(NULL, 0, SecondThread, NULL, 0, NULL);
    CHECK_EQ("CreateThread", thread != NULL, 1);
    WaitForSingleObject(thread, INFINITE);
    DWORD code = 0;
    GetExitCodeThread(thread, &code);
    CHECK_EQ("second thread's exit code", code, 7);
    Finish();
}
