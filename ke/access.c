/*
 * Handle access rights, as the object manager grants and checks them: a
 * handle is made with the rights asked for (generic rights mapped to the
 * type's own, ex/access.c), and each service asks its handle for the
 * rights it needs (ObReferenceObjectByHandle's DesiredAccess), failing with
 * STATUS_ACCESS_DENIED otherwise. The pseudo-handles -1 and -2 have every
 * right.
 */
#include "ke/ki.h"

uint32_t KiGrantedAccess(EX_OBJECT_TYPE type, uint32_t desired)
{
    uint32_t access = ExMapGenericAccess(type, desired);
    /* The full query and set rights include their limited forms. */
    if (type == ExObjectProcess) {
        if (access & PROCESS_QUERY_INFORMATION) {
            access |= PROCESS_QUERY_LIMITED_INFORMATION;
        }
        if (access & PROCESS_SET_INFORMATION) {
            access |= PROCESS_SET_LIMITED_INFORMATION;
        }
    } else if (type == ExObjectThread) {
        if (access & THREAD_QUERY_INFORMATION) {
            access |= THREAD_QUERY_LIMITED_INFORMATION;
        }
        if (access & THREAD_SET_INFORMATION) {
            access |= THREAD_SET_LIMITED_INFORMATION;
        }
    }
    return access;
}

NTSTATUS KiReferenceProcessObjectWithAccess(KPROCESS *process, uint32_t handle, uint32_t access,
                                            KPROCESS **out)
{
    if (handle == NT_CURRENT_PROCESS) {
        ExReferenceObject(&process->Header);
        *out = process;
        return STATUS_SUCCESS;
    }
    NTSTATUS status;
    EX_OBJECT *object = ExReferenceObjectByHandleWithAccess(&process->Handles, handle,
                                                            ExObjectProcess, access, &status);
    *out = (KPROCESS *)object;
    return object ? STATUS_SUCCESS : status;
}

NTSTATUS KiReferenceProcessWithAccess(KPROCESS *process, uint32_t handle, uint32_t access,
                                      MMPROCESS **out)
{
    KPROCESS *target;
    NTSTATUS status = KiReferenceProcessObjectWithAccess(process, handle, access, &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    /* The caller holds a handle, so the object stays; its memory may not. */
    *out = target->Mm;
    ExDereferenceObject(&target->Header);
    return *out ? STATUS_SUCCESS : STATUS_PROCESS_IS_TERMINATING;
}

NTSTATUS KiReferenceThreadWithAccess(KPROCESS *process, uint32_t handle, uint32_t access,
                                     KTHREAD **out)
{
    if (handle == NT_CURRENT_THREAD) {
        KTHREAD *current = KiCurrentThread(process);
        ExReferenceObject(&current->Header);
        *out = current;
        return STATUS_SUCCESS;
    }
    NTSTATUS status;
    EX_OBJECT *object = ExReferenceObjectByHandleWithAccess(&process->Handles, handle,
                                                            ExObjectThread, access, &status);
    *out = (KTHREAD *)object;
    return object ? STATUS_SUCCESS : status;
}

/* A handle with these rights, written to the guest's handle_va (or, if
 * that cannot be written, no handle). */
static NTSTATUS ReturnHandle(KPROCESS *process, EX_OBJECT *object, uint32_t granted,
                             uint32_t object_attributes, uint32_t handle_va)
{
    uint32_t handle;
    NTSTATUS status = ExCreateHandleWithAccess(&process->Handles, object, granted, &handle);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (object_attributes & 0x2u /* OBJ_INHERIT */) {
        ExSetHandleAttributes(&process->Handles, handle, EX_HANDLE_INHERIT);
    }
    status = MmCopyToUser(process->Mm, handle_va, &handle, sizeof handle);
    if (status != STATUS_SUCCESS) {
        ExCloseHandle(&process->Handles, handle);
    }
    return status;
}

NTSTATUS KiReturnHandleWithAccess(KPROCESS *process, EX_OBJECT *object, uint32_t desired,
                                  uint32_t handle_va)
{
    return ReturnHandle(process, object, KiGrantedAccess(object->Type, desired), 0, handle_va);
}

NTSTATUS KiReturnHandle(KPROCESS *process, EX_OBJECT *object, uint32_t handle_va)
{
    return ReturnHandle(process, object, EX_ALL_ACCESS, 0, handle_va);
}

NTSTATUS KiReturnHandleWithAttributes(KPROCESS *process, EX_OBJECT *object, uint32_t desired,
                                      uint32_t object_attributes, uint32_t handle_va)
{
    uint32_t granted = desired == EX_ALL_ACCESS ? EX_ALL_ACCESS : KiGrantedAccess(object->Type, desired);
    return ReturnHandle(process, object, granted, object_attributes, handle_va);
}

/*
 * An image section is one object per file here (mm shares it between
 * every NtCreateSection of the file and the loader), where NT makes a
 * section object per NtCreateSection over the file's one segment and
 * MmMapViewOfSection checks a view against that object's protection. The
 * protection NtCreateSection was given limits the handle's map rights
 * instead, with the same answers: CreateFileMapping(PAGE_READONLY |
 * SEC_IMAGE) then MapViewOfFile(FILE_MAP_WRITE) is ERROR_ACCESS_DENIED
 * (Wine's kernel32 virtual.c test_mapping, map_prot_to_access).
 */
static uint32_t ImageMapAccess(uint32_t protect)
{
    switch (protect & 0xFF) {
    case 0x04: /* PAGE_READWRITE */
        return SECTION_MAP_READ | SECTION_MAP_WRITE;
    case 0x40: /* PAGE_EXECUTE_READWRITE */
        return SECTION_MAP_READ | SECTION_MAP_WRITE | SECTION_MAP_EXECUTE;
    case 0x10: /* PAGE_EXECUTE */
    case 0x20: /* PAGE_EXECUTE_READ */
    case 0x80: /* PAGE_EXECUTE_WRITECOPY */
        return SECTION_MAP_READ | SECTION_MAP_EXECUTE;
    default:   /* PAGE_READONLY, PAGE_WRITECOPY */
        return SECTION_MAP_READ;
    }
}

NTSTATUS KiReturnImageSectionHandle(KPROCESS *process, EX_OBJECT *object, uint32_t desired,
                                    uint32_t protect, uint32_t object_attributes,
                                    uint32_t handle_va)
{
    uint32_t granted = desired == EX_ALL_ACCESS ? EX_ALL_ACCESS : KiGrantedAccess(object->Type, desired);
    uint32_t map = SECTION_MAP_READ | SECTION_MAP_WRITE | SECTION_MAP_EXECUTE;
    granted = (granted & ~map) | (granted & ImageMapAccess(protect));
    return ReturnHandle(process, object, granted, object_attributes, handle_va);
}

/* The section right a view of this protection needs (NT's
 * MmMakeSectionAccess): read for read-only and copy-on-write views (and
 * for no access at all), write for writable ones, execute besides for
 * executable ones. */
uint32_t KiSectionAccessForProtection(uint32_t protect)
{
    switch (protect & 0xFF) {
    case 0x10: /* PAGE_EXECUTE */
        return SECTION_MAP_EXECUTE;
    case 0x20: /* PAGE_EXECUTE_READ */
    case 0x80: /* PAGE_EXECUTE_WRITECOPY */
        return SECTION_MAP_EXECUTE | SECTION_MAP_READ;
    case 0x40: /* PAGE_EXECUTE_READWRITE */
        return SECTION_MAP_EXECUTE | SECTION_MAP_WRITE;
    case 0x04: /* PAGE_READWRITE */
        return SECTION_MAP_WRITE;
    default:   /* NOACCESS, READONLY, WRITECOPY (and invalid ones: mm refuses them) */
        return SECTION_MAP_READ;
    }
}
