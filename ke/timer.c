/*
 * Timer objects (NT's KTIMER under NtCreateTimer/NtSetTimer; kernel32's
 * waitable timers). A timer is set to a due time in guest time —
 * relative (negative, 100 ns units) or an absolute system time — with an
 * optional period in milliseconds and an optional user APC for the thread
 * that set it. When the due time comes the timer is signaled: a
 * notification timer stays signaled until it is set again; a
 * synchronization timer is reset by the wait it satisfies, as an
 * auto-reset event is. Setting a timer resets it and cancels the earlier
 * due time; cancelling leaves the signal state as it is.
 *
 * Guest time is instructions (clock.c), so a timer is checked, not
 * interrupted: timers come due when a wait begins, when the timer
 * services run, and whenever waits time out (KiExpireWaits); the
 * scheduler ends a quantum at the next due time that a waiting thread
 * cares about, and when every thread waits it moves the clock straight to
 * that due time (sched.c). A periodic timer's next due time is
 * the last one plus the period (never drifting with the scheduler); if
 * several periods went by unseen, it is signaled once and its APC queued
 * once, as NT does when its timer DPC runs late.
 */
#include "ke/ki.h"

#include <stdlib.h>
#include <string.h>

#define NotificationTimer       0u
#define SynchronizationTimer    1u
#define TimerBasicInformation   0u
#define TIMER_BASIC_INFORMATION_SIZE 16u /* LARGE_INTEGER RemainingTime; BOOLEAN TimerState (padded) */

struct KTIMER {
    EX_OBJECT Header;          /* ExObjectTimer */
    KSYSTEM *System;
    KTIMER *Next;              /* System->Timers */
    bool Synchronization;      /* a satisfied wait resets it */
    bool Signaled;
    uint64_t Due100ns;         /* guest time (KiSystemTime100ns); 0: not set */
    uint64_t Period100ns;      /* 0: once */
    KTHREAD *ApcThread;        /* referenced while set with an APC */
    uint32_t ApcRoutine, ApcContext;
};

static void DropApc(KTIMER *timer)
{
    if (timer->ApcThread) {
        ExDereferenceObject(&timer->ApcThread->Header);
        timer->ApcThread = NULL;
    }
    timer->ApcRoutine = 0;
}

static void DeleteTimer(EX_OBJECT *object)
{
    KTIMER *timer = (KTIMER *)object;
    KTIMER **link = &timer->System->Timers;
    while (*link && *link != timer) {
        link = &(*link)->Next;
    }
    if (*link) {
        *link = timer->Next;
    }
    DropApc(timer);
    free(timer);
}

/* The APC NtSetTimer asked for: TimerApcRoutine(TimerContext, low and high
 * parts of the system time the timer came due), run at the setting
 * thread's next alertable wait — at once if it is in one. */
static void QueueTimerApc(KTIMER *timer, uint64_t due)
{
    KTHREAD *thread = timer->ApcThread;
    if (!thread || thread->State == KiDead || thread->Terminated) {
        return;
    }
    KI_USER_APC *apc = calloc(1, sizeof *apc);
    if (!apc) {
        return; /* as NT's KeInsertQueueApc failing: this expiration's APC is lost */
    }
    uint64_t system_time = KI_BOOT_SYSTEM_TIME + due;
    apc->Routine = timer->ApcRoutine;
    apc->Argument[0] = timer->ApcContext;
    apc->Argument[1] = (uint32_t)system_time;
    apc->Argument[2] = (uint32_t)(system_time >> 32);
    KiQueueUserApc(thread, apc);
}

/* The timer comes due if its time is here. True if it did. */
static bool Expire(KTIMER *timer, uint64_t now)
{
    if (!timer->Due100ns || timer->Due100ns > now) {
        return false;
    }
    uint64_t due = timer->Due100ns;
    timer->Signaled = true;
    if (timer->Period100ns) {
        uint64_t missed = (now - due) / timer->Period100ns;
        timer->Due100ns = due + (missed + 1) * timer->Period100ns;
    } else {
        timer->Due100ns = 0;
    }
    if (timer->ApcRoutine) {
        QueueTimerApc(timer, due);
        if (!timer->Due100ns) {
            DropApc(timer);
        }
    }
    return true;
}

void KiExpireTimers(KSYSTEM *system, uint64_t now)
{
    /* An APC can end a wait, whose references may be a closed timer's
     * last: the walk holds the timer it is at. */
    bool any = false;
    KTIMER *t = system->Timers;
    if (t) {
        ExReferenceObject(&t->Header);
    }
    while (t) {
        any |= Expire(t, now);
        KTIMER *next = t->Next;
        if (next) {
            ExReferenceObject(&next->Header);
        }
        ExDereferenceObject(&t->Header);
        t = next;
    }
    if (any) {
        KiUnwaitThreads(system);
    }
}

/* No expiring here: a wait's check must not wake anyone (KiExpireTimers
 * runs before a wait begins, when a quantum ends and when time skips). */
bool KiIsTimerSignaled(EX_OBJECT *object)
{
    return ((KTIMER *)object)->Signaled;
}

void KiSatisfyTimer(EX_OBJECT *object)
{
    KTIMER *timer = (KTIMER *)object;
    if (timer->Synchronization) {
        timer->Signaled = false;
    }
}

/* Its coming due would end a thread's wait: the wait is for it (any of
 * them, or all with the others signaled already), or it is the wait's
 * alertable and the APC is for that thread. Not suspended threads only.
 * Otherwise time must not skip to it: a periodic timer in a wait for all
 * of it and an event never set would move the clock forever, and the run
 * must end as the deadlock it is. */
static bool Awaited(KSYSTEM *system, KTIMER *timer)
{
    if (timer->ApcThread && timer->ApcThread->State == KiWaiting && timer->ApcThread->Alertable &&
        !timer->ApcThread->SuspendCount) {
        return true;
    }
    for (KTHREAD *t = system->Threads; t; t = t->NextInSystem) {
        if (t->State != KiWaiting || t->SuspendCount || t->InPage) {
            continue;
        }
        bool in_it = false, others_signaled = true;
        for (uint32_t i = 0; i < t->WaitCount; i++) {
            if (t->WaitObjects[i] == &timer->Header) {
                in_it = true;
            } else if (t->WaitAll && !KiIsObjectSignaled(t->WaitObjects[i], t)) {
                others_signaled = false;
            }
        }
        if (in_it && (!t->WaitAll || others_signaled)) {
            return true;
        }
    }
    return false;
}

bool KiNextTimerDue(KSYSTEM *system, uint64_t *due)
{
    bool found = false;
    for (KTIMER *t = system->Timers; t; t = t->Next) {
        if (t->Due100ns && (!found || t->Due100ns < *due) && Awaited(system, t)) {
            *due = t->Due100ns;
            found = true;
        }
    }
    return found;
}

/* ------------------------------------------------------------ services */

/* NtCreateTimer(TimerHandle, DesiredAccess, ObjectAttributes, TimerType) */
NTSTATUS KiNtCreateTimer(KPROCESS *process, const uint32_t *a)
{
    if (a[3] != NotificationTimer && a[3] != SynchronizationTimer) {
        return STATUS_INVALID_PARAMETER_4;
    }
    KTIMER *timer = calloc(1, sizeof *timer);
    if (!timer) {
        return STATUS_NO_MEMORY;
    }
    timer->Header.Type = ExObjectTimer;
    timer->Header.References = 1;
    timer->Header.Close = DeleteTimer;
    timer->System = process->System;
    timer->Synchronization = a[3] == SynchronizationTimer;
    timer->Next = process->System->Timers;
    process->System->Timers = timer;
    return KiCreateNamedObject(process, a[0], a[2], &timer->Header);
}

/* NtOpenTimer(TimerHandle, DesiredAccess, ObjectAttributes) */
NTSTATUS KiNtOpenTimer(KPROCESS *process, const uint32_t *a)
{
    return KiOpenNamedObject(process, a, ExObjectTimer);
}

static NTSTATUS ReferenceTimer(KPROCESS *process, uint32_t handle, KTIMER **out)
{
    NTSTATUS status;
    *out = (KTIMER *)ExReferenceObjectByHandle(&process->Handles, handle, ExObjectTimer, &status);
    return *out ? STATUS_SUCCESS : status;
}

/* An optional BOOLEAN *State output: the signal state before the call. */
static NTSTATUS ReturnState(KPROCESS *process, uint32_t va, bool state)
{
    uint8_t value = state;
    return va ? MmCopyToUser(process->Mm, va, &value, 1) : STATUS_SUCCESS;
}

/* NtSetTimer(TimerHandle, DueTime, TimerApcRoutine, TimerContext,
 * ResumeTimer, Period, PreviousState) */
NTSTATUS KiNtSetTimer(KPROCESS *process, const uint32_t *a)
{
    if ((int32_t)a[5] < 0) {
        return STATUS_INVALID_PARAMETER_6;
    }
    int64_t due_time;
    NTSTATUS status = MmCopyFromUser(process->Mm, &due_time, a[1], sizeof due_time);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    KTIMER *timer;
    status = ReferenceTimer(process, a[0], &timer);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint64_t now = KiGuestTime100ns(process);
    KiExpireTimers(process->System, now); /* what it was before this call */
    bool previous = timer->Signaled;
    status = ReturnState(process, a[6], previous);
    if (status == STATUS_SUCCESS) {
        /* Negative: relative to now; otherwise an absolute system time
         * (one already past comes due at once). */
        uint64_t due;
        if (due_time < 0) {
            due = now + (0 - (uint64_t)due_time);
        } else {
            uint64_t t = (uint64_t)due_time;
            due = t > KI_BOOT_SYSTEM_TIME + now ? t - KI_BOOT_SYSTEM_TIME : now;
        }
        DropApc(timer);
        timer->Signaled = false;
        timer->Due100ns = due ? due : 1;
        timer->Period100ns = (uint64_t)a[5] * 10000;
        if (a[2]) {
            timer->ApcThread = KiCurrentThread(process);
            ExReferenceObject(&timer->ApcThread->Header);
            timer->ApcRoutine = a[2];
            timer->ApcContext = a[3];
        }
        KiExpireTimers(process->System, now);
        /* No machine here wakes from sleep: resuming is not supported. */
        status = a[4] ? STATUS_TIMER_RESUME_IGNORED : STATUS_SUCCESS;
    }
    ExDereferenceObject(&timer->Header);
    return status;
}

/* NtCancelTimer(TimerHandle, CurrentState) */
NTSTATUS KiNtCancelTimer(KPROCESS *process, const uint32_t *a)
{
    KTIMER *timer;
    NTSTATUS status = ReferenceTimer(process, a[0], &timer);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    KiExpireTimers(process->System, KiGuestTime100ns(process));
    status = ReturnState(process, a[1], timer->Signaled);
    if (status == STATUS_SUCCESS) {
        timer->Due100ns = 0;
        DropApc(timer);
    }
    ExDereferenceObject(&timer->Header);
    return status;
}

/* NtQueryTimer(TimerHandle, TimerInformationClass, TimerInformation,
 * Length, ReturnLength): TimerBasicInformation, the time left to the due
 * time (0 for a timer not set) and the signal state. */
NTSTATUS KiNtQueryTimer(KPROCESS *process, const uint32_t *a)
{
    if (a[1] != TimerBasicInformation) {
        return STATUS_INVALID_INFO_CLASS;
    }
    if (a[3] != TIMER_BASIC_INFORMATION_SIZE) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    KTIMER *timer;
    NTSTATUS status = ReferenceTimer(process, a[0], &timer);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint64_t now = KiGuestTime100ns(process);
    KiExpireTimers(process->System, now);
    uint8_t info[TIMER_BASIC_INFORMATION_SIZE] = {0};
    int64_t remaining = timer->Due100ns ? (int64_t)(timer->Due100ns - now) : 0;
    memcpy(info, &remaining, sizeof remaining);
    info[8] = timer->Signaled;
    ExDereferenceObject(&timer->Header);
    status = MmCopyToUser(process->Mm, a[2], info, sizeof info);
    if (status == STATUS_SUCCESS && a[4]) {
        uint32_t length = TIMER_BASIC_INFORMATION_SIZE;
        status = MmCopyToUser(process->Mm, a[4], &length, sizeof length);
    }
    return status;
}
