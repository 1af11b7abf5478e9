/*
 * Locking pages in the working set (NT's NtLockVirtualMemory with
 * MAP_PROCESS, VirtualLock): a locked page's working-set entry is marked
 * and the trimmer passes it by, so the page stays resident. The locked
 * pages count against the working-set minimum, as on NT.
 */
#include "mm/mi.h"

uint32_t MiLockedPages(MMPROCESS *process)
{
    uint32_t locked = 0;
    for (uint32_t i = 0; i < process->Ws.Count; i++) {
        locked += process->Ws.Wsle[i].Locked;
    }
    return locked;
}
