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
#include "ntdll/ntdll.h"

#define BLOCK_BUSY   1u
#define BLOCK_LARGE  2u
#define BLOCK_FLAGS  7u
#define BLOCK_TAG    0x4B4C4248u   /* "HBLK" */
#define HEAP_TAG     0x50414548u   /* "HEAP" */
#define SEGMENT_SIZE 0x100000u
#define LARGE_BLOCK  0x80000u      /* from here on, a region of its own */

typedef struct BLOCK {
    ULONG Size;        /* whole block, header included, | flags */
    ULONG PrevSize;    /* 0 for the first block of a segment */
    ULONG Requested;
    ULONG Tag;
} BLOCK;

typedef struct FREE_BLOCK {
    BLOCK Header;
    struct FREE_BLOCK *Next, *Prev;
} FREE_BLOCK;

typedef struct HEAP {
    ULONG Tag;
    ULONG Flags;
    FREE_BLOCK Free;   /* list head (its header unused) */
    PVOID Segments;    /* first segment, linked through their first word */
    ULONG Compatibility; /* HeapCompatibilityInformation: 0, or 2 once the LFH is asked for */
    struct HEAP *NextHeap; /* the process's heaps, oldest first (RtlGetProcessHeaps) */
} HEAP;

/* Every heap of the process, the process heap first (the PEB's
 * ProcessHeaps array on Windows). */
static RTL_CRITICAL_SECTION HeapListLock = {NULL, -1, 0, NULL, NULL, 0};
static HEAP *FirstHeap;

#define MIN_BLOCK ((ULONG)sizeof(FREE_BLOCK))

static ULONG BlockSize(const BLOCK *b) { return b->Size & ~BLOCK_FLAGS; }
static BLOCK *NextBlock(BLOCK *b) { return (BLOCK *)((BYTE *)b + BlockSize(b)); }

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

/* A segment: a link word, padding, then one free block and an end marker. */
static BOOLEAN Grow(HEAP *heap, ULONG need)
{
    ULONG size = SEGMENT_SIZE;
    while (size < need + 64) {
        size *= 2;
    }
    BYTE *segment = AllocateRegion(size);
    if (!segment) {
        return FALSE;
    }
    *(PVOID *)segment = heap->Segments;
    heap->Segments = segment;
    FREE_BLOCK *f = (FREE_BLOCK *)(segment + 16);
    ULONG usable = size - 16 - sizeof(BLOCK);
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

PVOID NTAPI RtlCreateHeap(ULONG flags, PVOID base, SIZE_T reserve, SIZE_T commit, PVOID lock,
                          PVOID params)
{
    (void)base;
    (void)reserve;
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

static ULONG BlockNeed(SIZE_T size)
{
    ULONG need = ((ULONG)size + sizeof(BLOCK) + 7) & ~7u;
    return need < MIN_BLOCK ? MIN_BLOCK : need;
}

static PVOID RtlAllocateHeapUnlocked(PVOID handle, ULONG flags, SIZE_T size)
{
    HEAP *heap = handle;
    if (!heap || heap->Tag != HEAP_TAG || size > 0x7FFF0000u) {
        return NULL;
    }
    ULONG need = BlockNeed(size);
    if (need >= LARGE_BLOCK) {
        BLOCK *b = AllocateRegion(need);
        if (!b) {
            return NULL;
        }
        b->Size = ((need + 0xFFF) & ~0xFFFu) | BLOCK_BUSY | BLOCK_LARGE;
        b->Requested = size;
        b->Tag = BLOCK_TAG;
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
                if (flags & HEAP_ZERO_MEMORY) {
                    memset(b + 1, 0, BlockSize(b) - sizeof(BLOCK));
                }
                return b + 1;
            }
        }
        if (!Grow(heap, need)) {
            return NULL;
        }
    }
    return NULL;
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
        return FALSE;
    }
    if (b->Size & BLOCK_LARGE) {
        b->Tag = 0;
        PVOID base = b;
        SIZE_T size = 0;
        return NT_SUCCESS(NtFreeVirtualMemory(NtCurrentProcess(), &base, &size, MEM_RELEASE));
    }
    b->Size &= ~BLOCK_BUSY;
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
    return b ? b->Requested : (SIZE_T)-1;
}

static PVOID RtlReAllocateHeapUnlocked(PVOID handle, ULONG flags, PVOID p, SIZE_T size)
{
    HEAP *heap = handle;
    BLOCK *b = HeaderOf(p);
    if (!heap || heap->Tag != HEAP_TAG || !b || size > 0x7FFF0000u) {
        return NULL;
    }
    SIZE_T old = b->Requested;
    ULONG need = BlockNeed(size);
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
            return p;
        }
    } else if (BlockSize(b) >= need + sizeof(BLOCK)) {
        b->Requested = size;
        return p;
    }
    if (flags & HEAP_REALLOC_IN_PLACE_ONLY) {
        return NULL;
    }
    PVOID moved = RtlAllocateHeap(heap, flags & HEAP_ZERO_MEMORY, size);
    if (!moved) {
        return NULL;
    }
    memcpy(moved, p, old < size ? old : size);
    RtlFreeHeap(heap, 0, p);
    return moved;
}

void RtlpInitializeProcessHeap(PEB *peb)
{
    if (!peb->ProcessHeap) {
        peb->ProcessHeap = RtlCreateHeap(0, NULL, 0, 0, NULL, NULL);
    }
}

/* Threads share the heap: one lock serializes it (HEAP_NO_SERIALIZE is
 * the caller's promise that it needs none). */
static RTL_CRITICAL_SECTION HeapLock = {NULL, -1, 0, NULL, NULL, 0};

#define LOCKED(call, flags)                                                    \
    do {                                                                       \
        if ((flags) & HEAP_NO_SERIALIZE) {                                     \
            return call;                                                       \
        }                                                                      \
        RtlEnterCriticalSection(&HeapLock);                                    \
        __typeof__(call) result = call;                                        \
        RtlLeaveCriticalSection(&HeapLock);                                    \
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
