/*
 * LocalAlloc and GlobalAlloc, which are one allocator in Win32: fixed
 * memory is a heap block whose handle is its address; movable memory has a
 * handle that is not its address, so that the block can move while
 * unlocked. As on Windows, a movable handle points into a table of 0x10000
 * two-word entries (4 past a multiple of 8, where heap blocks are
 * multiples of 8): the entry's first word its flags and lock count, the
 * second (where the handle points) the block's address, so
 * *(void **)handle is the memory. Wine's kernel32 heap.c reads those words
 * (test_GlobalAlloc, lines 1378-1420, 1448-1470): USED 1, MOVEABLE 2,
 * DISCARDABLE 4, DISCARDED 8 (size 0, no block), DDESHARE 0x8000, the lock
 * count in bits 16-23; a free entry holds the next free one's address.
 * Every block carries HEAP_ADD_USER_INFO with user flag 0x200, and a
 * movable block's user value is its handle (RtlGetUserInfoHeap, lines
 * 1428-1433), which is how GlobalHandle finds a handle from an address.
 */
#include "kernel32/kernel32.h"

#define LMEM_MOVEABLE    0x0002
#define LMEM_NOCOMPACT   0x0010
#define LMEM_ZEROINIT    0x0040
#define LMEM_MODIFY      0x0080
#define LMEM_DISCARDABLE 0x0F00
#define LMEM_DISCARDED   0x4000
#define LMEM_LOCKCOUNT   0x00FF
#define GMEM_DISCARDABLE 0x0100
#define GMEM_DDESHARE    0x2000
#ifndef HEAP_ZERO_MEMORY
#define HEAP_ZERO_MEMORY 0x08
#endif
#define HEAP_ADD_USER_INFO 0x100
#define BLOCK_FLAGS (HEAP_ADD_USER_INFO | 0x200)
#define ERROR_DISCARDED 157
#define ERROR_NOT_LOCKED 158
#define ERROR_NOACCESS 998

#define MEM_USED        0x0001u
#define MEM_MOVEABLE    0x0002u
#define MEM_DISCARDABLE 0x0004u
#define MEM_DISCARDED   0x0008u
#define MEM_DDESHARE    0x8000u
#define MEM_LOCK_SHIFT  16
#define MEM_LOCKS       (0xFFu << MEM_LOCK_SHIFT)
#define MAX_HANDLES     0x10000u

typedef struct MEM_ENTRY {
    ULONG_PTR Flags;    /* MEM_*, or (free) the next free entry */
    PVOID Block;        /* the handle is &Block */
} MEM_ENTRY;

static MEM_ENTRY *Table, *TableEnd, *NextFree;
static RTL_CRITICAL_SECTION TableLock = {NULL, -1, 0, NULL, NULL, 0};

static PVOID Heap(void) { return NtCurrentPeb()->ProcessHeap; }

static BOOL IsHandle(const void *h) { return ((ULONG_PTR)h & 7) == 4; }

/* The entry of a movable handle in use, or NULL. */
static MEM_ENTRY *EntryOf(const void *h)
{
    if (!IsHandle(h) || !Table) {
        return NULL;
    }
    MEM_ENTRY *e = (MEM_ENTRY *)((BYTE *)h - 4);
    return e >= Table && e < TableEnd && (e->Flags & MEM_USED) ? e : NULL;
}

static MEM_ENTRY *NewEntry(void)
{
    RtlEnterCriticalSection(&TableLock);
    if (!Table) {
        PVOID base = NULL;
        SIZE_T size = MAX_HANDLES * sizeof(MEM_ENTRY);
        if (NT_SUCCESS(NtAllocateVirtualMemory(NtCurrentProcess(), &base, 0, &size, 0x3000, 0x04))) {
            Table = NextFree = base;
            TableEnd = Table + MAX_HANDLES;
        }
    }
    MEM_ENTRY *e = NULL;
    if (NextFree && NextFree < TableEnd) {
        e = NextFree;
        /* A never-used entry is zero: the one after it is next. */
        NextFree = e->Flags ? (MEM_ENTRY *)e->Flags : e + 1;
    }
    RtlLeaveCriticalSection(&TableLock);
    return e;
}

static void FreeEntry(MEM_ENTRY *e)
{
    RtlEnterCriticalSection(&TableLock);
    e->Flags = (ULONG_PTR)NextFree;
    e->Block = NULL;
    NextFree = e;
    RtlLeaveCriticalSection(&TableLock);
}

static ULONG HeapFlagsFor(unsigned int flags)
{
    return BLOCK_FLAGS | ((flags & LMEM_ZEROINIT) ? HEAP_ZERO_MEMORY : 0);
}

static unsigned int LockCount(const MEM_ENTRY *e)
{
    return (unsigned int)((e->Flags & MEM_LOCKS) >> MEM_LOCK_SHIFT);
}

PVOID WINAPI LocalAlloc(unsigned int flags, SIZE_T size)
{
    if (!(flags & LMEM_MOVEABLE)) {
        PVOID p = RtlAllocateHeap(Heap(), HeapFlagsFor(flags), size);
        if (!p) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        RtlSetUserValueHeap(Heap(), 0, p, p);
        return p;
    }
    MEM_ENTRY *e = NewEntry();
    if (!e) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    e->Flags = MEM_USED | MEM_MOVEABLE;
    if (flags & LMEM_DISCARDABLE) {
        e->Flags |= MEM_DISCARDABLE;
    }
    if (flags & GMEM_DDESHARE) {
        e->Flags |= MEM_DDESHARE;
    }
    e->Block = NULL;
    if (!size) {
        e->Flags |= MEM_DISCARDED;
        return &e->Block;
    }
    e->Block = RtlAllocateHeap(Heap(), HeapFlagsFor(flags), size);
    if (!e->Block) {
        FreeEntry(e);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    RtlSetUserValueHeap(Heap(), 0, e->Block, &e->Block);
    return &e->Block;
}

/* Whether p may be a fixed block: its header can be read (Windows reads
 * it under an exception handler and fails with ERROR_NOACCESS). */
static BOOL Readable(const void *p)
{
    if (IsBadReadPtr((const BYTE *)p - 16, 16)) {
        SetLastError(ERROR_NOACCESS);
        return FALSE;
    }
    return TRUE;
}

PVOID WINAPI LocalFree(PVOID h)
{
    if (!h) {
        return NULL;
    }
    MEM_ENTRY *e = EntryOf(h);
    if (e) {
        if (e->Block) {
            RtlFreeHeap(Heap(), 0, e->Block);
        }
        FreeEntry(e);
        return NULL;
    }
    if (!IsHandle(h) && !Readable(h)) {
        return h;   /* ERROR_NOACCESS (heap.c:1632-1635) */
    }
    if (IsHandle(h) || !RtlFreeHeap(Heap(), 0, h)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return h;
    }
    return NULL;
}

/* Locking an unreadable pointer: GlobalLock says ERROR_INVALID_HANDLE
 * (heap.c:1646-1650), LocalLock leaves the last error alone
 * (heap.c:2391-2394). */
static PVOID Lock(PVOID h, BOOL global)
{
    MEM_ENTRY *e = EntryOf(h);
    if (!e) {
        if (IsHandle(h)) {
            SetLastError(ERROR_INVALID_HANDLE);
            return NULL;
        }
        if (!h) {
            return NULL;
        }
        ULONG error = GetLastError();
        if (!Readable(h)) {
            SetLastError(global ? ERROR_INVALID_HANDLE : error);
            return NULL;
        }
        return h;
    }
    if (!e->Block) {
        SetLastError(ERROR_DISCARDED);
        return NULL;
    }
    if (LockCount(e) < LMEM_LOCKCOUNT) {
        e->Flags += 1u << MEM_LOCK_SHIFT;
    }
    return e->Block;
}

PVOID WINAPI LocalLock(PVOID h) { return Lock(h, FALSE); }

/* Nonzero while still locked; 0 with NO_ERROR when now unlocked. */
static BOOL Unlock(PVOID h, BOOL global)
{
    MEM_ENTRY *e = EntryOf(h);
    if (!e) {
        if (IsHandle(h)) {
            /* GlobalUnlock of a bad handle answers TRUE, with the error
             * (heap.c:1610-1613). */
            SetLastError(ERROR_INVALID_HANDLE);
            return global;
        }
        if (global) {
            return TRUE;       /* GlobalUnlock of fixed memory: nothing to do */
        }
        SetLastError(ERROR_NOT_LOCKED);
        return FALSE;
    }
    if (!LockCount(e)) {
        SetLastError(ERROR_NOT_LOCKED);
        return FALSE;
    }
    e->Flags -= 1u << MEM_LOCK_SHIFT;
    if (!LockCount(e)) {
        SetLastError(0);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI LocalUnlock(PVOID h) { return Unlock(h, FALSE); }

SIZE_T WINAPI LocalSize(PVOID h)
{
    MEM_ENTRY *e = EntryOf(h);
    if (e) {
        return e->Block ? RtlSizeHeap(Heap(), 0, e->Block) : 0;
    }
    if (IsHandle(h) || !h || !Readable(h)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    SIZE_T size = RtlSizeHeap(Heap(), 0, h);
    if (size == (SIZE_T)-1) {
        SetLastError(ERROR_INVALID_HANDLE);
        return 0;
    }
    return size;
}

static unsigned int Flags(PVOID h, BOOL global)
{
    MEM_ENTRY *e = EntryOf(h);
    if (!e) {
        if (IsHandle(h) || !Readable(h)) {
            /* An unreadable pointer: LocalFlags says ERROR_NOACCESS
             * (heap.c:2381-2386), GlobalFlags ERROR_INVALID_HANDLE. */
            if (global || IsHandle(h)) {
                SetLastError(ERROR_INVALID_HANDLE);
            }
            return 0x8000; /* LMEM_INVALID_HANDLE */
        }
        return 0;
    }
    unsigned int flags = LockCount(e);
    if (e->Flags & MEM_DISCARDABLE) {
        flags |= global ? GMEM_DISCARDABLE : LMEM_DISCARDABLE;
    }
    if (e->Flags & MEM_DISCARDED) {
        flags |= LMEM_DISCARDED;
    }
    if (global && (e->Flags & MEM_DDESHARE)) {
        flags |= GMEM_DDESHARE;
    }
    return flags;
}

unsigned int WINAPI LocalFlags(PVOID h) { return Flags(h, FALSE); }

/* The handle of a block's address: its user value (a movable block's
 * handle; a fixed block's own address), or the address of a block with
 * none; a movable handle is its own handle. */
static PVOID HandleOf(const void *p, BOOL global)
{
    if (!p) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    if (EntryOf(p)) {
        return (PVOID)p;
    }
    PVOID value = (PVOID)p;
    ULONG user_flags;
    if (!IsHandle(p) && !Readable(p)) {
        /* LocalHandle: ERROR_NOACCESS (heap.c:2404-2408); GlobalHandle:
         * ERROR_INVALID_HANDLE (heap.c:1660-1663). */
        if (global) {
            SetLastError(ERROR_INVALID_HANDLE);
        }
        return NULL;
    }
    if (IsHandle(p) || !RtlGetUserInfoHeap(Heap(), 0, (PVOID)p, &value, &user_flags)) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return value;
}

PVOID WINAPI LocalHandle(const void *p) { return HandleOf(p, FALSE); }

/*
 * LocalReAlloc, with Windows' rules (Wine's kernel32 heap.c, lines
 * 1709-1800 and 2440-2560): LMEM_MODIFY changes only flags (on fixed
 * memory with LMEM_MOVEABLE it makes the memory movable, moved to a new
 * block under a new handle); LMEM_DISCARDABLE without it is ERROR_INVALID_PARAMETER; fixed
 * memory, and a locked movable block, move only with LMEM_MOVEABLE; size
 * 0 discards an unlocked movable block when LMEM_MOVEABLE is given and is
 * ERROR_INVALID_PARAMETER otherwise.
 */
static PVOID ReAllocFixed(PVOID h, SIZE_T size, unsigned int flags, BOOL global)
{
    if (flags & LMEM_MODIFY) {
        if (!(flags & LMEM_MOVEABLE) || !global) {
            return h;   /* LocalReAlloc never makes fixed memory movable (heap.c:2903-2907) */
        }
        /* The memory moves to a block of its own (heap.c:1736: the
         * entry's block is not the old address), its size kept. */
        SIZE_T old = RtlSizeHeap(Heap(), 0, h);
        MEM_ENTRY *e = NewEntry();
        PVOID p = e ? RtlAllocateHeap(Heap(), BLOCK_FLAGS, old) : NULL;
        if (!p) {
            if (e) {
                FreeEntry(e);
            }
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
            return NULL;
        }
        memcpy(p, h, old);
        RtlFreeHeap(Heap(), 0, h);
        e->Flags = MEM_USED | MEM_MOVEABLE | ((flags & LMEM_DISCARDABLE) ? MEM_DISCARDABLE : 0);
        e->Block = p;
        RtlSetUserValueHeap(Heap(), 0, p, &e->Block);
        return &e->Block;
    }
    if (flags & LMEM_DISCARDABLE) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    ULONG heap_flags = HeapFlagsFor(flags);
    if (!(flags & LMEM_MOVEABLE)) {
        heap_flags |= HEAP_REALLOC_IN_PLACE_ONLY;
    }
    PVOID p = RtlReAllocateHeap(Heap(), heap_flags, h, size);
    if (!p) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    RtlSetUserValueHeap(Heap(), 0, p, p);
    return p;
}

static PVOID ReAlloc(PVOID h, SIZE_T size, unsigned int flags, BOOL global)
{
    MEM_ENTRY *e = EntryOf(h);
    if (!e) {
        if (!IsHandle(h) && h && !Readable(h)) {
            return NULL;   /* ERROR_NOACCESS (heap.c:1655-1659) */
        }
        if (IsHandle(h) || !h || RtlSizeHeap(Heap(), 0, h) == (SIZE_T)-1) {
            SetLastError(ERROR_INVALID_HANDLE);
            return NULL;
        }
        return ReAllocFixed(h, size, flags, global);
    }
    if (flags & LMEM_MODIFY) {
        if (flags & LMEM_DISCARDABLE) {
            e->Flags |= MEM_DISCARDABLE;
        }
        return h;
    }
    if (flags & LMEM_DISCARDABLE) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    if (size == 0) {
        if (!(flags & LMEM_MOVEABLE) || LockCount(e)) {
            SetLastError(ERROR_INVALID_PARAMETER);   /* a locked block is not discarded */
            return NULL;
        }
        if (e->Block) {
            RtlFreeHeap(Heap(), 0, e->Block);
        }
        e->Block = NULL;
        e->Flags |= MEM_DISCARDED;
        return h;
    }
    ULONG heap_flags = HeapFlagsFor(flags);
    if (LockCount(e) && !(flags & LMEM_MOVEABLE)) {
        heap_flags |= HEAP_REALLOC_IN_PLACE_ONLY;
    }
    PVOID p = e->Block ? RtlReAllocateHeap(Heap(), heap_flags, e->Block, size)
                       : RtlAllocateHeap(Heap(), heap_flags, size);
    if (!p) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    RtlSetUserValueHeap(Heap(), 0, p, &e->Block);
    e->Block = p;
    e->Flags &= ~(ULONG_PTR)MEM_DISCARDED;
    return h;
}

PVOID WINAPI LocalReAlloc(PVOID h, SIZE_T size, unsigned int flags) { return ReAlloc(h, size, flags, FALSE); }

/* The Global calls are the Local ones (GMEM_* values are LMEM_*'s),
 * except that GlobalUnlock of fixed memory succeeds, GlobalFlags reports
 * GMEM_DISCARDABLE and GMEM_DDESHARE, GlobalReAlloc can make fixed memory
 * movable, and some errors differ. */
PVOID WINAPI GlobalAlloc(unsigned int flags, SIZE_T size) { return LocalAlloc(flags, size); }
PVOID WINAPI GlobalFree(PVOID h) { return LocalFree(h); }
PVOID WINAPI GlobalLock(PVOID h) { return Lock(h, TRUE); }
BOOL WINAPI GlobalUnlock(PVOID h) { return Unlock(h, TRUE); }
SIZE_T WINAPI GlobalSize(PVOID h) { return LocalSize(h); }
unsigned int WINAPI GlobalFlags(PVOID h) { return Flags(h, TRUE); }
PVOID WINAPI GlobalHandle(const void *p) { return HandleOf(p, TRUE); }
PVOID WINAPI GlobalReAlloc(PVOID h, SIZE_T size, unsigned int flags) { return ReAlloc(h, size, flags, TRUE); }

/* ------------------------------------------------------------ heap checks */
/* HeapValidate: ntdll's RtlValidateHeap, which finds the block among the
 * heap's own. Windows' reads the block's header under an exception
 * handler, so a pointer whose header cannot be read fails with
 * ERROR_NOACCESS (Wine's kernel32/tests/heap.c, test_HeapCreate); one
 * that is merely not a block fails with the last error untouched. */
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
