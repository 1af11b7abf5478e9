/*
 * msvcrt's per-thread data (its _getptd block): what the C runtime keeps
 * for each thread, here errno and _doserrno, strtok's and wcstok's place,
 * _ecvt's and _strerror's buffers. A block is made the first time a
 * thread needs one and hangs off a TLS slot taken when msvcrt.dll is
 * loaded (DLL_PROCESS_ATTACH, as msvcrt's _mtinit takes its own), before
 * the program can take every index; a thread that never calls these
 * functions never gets one. The block is freed when its thread ends
 * (DLL_THREAD_DETACH, dllmain.c). Finding it
 * leaves the thread's last error as it was (TlsGetValue would clear it),
 * as msvcrt's _getptd does: errno is read right after failed Win32 calls.
 */
#include "msvcrt/crtfill.h"

#define TLS_NONE 0xFFFFFFFFu

static volatile DWORD Slot = TLS_NONE;

/* The slot (DLL_PROCESS_ATTACH); FALSE if there is none to be had. */
BOOL CrtInitThreadData(void)
{
    if (Slot == TLS_NONE) {
        Slot = TlsAlloc();
    }
    return Slot != TLS_NONE;
}

/* The block, made if need be; NULL if none can be had. */
static CRT_THREAD_DATA *Block(void)
{
    if (Slot == TLS_NONE) {
        DWORD slot = TlsAlloc();
        if (slot == TLS_NONE) {
            return NULL;
        }
        if (__sync_val_compare_and_swap(&Slot, TLS_NONE, slot) != TLS_NONE) {
            TlsFree(slot);   /* another thread took one first */
        }
    }
    CRT_THREAD_DATA *data = TlsGetValue(Slot);
    if (!data) {
        data = RtlAllocateHeap(CRT_HEAP(), HEAP_ZERO_MEMORY, sizeof *data);
        if (data && !TlsSetValue(Slot, data)) {
            RtlFreeHeap(CRT_HEAP(), 0, data);
            data = NULL;
        }
    }
    return data;
}

/* Never NULL: if no block can be had (no TLS slot, or no memory) the
 * thread shares a static one, as the functions must still work. */
CRT_THREAD_DATA *CrtThreadData(void)
{
    static CRT_THREAD_DATA fallback;
    DWORD last_error = GetLastError();
    CRT_THREAD_DATA *data = Block();
    SetLastError(last_error);
    return data ? data : &fallback;
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
