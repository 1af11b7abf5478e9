/*
 * msvcrt's per-thread data (its _getptd block): what the C runtime keeps
 * for each thread, here strtok's and wcstok's place. A block is made the
 * first time a thread needs one and hangs off a TLS slot taken at that
 * first use; a thread that never calls these functions never gets one.
 * The block is freed when its thread ends (DLL_THREAD_DETACH, dllmain.c).
 */
#include "msvcrt/crtfill.h"

#define TLS_NONE 0xFFFFFFFFu

static volatile DWORD Slot = TLS_NONE;

/* Never NULL: if no block can be had (no TLS slot, or no memory) the
 * thread shares a static one, as the functions must still work. */
CRT_THREAD_DATA *CrtThreadData(void)
{
    static CRT_THREAD_DATA fallback;
    if (Slot == TLS_NONE) {
        DWORD slot = TlsAlloc();
        if (slot == TLS_NONE) {
            return &fallback;
        }
        if (__sync_val_compare_and_swap(&Slot, TLS_NONE, slot) != TLS_NONE) {
            TlsFree(slot);   /* another thread took one first */
        }
    }
    CRT_THREAD_DATA *data = TlsGetValue(Slot);
    if (!data) {
        data = RtlAllocateHeap(CRT_HEAP(), HEAP_ZERO_MEMORY, sizeof *data);
        if (!data || !TlsSetValue(Slot, data)) {
            return &fallback;
        }
    }
    return data;
}

/* The ending thread's block, freed (DLL_THREAD_DETACH). */
void CrtFreeThreadData(void)
{
    if (Slot == TLS_NONE) {
        return;
    }
    CRT_THREAD_DATA *data = TlsGetValue(Slot);
    if (data) {
        TlsSetValue(Slot, NULL);
        RtlFreeHeap(CRT_HEAP(), 0, data);
    }
}
