/*
 * Walking the C runtime's heap (the process heap) through ntdll's
 * RtlWalkHeap: _heapwalk gives the blocks one by one (start with _pentry
 * NULL; _HEAPOK each time, _HEAPEND after the last, _HEAPEMPTY for a heap
 * with none, _HEAPBADPTR for a _pentry the walk did not give), _heapset
 * fills every free block's bytes with a value (the heap checked first),
 * _get_heap_handle is the heap itself, and _heapadd is ENOSYS, as it has
 * been since Visual C++ .NET (Microsoft's _heapadd page).
 */
#include "msvcrt/crtfill.h"

#define HEAPEMPTY  (-1)
#define HEAPOK     (-2)
#define HEAPBADPTR (-6)
#define HEAPEND    (-5)
#define FREEENTRY 0
#define USEDENTRY 1
#define RTL_HEAP_BUSY 1

int CDECL _heapwalk(HEAPINFO *info)
{
    if (!info) {
        errno = EINVAL;
        return HEAPBADPTR;
    }
    RTL_HEAP_WALK_ENTRY entry = {0};
    entry.DataAddress = info->_pentry;
    entry.Flags = info->_useflag == USEDENTRY ? RTL_HEAP_BUSY : 0;
    NTSTATUS status = RtlWalkHeap(CRT_HEAP(), &entry);
    if (status == STATUS_INVALID_PARAMETER) {
        return HEAPBADPTR;
    }
    if (status != STATUS_SUCCESS) {
        return info->_pentry ? HEAPEND : HEAPEMPTY;
    }
    info->_pentry = entry.DataAddress;
    info->_size = entry.DataSize;
    info->_useflag = entry.Flags & RTL_HEAP_BUSY ? USEDENTRY : FREEENTRY;
    return HEAPOK;
}

int CDECL _heapset(unsigned int fill)
{
    int check = _heapchk();
    if (check != HEAPOK) {
        return check;
    }
    HEAPINFO info = {0};
    int status;
    while ((status = _heapwalk(&info)) == HEAPOK) {
        if (info._useflag == FREEENTRY) {
            memset(info._pentry, (int)fill, info._size);
        }
    }
    return status == HEAPEND || status == HEAPEMPTY ? HEAPOK : status;
}

intptr_t CDECL _get_heap_handle(void) { return (intptr_t)CRT_HEAP(); }

int CDECL _heapadd(void *memory, size_t size)
{
    (void)memory;
    (void)size;
    errno = ENOSYS;
    return -1;
}
