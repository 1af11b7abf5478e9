/*
 * Inside the pagefile: the PAGEFILE structure and the helpers its files
 * share. Nothing outside pagefile/ includes this.
 */
#ifndef NTMM_PAGEFILE_PF_H
#define NTMM_PAGEFILE_PF_H

#include <sqlite3.h>

#include "pagefile/pagefile.h"

/* 'NTPF' in the database header's application_id: how we recognize our
 * own files (and refuse anyone else's). */
#define PF_APPLICATION_ID 0x4E545046
/* PRAGMA user_version: the schema below. Bump it when a table changes. */
#define PF_SCHEMA_VERSION 3

#define PF_LOG_BATCH 4096         /* fault-log rows per insert transaction */
#define PF_LOG_ROWS_PER_INSERT 32 /* rows per multi-row INSERT statement */
#define PF_FAULT_COLUMNS 14       /* bound per fault-log row */

extern const char PfSchemaSql[];

/* A bitmap of free slots, in levels: bit i of level 0 is set when slot i
 * is free, and bit j of level k+1 is set when word j of level k has any
 * bit set. Finding the lowest free slot descends from the single top
 * word with count-trailing-zeros: one word per level, at most 6 levels
 * for 2^31 slots. */
#define PF_BITMAP_LEVELS 6
typedef struct PF_BITMAP {
    uint32_t Levels;
    uint64_t *Level[PF_BITMAP_LEVELS];
} PF_BITMAP;

bool PfBitmapInit(PF_BITMAP *map, uint32_t bits); /* all clear */
void PfBitmapFree(PF_BITMAP *map);
void PfBitmapSet(PF_BITMAP *map, uint32_t bit);
void PfBitmapClear(PF_BITMAP *map, uint32_t bit);
uint32_t PfBitmapFindFirst(const PF_BITMAP *map); /* UINT32_MAX: none set */

static inline bool PfBitTest(const uint64_t *bits, uint32_t i)
{
    return (bits[i / 64] >> (i % 64)) & 1;
}
static inline void PfBitPut(uint64_t *bits, uint32_t i, bool value)
{
    if (value) {
        bits[i / 64] |= 1ull << (i % 64);
    } else {
        bits[i / 64] &= ~(1ull << (i % 64));
    }
}

/* A slot written in the open transaction: if it rolls back, the slot
 * holds no page and slot_data has a row only if it had one before. */
typedef struct PF_TX_SLOT {
    uint32_t Slot;
    bool HadData;
} PF_TX_SLOT;

/* A buffered fault-log row; Kind and StatusName index PAGEFILE.Strings. */
typedef struct PF_LOG_ROW {
    uint64_t Sequence, Time;
    uint32_t Thread;
    uint32_t Process, Va, Eip, Status, Frame, Slot;
    uint32_t Section;          /* 0: none */
    uint64_t Offset;
    uint16_t Kind, StatusName; /* StatusName 0: none */
    uint8_t Access;
} PF_LOG_ROW;

/* A buffered event (Kind, Reason: indexes into PAGEFILE.Strings). */
typedef struct PF_EVENT_ROW {
    uint64_t Time, AfterFault;
    uint32_t Process, Pages, Slot;
    uint16_t Kind, Reason;
    bool Coalesce;
} PF_EVENT_ROW;

/* A buffered sample; its processes are Procs[FirstProc..+ProcCount). */
typedef struct PF_SAMPLE_ROW {
    uint64_t Time, AfterFault;
    uint32_t Lists[PfListCount];
    uint32_t CommitCharge, CommitLimit, SlotsInUse;
    uint32_t FirstProc, ProcCount;
} PF_SAMPLE_ROW;

typedef struct PF_INJECTION {
    uint32_t Slot;
    bool Write;
} PF_INJECTION;

struct PAGEFILE {
    sqlite3 *Db;
    char *Path;
    uint32_t MaximumPages;
    bool FaultLog;

    /* Slots: Free (the allocator), Written (holds a page written since it
     * was allocated), HasData (slot_data has a row: rewrite it in place),
     * PendingFree (freed, its slots row not yet deleted). */
    PF_BITMAP Free;
    uint64_t *Written, *HasData, *PendingFree;
    uint32_t *PendingFrees;
    uint32_t PendingCount, PendingCapacity, PendingDrained;

    /* Transactions nest (a cluster inside a snapshot); the outermost
     * one is the SQLite transaction. */
    uint32_t TxDepth;
    bool InCluster, InLocations;
    bool TxAborted; /* SQLite rolled the open transaction back */
    NTSTATUS TxAbortStatus;
    PF_TX_SLOT *TxSlots;
    uint32_t TxSlotCount, TxSlotCapacity;
    uint64_t WriteNumber, ClusterNumber;
    uint32_t ClusterPages;

    /* Incremental blob handles, opened on first use and moved from row
     * to row; both are closed when a transaction begins or ends. */
    sqlite3_blob *WriteBlob, *ReadBlob;

    sqlite3_stmt *Begin, *Commit, *Rollback;
    sqlite3_stmt *UpsertSlot, *InsertData, *DeleteSlot, *SetParameter;
    sqlite3_stmt *InsertFault, *InsertFaults, *InsertSnapshot, *InsertLocation;

    /* Fault log buffer and the strings its rows name (copied once). */
    PF_LOG_ROW *Log;
    uint32_t LogCount;
    uint64_t LastSequence;
    char **Strings;
    uint32_t StringCount, StringCapacity;
    const char *LastKindPointer, *LastNamePointer;
    uint16_t LastKind, LastName;

    uint64_t Snapshot;

    /* samples.c: the section a PfWriteSectionPage is writing (0: none),
     * and the buffered events and samples, inserted with the fault log. */
    uint32_t WriteSection;
    sqlite3_stmt *InsertSection, *InsertEvent, *InsertSample, *InsertSampleProcess;
    PF_EVENT_ROW *Events;
    uint32_t EventCount, EventCapacity;
    PF_SAMPLE_ROW *Samples;
    uint32_t SampleCount, SampleCapacity;
    PF_SAMPLE_PROCESS *SampleProcs;
    uint32_t SampleProcCount, SampleProcCapacity;
    uint64_t SampleNumber, EventNumber;
    const char *LastEventKindPointer, *LastReasonPointer;
    uint16_t LastEventKind, LastReason;

    PF_INJECTION *Injections;
    uint32_t InjectionCount, InjectionCapacity;

    PF_STATS Stats;
    char Error[256];
};

/* inject.c: true (once) if the test hooks made this slot's next read
 * (write) fail. */
bool PfTakeInjectedError(PAGEFILE *pf, uint32_t slot, bool write);
static inline bool PfInjectedError(PAGEFILE *pf, uint32_t slot, bool write)
{
    return pf->InjectionCount != 0 && PfTakeInjectedError(pf, slot, write);
}

/* sqlite.c */
NTSTATUS PfFail(PAGEFILE *pf, NTSTATUS status, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
NTSTATUS PfSqliteFail(PAGEFILE *pf, int rc, const char *what);
NTSTATUS PfStatusOf(int rc);
NTSTATUS PfTxBegin(PAGEFILE *pf);
NTSTATUS PfTxEnd(PAGEFILE *pf, bool commit);
int PfStep(sqlite3_stmt *statement); /* step, reset, clear bindings; step's code */
double PfNow(void);

/* slots.c */
bool PfSlotsInit(PAGEFILE *pf);
void PfSlotsFree(PAGEFILE *pf);
int PfDrainPendingFrees(PAGEFILE *pf); /* inside a transaction */
void PfPendingFreesCommitted(PAGEFILE *pf);
void PfPendingFreesRolledBack(PAGEFILE *pf);
void PfQueueRowDelete(PAGEFILE *pf, uint32_t slot); /* its slots row goes */

/* pageio.c */
void PfCloseBlobs(PAGEFILE *pf);
void PfTxCommitted(PAGEFILE *pf);
void PfTxRolledBack(PAGEFILE *pf);

/* faultlog.c */
void PfLogFree(PAGEFILE *pf);
uint16_t PfIntern(PAGEFILE *pf, const char *text, const char **last_pointer,
                  uint16_t *last_index);

/* samples.c */
bool PfSamplesPrepare(PAGEFILE *pf); /* false: sqlite3_errmsg says why */
void PfSamplesFree(PAGEFILE *pf);
bool PfSamplesPending(const PAGEFILE *pf);
/* Inside PfFlushLog's transaction; the first failure in *status. */
void PfInsertSamplesAndEvents(PAGEFILE *pf, NTSTATUS *status);

#endif
