/*
 * NtQuerySystemInformation(SystemProcessInformation): every live process
 * of the machine with its threads, as NT lays it out on x86 — one
 * SYSTEM_PROCESS_INFORMATION (184 bytes) per process, its
 * SYSTEM_THREAD_INFORMATION array (64 bytes each) after it, then its
 * image name; NextEntryOffset links them, 0 ending the list. This is what
 * kernel32's toolhelp snapshots and psapi's EnumProcesses read.
 *
 * ntmm's machine has only the processes it runs: there is no Idle or
 * System process. Times are guest time (a thread's user time is its
 * instructions, 1 ns each; kernel time is 0); the memory counters are
 * mm's (VM_COUNTERS); pool quotas and I/O counts are 0, as nothing here
 * uses pool and file I/O is not counted.
 */
#include "ke/ki.h"

#include <stdlib.h>
#include <string.h>

#define PROCESS_ENTRY_SIZE 184u
#define THREAD_ENTRY_SIZE 64u
#define StateReady 1u
#define StateRunning 2u
#define StateWaiting 5u
#define StateTerminated 4u
#define WrUserRequest 6u
#define KI_SESSION_ID 1u /* a console user's session, as kernel32 reports it */

static void Put32(uint8_t *p, uint32_t offset, uint32_t value)
{
    memcpy(p + offset, &value, 4);
}

static void Put64(uint8_t *p, uint32_t offset, uint64_t value)
{
    memcpy(p + offset, &value, 8);
}

static const char *ImageName(const KPROCESS *process)
{
    const char *name = process->Options.Argc ? process->Options.Argv[0] : "";
    const char *slash = strrchr(name, '/');
    const char *backslash = strrchr(name, '\\');
    if (backslash && (!slash || backslash > slash)) {
        slash = backslash;
    }
    return slash ? slash + 1 : name;
}

static uint32_t Align8(uint32_t n)
{
    return (n + 7u) & ~7u;
}

static uint32_t EntrySize(const KPROCESS *p, uint32_t *threads)
{
    uint32_t n = 0;
    for (const KTHREAD *t = p->Threads; t; t = t->NextInProcess) {
        n += t->State != KiDead;
    }
    *threads = n;
    size_t name = strlen(ImageName(p));
    if (name > 255) {
        name = 255;
    }
    return Align8(PROCESS_ENTRY_SIZE + n * THREAD_ENTRY_SIZE + 2 * (uint32_t)name + 2);
}

static uint32_t HandleCount(const EX_HANDLE_TABLE *table)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < table->Capacity; i++) {
        n += table->Entries[i] != NULL;
    }
    return n;
}

/* One process's entry at `at` in the buffer (base: its guest address). */
static void FillEntry(KPROCESS *p, uint8_t *e, uint32_t threads, uint32_t entry_va)
{
    KSYSTEM *system = p->System;
    Put32(e, 4, threads);
    Put64(e, 32, KI_BOOT_SYSTEM_TIME + p->CreateTime100ns);
    Put64(e, 40, p->Instructions / 100);
    size_t name_len = strlen(ImageName(p));
    if (name_len > 255) {
        name_len = 255;
    }
    uint32_t name_offset = PROCESS_ENTRY_SIZE + threads * THREAD_ENTRY_SIZE;
    if (name_len) {
        uint16_t length = (uint16_t)(2 * name_len);
        memcpy(e + 56, &length, 2);
        length += 2;
        memcpy(e + 58, &length, 2);
        Put32(e, 60, entry_va + name_offset);
        const char *name = ImageName(p);
        for (size_t i = 0; i < name_len; i++) {
            uint16_t c = (uint8_t)name[i];
            memcpy(e + name_offset + 2 * i, &c, 2);
        }
    }
    Put32(e, 64, (uint32_t)KiProcessBasePriority(p));
    Put32(e, 68, p->UniqueProcessId);
    Put32(e, 72, p->ParentProcessId);
    Put32(e, 76, HandleCount(&p->Handles));
    Put32(e, 80, KI_SESSION_ID);
    if (p->Mm) {
        MM_VM_COUNTERS vm;
        MmQueryVmCounters(p->Mm, &vm);
        vm.PageFaultCount = (uint32_t)p->PageFaults;
        /* PeakVirtualSize .. PeakPagefileUsage, then PrivatePageCount. */
        const uint32_t values[12] = {vm.PeakVirtualSize, vm.VirtualSize, vm.PageFaultCount,
                                     vm.PeakWorkingSetSize, vm.WorkingSetSize,
                                     vm.QuotaPeakPagedPoolUsage, vm.QuotaPagedPoolUsage,
                                     vm.QuotaPeakNonPagedPoolUsage, vm.QuotaNonPagedPoolUsage,
                                     vm.PagefileUsage, vm.PeakPagefileUsage, vm.PrivateUsage};
        memcpy(e + 88, values, sizeof values);
    }
    uint32_t at = PROCESS_ENTRY_SIZE;
    for (KTHREAD *t = p->Threads; t; t = t->NextInProcess) {
        if (t->State == KiDead) {
            continue;
        }
        uint8_t *th = e + at;
        Put64(th, 8, t->Instructions / 100);
        Put64(th, 16, KI_BOOT_SYSTEM_TIME + t->CreateTime100ns);
        Put32(th, 28, t->Initial.Eip);
        Put32(th, 32, p->UniqueProcessId);
        Put32(th, 36, t->UniqueThreadId);
        int32_t base = KiProcessBasePriority(p) + t->BasePriority;
        Put32(th, 40, (uint32_t)base);
        Put32(th, 44, (uint32_t)base);
        bool running = t == system->CurrentThread;
        Put32(th, 52, running ? StateRunning : t->State == KiWaiting ? StateWaiting : StateReady);
        Put32(th, 56, t->State == KiWaiting ? WrUserRequest : 0);
        at += THREAD_ENTRY_SIZE;
    }
}

bool KiIsProcessListClass(uint32_t class)
{
    return class == 5u; /* SystemProcessInformation */
}

/* NtQuerySystemInformation(SystemProcessInformation, Buffer, Length,
 * ReturnLength): too small a buffer is STATUS_INFO_LENGTH_MISMATCH with
 * the size needed in ReturnLength, as NT answers. */
NTSTATUS KiQueryProcessList(KPROCESS *process, const uint32_t *a)
{
    KSYSTEM *system = process->System;
    uint32_t total = 0;
    for (KPROCESS *p = system->Processes; p; p = p->Next) {
        uint32_t threads;
        if (p->State != KiDead) {
            total += EntrySize(p, &threads);
        }
    }
    if (a[2] < total) {
        if (a[3]) {
            NTSTATUS status = MmCopyToUser(process->Mm, a[3], &total, sizeof total);
            if (status != STATUS_SUCCESS) {
                return status;
            }
        }
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    uint8_t *buffer = calloc(1, total ? total : 1);
    if (!buffer) {
        return STATUS_NO_MEMORY;
    }
    uint32_t at = 0, last = 0;
    for (KPROCESS *p = system->Processes; p; p = p->Next) {
        if (p->State == KiDead) {
            continue;
        }
        uint32_t threads;
        uint32_t size = EntrySize(p, &threads);
        if (at) {
            Put32(buffer, last, at - last); /* the previous entry's NextEntryOffset */
        }
        FillEntry(p, buffer + at, threads, a[1] + at);
        last = at;
        at += size;
    }
    NTSTATUS status = MmCopyToUser(process->Mm, a[1], buffer, total);
    free(buffer);
    if (status == STATUS_SUCCESS && a[3]) {
        status = MmCopyToUser(process->Mm, a[3], &total, sizeof total);
    }
    return status;
}
