/*
 * NtQueryObject and NtSetInformationObject: what a handle says about
 * itself. ObjectBasicInformation its attributes, rights and counts;
 * ObjectHandleFlagInformation (OBJECT_HANDLE_FLAG_INFORMATION:
 * two BOOLEANs, Inherit and ProtectFromClose) is what kernel32's
 * GetHandleInformation asks and SetHandleInformation sets; winpthreads
 * asks it to learn whether a thread handle is still valid. A handle starts
 * with neither; a protected one refuses NtClose (ex/handle.c). Inherit is
 * kept and reported, though a created process inherits no handles (a
 * cloned one copies every handle). A pseudo-handle is not in the table:
 * STATUS_INVALID_HANDLE.
 */
#include "ke/ki.h"

#define ObjectBasicInformation 0u
#define ObjectHandleFlagInformation 4u
#define OBJECT_BASIC_INFORMATION_SIZE 56u

/* OBJECT_BASIC_INFORMATION: Attributes (the handle's OBJ_INHERIT and
 * OBJ_PROTECT_CLOSE), GrantedAccess (a file's is what its open was
 * granted: Wine's kernel32 directory.c:466 reads the current directory's,
 * FILE_TRAVERSE | SYNCHRONIZE), HandleCount, PointerCount; no pool charges,
 * sizes or creation time here. */
static NTSTATUS QueryBasic(KPROCESS *process, const uint32_t *a)
{
    if (a[3] < OBJECT_BASIC_INFORMATION_SIZE) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    NTSTATUS status;
    EX_OBJECT *object = ExReferenceObjectByHandle(&process->Handles, a[0], ExObjectAny, &status);
    if (!object) {
        return status;
    }
    uint32_t info[OBJECT_BASIC_INFORMATION_SIZE / 4] = {0};
    uint32_t attributes = ExGetHandleAttributes(&process->Handles, a[0]);
    info[0] = ((attributes & EX_HANDLE_INHERIT) ? 0x2u : 0) | ((attributes & EX_HANDLE_PROTECT_CLOSE) ? 0x1u : 0);
    info[1] = object->Type == ExObjectFile ? ((EX_FILE *)object)->Access
                                          : ExGetHandleAccess(&process->Handles, a[0]);
    info[2] = object->HandleCount;
    info[3] = object->References - 1; /* less this query's own */
    ExDereferenceObject(object);
    status = MmCopyToUser(process->Mm, a[2], info, sizeof info);
    if (status == STATUS_SUCCESS && a[4]) {
        uint32_t length = sizeof info;
        status = MmCopyToUser(process->Mm, a[4], &length, sizeof length);
    }
    return status;
}

/* NtQueryObject(Handle, Class, Buffer, Length, ReturnLength) */
NTSTATUS KiNtQueryObject(KPROCESS *process, const uint32_t *a)
{
    if (a[1] == ObjectBasicInformation) {
        return QueryBasic(process, a);
    }
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
