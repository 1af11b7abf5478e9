/*
 * Critical sections, as NT keeps them: LockCount is -1 when free and
 * counts each entry (the owner's recursive ones too) and each waiter
 * minus one; RecursionCount is the owner's depth; OwningThread its id.
 * An uncontended Enter or Leave is one interlocked operation; a thread
 * that finds the section owned by another waits on LockSemaphore, an
 * auto-reset event made at the first contention, and Leave sets it once
 * for each waiter it hands the section to.
 */
#include "ntdll/ntdll.h"

/* DebugInfo is -1, "none", as Windows 8 and later leave it unless asked
 * (RTL_CRITICAL_SECTION_FLAG_FORCE_DEBUG_INFO); Delete clears it to NULL
 * (Wine's kernel32 sync.c test_crit_section). */
#define RTL_NO_DEBUG_INFO ((PVOID)(ULONG_PTR)-1)

NTSTATUS NTAPI RtlInitializeCriticalSectionAndSpinCount(RTL_CRITICAL_SECTION *cs, ULONG spin)
{
    cs->DebugInfo = RTL_NO_DEBUG_INFO;
    cs->LockCount = -1;
    cs->RecursionCount = 0;
    cs->OwningThread = NULL;
    cs->LockSemaphore = NULL;
    cs->SpinCount = spin & 0x00FFFFFF; /* one CPU: spinning never helps */
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlInitializeCriticalSection(RTL_CRITICAL_SECTION *cs)
{
    return RtlInitializeCriticalSectionAndSpinCount(cs, 0);
}

/* The event contended waits use, made by whoever needs it first. */
static HANDLE LockEvent(RTL_CRITICAL_SECTION *cs)
{
    HANDLE event = cs->LockSemaphore;
    if (event) {
        return event;
    }
    NTSTATUS status = NtCreateEvent(&event, 0x1F0003, NULL, 1, FALSE);
    if (!NT_SUCCESS(status)) {
        RtlRaiseStatus(status);
    }
    HANDLE other = __sync_val_compare_and_swap(&cs->LockSemaphore, NULL, event);
    if (other) {
        NtClose(event); /* another thread made one first */
        return other;
    }
    return event;
}

NTSTATUS NTAPI RtlEnterCriticalSection(RTL_CRITICAL_SECTION *cs)
{
    HANDLE self = (HANDLE)TebRead(TEB_THREAD_ID);
    if (__sync_add_and_fetch(&cs->LockCount, 1) != 0) {
        if (cs->OwningThread == self) {
            cs->RecursionCount++;
            return STATUS_SUCCESS;
        }
        /* Owned by another thread: the owner's Leave hands it over. */
        NtWaitForSingleObject(LockEvent(cs), FALSE, NULL);
    }
    cs->OwningThread = self;
    cs->RecursionCount = 1;
    return STATUS_SUCCESS;
}

BOOLEAN NTAPI RtlTryEnterCriticalSection(RTL_CRITICAL_SECTION *cs)
{
    HANDLE self = (HANDLE)TebRead(TEB_THREAD_ID);
    if (__sync_bool_compare_and_swap(&cs->LockCount, -1, 0)) {
        cs->OwningThread = self;
        cs->RecursionCount = 1;
        return TRUE;
    }
    if (cs->OwningThread == self) {
        __sync_add_and_fetch(&cs->LockCount, 1);
        cs->RecursionCount++;
        return TRUE;
    }
    return FALSE;
}

NTSTATUS NTAPI RtlLeaveCriticalSection(RTL_CRITICAL_SECTION *cs)
{
    if (--cs->RecursionCount > 0) {
        __sync_sub_and_fetch(&cs->LockCount, 1);
        return STATUS_SUCCESS;
    }
    cs->OwningThread = NULL;
    if (__sync_sub_and_fetch(&cs->LockCount, 1) >= 0) {
        NtSetEvent(LockEvent(cs), NULL); /* one waiter gets it */
    }
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlDeleteCriticalSection(RTL_CRITICAL_SECTION *cs)
{
    if (cs->LockSemaphore) {
        NtClose(cs->LockSemaphore);
    }
    cs->LockSemaphore = NULL;
    cs->LockCount = -1;
    cs->RecursionCount = 0;
    cs->OwningThread = NULL;
    cs->DebugInfo = NULL;
    return STATUS_SUCCESS;
}
