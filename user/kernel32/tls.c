/* Dynamic TLS: 64 slots in the TEB (TlsSlots at +0xE10), as Windows has. */
#include "kernel32/kernel32.h"

#define TLS_SLOTS 64
#define TLS_OUT_OF_INDEXES 0xFFFFFFFFu
#define ERROR_NO_MORE_ITEMS 259

static BYTE SlotUsed[TLS_SLOTS];

DWORD WINAPI TlsAlloc(void)
{
    for (DWORD i = 0; i < TLS_SLOTS; i++) {
        if (!SlotUsed[i]) {
            SlotUsed[i] = 1;
            TebWrite(TEB_TLS_SLOTS + 4 * i, 0);
            return i;
        }
    }
    SetLastError(ERROR_NO_MORE_ITEMS);
    return TLS_OUT_OF_INDEXES;
}

BOOL WINAPI TlsFree(DWORD index)
{
    if (index >= TLS_SLOTS || !SlotUsed[index]) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    SlotUsed[index] = 0;
    TebWrite(TEB_TLS_SLOTS + 4 * index, 0);
    return TRUE;
}

PVOID WINAPI TlsGetValue(DWORD index)
{
    if (index >= TLS_SLOTS) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    SetLastError(0); /* so a NULL value can be told from a failure */
    return (PVOID)TebRead(TEB_TLS_SLOTS + 4 * index);
}

BOOL WINAPI TlsSetValue(DWORD index, PVOID value)
{
    if (index >= TLS_SLOTS) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    TebWrite(TEB_TLS_SLOTS + 4 * index, (ULONG)value);
    return TRUE;
}
