/*
 * gdb's `monitor` commands (qRcmd): the memory manager's views as WinDbg
 * names them, over the process gdb's current thread belongs to (or the
 * one `monitor process PID` chose). The views are mm's (mm/dbgview.c) and
 * ke's (KdDescribeProcesses); `!faults` reads the fault log as sqlite3
 * would; `snapshot` writes one as --snapshot-at does.
 */
#include "tools/gdbstub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

void NtmmGdbMonitorPrint(void *context, const char *line)
{
    GDB_STUB *stub = context;
    size_t n = strlen(line);
    if (stub->MonitorLength + n + 2 > stub->MonitorCapacity) {
        size_t capacity = (stub->MonitorLength + n + 2) * 2;
        if (capacity > (64u << 20)) {
            return; /* a view that long is cut */
        }
        char *more = realloc(stub->Monitor, capacity);
        if (!more) {
            return;
        }
        stub->Monitor = more;
        stub->MonitorCapacity = capacity;
    }
    memcpy(stub->Monitor + stub->MonitorLength, line, n);
    stub->MonitorLength += n;
    stub->Monitor[stub->MonitorLength++] = '\n';
}

static void Say(GDB_STUB *stub, const char *line)
{
    NtmmGdbMonitorPrint(stub, line);
}

/* A number as WinDbg takes it: hex, with or without 0x; `0n` for decimal. */
static bool ParseNumber(const char *text, uint32_t *value)
{
    while (*text == ' ') {
        text++;
    }
    int base = 16;
    if (strncmp(text, "0n", 2) == 0) {
        base = 10;
        text += 2;
    } else if (strncmp(text, "0x", 2) == 0 || strncmp(text, "0X", 2) == 0) {
        text += 2;
    }
    char *end;
    unsigned long long v = strtoull(text, &end, base);
    while (*end == ' ') {
        end++;
    }
    if (end == text || *end || v > 0xFFFFFFFFull || *text == '-') {
        return false;
    }
    *value = (uint32_t)v;
    return true;
}

static uint32_t ProcessId(GDB_STUB *stub)
{
    if (stub->MonitorProcess && KdProcessMm(stub->System, stub->MonitorProcess)) {
        return stub->MonitorProcess;
    }
    KD_THREAD_INFO first;
    uint32_t tid = stub->Thread && KdThreadExists(stub->System, stub->Thread)
                       ? stub->Thread
                       : (KdListThreads(stub->System, &first, 1) ? first.ThreadId : 0);
    return KdThreadProcessId(stub->System, tid);
}

static void Faults(GDB_STUB *stub, uint32_t count)
{
    sqlite3 *db = MmDebugFaultLog(KdSystemMm(stub->System));
    if (!db) {
        Say(stub, "no fault log (--no-fault-log, or no pagefile)");
        return;
    }
    sqlite3_stmt *st = NULL;
    const char *sql =
        "SELECT seq, time, process, thread, printf('%08x', va), printf('%08x', eip), "
        "access, kind, "
        "status_name, frame, slot FROM (SELECT * FROM faults ORDER BY seq DESC LIMIT ?) "
        "ORDER BY seq";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        char line[256];
        snprintf(line, sizeof line, "the fault log cannot be read: %s", sqlite3_errmsg(db));
        Say(stub, line);
        return;
    }
    sqlite3_bind_int64(st, 1, count);
    Say(stub, "   seq        time  proc thread  va        eip       access  kind          status                 frame  slot");
    while (sqlite3_step(st) == SQLITE_ROW) {
        char line[320];
        snprintf(line, sizeof line, "%6lld %11lld %5lld %6lld  %s  %s  %-7s %-13s %-22s %5s %5s",
                 sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1),
                 sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3),
                 (const char *)sqlite3_column_text(st, 4), (const char *)sqlite3_column_text(st, 5),
                 (const char *)sqlite3_column_text(st, 6), (const char *)sqlite3_column_text(st, 7),
                 (const char *)sqlite3_column_text(st, 8),
                 sqlite3_column_type(st, 9) == SQLITE_NULL ? "-" : (const char *)sqlite3_column_text(st, 9),
                 sqlite3_column_type(st, 10) == SQLITE_NULL ? "-" : (const char *)sqlite3_column_text(st, 10));
        Say(stub, line);
    }
    sqlite3_finalize(st);
}

static const char Help[] =
    "ntmm's monitor commands (WinDbg's names; numbers in hex, 0n for decimal):\n"
    "  !pte VA        the page-table walk for VA, every PAE level, the PTE decoded\n"
    "  !vad           the process's VAD tree: ranges, types, protection, commit\n"
    "  !pfn N         the PFN database entry of frame N\n"
    "  !wsle          the working set's entries, with their age\n"
    "  !address       the address space by region, and a summary (as VMMap)\n"
    "  !memusage      the page lists and active frames by use (as RAMMap)\n"
    "  !process [PID] processes, their threads, commit and working set\n"
    "  !faults [N]    the last N rows of the fault log (default 20)\n"
    "  process PID    the process the views look at (0: the current thread's)\n"
    "  snapshot [LABEL]  where every page is now, into the pagefile's page_locations\n";

void NtmmGdbMonitor(GDB_STUB *stub, const char *command)
{
    while (*command == ' ') {
        command++;
    }
    const char *space = strchr(command, ' ');
    size_t verb = space ? (size_t)(space - command) : strlen(command);
    const char *args = space ? space + 1 : "";
    uint32_t pid = ProcessId(stub);
    MMPROCESS *mm = KdProcessMm(stub->System, pid);
    uint32_t value = 0;
    char line[160];
#define IS(name) (verb == strlen(name) && strncmp(command, name, verb) == 0)
    if (IS("help") || IS("") || IS("?")) {
        NtmmGdbMonitorPrint(stub, Help);
        stub->MonitorLength--; /* Help ends with its own newline */
    } else if (IS("!process")) {
        uint32_t only = 0;
        if (*args && !ParseNumber(args, &only)) {
            Say(stub, "usage: !process [PID]");
            return;
        }
        KdDescribeProcesses(stub->System, only, NtmmGdbMonitorPrint, stub);
    } else if (IS("process")) {
        if (!ParseNumber(args, &value) || (value && !KdProcessMm(stub->System, value))) {
            Say(stub, "usage: process PID (a live process's id, 0n for decimal; 0: the current thread's)");
            return;
        }
        stub->MonitorProcess = value;
        snprintf(line, sizeof line, "the views now look at process %u", ProcessId(stub));
        Say(stub, line);
    } else if (!mm && !IS("!pfn") && !IS("!memusage") && !IS("!faults") && !IS("snapshot")) {
        Say(stub, "no live process to look at");
    } else if (IS("!pte")) {
        if (!ParseNumber(args, &value)) {
            Say(stub, "usage: !pte VA");
            return;
        }
        snprintf(line, sizeof line, "process %u", pid);
        Say(stub, line);
        MmDebugPte(mm, value, NtmmGdbMonitorPrint, stub);
    } else if (IS("!vad")) {
        MmDebugVad(mm, NtmmGdbMonitorPrint, stub);
    } else if (IS("!pfn")) {
        if (!ParseNumber(args, &value)) {
            Say(stub, "usage: !pfn FRAME");
            return;
        }
        MmDebugPfn(KdSystemMm(stub->System), value, NtmmGdbMonitorPrint, stub);
    } else if (IS("!wsle")) {
        MmDebugWsle(mm, NtmmGdbMonitorPrint, stub);
    } else if (IS("!address")) {
        MmDebugAddress(mm, NtmmGdbMonitorPrint, stub);
    } else if (IS("!memusage")) {
        MmDebugMemUsage(KdSystemMm(stub->System), NtmmGdbMonitorPrint, stub);
    } else if (IS("!faults")) {
        value = 20;
        if (*args && !ParseNumber(args, &value)) {
            Say(stub, "usage: !faults [N]");
            return;
        }
        Faults(stub, value);
    } else if (IS("snapshot")) {
        char label[64];
        snprintf(label, sizeof label, "%s", *args ? args : "gdb");
        NTSTATUS status = MmRecordPageLocations(KdSystemMm(stub->System), label);
        if (status == STATUS_SUCCESS) {
            snprintf(line, sizeof line, "snapshot '%s' written to the pagefile's page_locations",
                     label);
        } else {
            snprintf(line, sizeof line, "the snapshot '%s' could not be written", label);
        }
        Say(stub, line);
    } else {
        snprintf(line, sizeof line, "unknown command '%.*s' (monitor help lists them)",
                 (int)(verb < 60 ? verb : 60), command);
        Say(stub, line);
    }
#undef IS
}
