/*
 * Fibers: ConvertThreadToFiber(Ex), CreateFiber(Ex), SwitchToFiber,
 * DeleteFiber, ConvertFiberToThread, IsThreadAFiber. A fiber is a saved
 * stack and registers the program schedules itself; the running one is
 * the TEB's NtTib.FiberData (fs:[0x10]), whose first word is the fiber's
 * parameter — mingw's GetCurrentFiber and GetFiberData read them inline.
 *
 * SwitchToFiber saves the callee-saved registers, the stack pointer and
 * the return address in the running fiber, with what of the TEB belongs
 * to the fiber rather than the thread (ExceptionList, StackBase,
 * StackLimit, DeallocationStack, and FlsData: fiber-local storage is the
 * fiber's), and loads the target's. A new fiber's stack is reserved and
 * its top committed with a guard page below, so it grows as a thread's
 * does (mm reads the TEB's stack fields). Its first switch starts
 * FiberStartup, which calls Start(Parameter); a fiber that returns ends
 * its thread (ExitThread), as Windows' does.
 *
 * Windows' answers (Microsoft's documentation, Wine's fiber.c tests):
 * converting a fiber again is ERROR_ALREADY_FIBER and ConvertFiberToThread
 * of a thread is ERROR_ALREADY_THREAD; DeleteFiber of another fiber runs
 * its FLS callbacks and frees its stack; DeleteFiber of the running one
 * ends the thread.
 */
#include "kernel32/kernel32.h"

#define ERROR_ALREADY_FIBER 1280
#define ERROR_ALREADY_THREAD 1281
#define TEB_FIBER_DATA 0x010
#define TEB_SAME_TEB_FLAGS 0xFCA   /* USHORT; HasFiberData is bit 2 */
#define HAS_FIBER_DATA 0x0004u
#define DEFAULT_RESERVE 0x100000u
#define PAGE_READWRITE 0x04u
#define PAGE_GUARD 0x100u

typedef struct FIBER {
    PVOID FiberData;           /* 0x00: the parameter (GetFiberData) */
    ULONG ExceptionList;       /* 0x04 */
    ULONG StackBase;           /* 0x08 */
    ULONG StackLimit;          /* 0x0C */
    ULONG DeallocationStack;   /* 0x10 */
    ULONG Ebx, Esi, Edi, Ebp;  /* 0x14 */
    ULONG Esp;                 /* 0x24 */
    ULONG Eip;                 /* 0x28 */
    ULONG FlsData;             /* 0x2C */
    PVOID Start;               /* its routine (CreateFiber) */
    BOOL OwnsStack;            /* CreateFiber made it: DeleteFiber frees it */
} FIBER;

_Static_assert(__builtin_offsetof(FIBER, Eip) == 0x28, "SwitchToFiber's offsets");
_Static_assert(__builtin_offsetof(FIBER, FlsData) == 0x2C, "SwitchToFiber's offsets");

static PVOID Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

static USHORT SameTebFlags(void)
{
    USHORT flags;
    __asm__ volatile("movw %%fs:0xFCA, %0" : "=r"(flags));
    return flags;
}

static void SetSameTebFlags(USHORT flags)
{
    __asm__ volatile("movw %0, %%fs:0xFCA" : : "r"(flags) : "memory");
}

BOOL WINAPI IsThreadAFiber(void)
{
    return (SameTebFlags() & HAS_FIBER_DATA) != 0;
}

PVOID WINAPI ConvertThreadToFiberEx(PVOID parameter, DWORD flags)
{
    (void)flags;   /* FIBER_FLAG_FLOAT_SWITCH: the x87 state is not switched either way */
    if (IsThreadAFiber()) {
        SetLastError(ERROR_ALREADY_FIBER);
        return NULL;
    }
    FIBER *fiber = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, sizeof *fiber);
    if (!fiber) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    fiber->FiberData = parameter;
    fiber->ExceptionList = TebRead(TEB_EXCEPTION_LIST);
    fiber->StackBase = TebRead(TEB_STACK_BASE);
    fiber->StackLimit = TebRead(TEB_STACK_LIMIT);
    fiber->DeallocationStack = TebRead(TEB_DEALLOCATION_STACK);
    fiber->FlsData = TebRead(TEB_FLS_DATA);
    TebWrite(TEB_FIBER_DATA, (ULONG)fiber);
    SetSameTebFlags(SameTebFlags() | HAS_FIBER_DATA);
    return fiber;
}

PVOID WINAPI ConvertThreadToFiber(PVOID parameter)
{
    return ConvertThreadToFiberEx(parameter, 0);
}

BOOL WINAPI ConvertFiberToThread(void)
{
    if (!IsThreadAFiber()) {
        SetLastError(ERROR_ALREADY_THREAD);
        return FALSE;
    }
    FIBER *fiber = (FIBER *)TebRead(TEB_FIBER_DATA);
    SetSameTebFlags(SameTebFlags() & ~HAS_FIBER_DATA);
    TebWrite(TEB_FIBER_DATA, 0);
    RtlFreeHeap(Heap(), 0, fiber);
    return TRUE;
}

/* Where a new fiber's first switch lands: [esp] is a return address
 * nobody uses. */
static void __attribute__((noreturn, used)) FiberStartup(void)
{
    FIBER *fiber = (FIBER *)TebRead(TEB_FIBER_DATA);
    ((void(WINAPI *)(PVOID))fiber->Start)(fiber->FiberData);
    RtlExitUserThread(0);
    for (;;) {
    }
}

PVOID WINAPI CreateFiberEx(SIZE_T commit, SIZE_T reserve, DWORD flags, PVOID start,
                           PVOID parameter)
{
    (void)flags;
    reserve = reserve ? (reserve + 0xFFFF) & ~(SIZE_T)0xFFFF : DEFAULT_RESERVE;
    commit = commit ? (commit + 0xFFF) & ~(SIZE_T)0xFFF : 0x1000;
    if (commit + 0x1000 > reserve) {
        reserve = (commit + 0x1000 + 0xFFFF) & ~(SIZE_T)0xFFFF;
    }
    FIBER *fiber = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, sizeof *fiber);
    if (!fiber) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    /* The stack: reserved, its top committed, a guard page below. */
    PVOID base = NULL;
    SIZE_T size = reserve;
    NTSTATUS status = NtAllocateVirtualMemory(NtCurrentProcess(), &base, 0, &size, MEM_RESERVE,
                                              PAGE_READWRITE);
    if (NT_SUCCESS(status)) {
        PVOID top = (BYTE *)base + reserve - commit;
        size = commit;
        status = NtAllocateVirtualMemory(NtCurrentProcess(), &top, 0, &size, MEM_COMMIT,
                                         PAGE_READWRITE);
        if (NT_SUCCESS(status)) {
            PVOID guard = (BYTE *)base + reserve - commit - 0x1000;
            size = 0x1000;
            status = NtAllocateVirtualMemory(NtCurrentProcess(), &guard, 0, &size, MEM_COMMIT,
                                             PAGE_READWRITE | PAGE_GUARD);
        }
        if (!NT_SUCCESS(status)) {
            size = 0;
            NtFreeVirtualMemory(NtCurrentProcess(), &base, &size, MEM_RELEASE);
        }
    }
    if (!NT_SUCCESS(status)) {
        RtlFreeHeap(Heap(), 0, fiber);
        BaseSetLastNtError(status);
        return NULL;
    }
    ULONG top = (ULONG)base + reserve;
    fiber->FiberData = parameter;
    fiber->ExceptionList = 0xFFFFFFFFu;   /* no frames yet */
    fiber->StackBase = top;
    fiber->StackLimit = top - commit;
    fiber->DeallocationStack = (ULONG)base;
    fiber->Esp = top - 16;
    *(ULONG *)fiber->Esp = 0;             /* FiberStartup's return address: none */
    fiber->Eip = (ULONG)FiberStartup;
    fiber->Start = start;
    fiber->OwnsStack = TRUE;
    return fiber;
}

PVOID WINAPI CreateFiber(SIZE_T stack, PVOID start, PVOID parameter)
{
    return CreateFiberEx(stack, 0, 0, start, parameter);
}

void WINAPI DeleteFiber(PVOID handle)
{
    FIBER *fiber = handle;
    if (fiber == (FIBER *)TebRead(TEB_FIBER_DATA)) {
        ExitThread(0);
    }
    RtlProcessFlsData((PVOID)fiber->FlsData, 3);
    if (fiber->OwnsStack) {
        PVOID base = (PVOID)fiber->DeallocationStack;
        SIZE_T size = 0;
        NtFreeVirtualMemory(NtCurrentProcess(), &base, &size, MEM_RELEASE);
    }
    RtlFreeHeap(Heap(), 0, fiber);
}

/* SwitchToFiber(Fiber): see the top of the file. */
__asm__(
    ".globl _SwitchToFiber@4\n"
    "_SwitchToFiber@4:\n"
    "    movl %fs:0x10, %edx\n"         /* the running fiber */
    "    movl 4(%esp), %eax\n"          /* the target */
    "    movl %ebx, 0x14(%edx)\n"
    "    movl %esi, 0x18(%edx)\n"
    "    movl %edi, 0x1C(%edx)\n"
    "    movl %ebp, 0x20(%edx)\n"
    "    leal 8(%esp), %ecx\n"          /* ESP after our return (stdcall: one argument) */
    "    movl %ecx, 0x24(%edx)\n"
    "    movl (%esp), %ecx\n"
    "    movl %ecx, 0x28(%edx)\n"
    "    movl %fs:0x0, %ecx\n"
    "    movl %ecx, 0x04(%edx)\n"
    "    movl %fs:0x4, %ecx\n"
    "    movl %ecx, 0x08(%edx)\n"
    "    movl %fs:0x8, %ecx\n"
    "    movl %ecx, 0x0C(%edx)\n"
    "    movl %fs:0xE0C, %ecx\n"
    "    movl %ecx, 0x10(%edx)\n"
    "    movl %fs:0xFB4, %ecx\n"
    "    movl %ecx, 0x2C(%edx)\n"
    "    movl 0x04(%eax), %ecx\n"
    "    movl %ecx, %fs:0x0\n"
    "    movl 0x08(%eax), %ecx\n"
    "    movl %ecx, %fs:0x4\n"
    "    movl 0x0C(%eax), %ecx\n"
    "    movl %ecx, %fs:0x8\n"
    "    movl 0x10(%eax), %ecx\n"
    "    movl %ecx, %fs:0xE0C\n"
    "    movl 0x2C(%eax), %ecx\n"
    "    movl %ecx, %fs:0xFB4\n"
    "    movl %eax, %fs:0x10\n"
    "    movl 0x14(%eax), %ebx\n"
    "    movl 0x18(%eax), %esi\n"
    "    movl 0x1C(%eax), %edi\n"
    "    movl 0x20(%eax), %ebp\n"
    "    movl 0x24(%eax), %esp\n"
    "    jmp *0x28(%eax)\n");
