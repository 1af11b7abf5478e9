/*
 * HeapLock, HeapUnlock, HeapWalk and HeapValidate, as Windows answers
 * them (Wine's dlls/kernel32/tests/heap.c, test_HeapCreate):
 *  - HeapLock and HeapUnlock succeed on a heap, and its owner may go on
 *    allocating while it holds the lock;
 *  - HeapWalk from lpData NULL gives the heap's entries one by one, a busy
 *    block as PROCESS_HEAP_ENTRY_BUSY with its address and the size asked
 *    for, then FALSE with ERROR_NO_MORE_ITEMS;
 *  - HeapValidate: TRUE for the heap and for a busy block; FALSE with the
 *    last error untouched for an address that is not a block (inside one,
 *    or freed); FALSE with ERROR_NOACCESS when the address cannot be read.
 */
#include "pe.h"

void __cdecl start(void)
{
    HANDLE heap = HeapCreate(0, 0, 0);
    CHECK_EQ("HeapLock", HeapLock(heap), TRUE);
    BYTE *block = HeapAlloc(heap, 0, 123);
    CHECK_EQ("  HeapAlloc while locked", block != NULL, TRUE);
    CHECK_EQ("HeapUnlock", HeapUnlock(heap), TRUE);

    PROCESS_HEAP_ENTRY entry;
    entry.lpData = NULL;
    int entries = 0, busy = 0;
    DWORD busy_size = 0;
    SetLastError(0);
    while (HeapWalk(heap, &entry)) {
        entries++;
        if ((entry.wFlags & PROCESS_HEAP_ENTRY_BUSY) && entry.lpData == block) {
            busy++;
            busy_size = entry.cbData;
        }
    }
    CHECK_EQ("HeapWalk ends with ERROR_NO_MORE_ITEMS", GetLastError(), ERROR_NO_MORE_ITEMS);
    CHECK_EQ("  some entries", entries > 0, TRUE);
    CHECK_EQ("  the block once, busy", busy, 1);
    CHECK_EQ("  with the size asked for", busy_size, 123);

    SetLastError(0xDEADBEEF);
    CHECK_EQ("HeapValidate(heap, NULL)", HeapValidate(heap, 0, NULL), TRUE);
    CHECK_EQ("HeapValidate(a busy block)", HeapValidate(heap, 0, block), TRUE);
    CHECK_EQ("HeapValidate(inside a block)", HeapValidate(heap, 0, block + 64), FALSE);
    CHECK_EQ("  last error untouched", GetLastError(), 0xDEADBEEF);
    CHECK_EQ("HeapValidate(unreadable)", HeapValidate(heap, 0, (void *)0xDEADBE00), FALSE);
    CHECK_EQ("  ERROR_NOACCESS", GetLastError(), ERROR_NOACCESS);
    HeapFree(heap, 0, block);
    SetLastError(0xDEADBEEF);
    CHECK_EQ("HeapValidate(a freed block)", HeapValidate(heap, 0, block), FALSE);
    CHECK_EQ("  last error untouched", GetLastError(), 0xDEADBEEF);
    HeapDestroy(heap);
    Finish();
}
