/*
 * The heap's layout (heap.c), shared with the walker (heapwalk.c).
 */
#ifndef NTMM_NTDLL_HEAP_H
#define NTMM_NTDLL_HEAP_H

#include "ntdll/ntdll.h"

#define BLOCK_BUSY   1u
#define BLOCK_LARGE  2u
#define BLOCK_FLAGS  7u
#define BLOCK_TAG    0x4248u       /* "HB" */
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
    USHORT Tag;
    USHORT UserFlags;  /* RtlSetUserFlagsHeap's bits; BLOCK_USER_INFO if it has a user value */
} BLOCK;

/* A block allocated with HEAP_ADD_USER_INFO carries a user value (kernel32
 * keeps a movable block's handle there) in its last 8 bytes, as Windows'
 * HEAP_ENTRY_EXTRA; a large block keeps it in the 16 bytes before its
 * header. */
#define BLOCK_USER_INFO      0x0100u   /* HEAP_ADD_USER_INFO */
#define SETTABLE_USER_FLAGS  0x0E00u   /* HEAP_SETTABLE_USER_FLAGS */
#define USER_INFO_SIZE       8u
#define LARGE_HEADER_OFFSET  16u       /* a large block's header in its region: data 32-aligned */

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
    ULONG MaximumSize; /* HeapCreate's maximum: 0 growable, else the one segment's size */
} HEAP;

#define MIN_BLOCK (((ULONG)sizeof(FREE_BLOCK) + 15) & ~15u)
/* A segment's own words before its first block: 16, so that block data
 * is 16-aligned (block sizes are multiples of 16). Windows' 8-byte block
 * headers also give addresses 8 past a multiple of 16 (Wine's kernel32
 * heap.c, line 344), which this heap does not. */
#define SEGMENT_HEADER 16u

static inline ULONG BlockSize(const BLOCK *b) { return b->Size & ~BLOCK_FLAGS; }
static inline BLOCK *NextBlock(BLOCK *b) { return (BLOCK *)((BYTE *)b + BlockSize(b)); }

/* The one lock every heap call takes (heap.c). */
extern RTL_CRITICAL_SECTION RtlpHeapLock;

#endif
