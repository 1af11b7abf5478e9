/*
 * RtlNtStatusToDosError: the Win32 error a kernel32 wrapper reports for a
 * native status. One table; a status it does not know maps to
 * ERROR_MR_MID_NOT_FOUND (317), as on Windows.
 */
#include "inc/ntguest.h"

static const struct {
    ULONG Status;
    USHORT Error;
} StatusToError[] = {
    {0x00000000, 0},    /* STATUS_SUCCESS */
    {0x00000103, 997},  /* STATUS_PENDING → ERROR_IO_PENDING */
    {0xC0000002, 1},    /* STATUS_NOT_IMPLEMENTED → ERROR_INVALID_FUNCTION */
    {0xC0000003, 87},   /* STATUS_INVALID_INFO_CLASS */
    {0xC0000004, 24},   /* STATUS_INFO_LENGTH_MISMATCH → ERROR_BAD_LENGTH */
    {0xC0000005, 998},  /* STATUS_ACCESS_VIOLATION → ERROR_NOACCESS */
    {0xC0000008, 6},    /* STATUS_INVALID_HANDLE */
    {0xC000000D, 87},   /* STATUS_INVALID_PARAMETER */
    {0xC0000011, 38},   /* STATUS_END_OF_FILE → ERROR_HANDLE_EOF */
    {0xC0000017, 8},    /* STATUS_NO_MEMORY → ERROR_NOT_ENOUGH_MEMORY */
    {0xC0000018, 487},  /* STATUS_CONFLICTING_ADDRESSES → ERROR_INVALID_ADDRESS */
    {0xC000001A, 487},  /* STATUS_UNABLE_TO_FREE_VM */
    {0xC000001B, 487},  /* STATUS_UNABLE_TO_DELETE_SECTION */
    {0xC0000022, 5},    /* STATUS_ACCESS_DENIED */
    {0xC0000023, 122},  /* STATUS_BUFFER_TOO_SMALL → ERROR_INSUFFICIENT_BUFFER */
    {0xC0000024, 6},    /* STATUS_OBJECT_TYPE_MISMATCH → ERROR_INVALID_HANDLE */
    {0xC000002D, 487},  /* STATUS_NOT_COMMITTED */
    {0xC0000030, 87},   /* STATUS_INVALID_PARAMETER_MIX */
    {0xC0000045, 87},   /* STATUS_INVALID_PAGE_PROTECTION */
    {0xC000004E, 87},   /* STATUS_SECTION_PROTECTION */
    {0xC000009F, 487},  /* STATUS_FREE_VM_NOT_AT_BASE */
    {0xC00000A0, 487},  /* STATUS_MEMORY_NOT_ALLOCATED */
    {0xC00000BB, 50},   /* STATUS_NOT_SUPPORTED */
    {0xC00000EF, 87}, {0xC00000F0, 87}, {0xC00000F1, 87}, {0xC00000F2, 87},
    {0xC00000F3, 87}, {0xC00000F4, 87}, {0xC00000F5, 87}, {0xC00000F6, 87},
    {0xC00000F7, 87}, {0xC00000F8, 87}, {0xC00000F9, 87}, {0xC00000FA, 87},
                        /* STATUS_INVALID_PARAMETER_1..12 */
    {0xC000010A, 5},    /* STATUS_PROCESS_IS_TERMINATING */
    {0xC000012D, 1455}, /* STATUS_COMMITMENT_LIMIT → ERROR_COMMITMENT_LIMIT */
    {0xC0000141, 487},  /* STATUS_INVALID_ADDRESS */
    {0xC0000220, 1132}, /* STATUS_MAPPED_ALIGNMENT */
};

ULONG NTAPI RtlNtStatusToDosError(NTSTATUS status)
{
    /* Win32 errors carried in a status (FACILITY_WIN32) come back out. */
    if (((ULONG)status & 0xFFFF0000u) == 0x80070000u || ((ULONG)status & 0xFFFF0000u) == 0xC0070000u) {
        return (ULONG)status & 0xFFFF;
    }
    for (ULONG i = 0; i < sizeof StatusToError / sizeof StatusToError[0]; i++) {
        if (StatusToError[i].Status == (ULONG)status) {
            return StatusToError[i].Error;
        }
    }
    return 317; /* ERROR_MR_MID_NOT_FOUND */
}

ULONG NTAPI RtlGetLastWin32Error(void)
{
    return TebRead(TEB_LAST_ERROR);
}

void NTAPI RtlSetLastWin32Error(ULONG error)
{
    TebWrite(TEB_LAST_ERROR, error);
}
