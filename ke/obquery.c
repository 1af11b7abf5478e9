/*
 * NtQueryObject and NtSetInformationObject: what a handle says about
 * itself. ObjectHandleFlagInformation (OBJECT_HANDLE_FLAG_INFORMATION:
 * two BOOLEANs, Inherit and ProtectFromClose) is what kernel32's
 * GetHandleInformation asks and SetHandleInformation sets; winpthreads
 * asks it to learn whether a thread handle is still valid. A handle starts
 * with neither; a protected one refuses NtClose (ex/handle.c). Inherit is
 * kept and reported, though a created process inherits no handles (a
 * cloned one copies every handle). A pseudo-handle is not in the table:
 * STATUS_INVALID_HANDLE.
 */
#include "ke/ki.h"

#define ObjectHandleFlagInformation 4u

/* NtQueryObject(Handle, Class, Buffer, Length, ReturnLength) */
NTSTATUS KiNtQueryObject(KPROCESS *process, const uint32_t *a)
{
    if (a[1] != ObjectHandleFlagInformation) {
        return STATUS_INVALID_INFO_CLASS;
    }
    NTSTATUS status;
    EX_OBJECT *object = ExReferenceObjectByHandle(&process->Handles, a[0], ExObjectAny, &status);
    if (!object) {
        return status;
    }
    ExDereferenceObject(object);
    uint32_t attributes = ExGetHandleAttributes(&process->Handles, a[0]);
    uint8_t flags[2] = {(attributes & EX_HANDLE_INHERIT) != 0, (attributes & EX_HANDLE_PROTECT_CLOSE) != 0};
    if (a[3] < sizeof flags) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    status = MmCopyToUser(process->Mm, a[2], flags, sizeof flags);
    if (status == STATUS_SUCCESS && a[4]) {
        uint32_t length = sizeof flags;
        status = MmCopyToUser(process->Mm, a[4], &length, sizeof length);
    }
    return status;
}

/* NtSetInformationObject(Handle, Class, Buffer, Length) */
NTSTATUS KiNtSetInformationObject(KPROCESS *process, const uint32_t *a)
{
    if (a[1] != ObjectHandleFlagInformation) {
        return STATUS_INVALID_INFO_CLASS;
    }
    uint8_t flags[2];
    if (a[3] < sizeof flags) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    NTSTATUS status = MmCopyFromUser(process->Mm, flags, a[2], sizeof flags);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    return ExSetHandleAttributes(&process->Handles, a[0],
                                 (flags[0] ? EX_HANDLE_INHERIT : 0) | (flags[1] ? EX_HANDLE_PROTECT_CLOSE : 0));
}
