/*
 * RTL resources: NT's original reader/writer lock (RtlInitializeResource,
 * RtlAcquireResourceShared/Exclusive, RtlReleaseResource,
 * RtlDeleteResource), older than the SRW lock and still exported. The
 * structure is the caller's (RTL_RESOURCE, Wine's RTL_RWLOCK): a critical
 * section guards the counts, and waiters sleep on one of two semaphores.
 *
 * NumberOfActive > 0: that many shared owners; < 0: one exclusive owner,
 * -NumberOfActive its recursion. The exclusive owner may also acquire it
 * shared (counted as one more exclusive level), and a shared request is
 * granted while other threads hold it shared even if a writer waits —
 * both as Windows answers in Wine's ntdll sync.c test_resource (lines
 * 651-660 and 739-745). A woken waiter retries from the start.
 */
#include "ntdll/ntdll.h"

NTSTATUS NTAPI RtlInitializeResource(RTL_RESOURCE *resource)
{
    memset(resource, 0, sizeof *resource);
    RtlInitializeCriticalSection(&resource->Lock);
    NTSTATUS status = NtCreateSemaphore(&resource->SharedSemaphore, 0x1F0003, NULL, 0, 0x7FFFFFFF);
    if (NT_SUCCESS(status)) {
        status = NtCreateSemaphore(&resource->ExclusiveSemaphore, 0x1F0003, NULL, 0, 0x7FFFFFFF);
    }
    return status;
}

void NTAPI RtlDeleteResource(RTL_RESOURCE *resource)
{
    RtlDeleteCriticalSection(&resource->Lock);
    if (resource->SharedSemaphore) {
        NtClose(resource->SharedSemaphore);
    }
    if (resource->ExclusiveSemaphore) {
        NtClose(resource->ExclusiveSemaphore);
    }
    resource->SharedSemaphore = resource->ExclusiveSemaphore = NULL;
    resource->NumberOfActive = 0;
    resource->ExclusiveOwnerThread = NULL;
}

static HANDLE Self(void)
{
    return (HANDLE)TebRead(TEB_THREAD_ID);
}

BOOLEAN NTAPI RtlAcquireResourceExclusive(RTL_RESOURCE *resource, BOOLEAN wait)
{
    for (;;) {
        RtlEnterCriticalSection(&resource->Lock);
        if (resource->NumberOfActive == 0) {
            resource->NumberOfActive = -1;
            resource->ExclusiveOwnerThread = Self();
            RtlLeaveCriticalSection(&resource->Lock);
            return TRUE;
        }
        if (resource->NumberOfActive < 0 && resource->ExclusiveOwnerThread == Self()) {
            resource->NumberOfActive--;
            RtlLeaveCriticalSection(&resource->Lock);
            return TRUE;
        }
        if (!wait) {
            RtlLeaveCriticalSection(&resource->Lock);
            return FALSE;
        }
        resource->NumberOfWaitingExclusive++;
        RtlLeaveCriticalSection(&resource->Lock);
        NtWaitForSingleObject(resource->ExclusiveSemaphore, FALSE, NULL);
    }
}

BOOLEAN NTAPI RtlAcquireResourceShared(RTL_RESOURCE *resource, BOOLEAN wait)
{
    for (;;) {
        RtlEnterCriticalSection(&resource->Lock);
        if (resource->NumberOfActive < 0 && resource->ExclusiveOwnerThread == Self()) {
            resource->NumberOfActive--;
            RtlLeaveCriticalSection(&resource->Lock);
            return TRUE;
        }
        if (resource->NumberOfActive >= 0) {
            resource->NumberOfActive++;
            RtlLeaveCriticalSection(&resource->Lock);
            return TRUE;
        }
        if (!wait) {
            RtlLeaveCriticalSection(&resource->Lock);
            return FALSE;
        }
        resource->NumberOfWaitingShared++;
        RtlLeaveCriticalSection(&resource->Lock);
        NtWaitForSingleObject(resource->SharedSemaphore, FALSE, NULL);
    }
}

/* Hands a free resource on: one waiting writer first, else every waiting
 * reader. Called with the lock held. */
static void WakeWaiters(RTL_RESOURCE *resource)
{
    if (resource->NumberOfWaitingExclusive) {
        resource->NumberOfWaitingExclusive--;
        NtReleaseSemaphore(resource->ExclusiveSemaphore, 1, NULL);
    } else if (resource->NumberOfWaitingShared) {
        LONG count = (LONG)resource->NumberOfWaitingShared;
        resource->NumberOfWaitingShared = 0;
        NtReleaseSemaphore(resource->SharedSemaphore, count, NULL);
    }
}

void NTAPI RtlReleaseResource(RTL_RESOURCE *resource)
{
    RtlEnterCriticalSection(&resource->Lock);
    if (resource->NumberOfActive > 0) {
        resource->NumberOfActive--;
    } else if (resource->NumberOfActive < 0 && ++resource->NumberOfActive == 0) {
        resource->ExclusiveOwnerThread = NULL;
    }
    if (resource->NumberOfActive == 0) {
        WakeWaiters(resource);
    }
    RtlLeaveCriticalSection(&resource->Lock);
}

/* RtlConvertExclusiveToShared: the one exclusive level becomes one shared
 * owner, and the readers waiting come in with it. */
void NTAPI RtlConvertExclusiveToShared(RTL_RESOURCE *resource)
{
    RtlEnterCriticalSection(&resource->Lock);
    if (resource->NumberOfActive == -1) {
        resource->NumberOfActive = 1;
        resource->ExclusiveOwnerThread = NULL;
        if (resource->NumberOfWaitingShared) {
            LONG count = (LONG)resource->NumberOfWaitingShared;
            resource->NumberOfWaitingShared = 0;
            NtReleaseSemaphore(resource->SharedSemaphore, count, NULL);
        }
    }
    RtlLeaveCriticalSection(&resource->Lock);
}

/* RtlConvertSharedToExclusive: the caller's shared hold becomes exclusive,
 * waiting (as a writer) until it is the only reader. */
void NTAPI RtlConvertSharedToExclusive(RTL_RESOURCE *resource)
{
    for (;;) {
        RtlEnterCriticalSection(&resource->Lock);
        if (resource->NumberOfActive == 1) {
            resource->NumberOfActive = -1;
            resource->ExclusiveOwnerThread = Self();
            RtlLeaveCriticalSection(&resource->Lock);
            return;
        }
        if (resource->NumberOfActive <= 0) {   /* not held shared: nothing to convert */
            RtlLeaveCriticalSection(&resource->Lock);
            return;
        }
        /* Give up our hold while we wait, so the last other reader's
         * release finds the resource free and wakes us. */
        resource->NumberOfActive--;
        resource->NumberOfWaitingExclusive++;
        RtlLeaveCriticalSection(&resource->Lock);
        NtWaitForSingleObject(resource->ExclusiveSemaphore, FALSE, NULL);
        RtlEnterCriticalSection(&resource->Lock);
        if (resource->NumberOfActive == 0) {
            resource->NumberOfActive = -1;
            resource->ExclusiveOwnerThread = Self();
            RtlLeaveCriticalSection(&resource->Lock);
            return;
        }
        resource->NumberOfActive++;   /* readers came in first: hold shared again and retry */
        RtlLeaveCriticalSection(&resource->Lock);
    }
}
