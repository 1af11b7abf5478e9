/*
 * The wait services and the synchronization objects: events
 * (notification: stays signaled until reset; synchronization: a satisfied
 * wait resets it), semaphores (a count up to a limit), mutants (an owner
 * thread, recursion, abandonment when the owner ends), by name in the
 * machine's namespace or unnamed. wait.c does the waiting.
 */
#include "io/io.h"
#include "ke/console.h"
#include "ke/ki.h"

#include <stdlib.h>

#define OBJ_OPENIF 0x00000080u
#define OBJ_CASE_INSENSITIVE 0x00000040u
#define WAIT_ALL 0u
#define WAIT_ANY 1u
#define KI_SYNCHRONIZE 0x00100000u

/* A handle to something a thread can wait on, referenced; with these
 * rights (SYNCHRONIZE to wait on it: a handle opened without it fails
 * WaitForSingleObject with ERROR_ACCESS_DENIED, Wine's kernel32 sync.c
 * test_mutex). */
static NTSTATUS ReferenceWaitable(KPROCESS *process, uint32_t handle, uint32_t access,
                                  EX_OBJECT **out)
{
    if (handle == NT_CURRENT_PROCESS) {
        ExReferenceObject(&process->Header);
        *out = &process->Header;
        return STATUS_SUCCESS;
    }
    if (handle == NT_CURRENT_THREAD) {
        *out = &KiCurrentThread(process)->Header;
        ExReferenceObject(*out);
        return STATUS_SUCCESS;
    }
    NTSTATUS status;
    EX_OBJECT *object = ExReferenceObjectByHandleWithAccess(&process->Handles, handle, ExObjectAny,
                                                            access, &status);
    if (!object) {
        return status;
    }
    switch (object->Type) {
    case ExObjectProcess:
    case ExObjectThread:
    case ExObjectEvent:
    case ExObjectSemaphore:
    case ExObjectMutant:
    case ExObjectTimer:
        *out = object;
        return STATUS_SUCCESS;
    case ExObjectFile:
        /* Its event (ke/irp.c): a pipe's end or a disk file, not one of
         * the host's streams; a console's input: an event to read
         * (consvc.c). */
        if (KiIsPipeEnd((EX_FILE *)object) || IoIsDiskFile((EX_FILE *)object) ||
            KiIsConsoleFile((EX_FILE *)object)) {
            *out = object;
            return STATUS_SUCCESS;
        }
        ExDereferenceObject(object);
        return STATUS_OBJECT_TYPE_MISMATCH;
    default:
        ExDereferenceObject(object);
        return STATUS_OBJECT_TYPE_MISMATCH;
    }
}

/* The optional LARGE_INTEGER *Timeout: NULL for none (forever). */
static NTSTATUS CaptureTimeout(KPROCESS *process, uint32_t va, int64_t *timeout, bool *timed)
{
    *timed = va != 0;
    return va ? MmCopyFromUser(process->Mm, timeout, va, sizeof *timeout) : STATUS_SUCCESS;
}

static NTSTATUS Wait(KPROCESS *process, EX_OBJECT **objects, uint32_t count, bool wait_all,
                     bool alertable, uint32_t timeout_va)
{
    int64_t timeout;
    bool timed;
    NTSTATUS status = CaptureTimeout(process, timeout_va, &timeout, &timed);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    return KiWaitForObjects(KiCurrentThread(process), objects, count, wait_all, alertable,
                            timed ? &timeout : NULL);
}

/* NtWaitForSingleObject(Handle, Alertable, Timeout) */
NTSTATUS KiNtWaitForSingleObject(KPROCESS *process, const uint32_t *a)
{
    EX_OBJECT *object;
    NTSTATUS status = ReferenceWaitable(process, a[0], KI_SYNCHRONIZE, &object);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (object == &process->Header && !a[2]) {
        /* Its own end, forever: it would never come. With a timeout the
         * wait times out, as Windows' does (Wine's kernel32 sync.c:1300). */
        status = STATUS_INVALID_PARAMETER;
    } else {
        status = Wait(process, &object, 1, false, a[1] != 0, a[2]);
    }
    ExDereferenceObject(object);
    return status;
}

/* NtWaitForMultipleObjects(Count, Handles, WaitType, Alertable, Timeout) */
NTSTATUS KiNtWaitForMultipleObjects(KPROCESS *process, const uint32_t *a)
{
    uint32_t count = a[0];
    if (count == 0 || count > KI_MAXIMUM_WAIT_OBJECTS) {
        return STATUS_INVALID_PARAMETER_1;
    }
    if (a[2] != WAIT_ALL && a[2] != WAIT_ANY) {
        return STATUS_INVALID_PARAMETER_3;
    }
    uint32_t handles[KI_MAXIMUM_WAIT_OBJECTS];
    NTSTATUS status = MmCopyFromUser(process->Mm, handles, a[1], 4 * count);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    EX_OBJECT *objects[KI_MAXIMUM_WAIT_OBJECTS];
    uint32_t referenced = 0;
    for (; referenced < count && status == STATUS_SUCCESS; referenced++) {
        /* Unlike the single wait, no pseudo-handle (Wine's kernel32 sync.c:1366-1390). */
        uint32_t handle = handles[referenced];
        status = handle == NT_CURRENT_PROCESS || handle == NT_CURRENT_THREAD
                     ? STATUS_INVALID_HANDLE
                     : ReferenceWaitable(process, handle, KI_SYNCHRONIZE, &objects[referenced]);
    }
    if (status != STATUS_SUCCESS) {
        referenced--; /* the one that failed holds no reference */
    }
    /* Waiting for all of one object twice can never be satisfied. */
    for (uint32_t i = 0; status == STATUS_SUCCESS && a[2] == WAIT_ALL && i < count; i++) {
        for (uint32_t j = i + 1; j < count; j++) {
            if (objects[i] == objects[j]) {
                status = STATUS_INVALID_PARAMETER_MIX;
            }
        }
    }
    if (status == STATUS_SUCCESS) {
        status = Wait(process, objects, count, a[2] == WAIT_ALL, a[3] != 0, a[4]);
    }
    for (uint32_t i = 0; i < referenced; i++) {
        ExDereferenceObject(objects[i]);
    }
    return status;
}

/* ------------------------------------------------------------ creation */

static void DeleteEvent(EX_OBJECT *object)
{
    free(object);
}

static void DeleteSemaphore(EX_OBJECT *object)
{
    free(object);
}

static void DeleteMutant(EX_OBJECT *object)
{
    KMUTANT *mutant = (KMUTANT *)object;
    if (mutant->Owner) {
        KMUTANT **link = &mutant->Owner->OwnedMutants;
        while (*link && *link != mutant) {
            link = &(*link)->NextOwned;
        }
        if (*link) {
            *link = mutant->NextOwned;
        }
    }
    free(mutant);
}

/*
 * The common part of NtCreateEvent/Semaphore/Mutant: a name that exists
 * opens that object (STATUS_OBJECT_NAME_EXISTS, with OBJ_OPENIF) if it is
 * of the same type; otherwise `object` (made by the caller, which gives
 * up its reference) gets the name and a handle.
 */
static NTSTATUS CreateObject(KPROCESS *process, uint32_t handle_va, uint32_t attributes_va,
                             EX_OBJECT *object)
{
    char name[KI_NAME_MAX];
    uint32_t attributes;
    NTSTATUS status = KiCaptureObjectName(process, attributes_va, name, &attributes);
    if (status == STATUS_SUCCESS && name[0]) {
        EX_OBJECT *existing = ExLookupNamedObject(&process->System->Namespace, name,
                                                  attributes & OBJ_CASE_INSENSITIVE);
        if (existing) {
            if (!(attributes & OBJ_OPENIF)) {
                status = STATUS_OBJECT_NAME_COLLISION;
            } else if (existing->Type != object->Type) {
                status = STATUS_OBJECT_TYPE_MISMATCH;
            } else {
                status = KiReturnHandleWithAttributes(process, existing, EX_ALL_ACCESS, attributes,
                                                      handle_va);
                if (status == STATUS_SUCCESS) {
                    status = STATUS_OBJECT_NAME_EXISTS; /* kernel32: ERROR_ALREADY_EXISTS */
                }
            }
            ExDereferenceObject(existing);
            ExDereferenceObject(object);
            return status;
        }
        status = ExInsertNamedObject(&process->System->Namespace, object, name);
    }
    if (status == STATUS_SUCCESS) {
        status = KiReturnHandleWithAttributes(process, object, EX_ALL_ACCESS, attributes, handle_va);
    }
    ExDereferenceObject(object); /* the handle holds it now, or nothing does */
    return status;
}

/* NtOpen{Event,Semaphore,Mutant,Section}(Handle, DesiredAccess, ObjectAttributes):
 * a named object of that type, found in the namespace. */
NTSTATUS KiOpenNamedObject(KPROCESS *process, const uint32_t *a, EX_OBJECT_TYPE type)
{
    char name[KI_NAME_MAX];
    uint32_t attributes;
    NTSTATUS status = KiCaptureObjectName(process, a[2], name, &attributes);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (!name[0]) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    EX_OBJECT *object = ExLookupNamedObject(&process->System->Namespace, name,
                                            attributes & OBJ_CASE_INSENSITIVE);
    if (!object) {
        return STATUS_OBJECT_NAME_NOT_FOUND;
    }
    if (object->Type != type) {
        status = STATUS_OBJECT_TYPE_MISMATCH;
    } else if ((status = ExAccessCheckOpen(type, a[1])) == STATUS_SUCCESS) {
        status = KiReturnHandleWithAttributes(process, object, a[1], attributes, a[0]);
    }
    ExDereferenceObject(object);
    return status;
}

NTSTATUS KiCreateNamedObject(KPROCESS *process, uint32_t handle_va, uint32_t attributes_va, EX_OBJECT *object)
{
    return CreateObject(process, handle_va, attributes_va, object);
}

static EX_OBJECT *NewObject(size_t size, EX_OBJECT_TYPE type, void (*close)(EX_OBJECT *))
{
    EX_OBJECT *object = calloc(1, size);
    if (object) {
        object->Type = type;
        object->References = 1;
        object->Close = close;
    }
    return object;
}

/* An optional LONG *Previous output. */
static NTSTATUS ReturnPrevious(KPROCESS *process, uint32_t va, int32_t value)
{
    return va ? MmCopyToUser(process->Mm, va, &value, sizeof value) : STATUS_SUCCESS;
}

/* --------------------------------------------------------------- events */

/* NtCreateEvent(EventHandle, DesiredAccess, ObjectAttributes, EventType
 * (0 notification, 1 synchronization), InitialState) */
NTSTATUS KiNtCreateEvent(KPROCESS *process, const uint32_t *a)
{
    if (a[3] > 1) {
        return STATUS_INVALID_PARAMETER; /* Wine's ntdll sync.c:76 */
    }
    KEVENT *event = (KEVENT *)NewObject(sizeof *event, ExObjectEvent, DeleteEvent);
    if (!event) {
        return STATUS_NO_MEMORY;
    }
    event->Synchronization = a[3] == 1;
    event->Signaled = (a[4] & 0xFF) != 0;
    return CreateObject(process, a[0], a[2], &event->Header);
}

NTSTATUS KiNtOpenEvent(KPROCESS *process, const uint32_t *a)
{
    return KiOpenNamedObject(process, a, ExObjectEvent);
}

static NTSTATUS ReferenceEvent(KPROCESS *process, uint32_t handle, KEVENT **out)
{
    NTSTATUS status;
    *out = (KEVENT *)ExReferenceObjectByHandle(&process->Handles, handle, ExObjectEvent, &status);
    return *out ? STATUS_SUCCESS : status;
}

/* NtSetEvent, NtResetEvent, NtPulseEvent (Handle, PreviousState) and
 * NtClearEvent (Handle). A pulse wakes what the event can wake now and
 * leaves it reset. */
typedef enum { EventSet, EventReset, EventPulse } EVENT_ACTION;

static NTSTATUS ChangeEvent(KPROCESS *process, uint32_t handle, uint32_t previous_va,
                            EVENT_ACTION action)
{
    KEVENT *event;
    NTSTATUS status = ReferenceEvent(process, handle, &event);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    int32_t previous = event->Signaled;
    if (action == EventReset) {
        event->Signaled = false;
    } else {
        event->Signaled = true;
        KiUnwaitThreads(process->System);
        if (action == EventPulse) {
            event->Signaled = false;
        }
    }
    ExDereferenceObject(&event->Header);
    return ReturnPrevious(process, previous_va, previous);
}

NTSTATUS KiNtSetEvent(KPROCESS *process, const uint32_t *a)
{
    return ChangeEvent(process, a[0], a[1], EventSet);
}

NTSTATUS KiNtResetEvent(KPROCESS *process, const uint32_t *a)
{
    return ChangeEvent(process, a[0], a[1], EventReset);
}

NTSTATUS KiNtPulseEvent(KPROCESS *process, const uint32_t *a)
{
    return ChangeEvent(process, a[0], a[1], EventPulse);
}

NTSTATUS KiNtClearEvent(KPROCESS *process, const uint32_t *a)
{
    return ChangeEvent(process, a[0], 0, EventReset);
}

/* ----------------------------------------------------------- semaphores */

/* NtCreateSemaphore(Handle, DesiredAccess, ObjectAttributes, InitialCount,
 * MaximumCount) */
NTSTATUS KiNtCreateSemaphore(KPROCESS *process, const uint32_t *a)
{
    int32_t initial = (int32_t)a[3], limit = (int32_t)a[4];
    if (limit <= 0 || initial < 0 || initial > limit) {
        return STATUS_INVALID_PARAMETER;
    }
    KSEMAPHORE *semaphore = (KSEMAPHORE *)NewObject(sizeof *semaphore, ExObjectSemaphore,
                                                    DeleteSemaphore);
    if (!semaphore) {
        return STATUS_NO_MEMORY;
    }
    semaphore->Count = initial;
    semaphore->Limit = limit;
    return CreateObject(process, a[0], a[2], &semaphore->Header);
}

NTSTATUS KiNtOpenSemaphore(KPROCESS *process, const uint32_t *a)
{
    return KiOpenNamedObject(process, a, ExObjectSemaphore);
}

/* NtReleaseSemaphore(Handle, ReleaseCount, PreviousCount) */
NTSTATUS KiNtReleaseSemaphore(KPROCESS *process, const uint32_t *a)
{
    int32_t release = (int32_t)a[1];
    if (release <= 0) {
        return STATUS_INVALID_PARAMETER;
    }
    NTSTATUS status;
    KSEMAPHORE *semaphore = (KSEMAPHORE *)ExReferenceObjectByHandle(
        &process->Handles, a[0], ExObjectSemaphore, &status);
    if (!semaphore) {
        return status;
    }
    int32_t previous = semaphore->Count;
    if (release > semaphore->Limit - semaphore->Count) {
        status = STATUS_SEMAPHORE_LIMIT_EXCEEDED;
    } else {
        semaphore->Count += release;
        KiUnwaitThreads(process->System);
        status = ReturnPrevious(process, a[2], previous);
    }
    ExDereferenceObject(&semaphore->Header);
    return status;
}

/* -------------------------------------------------------------- mutants */

/* NtCreateMutant(Handle, DesiredAccess, ObjectAttributes, InitialOwner) */
NTSTATUS KiNtCreateMutant(KPROCESS *process, const uint32_t *a)
{
    KMUTANT *mutant = (KMUTANT *)NewObject(sizeof *mutant, ExObjectMutant, DeleteMutant);
    if (!mutant) {
        return STATUS_NO_MEMORY;
    }
    mutant->SignalState = 1;
    /* Owned only if it is created here: opening an existing name does not
     * take it (kernel32's CreateMutex with bInitialOwner, Wine's test). */
    ExReferenceObject(&mutant->Header);
    NTSTATUS status = CreateObject(process, a[0], a[2], &mutant->Header);
    if (status == STATUS_SUCCESS && (a[3] & 0xFF)) {
        KTHREAD *thread = KiCurrentThread(process);
        mutant->Owner = thread;
        mutant->SignalState = 0;
        mutant->NextOwned = thread->OwnedMutants;
        thread->OwnedMutants = mutant;
    }
    ExDereferenceObject(&mutant->Header);
    return status;
}

NTSTATUS KiNtOpenMutant(KPROCESS *process, const uint32_t *a)
{
    return KiOpenNamedObject(process, a, ExObjectMutant);
}

/* NtReleaseMutant(Handle, PreviousCount): only its owner may. */
NTSTATUS KiNtReleaseMutant(KPROCESS *process, const uint32_t *a)
{
    NTSTATUS status;
    KMUTANT *mutant = (KMUTANT *)ExReferenceObjectByHandle(&process->Handles, a[0],
                                                           ExObjectMutant, &status);
    if (!mutant) {
        return status;
    }
    KTHREAD *thread = KiCurrentThread(process);
    int32_t previous = mutant->SignalState;
    if (mutant->Owner != thread) {
        status = STATUS_MUTANT_NOT_OWNED;
    } else {
        if (++mutant->SignalState == 1) {
            KMUTANT **link = &thread->OwnedMutants;
            while (*link && *link != mutant) {
                link = &(*link)->NextOwned;
            }
            if (*link) {
                *link = mutant->NextOwned;
            }
            mutant->NextOwned = NULL;
            mutant->Owner = NULL;
            KiUnwaitThreads(process->System);
        }
        status = ReturnPrevious(process, a[1], previous);
    }
    ExDereferenceObject(&mutant->Header);
    return status;
}

/* NtSignalAndWaitForSingleObject(SignalHandle, WaitHandle, Alertable,
 * Timeout): the signal and the start of the wait are one step. */
NTSTATUS KiNtSignalAndWaitForSingleObject(KPROCESS *process, const uint32_t *a)
{
    EX_OBJECT *signal, *wait;
    NTSTATUS status = ReferenceWaitable(process, a[0], 0, &signal);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    status = ReferenceWaitable(process, a[1], KI_SYNCHRONIZE, &wait);
    if (status != STATUS_SUCCESS) {
        ExDereferenceObject(signal);
        return status;
    }
    uint32_t args[3] = {a[0], 0, 0};
    switch (signal->Type) {
    case ExObjectEvent:
        status = KiNtSetEvent(process, args);
        break;
    case ExObjectSemaphore:
        args[1] = 1;
        status = KiNtReleaseSemaphore(process, args);
        break;
    case ExObjectMutant:
        status = KiNtReleaseMutant(process, args);
        break;
    default:
        status = STATUS_OBJECT_TYPE_MISMATCH;
        break;
    }
    if (status == STATUS_SUCCESS) {
        status = Wait(process, &wait, 1, false, a[2] != 0, a[3]);
    }
    ExDereferenceObject(wait);
    ExDereferenceObject(signal);
    return status;
}

/* ------------------------------------------------------------ queries */

/* NtQueryEvent, NtQuerySemaphore, NtQueryMutant(Handle, Class, Buffer,
 * Length, ReturnLength): class 0, the basic information, 8 bytes, needing
 * the type's QUERY_STATE right (1). An unknown class is
 * STATUS_INVALID_INFO_CLASS, another length STATUS_INFO_LENGTH_MISMATCH,
 * before the handle is looked at (Wine's ntdll sync.c:355-490). */
#define KI_QUERY_STATE 0x0001u

static NTSTATUS QueryObject(KPROCESS *process, const uint32_t *a, EX_OBJECT_TYPE type)
{
    if (a[1] != 0) {
        return STATUS_INVALID_INFO_CLASS;
    }
    if (a[3] != 8) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    NTSTATUS status;
    EX_OBJECT *object = ExReferenceObjectByHandleWithAccess(&process->Handles, a[0], type,
                                                            KI_QUERY_STATE, &status);
    if (!object) {
        return status;
    }
    uint32_t info[2];
    if (type == ExObjectEvent) {
        /* EVENT_BASIC_INFORMATION: EventType, EventState */
        KEVENT *event = (KEVENT *)object;
        info[0] = event->Synchronization ? 1 : 0;
        info[1] = event->Signaled ? 1 : 0;
    } else if (type == ExObjectSemaphore) {
        /* SEMAPHORE_BASIC_INFORMATION: CurrentCount, MaximumCount */
        KSEMAPHORE *semaphore = (KSEMAPHORE *)object;
        info[0] = (uint32_t)semaphore->Count;
        info[1] = (uint32_t)semaphore->Limit;
    } else {
        /* MUTANT_BASIC_INFORMATION: CurrentCount (1 free, 0 or less owned),
         * OwnedByCaller, AbandonedState (BOOLEANs) */
        KMUTANT *mutant = (KMUTANT *)object;
        info[0] = (uint32_t)mutant->SignalState;
        info[1] = (mutant->Owner && mutant->Owner == KiCurrentThread(process) ? 1u : 0u) |
                  (mutant->Abandoned ? 0x100u : 0u);
    }
    ExDereferenceObject(object);
    return KiReturnInformation(process, a[2], a[3], info, sizeof info, a[4]);
}

NTSTATUS KiNtQueryEvent(KPROCESS *process, const uint32_t *a)
{
    return QueryObject(process, a, ExObjectEvent);
}

NTSTATUS KiNtQuerySemaphore(KPROCESS *process, const uint32_t *a)
{
    return QueryObject(process, a, ExObjectSemaphore);
}

NTSTATUS KiNtQueryMutant(KPROCESS *process, const uint32_t *a)
{
    return QueryObject(process, a, ExObjectMutant);
}
