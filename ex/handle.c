/* The handle table: a growing array of object pointers. */
#include "ex/handle.h"

#include <stdlib.h>

NTSTATUS ExCreateHandle(EX_HANDLE_TABLE *table, EX_OBJECT *object, uint32_t *handle)
{
    return ExCreateHandleWithAccess(table, object, EX_ALL_ACCESS, handle);
}

NTSTATUS ExCreateHandleWithAccess(EX_HANDLE_TABLE *table, EX_OBJECT *object, uint32_t access,
                                  uint32_t *handle)
{
    uint32_t slot;
    for (slot = 0; slot < table->Capacity; slot++) {
        if (!table->Entries[slot]) {
            break;
        }
    }
    if (slot == table->Capacity) {
        uint32_t capacity = table->Capacity ? table->Capacity * 2 : 16;
        if (capacity > (1u << 24)) {
            return STATUS_INSUFFICIENT_RESOURCES;
        }
        EX_OBJECT **entries = realloc(table->Entries, capacity * sizeof *entries);
        if (!entries) {
            return STATUS_INSUFFICIENT_RESOURCES;
        }
        table->Entries = entries;
        uint32_t *granted = realloc(table->GrantedAccess, capacity * sizeof *granted);
        if (!granted) {
            return STATUS_INSUFFICIENT_RESOURCES; /* Entries grew: harmless */
        }
        table->GrantedAccess = granted;
        uint8_t *attributes = realloc(table->Attributes, capacity * sizeof *attributes);
        if (!attributes) {
            return STATUS_INSUFFICIENT_RESOURCES; /* the others grew: harmless */
        }
        table->Attributes = attributes;
        for (uint32_t i = table->Capacity; i < capacity; i++) {
            entries[i] = NULL;
            granted[i] = 0;
            attributes[i] = 0;
        }
        table->Capacity = capacity;
    }
    object->References++;
    object->HandleCount++;
    table->Entries[slot] = object;
    table->GrantedAccess[slot] = access;
    table->Attributes[slot] = 0;
    table->Count++;
    *handle = (slot + 1) * 4;
    return STATUS_SUCCESS;
}

static EX_OBJECT **Slot(EX_HANDLE_TABLE *table, uint32_t handle)
{
    /* The low two bits of a handle are ignored by NT (tag bits). */
    uint32_t index = (handle >> 2);
    if (index == 0 || index > table->Capacity || handle >= 0x80000000u) {
        return NULL;
    }
    EX_OBJECT **slot = &table->Entries[index - 1];
    return *slot ? slot : NULL;
}

EX_OBJECT *ExReferenceObjectByHandle(EX_HANDLE_TABLE *table, uint32_t handle,
                                     EX_OBJECT_TYPE type, NTSTATUS *status)
{
    EX_OBJECT **slot = Slot(table, handle);
    if (!slot) {
        *status = STATUS_INVALID_HANDLE;
        return NULL;
    }
    if (type != ExObjectAny && (*slot)->Type != type) {
        *status = STATUS_OBJECT_TYPE_MISMATCH;
        return NULL;
    }
    (*slot)->References++;
    *status = STATUS_SUCCESS;
    return *slot;
}

EX_OBJECT *ExReferenceObjectByHandleWithAccess(EX_HANDLE_TABLE *table, uint32_t handle,
                                               EX_OBJECT_TYPE type, uint32_t desired,
                                               NTSTATUS *status)
{
    EX_OBJECT *object = ExReferenceObjectByHandle(table, handle, type, status);
    if (object && (ExGetHandleAccess(table, handle) & desired) != desired) {
        ExDereferenceObject(object);
        *status = STATUS_ACCESS_DENIED;
        return NULL;
    }
    return object;
}

uint32_t ExGetHandleAccess(EX_HANDLE_TABLE *table, uint32_t handle)
{
    EX_OBJECT **slot = Slot(table, handle);
    return slot ? table->GrantedAccess[slot - table->Entries] : 0;
}

uint32_t ExGetHandleAttributes(EX_HANDLE_TABLE *table, uint32_t handle)
{
    EX_OBJECT **slot = Slot(table, handle);
    return slot ? table->Attributes[slot - table->Entries] : 0;
}

NTSTATUS ExSetHandleAttributes(EX_HANDLE_TABLE *table, uint32_t handle, uint32_t attributes)
{
    EX_OBJECT **slot = Slot(table, handle);
    if (!slot) {
        return STATUS_INVALID_HANDLE;
    }
    table->Attributes[slot - table->Entries] = (uint8_t)(attributes & (EX_HANDLE_PROTECT_CLOSE | EX_HANDLE_INHERIT));
    return STATUS_SUCCESS;
}

void ExReferenceObject(EX_OBJECT *object)
{
    object->References++;
}

void ExDereferenceObject(EX_OBJECT *object)
{
    if (--object->References == 0) {
        ExRemoveNamedObject(object);
        /* A file's completion port is every kind of file's (ke/irp.c). */
        EX_OBJECT *port = object->Type == ExObjectFile ? ((EX_FILE *)object)->CompletionPort : NULL;
        object->Close(object);
        if (port) {
            ExDereferenceObject(port);
        }
    }
}

/* A handle goes (ObpDecrementHandleCount): when it was the last, the
 * object's name leaves the namespace at once, though references (a view of
 * a section, a wait) may keep the object alive (NT's ObpDeleteNameCheck:
 * the name can then be opened no more and made anew), and its cleanup
 * runs; then the handle's reference goes. */
static void DropHandle(EX_OBJECT *object)
{
    if (--object->HandleCount == 0) {
        ExRemoveNamedObject(object);
        if (object->Cleanup) {
            object->Cleanup(object);
        }
    }
    ExDereferenceObject(object);
}

NTSTATUS ExCloseHandle(EX_HANDLE_TABLE *table, uint32_t handle)
{
    EX_OBJECT **slot = Slot(table, handle);
    if (!slot) {
        return STATUS_INVALID_HANDLE;
    }
    if (table->Attributes[slot - table->Entries] & EX_HANDLE_PROTECT_CLOSE) {
        return STATUS_HANDLE_NOT_CLOSABLE;
    }
    EX_OBJECT *object = *slot;
    *slot = NULL;
    table->Count--;
    DropHandle(object);
    return STATUS_SUCCESS;
}

void ExDestroyHandleTable(EX_HANDLE_TABLE *table)
{
    for (uint32_t i = 0; i < table->Capacity; i++) {
        if (table->Entries[i]) {
            DropHandle(table->Entries[i]);
        }
    }
    free(table->Entries);
    free(table->GrantedAccess);
    free(table->Attributes);
    table->Entries = NULL;
    table->GrantedAccess = NULL;
    table->Attributes = NULL;
    table->Capacity = table->Count = 0;
}

static void CloseHostFile(EX_OBJECT *object)
{
    /* The host's standard streams stay open: ntmm still writes to them. */
    free(object);
}

EX_FILE *ExCreateHostFile(int fd, uint32_t access)
{
    EX_FILE *file = calloc(1, sizeof *file);
    if (file) {
        file->Header.Type = ExObjectFile;
        file->Header.Close = CloseHostFile;
        file->Fd = fd;
        file->Access = access;
    }
    return file;
}

/* The handles of source (every one, or the inheritable ones) into the
 * empty target, at the same values, with the same rights and attributes. */
static NTSTATUS CopyHandleTable(const EX_HANDLE_TABLE *source, EX_HANDLE_TABLE *target,
                                bool inheritable_only)
{
    target->Entries = calloc(source->Capacity ? source->Capacity : 1, sizeof *target->Entries);
    target->GrantedAccess = calloc(source->Capacity ? source->Capacity : 1,
                                   sizeof *target->GrantedAccess);
    target->Attributes = calloc(source->Capacity ? source->Capacity : 1, sizeof *target->Attributes);
    if (!target->Entries || !target->GrantedAccess || !target->Attributes) {
        free(target->Entries);
        free(target->GrantedAccess);
        free(target->Attributes);
        target->Entries = NULL;
        target->GrantedAccess = NULL;
        target->Attributes = NULL;
        return STATUS_NO_MEMORY;
    }
    target->Capacity = source->Capacity;
    target->Count = 0;
    for (uint32_t i = 0; i < source->Capacity; i++) {
        if (inheritable_only && !(source->Attributes[i] & EX_HANDLE_INHERIT)) {
            continue;
        }
        target->Count += source->Entries[i] != NULL;
        target->Entries[i] = source->Entries[i];
        target->GrantedAccess[i] = source->GrantedAccess[i];
        target->Attributes[i] = source->Attributes[i];
        if (target->Entries[i]) {
            target->Entries[i]->References++;
            target->Entries[i]->HandleCount++;
        }
    }
    return STATUS_SUCCESS;
}

NTSTATUS ExDuplicateHandleTable(const EX_HANDLE_TABLE *source, EX_HANDLE_TABLE *target)
{
    return CopyHandleTable(source, target, false);
}

NTSTATUS ExInheritHandleTable(const EX_HANDLE_TABLE *source, EX_HANDLE_TABLE *target)
{
    return CopyHandleTable(source, target, true);
}
