/*
 * The heap's layout (heap.c), shared with the walker (heapwalk.c).
 */
#ifndef NTMM_NTDLL_HEAP_H
#define NTMM_NTDLL_HEAP_H

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
    union {
        ULONG PrevSize;             /* 0 for the first block of a segment */
        struct BLOCK *NextLarge;    /* a large block: the heap's next one */
    };
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
    BLOCK *Large;      /* its large blocks, newest first */
} HEAP;

#define MIN_BLOCK ((ULONG)sizeof(FREE_BLOCK))

static inline ULONG BlockSize(const BLOCK *b) { return b->Size & ~BLOCK_FLAGS; }
static inline BLOCK *NextBlock(BLOCK *b) { return (BLOCK *)((BYTE *)b + BlockSize(b)); }

/* The one lock every heap call takes (heap.c). */
extern RTL_CRITICAL_SECTION RtlpHeapLock;

#endif
