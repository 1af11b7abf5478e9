/*
 * Fiber-local storage, as ntdll keeps it since Windows 10 (RtlFlsAlloc and
 * its family; kernel32's FlsAlloc calls them). Each thread — each fiber,
 * when a thread runs fibers — has a block of FLS_MAXIMUM_AVAILABLE (128)
 * values, made the first time it sets one and named by the TEB's FlsData;
 * every block is on one process-wide list, so that FlsFree can run an
 * index's callback for each thread's non-NULL value, in the freeing
 * thread, as Windows does (Wine's test_FiberLocalStorageWithFibers: two
 * fibers' values, two calls). Index 0 is never handed out: Get and Set of
 * it fail with STATUS_INVALID_PARAMETER, as do indexes of 128 or more; an
 * index below 128 that is not allocated may still be read and written
 * (Wine's test_FiberLocalStorage on Windows), only RtlFlsFree checks it.
 *
 * RtlProcessFlsData(block, flags) ends a block: flag 1 takes it off the
 * list and calls each index's callback for its non-NULL value, flag 2
 * frees it. A thread's exit does 1 before its DLLs hear DLL_THREAD_DETACH
 * and 2 after (thread.c); the process's exit does 1 for the exiting
 * thread before the DLLs hear DLL_PROCESS_DETACH (ldrshut.c), as Wine's
 * LdrShutdownThread and LdrShutdownProcess do. A thread ended by
 * TerminateThread runs nothing: its block stays on the list, and FlsFree
 * still calls back for its values.
 *
 * One recursive lock (a critical section: a callback may allocate or free
 * an index) guards the list and the callback table. Once process
 * shutdown has begun the other threads are gone, perhaps one of them
 * holding the lock, so it is no longer taken (Wine's fls_exit_deadlock
 * test: ExitProcess must not wait for a thread it has ended).
 */
#include "ntdll/ntdll.h"

#define FLS_MAXIMUM_AVAILABLE 128

typedef void(NTAPI *FLS_CALLBACK)(PVOID value);

typedef struct RTLP_FLS_DATA {
    LIST_ENTRY Links;
    PVOID Values[FLS_MAXIMUM_AVAILABLE];
} RTLP_FLS_DATA;

static RTL_CRITICAL_SECTION FlsLock = {NULL, -1, 0, NULL, NULL, 0};
static LIST_ENTRY FlsList = {&FlsList, &FlsList};
static ULONG Allocated[FLS_MAXIMUM_AVAILABLE / 32] = {1};   /* index 0: reserved */
static FLS_CALLBACK Callbacks[FLS_MAXIMUM_AVAILABLE];

/* TRUE if the lock was taken (and must be released). */
static BOOLEAN Lock(void)
{
    if (LdrpShutdownInProgress()) {
        return FALSE;
    }
    RtlEnterCriticalSection(&FlsLock);
    return TRUE;
}

static void Unlock(BOOLEAN taken)
{
    if (taken) {
        RtlLeaveCriticalSection(&FlsLock);
    }
}

static BOOLEAN IsAllocated(ULONG index)
{
    return (Allocated[index / 32] >> (index % 32)) & 1;
}

static RTLP_FLS_DATA *CurrentBlock(void)
{
    return (RTLP_FLS_DATA *)TebRead(TEB_FLS_DATA);
}

/* The calling thread's block, made and listed if it has none; NULL if
 * there is no memory. */
static RTLP_FLS_DATA *CurrentBlockMade(void)
{
    RTLP_FLS_DATA *block = CurrentBlock();
    if (block) {
        return block;
    }
    block = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, HEAP_ZERO_MEMORY, sizeof *block);
    if (!block) {
        return NULL;
    }
    BOOLEAN taken = Lock();
    block->Links.Flink = &FlsList;
    block->Links.Blink = FlsList.Blink;
    FlsList.Blink->Flink = &block->Links;
    FlsList.Blink = &block->Links;
    Unlock(taken);
    TebWrite(TEB_FLS_DATA, (ULONG)block);
    return block;
}

/* The lowest free index, its callback kept and its value NULL in every
 * block; STATUS_NO_MEMORY when all 127 are taken (kernel32 makes that
 * FLS_OUT_OF_INDEXES). */
NTSTATUS NTAPI RtlFlsAlloc(PVOID callback, ULONG *index)
{
    if (!CurrentBlockMade()) {
        return STATUS_NO_MEMORY;
    }
    NTSTATUS status = STATUS_NO_MEMORY;
    BOOLEAN taken = Lock();
    for (ULONG i = 1; i < FLS_MAXIMUM_AVAILABLE; i++) {
        if (!IsAllocated(i)) {
            Allocated[i / 32] |= 1u << (i % 32);
            Callbacks[i] = (FLS_CALLBACK)callback;
            for (LIST_ENTRY *link = FlsList.Flink; link != &FlsList; link = link->Flink) {
                ((RTLP_FLS_DATA *)link)->Values[i] = NULL;
            }
            *index = i;
            status = STATUS_SUCCESS;
            break;
        }
    }
    Unlock(taken);
    return status;
}

/* Each block's non-NULL value goes to the index's callback (cleared
 * first, so a callback that frees finds nothing to free twice), then the
 * index is free. */
NTSTATUS NTAPI RtlFlsFree(ULONG index)
{
    if (index == 0 || index >= FLS_MAXIMUM_AVAILABLE) {
        return STATUS_INVALID_PARAMETER;
    }
    BOOLEAN taken = Lock();
    if (!IsAllocated(index)) {
        Unlock(taken);
        return STATUS_INVALID_PARAMETER;
    }
    FLS_CALLBACK callback = Callbacks[index];
    for (LIST_ENTRY *link = FlsList.Flink; link != &FlsList; link = link->Flink) {
        RTLP_FLS_DATA *block = (RTLP_FLS_DATA *)link;
        PVOID value = block->Values[index];
        block->Values[index] = NULL;
        if (value && callback) {
            callback(value);
        }
    }
    Callbacks[index] = NULL;
    Allocated[index / 32] &= ~(1u << (index % 32));
    Unlock(taken);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlFlsGetValue(ULONG index, PVOID *value)
{
    if (index == 0 || index >= FLS_MAXIMUM_AVAILABLE) {
        return STATUS_INVALID_PARAMETER;
    }
    RTLP_FLS_DATA *block = CurrentBlock();
    *value = block ? block->Values[index] : NULL;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlFlsSetValue(ULONG index, PVOID value)
{
    if (index == 0 || index >= FLS_MAXIMUM_AVAILABLE) {
        return STATUS_INVALID_PARAMETER;
    }
    RTLP_FLS_DATA *block = CurrentBlockMade();
    if (!block) {
        return STATUS_NO_MEMORY;
    }
    block->Values[index] = value;
    return STATUS_SUCCESS;
}

/* Flag 1: off the list, then each allocated index's callback for its
 * non-NULL value (the callback read under the lock, called outside it:
 * the block is no longer anyone else's to see). Flag 2: freed, and the
 * TEB no longer names it. */
void NTAPI RtlProcessFlsData(PVOID data, ULONG flags)
{
    RTLP_FLS_DATA *block = data;
    if (!block) {
        return;
    }
    if (flags & 1) {
        BOOLEAN taken = Lock();
        block->Links.Flink->Blink = block->Links.Blink;
        block->Links.Blink->Flink = block->Links.Flink;
        block->Links.Flink = block->Links.Blink = &block->Links;
        Unlock(taken);
        for (ULONG i = 1; i < FLS_MAXIMUM_AVAILABLE; i++) {
            taken = Lock();
            FLS_CALLBACK callback = IsAllocated(i) ? Callbacks[i] : NULL;
            Unlock(taken);
            PVOID value = block->Values[i];
            block->Values[i] = NULL;
            if (value && callback) {
                callback(value);
            }
        }
    }
    if (flags & 2) {
        if (CurrentBlock() == block) {
            TebWrite(TEB_FLS_DATA, 0);
        }
        RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, block);
    }
}

/* The calling thread's (or fiber's) block, for the ends of threads and
 * fibers. */
PVOID RtlpCurrentFlsData(void)
{
    return CurrentBlock();
}
