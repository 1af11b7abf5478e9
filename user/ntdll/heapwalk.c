/*
 * RtlWalkHeap: a heap's blocks one by one, for HeapWalk and msvcrt's
 * _heapwalk. Start with Entry->DataAddress NULL; each call gives the next
 * block (STATUS_SUCCESS) until STATUS_NO_MORE_ENTRIES. The entry is NT's
 * RTL_HEAP_WALK_ENTRY; only blocks are reported (no segment or
 * uncommitted-range entries: a segment here is committed whole): a busy
 * block is RTL_HEAP_BUSY with the size the caller asked for, a free one
 * has no flag and the bytes past its free-list links (which a caller may
 * overwrite, as msvcrt's _heapset does). Segments come newest first,
 * each in address order, then the large blocks. An entry that is not one
 * this walk gave is STATUS_INVALID_PARAMETER.
 */
#include "ntdll/heap.h"

#define RTL_HEAP_BUSY 0x0001
#define STATUS_NO_MORE_ENTRIES ((NTSTATUS)0x8000001AL)

static BLOCK *FirstBlockOf(PVOID segment) { return (BLOCK *)((BYTE *)segment + SEGMENT_HEADER); }

/* The block after b in the walk's order, or NULL at the end. */
static BLOCK *After(HEAP *heap, BLOCK *b)
{
    if (b->Size & BLOCK_LARGE) {
        return b->NextLarge;
    }
    BLOCK *next = NextBlock(b);
    if (BlockSize(next)) {
        return next;
    }
    /* b ends its segment (the one at the highest address below b): the
     * segment linked after that one follows, then the large blocks. */
    PVOID holder = NULL;
    for (PVOID segment = heap->Segments; segment; segment = *(PVOID *)segment) {
        if ((BYTE *)segment < (BYTE *)b && (BYTE *)segment > (BYTE *)holder) {
            holder = segment;
        }
    }
    PVOID older = holder ? *(PVOID *)holder : NULL;
    return older ? FirstBlockOf(older) : heap->Large;
}

/* Whether b is a block of this heap (so a caller's entry can be
 * trusted): a large block it lists, or a tagged block in one of its
 * segments. */
static BOOLEAN Owns(HEAP *heap, BLOCK *b)
{
    if ((ULONG_PTR)b & 7) {
        return FALSE;
    }
    for (BLOCK *large = heap->Large; large; large = large->NextLarge) {
        if (large == b) {
            return TRUE;
        }
    }
    for (PVOID segment = heap->Segments; segment; segment = *(PVOID *)segment) {
        BYTE *end = (BYTE *)segment + ((ULONG *)segment)[1] - sizeof(BLOCK);   /* its end marker */
        if ((BYTE *)b >= (BYTE *)FirstBlockOf(segment) && (BYTE *)b < end) {
            return b->Tag == BLOCK_TAG && !(b->Size & BLOCK_LARGE);
        }
    }
    return FALSE;
}

static void Describe(BLOCK *b, RTL_HEAP_WALK_ENTRY *entry)
{
    memset(entry, 0, sizeof *entry);
    if (b->Size & BLOCK_BUSY) {
        entry->DataAddress = b + 1;
        entry->DataSize = b->Requested;
        entry->OverheadBytes = (UCHAR)(BlockSize(b) - sizeof(BLOCK) - b->Requested);
        entry->Flags = RTL_HEAP_BUSY;
    } else {
        entry->DataAddress = (FREE_BLOCK *)b + 1;
        entry->DataSize = BlockSize(b) - sizeof(FREE_BLOCK);
        entry->OverheadBytes = sizeof(FREE_BLOCK);
    }
}

NTSTATUS NTAPI RtlWalkHeap(PVOID handle, RTL_HEAP_WALK_ENTRY *entry)
{
    HEAP *heap = handle;
    if (!heap || heap->Tag != HEAP_TAG || !entry) {
        return STATUS_INVALID_PARAMETER;
    }
    NTSTATUS status = STATUS_SUCCESS;
    RtlEnterCriticalSection(&RtlpHeapLock);
    BLOCK *b;
    if (!entry->DataAddress) {
        b = heap->Segments ? FirstBlockOf(heap->Segments) : heap->Large;
    } else {
        BLOCK *current = entry->Flags & RTL_HEAP_BUSY ? (BLOCK *)entry->DataAddress - 1
                                                      : &((FREE_BLOCK *)entry->DataAddress - 1)->Header;
        if (Owns(heap, current)) {
            b = After(heap, current);
        } else {
            b = NULL;
            status = STATUS_INVALID_PARAMETER;
        }
    }
    if (status == STATUS_SUCCESS) {
        if (b) {
            Describe(b, entry);
        } else {
            status = STATUS_NO_MORE_ENTRIES;
        }
    }
    RtlLeaveCriticalSection(&RtlpHeapLock);
    return status;
}

/* RtlLockHeap and RtlUnlockHeap: hold a heap's lock across several calls
 * (a walk, say); every heap here shares the one lock, which a thread may
 * take again, so its own heap calls go on while it holds it. */
BOOLEAN NTAPI RtlLockHeap(PVOID handle)
{
    HEAP *heap = handle;
    if (!heap || heap->Tag != HEAP_TAG) {
        return FALSE;
    }
    RtlEnterCriticalSection(&RtlpHeapLock);
    return TRUE;
}

BOOLEAN NTAPI RtlUnlockHeap(PVOID handle)
{
    HEAP *heap = handle;
    if (!heap || heap->Tag != HEAP_TAG) {
        return FALSE;
    }
    RtlLeaveCriticalSection(&RtlpHeapLock);
    return TRUE;
}

/*
 * RtlValidateHeap(Heap, Flags, Block): with a block, whether it is a busy
 * block of this heap, found by walking the heap's blocks rather than by
 * trusting the pointer (a freed block, or an address inside one, is not
 * one); without, whether the heap's segments chain up to their end
 * markers. The caller's pointer is never read.
 */
static BOOLEAN IsBusyBlock(HEAP *heap, const BLOCK *wanted)
{
    for (BLOCK *large = heap->Large; large; large = large->NextLarge) {
        if (large == wanted) {
            return TRUE;
        }
    }
    for (PVOID segment = heap->Segments; segment; segment = *(PVOID *)segment) {
        BYTE *end = (BYTE *)segment + ((ULONG *)segment)[1];
        if ((BYTE *)wanted < (BYTE *)FirstBlockOf(segment) || (BYTE *)wanted >= end) {
            continue;
        }
        for (BLOCK *b = FirstBlockOf(segment); BlockSize(b); b = NextBlock(b)) {
            if (b == wanted) {
                return (b->Size & BLOCK_BUSY) != 0;
            }
            if ((BYTE *)b > (BYTE *)wanted) {
                break;
            }
        }
        return FALSE;
    }
    return FALSE;
}

static BOOLEAN SegmentsChain(HEAP *heap)
{
    for (PVOID segment = heap->Segments; segment; segment = *(PVOID *)segment) {
        BYTE *end = (BYTE *)segment + ((ULONG *)segment)[1];
        BLOCK *b = FirstBlockOf(segment);
        while (BlockSize(b)) {
            if (b->Tag != BLOCK_TAG || (BYTE *)NextBlock(b) >= end) {
                return FALSE;
            }
            b = NextBlock(b);
        }
    }
    return TRUE;
}

BOOLEAN NTAPI RtlValidateHeap(PVOID handle, ULONG flags, const void *block)
{
    (void)flags;
    HEAP *heap = handle;
    if (!heap || heap->Tag != HEAP_TAG) {
        return FALSE;
    }
    RtlEnterCriticalSection(&RtlpHeapLock);
    BOOLEAN valid = block ? IsBusyBlock(heap, (const BLOCK *)block - 1) : SegmentsChain(heap);
    RtlLeaveCriticalSection(&RtlpHeapLock);
    return valid;
}
