/*
 * Synchronization: waits, events, semaphores, mutexes (the kernel's
 * objects, by name in \BaseNamedObjects), and ntdll's user-mode locks
 * under their kernel32 names: critical sections, SRW locks, condition
 * variables, InitOnce, and the Interlocked family.
 */
#include "kernel32/kernel32.h"

#define INFINITE 0xFFFFFFFFu
#define WAIT_FAILED 0xFFFFFFFFu
#define ERROR_TIMEOUT 1460
#define ERROR_GEN_FAILURE 31
#define ERROR_ALREADY_EXISTS 183
#define EVENT_ALL_ACCESS 0x1F0003u
#define SEMAPHORE_ALL_ACCESS 0x1F0003u
#define MUTANT_ALL_ACCESS 0x1F0001u
#define CREATE_EVENT_MANUAL_RESET 0x1u
#define CREATE_EVENT_INITIAL_SET 0x2u
#define CREATE_MUTEX_INITIAL_OWNER 0x1u
#define MAXIMUM_WAIT_OBJECTS 64

LARGE_INTEGER *BaseFormatTimeOut(LARGE_INTEGER *timeout, DWORD milliseconds)
{
    if (milliseconds == INFINITE) {
        return NULL;
    }
    timeout->QuadPart = -(LONGLONG)milliseconds * 10000;
    return timeout;
}

/* A wait's status as Win32 gives it: WAIT_OBJECT_0 + n, WAIT_ABANDONED_0
 * + n, WAIT_IO_COMPLETION (a user APC ran), WAIT_TIMEOUT, or WAIT_FAILED. */
static DWORD WaitResult(NTSTATUS status)
{
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return WAIT_FAILED;
    }
    return (DWORD)status;
}

DWORD WINAPI WaitForMultipleObjectsEx(DWORD count, const HANDLE *handles, BOOL wait_all,
                                      DWORD milliseconds, BOOL alertable)
{
    if (count == 0 || count > MAXIMUM_WAIT_OBJECTS) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return WAIT_FAILED;
    }
    LARGE_INTEGER timeout;
    return WaitResult(NtWaitForMultipleObjects(count, (HANDLE *)handles, wait_all ? 0 : 1,
                                               (BOOLEAN)alertable,
                                               BaseFormatTimeOut(&timeout, milliseconds)));
}

DWORD WINAPI WaitForMultipleObjects(DWORD count, const HANDLE *handles, BOOL wait_all,
                                    DWORD milliseconds)
{
    return WaitForMultipleObjectsEx(count, handles, wait_all, milliseconds, FALSE);
}

DWORD WINAPI SignalObjectAndWait(HANDLE signal, HANDLE wait, DWORD milliseconds, BOOL alertable)
{
    LARGE_INTEGER timeout;
    return WaitResult(NtSignalAndWaitForSingleObject(signal, wait, (BOOLEAN)alertable,
                                                     BaseFormatTimeOut(&timeout, milliseconds)));
}

/* The end of every Create: the handle, ERROR_ALREADY_EXISTS if the name
 * named an object already (the handle is to it), or NULL. */
static HANDLE Created(NTSTATUS status, HANDLE handle)
{
    if (status == STATUS_OBJECT_NAME_EXISTS) {
        SetLastError(ERROR_ALREADY_EXISTS);
        return handle;
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    SetLastError(0);
    return handle;
}

/* Every Open needs a name: NULL is ERROR_INVALID_PARAMETER (Wine's kernel32
 * sync.c test_mutex states it for OpenMutex), before any name is looked up. */
#define REQUIRE_NAME(name)                                                     \
    if (!(name)) {                                                             \
        SetLastError(ERROR_INVALID_PARAMETER);                                 \
        return NULL;                                                           \
    }

static HANDLE Opened(NTSTATUS status, HANDLE handle)
{
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    return handle;
}

static BOOL Succeeded(NTSTATUS status)
{
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

#define NAMED(name, flags)                                                     \
    WCHAR path_[300];                                                          \
    UNICODE_STRING string_;                                                    \
    OBJECT_ATTRIBUTES oa_;                                                     \
    BaseFormatObjectAttributes(name, path_, 300, &string_, &oa_, flags)

/* --------------------------------------------------------------- events */

HANDLE WINAPI CreateEventExW(void *security, const WCHAR *name, DWORD flags, DWORD access)
{
    NAMED(name, OBJ_OPENIF | BaseInheritAttribute(security));
    HANDLE event = NULL;
    NTSTATUS status = NtCreateEvent(&event, access ? access : EVENT_ALL_ACCESS, &oa_,
                                    flags & CREATE_EVENT_MANUAL_RESET ? 0 : 1,
                                    (flags & CREATE_EVENT_INITIAL_SET) != 0);
    return Created(status, event);
}

HANDLE WINAPI CreateEventW(void *security, BOOL manual_reset, BOOL initial, const WCHAR *name)
{
    return CreateEventExW(security, name,
                          (manual_reset ? CREATE_EVENT_MANUAL_RESET : 0) |
                              (initial ? CREATE_EVENT_INITIAL_SET : 0),
                          EVENT_ALL_ACCESS);
}

HANDLE WINAPI CreateEventA(void *security, BOOL manual_reset, BOOL initial, const char *name)
{
    WCHAR wide[260];
    return CreateEventW(security, manual_reset, initial, BaseWidenName(name, wide, 260));
}

HANDLE WINAPI CreateEventExA(void *security, const char *name, DWORD flags, DWORD access)
{
    WCHAR wide[260];
    return CreateEventExW(security, BaseWidenName(name, wide, 260), flags, access);
}

HANDLE WINAPI OpenEventW(DWORD access, BOOL inherit, const WCHAR *name)
{
    REQUIRE_NAME(name);
    NAMED(name, inherit ? OBJ_INHERIT : 0);
    HANDLE event = NULL;
    NTSTATUS status = NtOpenEvent(&event, access, &oa_);
    return Opened(status, event);
}

HANDLE WINAPI OpenEventA(DWORD access, BOOL inherit, const char *name)
{
    WCHAR wide[260];
    return OpenEventW(access, inherit, BaseWidenName(name, wide, 260));
}

BOOL WINAPI SetEvent(HANDLE event)
{
    return Succeeded(NtSetEvent(event, NULL));
}

BOOL WINAPI ResetEvent(HANDLE event)
{
    return Succeeded(NtResetEvent(event, NULL));
}

BOOL WINAPI PulseEvent(HANDLE event)
{
    return Succeeded(NtPulseEvent(event, NULL));
}

/* ----------------------------------------------------------- semaphores */

HANDLE WINAPI CreateSemaphoreExW(void *security, LONG initial, LONG maximum, const WCHAR *name,
                                 DWORD flags, DWORD access)
{
    (void)security;
    (void)flags;
    NAMED(name, OBJ_OPENIF);
    HANDLE semaphore = NULL;
    NTSTATUS status = NtCreateSemaphore(&semaphore, access ? access : SEMAPHORE_ALL_ACCESS, &oa_,
                                        initial, maximum);
    return Created(status, semaphore);
}

HANDLE WINAPI CreateSemaphoreW(void *security, LONG initial, LONG maximum, const WCHAR *name)
{
    return CreateSemaphoreExW(security, initial, maximum, name, 0, SEMAPHORE_ALL_ACCESS);
}

HANDLE WINAPI CreateSemaphoreA(void *security, LONG initial, LONG maximum, const char *name)
{
    WCHAR wide[260];
    return CreateSemaphoreW(security, initial, maximum, BaseWidenName(name, wide, 260));
}

HANDLE WINAPI CreateSemaphoreExA(void *security, LONG initial, LONG maximum, const char *name,
                                 DWORD flags, DWORD access)
{
    WCHAR wide[260];
    return CreateSemaphoreExW(security, initial, maximum, BaseWidenName(name, wide, 260), flags,
                              access);
}

HANDLE WINAPI OpenSemaphoreW(DWORD access, BOOL inherit, const WCHAR *name)
{
    REQUIRE_NAME(name);
    NAMED(name, inherit ? OBJ_INHERIT : 0);
    HANDLE semaphore = NULL;
    NTSTATUS status = NtOpenSemaphore(&semaphore, access, &oa_);
    return Opened(status, semaphore);
}

HANDLE WINAPI OpenSemaphoreA(DWORD access, BOOL inherit, const char *name)
{
    WCHAR wide[260];
    return OpenSemaphoreW(access, inherit, BaseWidenName(name, wide, 260));
}

BOOL WINAPI ReleaseSemaphore(HANDLE semaphore, LONG count, LONG *previous)
{
    return Succeeded(NtReleaseSemaphore(semaphore, count, previous));
}

/* -------------------------------------------------------------- mutexes */

HANDLE WINAPI CreateMutexExW(void *security, const WCHAR *name, DWORD flags, DWORD access)
{
    NAMED(name, OBJ_OPENIF | BaseInheritAttribute(security));
    HANDLE mutant = NULL;
    NTSTATUS status = NtCreateMutant(&mutant, access ? access : MUTANT_ALL_ACCESS, &oa_,
                                     (flags & CREATE_MUTEX_INITIAL_OWNER) != 0);
    return Created(status, mutant);
}

HANDLE WINAPI CreateMutexW(void *security, BOOL owned, const WCHAR *name)
{
    return CreateMutexExW(security, name, owned ? CREATE_MUTEX_INITIAL_OWNER : 0,
                          MUTANT_ALL_ACCESS);
}

HANDLE WINAPI CreateMutexA(void *security, BOOL owned, const char *name)
{
    WCHAR wide[260];
    return CreateMutexW(security, owned, BaseWidenName(name, wide, 260));
}

HANDLE WINAPI CreateMutexExA(void *security, const char *name, DWORD flags, DWORD access)
{
    WCHAR wide[260];
    return CreateMutexExW(security, BaseWidenName(name, wide, 260), flags, access);
}

HANDLE WINAPI OpenMutexW(DWORD access, BOOL inherit, const WCHAR *name)
{
    REQUIRE_NAME(name);
    NAMED(name, inherit ? OBJ_INHERIT : 0);
    HANDLE mutant = NULL;
    NTSTATUS status = NtOpenMutant(&mutant, access, &oa_);
    return Opened(status, mutant);
}

HANDLE WINAPI OpenMutexA(DWORD access, BOOL inherit, const char *name)
{
    WCHAR wide[260];
    return OpenMutexW(access, inherit, BaseWidenName(name, wide, 260));
}

BOOL WINAPI ReleaseMutex(HANDLE mutex)
{
    return Succeeded(NtReleaseMutant(mutex, NULL));
}

/* ---------------------------------------------------- critical sections */

void WINAPI InitializeCriticalSection(RTL_CRITICAL_SECTION *cs)
{
    RtlInitializeCriticalSection(cs);
}

BOOL WINAPI InitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION *cs, DWORD spin)
{
    RtlInitializeCriticalSectionAndSpinCount(cs, spin);
    return TRUE;
}

BOOL WINAPI InitializeCriticalSectionEx(RTL_CRITICAL_SECTION *cs, DWORD spin, DWORD flags)
{
    (void)flags;
    RtlInitializeCriticalSectionAndSpinCount(cs, spin);
    return TRUE;
}

void WINAPI EnterCriticalSection(RTL_CRITICAL_SECTION *cs)
{
    RtlEnterCriticalSection(cs);
}

BOOL WINAPI TryEnterCriticalSection(RTL_CRITICAL_SECTION *cs)
{
    return RtlTryEnterCriticalSection(cs);
}

void WINAPI LeaveCriticalSection(RTL_CRITICAL_SECTION *cs)
{
    RtlLeaveCriticalSection(cs);
}

void WINAPI DeleteCriticalSection(RTL_CRITICAL_SECTION *cs)
{
    RtlDeleteCriticalSection(cs);
}

/* -------------------------- SRW locks, condition variables, InitOnce */


void WINAPI InitializeSRWLock(RTL_SRWLOCK *lock) { RtlInitializeSRWLock(lock); }
void WINAPI AcquireSRWLockExclusive(RTL_SRWLOCK *lock) { RtlAcquireSRWLockExclusive(lock); }
void WINAPI AcquireSRWLockShared(RTL_SRWLOCK *lock) { RtlAcquireSRWLockShared(lock); }
void WINAPI ReleaseSRWLockExclusive(RTL_SRWLOCK *lock) { RtlReleaseSRWLockExclusive(lock); }
void WINAPI ReleaseSRWLockShared(RTL_SRWLOCK *lock) { RtlReleaseSRWLockShared(lock); }
BOOLEAN WINAPI TryAcquireSRWLockExclusive(RTL_SRWLOCK *lock)
{
    return RtlTryAcquireSRWLockExclusive(lock);
}
BOOLEAN WINAPI TryAcquireSRWLockShared(RTL_SRWLOCK *lock)
{
    return RtlTryAcquireSRWLockShared(lock);
}

void WINAPI InitializeConditionVariable(RTL_CONDITION_VARIABLE *cv)
{
    RtlInitializeConditionVariable(cv);
}

/* FALSE with ERROR_TIMEOUT when the time ran out (the lock is held again
 * either way). */
static BOOL SleptAwake(NTSTATUS status)
{
    if (status == STATUS_TIMEOUT) {
        SetLastError(ERROR_TIMEOUT);
        return FALSE;
    }
    return Succeeded(status);
}

BOOL WINAPI SleepConditionVariableCS(RTL_CONDITION_VARIABLE *cv, RTL_CRITICAL_SECTION *cs,
                                     DWORD milliseconds)
{
    LARGE_INTEGER timeout;
    return SleptAwake(RtlSleepConditionVariableCS(cv, cs, BaseFormatTimeOut(&timeout, milliseconds)));
}

BOOL WINAPI SleepConditionVariableSRW(RTL_CONDITION_VARIABLE *cv, RTL_SRWLOCK *lock,
                                      DWORD milliseconds, ULONG flags)
{
    LARGE_INTEGER timeout;
    return SleptAwake(RtlSleepConditionVariableSRW(cv, lock,
                                                   BaseFormatTimeOut(&timeout, milliseconds), flags));
}

void WINAPI WakeConditionVariable(RTL_CONDITION_VARIABLE *cv) { RtlWakeConditionVariable(cv); }
void WINAPI WakeAllConditionVariable(RTL_CONDITION_VARIABLE *cv)
{
    RtlWakeAllConditionVariable(cv);
}

void WINAPI InitOnceInitialize(RTL_RUN_ONCE *once) { RtlRunOnceInitialize(once); }

BOOL WINAPI InitOnceBeginInitialize(RTL_RUN_ONCE *once, DWORD flags, BOOL *pending,
                                    PVOID *context)
{
    NTSTATUS status = RtlRunOnceBeginInitialize(once, flags, context);
    if (status == STATUS_UNSUCCESSFUL && (flags & 1)) {
        SetLastError(ERROR_GEN_FAILURE); /* INIT_ONCE_CHECK_ONLY, not done yet */
        return FALSE;
    }
    if (!NT_SUCCESS(status)) {
        return Succeeded(status);
    }
    *pending = status == STATUS_PENDING;
    return TRUE;
}

BOOL WINAPI InitOnceComplete(RTL_RUN_ONCE *once, DWORD flags, PVOID context)
{
    return Succeeded(RtlRunOnceComplete(once, flags, context));
}

BOOL WINAPI InitOnceExecuteOnce(RTL_RUN_ONCE *once, INIT_ONCE_FN fn, PVOID parameter,
                                PVOID *context)
{
    /* The same call: the routine's BOOL is the ULONG ntdll reads. */
    return NT_SUCCESS(RtlRunOnceExecuteOnce(once, (RTL_RUN_ONCE_INIT_FN)fn, parameter, context));
}

/* ------------------------------------------------- the Interlocked family */

LONG WINAPI InterlockedIncrement(LONG volatile *value)
{
    return __sync_add_and_fetch(value, 1);
}

LONG WINAPI InterlockedDecrement(LONG volatile *value)
{
    return __sync_sub_and_fetch(value, 1);
}

LONG WINAPI InterlockedExchange(LONG volatile *target, LONG value)
{
    return __sync_lock_test_and_set(target, value);
}

LONG WINAPI InterlockedExchangeAdd(LONG volatile *target, LONG value)
{
    return __sync_fetch_and_add(target, value);
}

LONG WINAPI InterlockedCompareExchange(LONG volatile *target, LONG exchange, LONG comparand)
{
    return __sync_val_compare_and_swap(target, comparand, exchange);
}

LONGLONG WINAPI InterlockedCompareExchange64(LONGLONG volatile *target, LONGLONG exchange,
                                             LONGLONG comparand)
{
    return __sync_val_compare_and_swap(target, comparand, exchange);
}
