/*
 * The paging file: one SQLite database holding the pages the memory
 * manager writes out, plus a record of the run people can query with the
 * sqlite3 shell (the run's parameters, a fault log, snapshots of where
 * every page lives). docs/pagefile.md describes the tables and views.
 *
 * Slots are numbered 1..MaximumPages. Slot 0 is never handed out: a
 * PageFileHigh of 0 in NT's software PTE means demand-zero.
 *
 * Page I/O returns an NTSTATUS the memory manager can put in an in-page
 * error's third parameter: STATUS_DISK_FULL when the host disk is full,
 * STATUS_DEVICE_DATA_ERROR for any other failed host read or write (and
 * for injected errors), STATUS_INVALID_PARAMETER for a slot that is out
 * of range, not allocated or (for a read) never written. A failed read
 * is never data: the caller must not use the buffer (a failing host read
 * may have filled part of it; an injected error leaves it untouched), as
 * NT never makes a page valid after an in-page error.
 *
 * Everything here is host bookkeeping: the host clock is used only for
 * the statistics, never for anything the guest can see.
 *
 * Not thread-safe: one PAGEFILE is used by one thread at a time.
 */
#ifndef NTMM_PAGEFILE_H
#define NTMM_PAGEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ex/ntstatus.h"

#define PF_PAGE_SIZE 4096u
#define PF_DEFAULT_PATH "pagefile.sys.db"
#define PF_MEMORY_PATH ":memory:"          /* an in-memory database */
#define PF_MAXIMUM_PAGES_LIMIT 0x7FFFFFFFu /* slots are 31-bit; 8 TiB */
#define PF_NO_FRAME UINT32_MAX             /* "no frame" in PF_FAULT and locations */

typedef struct PAGEFILE PAGEFILE;

typedef struct PF_OPTIONS {
    const char *Path;      /* NULL: PF_DEFAULT_PATH; PF_MEMORY_PATH: in memory */
    uint32_t MaximumPages; /* slots 1..MaximumPages; 0 is a pagefile that is always full */
    bool FaultLog;         /* false: PfLogFault does nothing */
} PF_OPTIONS;

/*
 * Opens (creates) the pagefile. An ntmm pagefile left by an earlier run
 * is deleted and created afresh: its contents mean nothing after that
 * run, and a new file is compact and cannot carry damage from a crash.
 * Returns NULL with a one-line reason in why ("pagefile PATH: ...") when
 * the file cannot be created, is read-only, is in use by another run, is
 * not a SQLite database, belongs to something else, or is an ntmm
 * pagefile of another schema version.
 */
PAGEFILE *PfOpen(const PF_OPTIONS *options, char *why, size_t whylen);

/* Flushes the fault log and pending bookkeeping, then closes. Returns the
 * first failure of that final flush (the handle is freed either way). */
NTSTATUS PfClose(PAGEFILE *pf);

/* The text of the last failure ("writing slot 7: database or disk is full"). */
const char *PfLastError(const PAGEFILE *pf);

/* A row of the parameters table (replaces an existing one of that name). */
NTSTATUS PfSetParameter(PAGEFILE *pf, const char *name, const char *value);

/* ---- Slots. The lowest free slot first; O(log64 n). ---- */

/* 0: the pagefile is full (the caller fails the commit; nothing is lost). */
uint32_t PfAllocateSlot(PAGEFILE *pf);
/* STATUS_INVALID_PARAMETER for a slot that is not allocated. */
NTSTATUS PfFreeSlot(PAGEFILE *pf, uint32_t slot);
uint32_t PfFreeSlots(const PAGEFILE *pf);

/* ---- Page I/O ---- */

/*
 * A cluster is one SQLite transaction, like NT's 64 KiB (16-page) writes.
 * PfWritePage outside a cluster is a cluster of one page.
 *
 * If PfWritePage fails, that page was not written and its slot holds no
 * page (the others of the cluster are unaffected). If PfEndCluster
 * fails, none of the cluster's pages were written and none of its slots
 * holds a page: reading them fails until they are written again. (An
 * older copy a slot held is a stale one anyway: a page is rewritten only
 * after it was modified.) process and va are recorded in the slots
 * table for people to read.
 */
NTSTATUS PfBeginCluster(PAGEFILE *pf);
NTSTATUS PfWritePage(PAGEFILE *pf, uint32_t slot, const uint8_t page[PF_PAGE_SIZE],
                     uint32_t process, uint32_t va);
NTSTATUS PfEndCluster(PAGEFILE *pf);

/* Reads a slot written since it was allocated. */
NTSTATUS PfReadPage(PAGEFILE *pf, uint32_t slot, uint8_t page[PF_PAGE_SIZE]);
/* Reads count slots into their pages, in order, as one request (NT reads
 * a fault's cluster with one I/O): back to back, timed once. Stops at the
 * first that fails, whose status it returns; *done says how many were read. */
NTSTATUS PfReadPages(PAGEFILE *pf, uint32_t count, const uint32_t *slots, uint8_t *const *pages,
                     uint32_t *done);

/* Test hooks: the next read of (write to) that slot fails with
 * STATUS_DEVICE_DATA_ERROR. One-shot and deterministic. */
void PfInjectReadError(PAGEFILE *pf, uint32_t slot);
void PfInjectWriteError(PAGEFILE *pf, uint32_t slot);

/* ---- Fault log ---- */

/* The kinds the views count by name; other kinds may be logged too. */
#define PF_KIND_DEMAND_ZERO      "demand-zero"
#define PF_KIND_TRANSITION       "transition"
#define PF_KIND_HARD             "hard"
#define PF_KIND_GUARD            "guard"
#define PF_KIND_STACK_GROWTH     "stack-growth"
#define PF_KIND_ACCESS_VIOLATION "access-violation"
#define PF_KIND_COPY_ON_WRITE    "copy-on-write"
#define PF_KIND_IN_PAGE_ERROR    "in-page-error"
#define PF_KIND_HARD_FILE        "hard-file"   /* a mapped file's page read from its file */
#define PF_KIND_COLLIDED         "collided"       /* waited for another fault's read */
#define PF_KIND_REDIRTIED        "redirtied"      /* written while its pagefile write was in flight */

typedef struct PF_FAULT {
    uint64_t Sequence;      /* unique and increasing; 0: the previous one + 1 */
    uint32_t Process, Va, Eip;
    uint8_t Access;         /* EXCEPTION_READ_FAULT, _WRITE_FAULT, _EXECUTE_FAULT */
    const char *Kind;       /* PF_KIND_* or another short word; copied */
    NTSTATUS Status;        /* the outcome */
    const char *StatusName; /* may be NULL; copied */
    uint32_t Frame;         /* PF_NO_FRAME: none */
    uint32_t Slot;          /* 0: none */
    uint64_t Time;          /* guest time: instructions executed so far */
    uint32_t Thread;        /* the faulting thread's id */
    uint32_t Section;       /* a mapped file's page: its section (sections), else 0... */
    uint64_t Offset;        /* ...and the page's offset in the file */
} PF_FAULT;

/*
 * Appends a row to the fault log. Rows are buffered and inserted 4096 at
 * a time in one transaction (and at PfFlushLog/PfClose), so this costs a
 * copy here and well under a microsecond amortized. A row that cannot be
 * inserted is counted in FaultsDropped.
 */
void PfLogFault(PAGEFILE *pf, const PF_FAULT *fault);
/* Whether PfLogFault records anything (PF_OPTIONS.FaultLog). */
bool PfFaultLogEnabled(const PAGEFILE *pf);
NTSTATUS PfFlushLog(PAGEFILE *pf);

/* ---- Where pages are: snapshots the memory manager takes ---- */

/*
 * One snapshot of page locations: Begin, one Record per page, End (one
 * transaction). Snapshots accumulate, numbered from 1; the views answer
 * from the latest. label names the moment ("exit", "after trim"; may be
 * NULL). where is a word such as "resident", "standby", "modified",
 * "modified-no-write", "pagefile", "demand-zero", "transition".
 */
NTSTATUS PfBeginLocations(PAGEFILE *pf, const char *label);
NTSTATUS PfRecordLocation(PAGEFILE *pf, uint32_t process, uint32_t va, const char *where,
                          uint32_t frame, uint32_t slot);
NTSTATUS PfEndLocations(PAGEFILE *pf);

/* ---- Sections, and the run over time (samples.c) ---- */

/*
 * A section's page is not a process's: PfWriteSectionPage records its
 * slot as the section's (slots.section, va = the offset in it), and
 * PfRecordSectionLocation a view page whose contents the section holds.
 * PfRecordSection names a section (kind: image, pagefile, fork; name may
 * be NULL); naming it again replaces the row.
 */
NTSTATUS PfWriteSectionPage(PAGEFILE *pf, uint32_t slot, const uint8_t page[PF_PAGE_SIZE],
                            uint32_t section, uint32_t offset);
NTSTATUS PfRecordSectionLocation(PAGEFILE *pf, uint32_t process, uint32_t va, const char *where,
                                 uint32_t frame, uint32_t slot, uint32_t section,
                                 uint32_t offset);
NTSTATUS PfRecordSection(PAGEFILE *pf, uint32_t section, const char *kind, const char *name,
                         uint32_t pages);

/* The page lists of PF_SAMPLE.Lists, in MMLISTS order. */
enum { PfListZeroed, PfListFree, PfListStandby, PfListModified, PfListModifiedNoWrite,
       PfListActive, PfListCount };

typedef struct PF_SAMPLE_PROCESS {
    uint32_t Process, WorkingSet, Commit; /* pages */
} PF_SAMPLE_PROCESS;

/* The whole system at one moment. Buffered like the fault log; nothing
 * is recorded when the fault log is off. */
typedef struct PF_SAMPLE {
    uint64_t Time;                 /* guest instructions */
    uint32_t Lists[PfListCount];   /* pages on each list */
    uint32_t CommitCharge, CommitLimit; /* pages, system-wide */
    uint32_t ProcessCount;
    const PF_SAMPLE_PROCESS *Processes;
} PF_SAMPLE;
void PfRecordSample(PAGEFILE *pf, const PF_SAMPLE *sample);

/*
 * What faults do not show: a trim, a writer cluster, a standby page
 * repurposed, frames zeroed. Kind and Reason are copied (interned).
 * Events of a kind marked Coalesce that follow one another with the same
 * process, reason and fault become one row counting their pages (the 40
 * standby pages one fault repurposed are one row of 40).
 */
#define PF_EVENT_TRIM          "trim"
#define PF_EVENT_WRITE_CLUSTER "write-cluster"
#define PF_EVENT_REPURPOSE     "repurpose"
#define PF_EVENT_ZERO          "zero"
#define PF_EVENT_WRITE_FILE    "write-file"  /* the mapped page writer: pages to their file */
#define PF_EVENT_FLUSH         "flush"       /* FlushViewOfFile: pages to their file */
#define PF_EVENT_REDIRTIED     "redirtied"     /* a page written while its write was in flight */
/* A data file's segment after its last close (reason: the file's name;
 * pages: its frames on Standby): kept, found again by a new section,
 * purged (the file truncated, deleted, written or changed), or gone with
 * its last frame repurposed (pages 1). */
#define PF_EVENT_SEGMENT_CACHED  "segment-cached"
#define PF_EVENT_SEGMENT_REUSED  "segment-reused"
#define PF_EVENT_SEGMENT_PURGED  "segment-purged"
#define PF_EVENT_SEGMENT_EMPTIED "segment-emptied"
typedef struct PF_EVENT {
    uint64_t Time;
    const char *Kind;
    uint32_t Process;      /* 0: none (the system's) */
    uint32_t Pages;
    uint32_t Slot;         /* a cluster's first slot; 0: none */
    const char *Reason;    /* may be NULL */
    bool Coalesce;
} PF_EVENT;
void PfLogEvent(PAGEFILE *pf, const PF_EVENT *event);

/* ---- Statistics (for --stats; host time, never used for guest decisions) ---- */

typedef struct PF_STATS {
    uint64_t PagesWritten, PagesRead; /* committed writes, successful reads */
    uint64_t BytesWritten, BytesRead;
    uint64_t Clusters;                /* committed write transactions */
    uint64_t WriteErrors, ReadErrors; /* failed pages (injected ones included) */
    uint64_t DiskFullErrors;          /* SQLite failures because the host disk was full */
    uint64_t FaultsLogged, FaultsDropped;
    uint64_t LocationsRecorded;
    uint32_t MaximumSlots, SlotsInUse, PeakSlotsInUse;
    double Seconds;                   /* host time inside the pagefile, all of it */
    double WriteSeconds, ReadSeconds, LogSeconds;
} PF_STATS;

const PF_STATS *PfGetStats(const PAGEFILE *pf);

/* The SQLite connection, for benchmarks and tests that measure or provoke
 * things beside the pagefile. Do not change the pagefile's tables with it. */
struct sqlite3 *PfDatabase(PAGEFILE *pf);

#endif
