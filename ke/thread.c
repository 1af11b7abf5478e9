/*
 * Threads: the thread object, a new thread's TEB, stack and static TLS,
 * and a thread's end. As on NT, a thread's TEB is a page of its own below
 * the PEB, allocated top-down (the first thread's at 0x7FFDE000, the next
 * at 0x7FFDD000, ...), and its stack is a reservation with the top page
 * committed and a guard page below it, which grows as MmAccessFault
 * finds the guard page touched — each thread's own (the scheduler tells
 * mm which thread is on the CPU). Client ids come from one counter, as
 * NT's come from one handle table: multiples of 4, processes and threads
 * alike.
 */
#include "ke/ki.h"
#include "ke/ldr.h"

#include <stdlib.h>
#include <string.h>

#define KI_DEFAULT_STACK_RESERVE (1u << 20)
#define KI_MAX_TEBS 256u        /* pages below the PEB */

static void Put32(uint8_t *base, uint32_t offset, uint32_t value)
{
    memcpy(base + offset, &value, 4);
}

static void FreeApcs(KTHREAD *thread)
{
    while (thread->ApcHead) {
        KI_USER_APC *apc = thread->ApcHead;
        thread->ApcHead = apc->Next;
        free(apc);
    }
    thread->ApcTail = NULL;
}

/* The object goes when the machine and every handle have let it go. */
static void DeleteThreadObject(EX_OBJECT *object)
{
    KTHREAD *thread = (KTHREAD *)object;
    FreeApcs(thread);
    free(thread->PipeWaitName); /* it ended in a WaitNamedPipe (npfsctl.c) */
    EmuFreeThreadState(thread->Context);
    /* Out of its process's list first: the process may go with it. */
    KTHREAD **link = &thread->Process->Threads;
    while (*link && *link != thread) {
        link = &(*link)->NextInProcess;
    }
    if (*link) {
        *link = thread->NextInProcess;
    }
    ExDereferenceObject(&thread->Process->Header);
    free(thread);
}

/* A thread object in the process's and the machine's lists (the
 * machine's holds the one reference). */
static KTHREAD *AllocateThread(KPROCESS *process, uint32_t id)
{
    KTHREAD *thread = calloc(1, sizeof *thread);
    if (!thread) {
        return NULL;
    }
    thread->Context = EmuAllocateThreadState(process->Emu);
    if (!thread->Context) {
        free(thread);
        return NULL;
    }
    thread->Header.Type = ExObjectThread;
    thread->Header.References = 1;
    thread->Header.Close = DeleteThreadObject;
    thread->Process = process;
    ExReferenceObject(&process->Header);
    thread->UniqueThreadId = id;
    thread->CreateTime100ns = KiGuestTime100ns(process);
    KTHREAD **link = &process->Threads;
    while (*link) {
        link = &(*link)->NextInProcess;
    }
    *link = thread;
    link = &process->System->Threads;
    while (*link) {
        link = &(*link)->NextInSystem;
    }
    *link = thread;
    process->ActiveThreads++;
    return thread;
}

/* mm reads the stack from the TEB at each guard-page fault. */
_Static_assert(MM_TEB_STACK_BASE == TEB_STACK_BASE, "mm's TEB offsets are ntx86.h's");
_Static_assert(MM_TEB_STACK_LIMIT == TEB_STACK_LIMIT, "mm's TEB offsets are ntx86.h's");
_Static_assert(MM_TEB_DEALLOCATION_STACK == TEB_DEALLOCATION_STACK, "mm's TEB offsets are ntx86.h's");

/* Its stack, as the TEB's NtTib says (the kernel wrote it there). */
static NTSTATUS ReadStackFromTeb(KTHREAD *thread)
{
    MMPROCESS *mm = thread->Process->Mm;
    NTSTATUS status = MmCopyFromUser(mm, &thread->StackBase, thread->TebVa + TEB_STACK_BASE, 4);
    if (status == STATUS_SUCCESS) {
        status = MmCopyFromUser(mm, &thread->DeallocationStack,
                                thread->TebVa + TEB_DEALLOCATION_STACK, 4);
    }
    return status;
}

NTSTATUS KiCreateInitialThread(KPROCESS *process, const EMU_REGISTERS *initial)
{
    KTHREAD *thread = AllocateThread(process, process->UniqueThreadId);
    if (!thread) {
        return STATUS_NO_MEMORY;
    }
    thread->Initial = *initial;
    thread->TebVa = process->TebVa;
    return ReadStackFromTeb(thread);
}

KTHREAD *KiCloneThread(KPROCESS *child, const KTHREAD *parent_thread)
{
    KTHREAD *thread = AllocateThread(child, child->UniqueThreadId);
    if (thread) {
        thread->TebVa = parent_thread->TebVa;
        thread->StackBase = parent_thread->StackBase;
        thread->DeallocationStack = parent_thread->DeallocationStack;
        thread->StaticTlsVa = parent_thread->StaticTlsVa;
        thread->FreeStackOnTermination = parent_thread->FreeStackOnTermination;
        thread->Started = true;
    }
    return thread;
}

NTSTATUS KiCreateUserStack(KPROCESS *process, uint32_t reserve, uint32_t *low, uint32_t *top)
{
    if (reserve == 0) {
        reserve = KiLoadedModules(process)->StackReserve;
    }
    if (reserve < 0x10000) {
        reserve = KI_DEFAULT_STACK_RESERVE;
    }
    reserve = (reserve + 0xFFFF) & ~0xFFFFu;
    uint32_t stack = 0, size = reserve;
    NTSTATUS status = MmAllocateVirtual(process->Mm, &stack, 0, &size, MEM_RESERVE,
                                        PAGE_READWRITE);
    uint32_t end = stack + reserve;
    if (status == STATUS_SUCCESS) {
        uint32_t commit = end - EMU_PAGE_SIZE, one = EMU_PAGE_SIZE;
        status = MmAllocateVirtual(process->Mm, &commit, 0, &one, MEM_COMMIT, PAGE_READWRITE);
    }
    if (status == STATUS_SUCCESS) {
        uint32_t guard = end - 2 * EMU_PAGE_SIZE, one = EMU_PAGE_SIZE;
        status = MmAllocateVirtual(process->Mm, &guard, 0, &one, MEM_COMMIT,
                                   PAGE_READWRITE | PAGE_GUARD);
    }
    if (status != STATUS_SUCCESS && stack) {
        uint32_t zero = 0;
        MmFreeVirtual(process->Mm, &stack, &zero, MEM_RELEASE);
    }
    *low = stack;
    *top = end;
    return status;
}

/* MmCreateTeb: the highest free page below the PEB. */
static NTSTATUS AllocateTeb(KPROCESS *process, uint32_t *teb)
{
    for (uint32_t i = 0; i < KI_MAX_TEBS; i++) {
        uint32_t va = KI_PEB_VA - (i + 1) * EMU_PAGE_SIZE;
        NTSTATUS status = MmCreatePrivateRegion(process->Mm, va, EMU_PAGE_SIZE, PAGE_READWRITE);
        if (status == STATUS_SUCCESS) {
            *teb = va;
            return STATUS_SUCCESS;
        }
        if (status != STATUS_CONFLICTING_ADDRESSES) {
            return status;
        }
    }
    return STATUS_NO_MEMORY;
}

/* The thread's static TLS (LdrpAllocateTls): the ThreadLocalStoragePointer
 * array and a copy of each module's template, in one allocation. */
static NTSTATUS BuildStaticTls(KPROCESS *process, uint32_t *array_va)
{
    const KI_LOADED_MODULES *modules = KiLoadedModules(process);
    *array_va = 0;
    if (!modules->TlsCount) {
        return STATUS_SUCCESS;
    }
    uint32_t bytes = 4 * modules->TlsCount;
    for (uint32_t i = 0; i < modules->Count; i++) {
        if (modules->Module[i].TlsIndex >= 0) {
            bytes += (modules->Module[i].TlsSize + 15) & ~15u;
        }
    }
    bytes = (bytes + 15) & ~15u;
    uint8_t *host = calloc(1, bytes);
    if (!host) {
        return STATUS_NO_MEMORY;
    }
    uint32_t base = 0, size = bytes;
    NTSTATUS status = MmAllocateVirtual(process->Mm, &base, 0, &size, MEM_RESERVE | MEM_COMMIT,
                                        PAGE_READWRITE);
    if (status == STATUS_SUCCESS) {
        uint32_t at = (4 * modules->TlsCount + 15) & ~15u;
        for (uint32_t i = 0; i < modules->Count; i++) {
            const KI_MODULE *m = &modules->Module[i];
            if (m->TlsIndex < 0) {
                continue;
            }
            memcpy(host + at, m->TlsTemplate, m->TlsSize);
            Put32(host, 4 * (uint32_t)m->TlsIndex, base + at);
            at += (m->TlsSize + 15) & ~15u;
        }
        status = MmWriteProcessMemoryForce(process->Mm, base, host, bytes);
        *array_va = base;
    }
    free(host);
    return status;
}

static void FreeRegion(KPROCESS *process, uint32_t va)
{
    if (va && process->Mm) {
        uint32_t zero = 0;
        MmFreeVirtual(process->Mm, &va, &zero, MEM_RELEASE);
    }
}

NTSTATUS KiCreateThread(KPROCESS *process, uint32_t start, uint32_t argument, bool suspended,
                        uint32_t reserve, KTHREAD **out)
{
    KSYSTEM *system = process->System;
    if (process->State == KiDead || process->Terminated || !process->Mm) {
        return STATUS_PROCESS_IS_TERMINATING;
    }
    uint32_t teb = 0, low = 0, top = 0, tls = 0;
    NTSTATUS status = AllocateTeb(process, &teb);
    if (status == STATUS_SUCCESS) {
        status = KiCreateUserStack(process, reserve, &low, &top);
    }
    if (status == STATUS_SUCCESS) {
        status = BuildStaticTls(process, &tls);
    }
    uint32_t id = system->NextProcessId;
    uint8_t page[EMU_PAGE_SIZE];
    memset(page, 0, sizeof page);
    Put32(page, TEB_EXCEPTION_LIST, 0xFFFFFFFFu);
    Put32(page, TEB_STACK_BASE, top);
    Put32(page, TEB_STACK_LIMIT, top - EMU_PAGE_SIZE);
    Put32(page, TEB_SELF, teb);
    Put32(page, TEB_CLIENT_ID, process->UniqueProcessId);
    Put32(page, TEB_CLIENT_ID + 4, id);
    Put32(page, TEB_PEB, process->PebVa);
    Put32(page, TEB_TLS_POINTER, tls);
    Put32(page, TEB_DEALLOCATION_STACK, low);
    if (status == STATUS_SUCCESS) {
        status = MmWriteProcessMemoryForce(process->Mm, teb, page, sizeof page);
    }
    /* RtlUserThreadStart(start, argument), called with no return address. */
    uint32_t frame[3] = {0, start, argument};
    if (status == STATUS_SUCCESS) {
        status = MmWriteProcessMemoryForce(process->Mm, top - sizeof frame, frame, sizeof frame);
    }
    KTHREAD *thread = NULL;
    if (status == STATUS_SUCCESS) {
        thread = AllocateThread(process, id);
        status = thread ? STATUS_SUCCESS : STATUS_NO_MEMORY;
    }
    if (status != STATUS_SUCCESS) {
        FreeRegion(process, tls);
        FreeRegion(process, low);
        FreeRegion(process, teb);
        return status;
    }
    system->NextProcessId += 4;
    thread->TebVa = teb;
    thread->StackBase = top;
    thread->DeallocationStack = low;
    thread->StaticTlsVa = tls;
    thread->FreeStackOnTermination = true;
    thread->SuspendCount = suspended ? 1 : 0;
    /* As on Windows (Vista and later), EAX and EBX also hold the start
     * address and its argument (GetThreadContext of a suspended new thread
     * shows them). */
    thread->Initial.Eax = start;
    thread->Initial.Ebx = argument;
    thread->Initial.Esp = top - sizeof frame;
    thread->Initial.Eip = process->RtlUserThreadStart;
    thread->Initial.EFlags = 0x202;
    *out = thread;
    return STATUS_SUCCESS;
}

NTSTATUS KiReferenceThreadObject(KPROCESS *process, uint32_t handle, KTHREAD **out)
{
    if (handle == NT_CURRENT_THREAD) {
        KTHREAD *current = KiCurrentThread(process);
        ExReferenceObject(&current->Header);
        *out = current;
        return STATUS_SUCCESS;
    }
    NTSTATUS status;
    EX_OBJECT *object = ExReferenceObjectByHandle(&process->Handles, handle, ExObjectThread,
                                                  &status);
    *out = (KTHREAD *)object;
    return object ? STATUS_SUCCESS : status;
}

void KiTerminateThread(KTHREAD *thread, int32_t status)
{
    if (thread->State == KiDead || thread->Terminated) {
        return;
    }
    thread->Terminated = true;
    thread->ExitStatus = status;
    if (thread == thread->Process->System->CurrentThread) {
        EmuStop(thread->Process->Emu); /* the scheduler ends it */
    } else {
        KiEndThread(thread);
    }
}

void KiEndThread(KTHREAD *thread)
{
    KPROCESS *process = thread->Process;
    if (thread->State == KiDead) {
        return;
    }
    if (!thread->Terminated) {
        thread->Terminated = true;
        thread->ExitStatus = process->ExitStatus;
    }
    KiAbortWait(thread, STATUS_THREAD_IS_TERMINATING);
    thread->State = KiDead;
    thread->ExitTime100ns = KiGuestTime100ns(process);
    KiAbandonMutants(thread);
    FreeApcs(thread);
    process->ActiveThreads--;
    if (!process->Terminated) {
        /* The process lives on: what the kernel made for the thread goes
         * (NT's MmDeleteTeb, and the stack it allocated). */
        FreeRegion(process, thread->StaticTlsVa);
        if (thread->FreeStackOnTermination) {
            FreeRegion(process, thread->DeallocationStack);
        }
        FreeRegion(process, thread->TebVa);
        if (process->ActiveThreads == 0) {
            /* Its last thread ended: so does the process, with its status. */
            process->Terminated = true;
            process->ExitStatus = thread->ExitStatus;
            KiEndProcess(process, true);
        }
    }
    KiUnwaitThreads(process->System);
}

void KiTerminateOtherThreads(KPROCESS *process, KTHREAD *except, int32_t status)
{
    for (KTHREAD *t = process->Threads; t; t = t->NextInProcess) {
        if (t != except && t->State != KiDead && !t->Terminated) {
            t->Terminated = true;
            t->ExitStatus = status;
            if (t != process->System->CurrentThread) {
                KiEndThread(t);
            }
        }
    }
}
