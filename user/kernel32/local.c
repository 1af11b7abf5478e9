/*
 * LocalAlloc and GlobalAlloc, which are one allocator in Win32: fixed
 * memory is a heap block whose handle is its address; movable memory has a
 * handle that is not its address (a handle entry holding the block's
 * address and lock count, told apart by its alignment: 4 past a multiple
 * of 8, where heap blocks are multiples of 8), so that the block can move
 * while unlocked. A movable block of size 0 is "discarded": a handle with
 * no memory.
 */
#include "kernel32/kernel32.h"

#define LMEM_MOVEABLE   0x0002
#define LMEM_NOCOMPACT  0x0010
#define LMEM_ZEROINIT   0x0040
#define LMEM_MODIFY     0x0080
#define LMEM_DISCARDED  0x4000
#define LMEM_LOCKCOUNT  0x00FF
#ifndef HEAP_ZERO_MEMORY
#define HEAP_ZERO_MEMORY 0x08
#endif
#define ERROR_DISCARDED 157
#define ERROR_NOT_LOCKED 158
#define ENTRY_MAGIC 0x5A4C

typedef struct HANDLE_ENTRY {
    USHORT Magic;
    BYTE Flags;
    BYTE Locks;
    PVOID Block;        /* the handle is &Block */
} HANDLE_ENTRY;

static PVOID Heap(void) { return NtCurrentPeb()->ProcessHeap; }

static BOOL IsFixed(PVOID h) { return ((ULONG_PTR)h & 7) != 4; }

static HANDLE_ENTRY *EntryOf(PVOID h)
{
    HANDLE_ENTRY *e = (HANDLE_ENTRY *)((BYTE *)h - 4);
    return !IsFixed(h) && e->Magic == ENTRY_MAGIC ? e : NULL;
}

PVOID WINAPI LocalAlloc(unsigned int flags, SIZE_T size)
{
    ULONG heap_flags = (flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0;
    if (!(flags & LMEM_MOVEABLE)) {
        PVOID p = RtlAllocateHeap(Heap(), heap_flags, size);
        if (!p) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        }
        return p;
    }
    HANDLE_ENTRY *e = RtlAllocateHeap(Heap(), 0, sizeof *e);
    if (!e) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    e->Magic = ENTRY_MAGIC;
    e->Flags = (BYTE)(flags >> 8);
    e->Locks = 0;
    e->Block = NULL;
    if (size) {
        e->Block = RtlAllocateHeap(Heap(), heap_flags, size);
        if (!e->Block) {
            RtlFreeHeap(Heap(), 0, e);
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
    }
    return &e->Block;
}

PVOID WINAPI LocalFree(PVOID h)
{
    if (!h) {
        return NULL;
    }
    if (IsFixed(h)) {
        if (!RtlFreeHeap(Heap(), 0, h)) {
            SetLastError(ERROR_INVALID_HANDLE);
            return h;
        }
        return NULL;
    }
    HANDLE_ENTRY *e = EntryOf(h);
    if (!e) {
        SetLastError(ERROR_INVALID_HANDLE);
        return h;
    }
    if (e->Block) {
        RtlFreeHeap(Heap(), 0, e->Block);
    }
    e->Magic = 0;
    RtlFreeHeap(Heap(), 0, e);
    return NULL;
}

PVOID WINAPI LocalLock(PVOID h)
{
    if (IsFixed(h)) {
        return h;
    }
    HANDLE_ENTRY *e = EntryOf(h);
    if (!e) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (!e->Block) {
        SetLastError(ERROR_DISCARDED);
        return NULL;
    }
    if (e->Locks < LMEM_LOCKCOUNT) {
        e->Locks++;
    }
    return e->Block;
}

/* Nonzero while still locked; 0 with ERROR_SUCCESS when now unlocked. */
static BOOL Unlock(PVOID h, BOOL global)
{
    if (IsFixed(h)) {
        if (global) {
            return TRUE;       /* GlobalUnlock of fixed memory: nothing to do */
        }
        SetLastError(ERROR_NOT_LOCKED);
        return FALSE;
    }
    HANDLE_ENTRY *e = EntryOf(h);
    if (!e) {
        SetLastError(ERROR_INVALID_HANDLE);
        return FALSE;
    }
    if (e->Locks == 0) {
        SetLastError(ERROR_NOT_LOCKED);
        return FALSE;
    }
    if (--e->Locks == 0) {
        SetLastError(0);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI LocalUnlock(PVOID h) { return Unlock(h, FALSE); }

SIZE_T WINAPI LocalSize(PVOID h)
{
    if (IsFixed(h)) {
        SIZE_T size = RtlSizeHeap(Heap(), 0, h);
        if (size == (SIZE_T)-1) {
            SetLastError(ERROR_INVALID_HANDLE);
            return 0;
        }
        return size;
    }
    HANDLE_ENTRY *e = EntryOf(h);
    if (!e) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    return e->Block ? RtlSizeHeap(Heap(), 0, e->Block) : 0;
}

unsigned int WINAPI LocalFlags(PVOID h)
{
    if (IsFixed(h)) {
        return 0;
    }
    HANDLE_ENTRY *e = EntryOf(h);
    if (!e) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0x8000; /* LMEM_INVALID_HANDLE */
    }
    return e->Locks | (e->Block ? 0 : LMEM_DISCARDED) | ((unsigned int)e->Flags << 8 & 0x0F00);
}

/* The handle of a locked movable block's address, or the address itself. */
PVOID WINAPI LocalHandle(const void *p)
{
    return (PVOID)p;
}

PVOID WINAPI LocalReAlloc(PVOID h, SIZE_T size, unsigned int flags)
{
    ULONG heap_flags = (flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0;
    if (flags & LMEM_MODIFY) {
        HANDLE_ENTRY *e = EntryOf(h);
        if (e) {
            e->Flags = (BYTE)(flags >> 8);
        }
        return h;
    }
    if (IsFixed(h)) {
        SIZE_T old = RtlSizeHeap(Heap(), 0, h);
        if (old == (SIZE_T)-1) {
            SetLastError(ERROR_INVALID_HANDLE);
            return NULL;
        }
        if (size > old && !(flags & LMEM_MOVEABLE)) {
            /* Fixed memory grows only in place; this heap does not grow blocks in place. */
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        PVOID p = RtlReAllocateHeap(Heap(), heap_flags, h, size ? size : 1);
        if (!p) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        }
        return p;
    }
    HANDLE_ENTRY *e = EntryOf(h);
    if (!e) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (size == 0) {
        if (e->Locks) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);   /* a locked block is not discarded */
            return NULL;
        }
        if (e->Block) {
            RtlFreeHeap(Heap(), 0, e->Block);
        }
        e->Block = NULL;
        return h;
    }
    PVOID p = e->Block ? RtlReAllocateHeap(Heap(), heap_flags, e->Block, size)
                       : RtlAllocateHeap(Heap(), heap_flags, size);
    if (!p) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    e->Block = p;
    return h;
}

/* The Global calls are the Local ones (GMEM_* values are LMEM_*'s),
 * except that GlobalUnlock of fixed memory succeeds. */
PVOID WINAPI GlobalAlloc(unsigned int flags, SIZE_T size) { return LocalAlloc(flags, size); }
PVOID WINAPI GlobalFree(PVOID h) { return LocalFree(h); }
PVOID WINAPI GlobalLock(PVOID h) { return LocalLock(h); }
BOOL WINAPI GlobalUnlock(PVOID h) { return Unlock(h, TRUE); }
SIZE_T WINAPI GlobalSize(PVOID h) { return LocalSize(h); }
unsigned int WINAPI GlobalFlags(PVOID h) { return LocalFlags(h); }
PVOID WINAPI GlobalHandle(const void *p) { return LocalHandle(p); }
PVOID WINAPI GlobalReAlloc(PVOID h, SIZE_T size, unsigned int flags) { return LocalReAlloc(h, size, flags); }

/* ------------------------------------------------------------ heap checks */
/* HeapValidate: ntdll's RtlValidateHeap, which finds the block among the
 * heap's own. Windows' reads the block's header under an exception
 * handler, so a pointer whose header cannot be read fails with
 * ERROR_NOACCESS (Wine's kernel32/tests/heap.c, test_HeapCreate); one
 * that is merely not a block fails with the last error untouched. */
#define ERROR_NOACCESS 998
BOOL WINAPI HeapValidate(HANDLE heap, DWORD flags, const void *block)
{
    if (RtlValidateHeap(heap, flags, block)) {
        return TRUE;
    }
    if (block && IsBadReadPtr((const BYTE *)block - 16, 16)) {
        SetLastError(ERROR_NOACCESS);
    }
    return FALSE;
}

SIZE_T WINAPI HeapCompact(HANDLE heap, DWORD flags)
{
    (void)flags;
    if (!heap) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    /* ntdll's heap does not report its largest free block: 0 with
     * NO_ERROR, which Windows documents as "no such block". */
    SetLastError(0);
    return 0;
}
