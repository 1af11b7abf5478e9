/*
 * NtQueryObject: what a handle says about itself. ObjectHandleFlagInformation
 * (OBJECT_HANDLE_FLAG_INFORMATION: Inherit, ProtectFromClose) is what
 * kernel32's GetHandleInformation asks, and winpthreads asks it to learn
 * whether a thread handle is still valid. ntmm's handles carry no
 * attributes (a created process inherits none, a cloned one copies every
 * handle; none is protected from close), so both are FALSE for every valid
 * handle; a pseudo-handle is not in the table: STATUS_INVALID_HANDLE.
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
    uint8_t flags[2] = {0, 0}; /* Inherit, ProtectFromClose */
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
