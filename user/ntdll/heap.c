/*
 * Heaps: RtlCreateHeap, RtlAllocateHeap and friends. kernel32's HeapAlloc
 * forwards here, and msvcrt's malloc allocates from the process heap, as on
 * Windows. A heap grows by whole segments from NtAllocateVirtualMemory
 * (committed at once: the memory manager makes pages real only when they
 * are touched); very large blocks get a region of their own.
 *
 * Blocks carry a 16-byte header: their size (low bits: busy, large), the
 * previous block's size (to coalesce with it), the size the caller asked
 * for (what RtlSizeHeap reports) and a tag that catches bad pointers.
 * Free blocks are on one doubly linked list, first fit.
 */
#include "ntdll/heap.h"

#define ERROR_INVALID_PARAMETER 87
#define ERROR_NOT_ENOUGH_MEMORY 8
#ifndef MEM_DECOMMIT
#define MEM_DECOMMIT 0x4000
#endif

/* Every heap of the process, the process heap first (the PEB's
 * ProcessHeaps array on Windows). */
static RTL_CRITICAL_SECTION HeapListLock = {NULL, -1, 0, NULL, NULL, 0};
static HEAP *FirstHeap;



static void Unlink(FREE_BLOCK *f)
{
    f->Prev->Next = f->Next;
    f->Next->Prev = f->Prev;
}

static void PushFree(HEAP *heap, FREE_BLOCK *f)
{
    f->Next = heap->Free.Next;
    f->Prev = &heap->Free;
    heap->Free.Next->Prev = f;
    heap->Free.Next = f;
}

static PVOID AllocateRegion(SIZE_T size)
{
    PVOID base = NULL;
    if (!NT_SUCCESS(NtAllocateVirtualMemory(NtCurrentProcess(), &base, 0, &size,
                                            0x3000 /* MEM_COMMIT | MEM_RESERVE */, 0x04))) {
        return NULL;
    }
    return base;
}

/* A segment: a link word, its size, padding, then one free block and an
 * end marker. */
static BOOLEAN AddSegment(HEAP *heap, ULONG size)
{
    BYTE *segment = AllocateRegion(size);
    if (!segment) {
        return FALSE;
    }
    *(PVOID *)segment = heap->Segments;
    ((ULONG *)segment)[1] = size;   /* for RtlWalkHeap's checks */
    heap->Segments = segment;
    FREE_BLOCK *f = (FREE_BLOCK *)(segment + SEGMENT_HEADER);
    ULONG usable = size - SEGMENT_HEADER - sizeof(BLOCK);
    f->Header.Size = usable;
    f->Header.PrevSize = 0;
    f->Header.Tag = BLOCK_TAG;
    BLOCK *end = NextBlock(&f->Header);
    end->Size = BLOCK_BUSY; /* size 0, busy: coalescing stops here */
    end->PrevSize = usable;
    end->Tag = BLOCK_TAG;
    PushFree(heap, f);
    return TRUE;
}

static BOOLEAN Grow(HEAP *heap, ULONG need)
{
    if (heap->MaximumSize) {
        return FALSE;   /* a fixed-size heap has its one segment */
    }
    ULONG size = SEGMENT_SIZE;
    while (size < need + 64) {
        size *= 2;
    }
    return AddSegment(heap, size);
}

PVOID NTAPI RtlCreateHeap(ULONG flags, PVOID base, SIZE_T reserve, SIZE_T commit, PVOID lock,
                          PVOID params)
{
    (void)base;
    (void)commit;
    (void)lock;
    (void)params;
    HEAP *heap = AllocateRegion(0x1000);
    if (!heap) {
        return NULL;
    }
    heap->Tag = HEAP_TAG;
    heap->Flags = flags;
    heap->Free.Next = heap->Free.Prev = &heap->Free;
    if (reserve) {
        /* A fixed-size heap (HeapCreate with a maximum): one segment of
         * that size, and no large blocks (Wine's kernel32 heap.c: "cannot
         * allocate large blocks from fixed size heap", line 490). */
        heap->MaximumSize = ((ULONG)reserve + 0xFFFu) & ~0xFFFu;
        if (!AddSegment(heap, heap->MaximumSize)) {
            PVOID region = heap;
            SIZE_T zero = 0;
            NtFreeVirtualMemory(NtCurrentProcess(), &region, &zero, MEM_RELEASE);
            return NULL;
        }
    }
    RtlEnterCriticalSection(&HeapListLock);
    HEAP **link = &FirstHeap;
    while (*link) {
        link = &(*link)->NextHeap;
    }
    *link = heap;
    RtlLeaveCriticalSection(&HeapListLock);
    return heap;
}

/* RtlGetProcessHeaps(Count, Heaps): how many heaps the process has; their
 * handles too if Count is enough for all of them (none otherwise, as
 * Microsoft's GetProcessHeaps documents). */
ULONG NTAPI RtlGetProcessHeaps(ULONG count, PVOID *heaps)
{
    ULONG total = 0;
    RtlEnterCriticalSection(&HeapListLock);
    for (HEAP *heap = FirstHeap; heap; heap = heap->NextHeap) {
        total++;
    }
    if (total <= count) {
        ULONG i = 0;
        for (HEAP *heap = FirstHeap; heap; heap = heap->NextHeap) {
            heaps[i++] = heap;
        }
    }
    RtlLeaveCriticalSection(&HeapListLock);
    return total;
}

PVOID NTAPI RtlDestroyHeap(PVOID handle)
{
    HEAP *heap = handle;
    if (!heap || heap->Tag != HEAP_TAG) {
        return handle;
    }
    for (BLOCK *large = heap->Large; large;) {
        BLOCK *next = large->NextLarge;
        PVOID region = (BYTE *)large - LARGE_HEADER_OFFSET;
        SIZE_T zero = 0;
        NtFreeVirtualMemory(NtCurrentProcess(), &region, &zero, MEM_RELEASE);
        large = next;
    }
    for (PVOID segment = heap->Segments; segment;) {
        PVOID next = *(PVOID *)segment;
        SIZE_T size = 0;
        PVOID base = segment;
        NtFreeVirtualMemory(NtCurrentProcess(), &base, &size, MEM_RELEASE);
        segment = next;
    }
    RtlEnterCriticalSection(&HeapListLock);
    for (HEAP **link = &FirstHeap; *link; link = &(*link)->NextHeap) {
        if (*link == heap) {
            *link = heap->NextHeap;
            break;
        }
    }
    RtlLeaveCriticalSection(&HeapListLock);
    heap->Tag = 0;
    PVOID base = heap;
    SIZE_T size = 0;
    NtFreeVirtualMemory(NtCurrentProcess(), &base, &size, MEM_RELEASE);
    return NULL;
}

static BLOCK *HeaderOf(const void *p)
{
    if (!p || ((ULONG)p & 7)) {
        return NULL;
    }
    BLOCK *b = (BLOCK *)p - 1;
    return b->Tag == BLOCK_TAG && (b->Size & BLOCK_BUSY) ? b : NULL;
}

/* Splits block b (busy, big enough) so it is `need` bytes long. */
static void Split(HEAP *heap, BLOCK *b, ULONG need)
{
    ULONG size = BlockSize(b);
    if (size - need < MIN_BLOCK) {
        return;
    }
    FREE_BLOCK *rest = (FREE_BLOCK *)((BYTE *)b + need);
    rest->Header.Size = size - need;
    rest->Header.PrevSize = need;
    rest->Header.Tag = BLOCK_TAG;
    rest->Header.UserFlags = 0;
    b->Size = need | (b->Size & BLOCK_FLAGS);
    BLOCK *after = NextBlock(&rest->Header);
    after->PrevSize = size - need;
    if (!(after->Size & BLOCK_BUSY)) {
        /* Merge the remainder with a free block after it. */
        Unlink((FREE_BLOCK *)after);
        rest->Header.Size += BlockSize(after);
        NextBlock(&rest->Header)->PrevSize = rest->Header.Size;
    }
    PushFree(heap, rest);
}

static ULONG BlockNeed(SIZE_T size, ULONG flags)
{
    ULONG extra = flags & BLOCK_USER_INFO ? USER_INFO_SIZE : 0;
    /* Blocks are multiples of 16, so every block's data is 16-aligned:
     * msvcrt's malloc(1) is, once its small-block threshold is set (Wine's
     * msvcrt heap.c, line 457). */
    ULONG need = ((ULONG)size + sizeof(BLOCK) + extra + 15) & ~15u;
    return need < MIN_BLOCK ? MIN_BLOCK : need;
}

/* Where a block's user value lives (it has BLOCK_USER_INFO). */
static PVOID *UserValueOf(BLOCK *b)
{
    if (b->Size & BLOCK_LARGE) {
        return (PVOID *)((BYTE *)b - LARGE_HEADER_OFFSET);
    }
    return (PVOID *)((BYTE *)b + BlockSize(b) - USER_INFO_SIZE);
}

/* The heap's failures are the caller's last error too: HeapAlloc and
 * HeapReAlloc are ntdll's functions, and Windows' set ERROR_NOT_ENOUGH_MEMORY
 * (Wine's kernel32 heap.c, lines 483 and 494). */
static PVOID NoMemory(void)
{
    RtlSetLastWin32Error(ERROR_NOT_ENOUGH_MEMORY);
    return NULL;
}

/* The user flags a new block gets: HEAP_ADD_USER_INFO and the settable
 * bits asked for with it. */
static USHORT NewUserFlags(ULONG flags)
{
    return flags & BLOCK_USER_INFO ? (USHORT)(BLOCK_USER_INFO | (flags & SETTABLE_USER_FLAGS)) : 0;
}

static PVOID RtlAllocateHeapUnlocked(PVOID handle, ULONG flags, SIZE_T size)
{
    HEAP *heap = handle;
    if (!heap || heap->Tag != HEAP_TAG) {
        return NULL;
    }
    if (size > 0x7FFF0000u) {
        return NoMemory();
    }
    ULONG need = BlockNeed(size, flags);
    if (need >= LARGE_BLOCK) {
        if (heap->MaximumSize) {
            return NoMemory();
        }
        /* A region of its own: the header 16 bytes in, so that the data
         * is 32-byte aligned (Wine's kernel32 heap.c, lines 322-323). */
        BYTE *region = AllocateRegion(need + LARGE_HEADER_OFFSET);
        if (!region) {
            return NoMemory();
        }
        BLOCK *b = (BLOCK *)(region + LARGE_HEADER_OFFSET);
        b->Size = ((need + LARGE_HEADER_OFFSET + 0xFFF) & ~0xFFFu) | BLOCK_BUSY | BLOCK_LARGE;
        b->Requested = size;
        b->Tag = BLOCK_TAG;
        b->UserFlags = NewUserFlags(flags);
        b->NextLarge = heap->Large;   /* listed for RtlWalkHeap */
        heap->Large = b;
        return b + 1; /* a fresh region is already zero */
    }
    for (int attempt = 0; attempt < 2; attempt++) {
        for (FREE_BLOCK *f = heap->Free.Next; f != &heap->Free; f = f->Next) {
            if (BlockSize(&f->Header) >= need) {
                Unlink(f);
                BLOCK *b = &f->Header;
                b->Size |= BLOCK_BUSY;
                Split(heap, b, need);
                b->Requested = size;
                b->UserFlags = NewUserFlags(flags);
                if (flags & HEAP_ZERO_MEMORY) {
                    memset(b + 1, 0, BlockSize(b) - sizeof(BLOCK));
                }
                if (b->UserFlags & BLOCK_USER_INFO) {
                    *UserValueOf(b) = NULL;
                }
                return b + 1;
            }
        }
        if (!Grow(heap, need)) {
            return NoMemory();
        }
    }
    return NoMemory();
}

static BOOLEAN RtlFreeHeapUnlocked(PVOID handle, ULONG flags, PVOID p)
{
    (void)flags;
    HEAP *heap = handle;
    if (!p) {
        return TRUE;
    }
    BLOCK *b = HeaderOf(p);
    if (!heap || heap->Tag != HEAP_TAG || !b) {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (b->Size & BLOCK_LARGE) {
        BLOCK **link = &heap->Large;
        while (*link && *link != b) {
            link = &(*link)->NextLarge;
        }
        if (*link) {
            *link = b->NextLarge;
        }
        b->Tag = 0;
        PVOID base = (BYTE *)b - LARGE_HEADER_OFFSET;
        SIZE_T size = 0;
        return NT_SUCCESS(NtFreeVirtualMemory(NtCurrentProcess(), &base, &size, MEM_RELEASE));
    }
    b->Size &= ~BLOCK_BUSY;
    b->UserFlags = 0;
    BLOCK *next = NextBlock(b);
    if (!(next->Size & BLOCK_BUSY)) {
        Unlink((FREE_BLOCK *)next);
        b->Size += BlockSize(next);
        next->Tag = 0;
    }
    if (b->PrevSize) {
        BLOCK *prev = (BLOCK *)((BYTE *)b - b->PrevSize);
        if (!(prev->Size & BLOCK_BUSY)) {
            Unlink((FREE_BLOCK *)prev);
            prev->Size += BlockSize(b);
            b->Tag = 0;
            b = prev;
        }
    }
    NextBlock(b)->PrevSize = BlockSize(b);
    PushFree(heap, (FREE_BLOCK *)b);
    return TRUE;
}

static SIZE_T RtlSizeHeapUnlocked(PVOID handle, ULONG flags, const void *p)
{
    (void)handle;
    (void)flags;
    BLOCK *b = HeaderOf(p);
    if (!b) {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return (SIZE_T)-1;
    }
    return b->Requested;
}

/* A large block shrunk in place gives back the pages past its new end
 * (MEM_DECOMMIT); it cannot grow in place beyond what it still has
 * committed (Wine's kernel32 heap.c, lines 385-392: "shrinking a very
 * large block decommits pages and fail to grow in place"). */
static void ShrinkLarge(BLOCK *b, ULONG need)
{
    ULONG keep = (need + LARGE_HEADER_OFFSET + 0xFFF) & ~0xFFFu;
    if (keep < BlockSize(b)) {
        PVOID tail = (BYTE *)b - LARGE_HEADER_OFFSET + keep;
        SIZE_T length = BlockSize(b) - keep;
        if (NT_SUCCESS(NtFreeVirtualMemory(NtCurrentProcess(), &tail, &length, MEM_DECOMMIT))) {
            b->Size = keep | (b->Size & BLOCK_FLAGS);
        }
    }
}

static PVOID RtlReAllocateHeapUnlocked(PVOID handle, ULONG flags, PVOID p, SIZE_T size)
{
    HEAP *heap = handle;
    if (!p) {
        /* Windows fails a NULL block without an error (Wine's kernel32
         * heap.c, line 260). */
        RtlSetLastWin32Error(0);
        return NULL;
    }
    BLOCK *b = HeaderOf(p);
    if (!heap || heap->Tag != HEAP_TAG || !b) {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (size > 0x7FFF0000u) {
        return NoMemory();
    }
    SIZE_T old = b->Requested;
    USHORT user_flags = b->UserFlags;
    PVOID user_value = user_flags & BLOCK_USER_INFO ? *UserValueOf(b) : NULL;
    ULONG need = BlockNeed(size, user_flags);
    if (!(b->Size & BLOCK_LARGE)) {
        BLOCK *next = NextBlock(b);
        if (BlockSize(b) < need && !(next->Size & BLOCK_BUSY) &&
            BlockSize(b) + BlockSize(next) >= need) {
            /* Grow in place into the free block after it. */
            Unlink((FREE_BLOCK *)next);
            b->Size += BlockSize(next);
            NextBlock(b)->PrevSize = BlockSize(b);
        }
        if (BlockSize(b) >= need) {
            Split(heap, b, need);
            b->Requested = size;
            if ((flags & HEAP_ZERO_MEMORY) && size > old) {
                memset((BYTE *)p + old, 0, size - old);
            }
            if (user_flags & BLOCK_USER_INFO) {
                *UserValueOf(b) = user_value;
            }
            return p;
        }
    } else if (BlockSize(b) >= need + LARGE_HEADER_OFFSET) {
        if ((flags & HEAP_ZERO_MEMORY) && size > old) {
            memset((BYTE *)p + old, 0, size - old);
        }
        b->Requested = size;
        ShrinkLarge(b, need);
        return p;
    }
    if (flags & HEAP_REALLOC_IN_PLACE_ONLY) {
        return NoMemory();
    }
    PVOID moved = RtlAllocateHeapUnlocked(heap, (flags & HEAP_ZERO_MEMORY) | (user_flags & BLOCK_USER_INFO), size);
    if (!moved) {
        return NULL;
    }
    memcpy(moved, p, old < size ? old : size);
    BLOCK *nb = (BLOCK *)moved - 1;
    nb->UserFlags = user_flags;
    if (user_flags & BLOCK_USER_INFO) {
        *UserValueOf(nb) = user_value;
    }
    RtlFreeHeapUnlocked(heap, 0, p);
    return moved;
}

/* RtlGetUserInfoHeap: a block's user value and flags. A block allocated
 * without HEAP_ADD_USER_INFO has flags 0 and leaves the value untouched
 * (Wine's kernel32 heap.c, lines 2177-2180); one that is not a block is
 * ERROR_INVALID_PARAMETER (line 1627). */
static BOOLEAN UserInfoBlock(PVOID handle, const void *p, BLOCK **block)
{
    HEAP *heap = handle;
    *block = HeaderOf(p);
    if (!heap || heap->Tag != HEAP_TAG || !*block) {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    return TRUE;
}

BOOLEAN NTAPI RtlGetUserInfoHeap(PVOID heap, ULONG flags, PVOID p, PVOID *user_value, ULONG *user_flags)
{
    BLOCK *b;
    if (!(flags & HEAP_NO_SERIALIZE)) {
        RtlEnterCriticalSection(&RtlpHeapLock);
    }
    BOOLEAN ok = UserInfoBlock(heap, p, &b);
    if (ok) {
        if (b->UserFlags & BLOCK_USER_INFO) {
            if (user_value) {
                *user_value = *UserValueOf(b);
            }
        }
        if (user_flags) {
            *user_flags = b->UserFlags & SETTABLE_USER_FLAGS;
        }
    }
    if (!(flags & HEAP_NO_SERIALIZE)) {
        RtlLeaveCriticalSection(&RtlpHeapLock);
    }
    return ok;
}

/* RtlSetUserValueHeap: only a block with room for one (HEAP_ADD_USER_INFO)
 * takes a user value. */
BOOLEAN NTAPI RtlSetUserValueHeap(PVOID heap, ULONG flags, PVOID p, PVOID user_value)
{
    BLOCK *b;
    if (!(flags & HEAP_NO_SERIALIZE)) {
        RtlEnterCriticalSection(&RtlpHeapLock);
    }
    BOOLEAN ok = UserInfoBlock(heap, p, &b) && (b->UserFlags & BLOCK_USER_INFO);
    if (ok) {
        *UserValueOf(b) = user_value;
    }
    if (!(flags & HEAP_NO_SERIALIZE)) {
        RtlLeaveCriticalSection(&RtlpHeapLock);
    }
    return ok;
}

/* RtlSetUserFlagsHeap: clears, then sets, the settable bits (0xE00). */
BOOLEAN NTAPI RtlSetUserFlagsHeap(PVOID heap, ULONG flags, PVOID p, ULONG clear, ULONG set)
{
    BLOCK *b;
    if ((clear | set) & ~SETTABLE_USER_FLAGS) {
        RtlSetLastWin32Error(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!(flags & HEAP_NO_SERIALIZE)) {
        RtlEnterCriticalSection(&RtlpHeapLock);
    }
    BOOLEAN ok = UserInfoBlock(heap, p, &b);
    if (ok) {
        b->UserFlags = (USHORT)((b->UserFlags & ~clear) | set);
    }
    if (!(flags & HEAP_NO_SERIALIZE)) {
        RtlLeaveCriticalSection(&RtlpHeapLock);
    }
    return ok;
}

void RtlpInitializeProcessHeap(PEB *peb)
{
    if (!peb->ProcessHeap) {
        peb->ProcessHeap = RtlCreateHeap(0, NULL, 0, 0, NULL, NULL);
    }
}

/* Threads share the heap: one lock serializes it (HEAP_NO_SERIALIZE is
 * the caller's promise that it needs none). */
RTL_CRITICAL_SECTION RtlpHeapLock = {NULL, -1, 0, NULL, NULL, 0};

#define LOCKED(call, flags)                                                    \
    do {                                                                       \
        if ((flags) & HEAP_NO_SERIALIZE) {                                     \
            return call;                                                       \
        }                                                                      \
        RtlEnterCriticalSection(&RtlpHeapLock);                                    \
        __typeof__(call) result = call;                                        \
        RtlLeaveCriticalSection(&RtlpHeapLock);                                    \
        return result;                                                         \
    } while (0)

PVOID NTAPI RtlAllocateHeap(PVOID heap, ULONG flags, SIZE_T size)
{
    LOCKED(RtlAllocateHeapUnlocked(heap, flags, size), flags);
}

BOOLEAN NTAPI RtlFreeHeap(PVOID heap, ULONG flags, PVOID block)
{
    LOCKED(RtlFreeHeapUnlocked(heap, flags, block), flags);
}

SIZE_T NTAPI RtlSizeHeap(PVOID heap, ULONG flags, const void *block)
{
    LOCKED(RtlSizeHeapUnlocked(heap, flags, block), flags);
}

PVOID NTAPI RtlReAllocateHeap(PVOID heap, ULONG flags, PVOID block, SIZE_T size)
{
    LOCKED(RtlReAllocateHeapUnlocked(heap, flags, block, size), flags);
}

/*
 * RtlSetHeapInformation: HeapCompatibilityInformation 2 asks for the
 * low-fragmentation heap, which this allocator does not have: the request
 * is recorded (RtlQueryHeapInformation reports 2, as Windows does once the
 * LFH is on) and allocation is unchanged. 0 is accepted until 2 has been
 * set; other values are refused. HeapEnableTerminationOnCorruption (heap
 * NULL) is accepted: this heap already fails a call on a corrupt block
 * (ntdll's own checks) rather than letting it go on.
 */
#define HeapCompatibilityInformation      0
#define HeapEnableTerminationOnCorruption 1
#define STATUS_INVALID_HANDLE   ((NTSTATUS)0xC0000008L)

NTSTATUS NTAPI RtlSetHeapInformation(PVOID handle, ULONG information_class, PVOID information,
                                     SIZE_T length)
{
    HEAP *heap = handle;
    switch (information_class) {
    case HeapEnableTerminationOnCorruption:
        return STATUS_SUCCESS;
    case HeapCompatibilityInformation:
        if (length < sizeof(ULONG) || !information) {
            return STATUS_BUFFER_TOO_SMALL;
        }
        if (!heap || heap->Tag != HEAP_TAG) {
            return STATUS_INVALID_HANDLE;
        }
        if (*(ULONG *)information == 2) {
            heap->Compatibility = 2;
            return STATUS_SUCCESS;
        }
        if (*(ULONG *)information == 0 && heap->Compatibility == 0) {
            return STATUS_SUCCESS;
        }
        return *(ULONG *)information == 0 ? STATUS_UNSUCCESSFUL : STATUS_INVALID_PARAMETER;
    default:
        return STATUS_INVALID_PARAMETER;
    }
}

NTSTATUS NTAPI RtlQueryHeapInformation(PVOID handle, ULONG information_class, PVOID information,
                                       SIZE_T length, SIZE_T *returned)
{
    HEAP *heap = handle;
    if (information_class != HeapCompatibilityInformation) {
        return STATUS_INVALID_PARAMETER;
    }
    if (!heap || heap->Tag != HEAP_TAG) {
        return STATUS_INVALID_HANDLE;
    }
    if (returned) {
        *returned = sizeof(ULONG);
    }
    if (length < sizeof(ULONG) || !information) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    *(ULONG *)information = heap->Compatibility;
    return STATUS_SUCCESS;
}
