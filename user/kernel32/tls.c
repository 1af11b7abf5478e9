/*
 * Dynamic TLS as Windows has it (since 2000): 64 slots in the TEB
 * (TlsSlots at +0xE10) and 1024 expansion slots in an array the thread
 * gets when it first needs one (TlsExpansionSlots at +0xF94, from the
 * process heap; ntdll frees it when the thread exits), 1088 indexes in all.
 * TlsAlloc hands out the lowest free index and zeroes the caller's slot;
 * when none is left, TLS_OUT_OF_INDEXES and ERROR_NO_MORE_ITEMS. TlsFree
 * has the kernel zero the slot in every thread of the process
 * (NtSetInformationThread ThreadZeroTlsCell), so an index handed out again
 * reads NULL everywhere. TlsGetValue and TlsSetValue of any index below
 * 1088 work, allocated or not (Windows checks only the range);
 * TlsGetValue sets the last error to 0 so a NULL value can be told from a
 * failure. The bitmaps are the PEB's TlsBitmap/TlsExpansionBitmap on
 * Windows; here they are kernel32's, set and cleared with interlocked
 * operations, so threads may allocate at the same time.
 */
#include "kernel32/kernel32.h"

#define TLS_MINIMUM_AVAILABLE 64
#define TLS_EXPANSION_SLOTS 1024
#define TLS_INDEXES (TLS_MINIMUM_AVAILABLE + TLS_EXPANSION_SLOTS)
#define TLS_OUT_OF_INDEXES 0xFFFFFFFFu
#define ERROR_NO_MORE_ITEMS 259
#define ERROR_NOT_ENOUGH_MEMORY 8
#define ThreadZeroTlsCell 10

static LONG volatile Bitmap[TLS_INDEXES / 32];

/* Sets the lowest clear bit of the bitmap; its index, or -1 if none. */
static LONG SetLowestClear(void)
{
    for (ULONG word = 0; word < TLS_INDEXES / 32; word++) {
        LONG bits = Bitmap[word];
        while (bits != -1) {
            ULONG bit = (ULONG)__builtin_ctz(~(ULONG)bits);
            LONG was = InterlockedCompareExchange(&Bitmap[word], bits | (LONG)(1u << bit), bits);
            if (was == bits) {
                return (LONG)(word * 32 + bit);
            }
            bits = was;   /* another thread took one: look again */
        }
    }
    return -1;
}

static void ClearBit(ULONG index)
{
    LONG bits = Bitmap[index / 32];
    for (;;) {
        LONG was = InterlockedCompareExchange(&Bitmap[index / 32],
                                              bits & ~(LONG)(1u << (index % 32)), bits);
        if (was == bits) {
            return;
        }
        bits = was;
    }
}

/* The calling thread's expansion slots: made (zeroed) if create. */
static PVOID *ExpansionSlots(BOOL create)
{
    PVOID *slots = (PVOID *)TebRead(TEB_TLS_EXPANSION_SLOTS);
    if (!slots && create) {
        slots = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, HEAP_ZERO_MEMORY,
                                TLS_EXPANSION_SLOTS * sizeof(PVOID));
        TebWrite(TEB_TLS_EXPANSION_SLOTS, (ULONG)slots);
    }
    return slots;
}

DWORD WINAPI TlsAlloc(void)
{
    LONG index = SetLowestClear();
    if (index < 0) {
        SetLastError(ERROR_NO_MORE_ITEMS);
        return TLS_OUT_OF_INDEXES;
    }
    if (index < TLS_MINIMUM_AVAILABLE) {
        TebWrite(TEB_TLS_SLOTS + 4 * (ULONG)index, 0);
        return (DWORD)index;
    }
    PVOID *slots = ExpansionSlots(TRUE);
    if (!slots) {
        ClearBit((ULONG)index);
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return TLS_OUT_OF_INDEXES;
    }
    slots[index - TLS_MINIMUM_AVAILABLE] = NULL;
    return (DWORD)index;
}

BOOL WINAPI TlsFree(DWORD index)
{
    if (index >= TLS_INDEXES || !(Bitmap[index / 32] & (LONG)(1u << (index % 32)))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    ULONG cell = index;
    NTSTATUS status = NtSetInformationThread(NtCurrentThread(), ThreadZeroTlsCell, &cell,
                                             sizeof cell);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    ClearBit(index);
    return TRUE;
}

PVOID WINAPI TlsGetValue(DWORD index)
{
    if (index >= TLS_INDEXES) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    SetLastError(0);
    if (index < TLS_MINIMUM_AVAILABLE) {
        return (PVOID)TebRead(TEB_TLS_SLOTS + 4 * index);
    }
    PVOID *slots = ExpansionSlots(FALSE);
    return slots ? slots[index - TLS_MINIMUM_AVAILABLE] : NULL;
}

BOOL WINAPI TlsSetValue(DWORD index, PVOID value)
{
    if (index >= TLS_INDEXES) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (index < TLS_MINIMUM_AVAILABLE) {
        TebWrite(TEB_TLS_SLOTS + 4 * index, (ULONG)value);
        return TRUE;
    }
    PVOID *slots = ExpansionSlots(TRUE);
    if (!slots) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    slots[index - TLS_MINIMUM_AVAILABLE] = value;
    return TRUE;
}
