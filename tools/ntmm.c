/*
 * The ntmm command.
 *
 *   ntmm run [--ram SIZE] [--pagefile PATH] [--root DIR] [--stats] [...] PROGRAM.exe [ARGS...]
 *
 * The host exit status is the guest's exit code modulo 256 (0xC0000005 → 5),
 * as Wine does. ntmm's own endings: 123 deadlock, 124 a limit reached
 * (--timeout, --max-instructions), 125 internal error or bad option, 126
 * the program cannot be loaded, 127 the program file does not exist,
 * 128+n signal n (SIGINT, SIGTERM). --exit-status-file tells them apart
 * from a guest exit code that happens to be the same number.
 */
#include "ex/ntstatus.h"
#include "emu/emu.h"
#include "ke/ke.h"
#include "tools/tools.h"
#include "check.h"
#include "tools/gdbstub.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef NTMM_DEFAULT_SYSDIR
#define NTMM_DEFAULT_SYSDIR "build/user"
#endif

static void Usage(FILE *out)
{
    fprintf(out,
        "usage: ntmm run [OPTIONS] PROGRAM.exe [ARGS...]\n"
        "       ntmm report PAGEFILE.db [-o REPORT.html]\n"
        "       ntmm check [--sysdir DIR] PROGRAM.exe [DLL...]\n"
        "       ntmm --help | --version\n"
        "\n"
        "Runs a 32-bit Windows PE program on ntmm, an NT memory manager on an\n"
        "emulated x86 CPU with real page tables.\n"
        "\n"
        "Options:\n"
        "  --ram SIZE     guest-physical memory (default 64M; K, M, G suffixes;\n"
        "                 1M to 3G)\n"
        "  --ws-min PAGES, --ws-max PAGES\n"
        "                 the process's working-set minimum and maximum (default\n"
        "                 50 and 345 pages, NT's). The default maximum is soft, as\n"
        "                 on Windows: the process grows past it while memory is\n"
        "                 plentiful and is trimmed back when memory runs short.\n"
        "                 --ws-max sets a hard maximum, as Windows'\n"
        "                 QUOTA_LIMITS_HARDWS_MAX_ENABLE: past it the oldest pages\n"
        "                 are trimmed to the standby and modified lists at once,\n"
        "                 to page on purpose\n"
        "  --pagefile PATH\n"
        "                 the paging file, a SQLite database (default\n"
        "                 pagefile.sys.db in the working directory; :memory: keeps\n"
        "                 it in memory). It is created afresh for each run and\n"
        "                 kept afterwards for sqlite3 (see docs/pagefile.md)\n"
        "  --pagefile-max SIZE\n"
        "                 the pagefile's maximum (default 4 x RAM); the commit\n"
        "                 limit is RAM plus this\n"
        "  --no-fault-log do not record each page fault (and the page locations\n"
        "                 at exit) in the pagefile\n"
        "  --sample-every N[faults|instructions]\n"
        "                 record the page lists, commit, pagefile slots and every\n"
        "                 working set in the pagefile's samples table every N\n"
        "                 faults (the default: every %u) or N instructions\n"
        "                 (checked at each fault and time slice); 0: none\n"
        "  --snapshot-at FAULT\n"
        "                 record where every page is right after that fault\n"
        "                 (repeatable; the exit snapshot is always taken)\n"
        "  --io-latency N[ns|us|ms]\n"
        "                 the guest time a pagefile read (a hard fault) or a\n"
        "                 cluster write takes (no unit: microseconds; default\n"
        "                 100us, 0: none). The faulting thread waits for the read\n"
        "                 while other threads run; alone, the CPU idles. Guest\n"
        "                 time is instructions, so every run waits alike\n"
        "  --inject-read-error VA\n"
        "                 for tests: the first pagefile read of the page at VA\n"
        "                 fails, and the program gets STATUS_IN_PAGE_ERROR\n"
        "  --verify-memory N\n"
        "                 for people changing mm: check the PFN database, page\n"
        "                 lists, working sets and page tables against each other\n"
        "                 after every Nth page fault, and stop at the first\n"
        "                 inconsistency (default: the NTMM_VERIFY_MEMORY\n"
        "                 environment variable, else never)\n"
        "  --stats        print to stderr when the program ends: its 32-bit exit\n"
        "                 status and NTSTATUS name, instructions executed, system\n"
        "                 calls, exceptions dispatched, page faults by kind, and\n"
        "                 paging: working set, commit, pagefile reads and writes\n"
        "  --stats-json FILE\n"
        "                 write the statistics (all of --stats' numbers, per process\n"
        "                 too) to FILE as JSON\n"
        "  --trace-faults print every page fault to stderr: the process, its number\n"
        "                 in the fault log, the access, the address and its region\n"
        "                 (image, mapped, private), the instruction as module+offset,\n"
        "                 what the memory manager made of it (demand-zero, guard,\n"
        "                 stack-growth, access-violation…), the frame and the outcome\n"
        "  --trace-exceptions\n"
        "                 print every exception dispatched to the program (code,\n"
        "                 address, parameters; first or second chance) to stderr\n"
        "  --env NAME=VALUE\n"
        "                 set a variable in the program's environment (repeatable).\n"
        "                 It starts with Windows' usual variables for ntmm's\n"
        "                 machine (Path, SystemRoot, windir, TEMP, TMP, ComSpec,\n"
        "                 OS, NUMBER_OF_PROCESSORS...; docs/crt.md lists them),\n"
        "                 none of the host's\n"
        "  --root DIR     the host directory the program sees as its C:\\ drive\n"
        "                 (default: the current directory). Nothing outside it\n"
        "                 can be reached: not by .., a symbolic link, a device\n"
        "                 name, \\\\?\\ or a UNC path\n"
        "  --root-readonly\n"
        "                 the program may read C:\\ but change nothing there\n"
        "                 (ERROR_WRITE_PROTECT)\n"
        "  --console      the host's standard streams are the program's console\n"
        "                 even when they are no terminal: its standard handles\n"
        "                 are console handles, its keys are read from stdin and\n"
        "                 its console's text written to stdout (docs/crt.md)\n"
        "  --sysdir DIR   where the guest DLLs (ntdll.dll, kernel32.dll, ...) are\n"
        "                 (default: the user/ directory beside ntmm, else %s)\n"
        "  --timeout SECONDS, --max-instructions N\n"
        "                 end the run after this much host time, or this many guest\n"
        "                 instructions (deterministic); exit status 124\n"
        "  --gdb PORT     serve the GDB remote protocol on 127.0.0.1:PORT (gdb's\n"
        "                 `target remote :PORT`): breakpoints, watchpoints, steps,\n"
        "                 a stop on every first-chance exception, and `monitor`\n"
        "                 commands with the memory manager's views (!pte, !vad,\n"
        "                 !pfn, !wsle, !address, !memusage, !process, !faults;\n"
        "                 docs/debugging.md)\n"
        "  --gdb-wait     with --gdb: wait for gdb before the first instruction\n"
        "  --exit-status-file FILE\n"
        "                 write who ended the run to FILE, one JSON object: the\n"
        "                 guest and its 32-bit status, or ntmm and its reason\n"
        "  --help         this text\n"
        "  --version      ntmm's and Unicorn's versions\n"
        "\n"
        "Exit status: the program's exit code modulo 256 (an unhandled access\n"
        "violation, 0xC0000005, gives 5); 123 if every process waited forever (a\n"
        "deadlock), 124 if --timeout or --max-instructions ended the run, 125 if\n"
        "ntmm itself failed (or an option is wrong, or the pagefile cannot be\n"
        "used), 126 if the program cannot be loaded (not a PE, truncated, missing\n"
        "DLL or import…), 127 if the program file does not exist, 128+n if signal\n"
        "n (SIGINT, SIGTERM) ended it.\n"
        "\n"
        "ntmm report writes one HTML file (default: PAGEFILE.html) picturing the\n"
        "run a pagefile recorded: faults over time, page lists, commit, each\n"
        "process's address space, the hottest pages.\n",
        NTMM_DEFAULT_SAMPLE_EVERY, NTMM_DEFAULT_SYSDIR);
}

static int ParseSize(const char *text, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    if (errno || end == text) {
        return -1;
    }
    switch (*end) {
    case 'k': case 'K': value <<= 10; end++; break;
    case 'm': case 'M': value <<= 20; end++; break;
    case 'g': case 'G': value <<= 30; end++; break;
    default: break;
    }
    if (*end == 'i' || *end == 'B') {
        end += (*end == 'i' && end[1] == 'B') ? 2 : 1;
    }
    if (*end) {
        return -1;
    }
    *out = value;
    return 0;
}

/* The guest DLLs: next to the binary (build/user), else the compiled-in path. */
static const char *DefaultSystemDirectory(char *buffer, size_t size)
{
    char self[1024];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = 0;
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = 0;
            snprintf(buffer, size, "%s/user", self);
            if (access(buffer, R_OK) == 0) {
                return buffer;
            }
        }
    }
    return NTMM_DEFAULT_SYSDIR;
}

static void PrintStats(const KE_RESULT *r)
{
    char status[EX_NTSTATUS_FORMAT_SIZE];
    fprintf(stderr, "ntmm: exit status %s\n", ExNtStatusFormat(r->ExitStatus, status));
    fprintf(stderr, "ntmm: %" PRIu64 " instructions, %" PRIu64 " system calls, %" PRIu64
            " exceptions dispatched\n", r->Instructions, r->SystemCalls, r->ExceptionsDispatched);
    uint64_t total = 0;
    for (int k = 0; k < MmFaultKindCount; k++) {
        total += r->Mm.Faults[k];
    }
    fprintf(stderr, "ntmm: %" PRIu64 " page faults:", total);
    for (int k = 0; k < MmFaultKindCount; k++) {
        if (r->Mm.Faults[k]) {
            fprintf(stderr, " %s %" PRIu64, MmFaultKindName((MM_FAULT_KIND)k), r->Mm.Faults[k]);
        }
    }
    fprintf(stderr, "\n");
    fprintf(stderr, "ntmm: peak working set %u pages, peak commit %u pages (system %u), %"
            PRIu64 " frames zeroed on demand, %" PRIu64 " when idle\n", r->PeakResidentPages,
            r->PeakCommitPages, r->Mm.PeakCommitPages, r->Mm.PagesZeroed, r->Mm.PagesZeroedIdle);
    fprintf(stderr, "ntmm: paging: %" PRIu64 " soft (transition) faults, %" PRIu64
            " hard faults, %" PRIu64 " pages written in %" PRIu64 " clusters, %" PRIu64
            " pages read, %" PRIu64 " trimmed (%" PRIu64 " dirty), %" PRIu64
            " standby pages repurposed\n", r->Mm.Faults[MmFaultTransition],
            r->Mm.Faults[MmFaultHard], r->Mm.PagesWritten, r->Mm.ClustersWritten,
            r->Mm.PagesRead, r->Mm.PagesTrimmed, r->Mm.TrimmedToModified, r->Mm.PagesRepurposed);
    if (r->Mm.Faults[MmFaultHardFile] || r->Mm.FilePagesWritten) {
        fprintf(stderr, "ntmm: mapped files: %" PRIu64 " hard-file faults, %" PRIu64
                " pages read (%" PRIu64 " ahead): %" PRIu64 " of images, %" PRIu64
                " of data files; %" PRIu64 " pages written (%" PRIu64
                " by FlushViewOfFile); never the pagefile\n", r->Mm.Faults[MmFaultHardFile],
                r->Mm.FilePagesRead, r->Mm.FilePagesReadAhead, r->Mm.ImagePagesRead,
                r->Mm.FilePagesRead - r->Mm.ImagePagesRead, r->Mm.FilePagesWritten,
                r->Mm.FilePagesFlushed);
    }
    if (r->HavePageFile) {
        const PF_STATS *pf = &r->PageFile;
        fprintf(stderr, "ntmm: pagefile: %u of %u slots in use (peak %u), %" PRIu64
                " faults logged, %.3f s in the pagefile (%.3f writing, %.3f reading, %.3f"
                " logging)\n", pf->SlotsInUse, pf->MaximumSlots, pf->PeakSlotsInUse,
                pf->FaultsLogged, pf->Seconds, pf->WriteSeconds, pf->ReadSeconds,
                pf->LogSeconds);
    }
    if (r->ProcessCount > 1) {
        fprintf(stderr, "ntmm: %u processes, %" PRIu64 " context switches\n", r->ProcessCount,
                r->ContextSwitches);
        for (uint32_t i = 0; i < r->ProcessCount; i++) {
            char name[EX_NTSTATUS_FORMAT_SIZE];
            fprintf(stderr, "ntmm: process %u %s: exit status %s, %" PRIu64
                    " instructions, peak working set %u pages, peak commit %u pages\n",
                    r->Process[i].Id, r->Process[i].Name,
                    ExNtStatusFormat(r->Process[i].ExitStatus, name), r->Process[i].Instructions,
                    r->Process[i].PeakResidentPages, r->Process[i].PeakCommitPages);
        }
    }
    if (r->Mm.SlotsReclaimed) {
        fprintf(stderr, "ntmm: the pagefile filled: %" PRIu64 " slots taken back from resident"
                " pages\n", r->Mm.SlotsReclaimed);
    }
    if (r->Mm.CommitFailures) {
        fprintf(stderr, "ntmm: %" PRIu64 " commit requests failed at the commit limit\n",
                r->Mm.CommitFailures);
    }
}

/* A page count for --ws-min and --ws-max. */
static int ParsePages(const char *text, uint32_t *out)
{
    char *end;
    errno = 0;
    unsigned long value = strtoul(text, &end, 10);
    if (errno || end == text || *end || value == 0 || value > 0x100000) {
        return -1;
    }
    *out = (uint32_t)value;
    return 0;
}

/* --exit-status-file: who ended the run, for machines. */
static const char *ExitStatusFile;
static bool ExitStatusWritten;

static void JsonString(FILE *f, const char *text)
{
    fputc('"', f);
    for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
        if (*c == '"' || *c == '\\') {
            fprintf(f, "\\%c", *c);
        } else if (*c < 0x20) {
            fprintf(f, "\\u%04x", *c);
        } else {
            fputc(*c, f);
        }
    }
    fputc('"', f);
}

/* reason NULL: the guest ended the run with status. */
static int Ended(int code, const char *reason, int32_t status, const char *message)
{
    if (!ExitStatusFile) {
        return code;
    }
    ExitStatusWritten = true;
    FILE *f = fopen(ExitStatusFile, "w");
    if (!f) {
        fprintf(stderr, "ntmm: --exit-status-file %s: %s\n", ExitStatusFile, strerror(errno));
        return code;
    }
    if (reason) {
        fprintf(f, "{\"ended_by\": \"ntmm\", \"exit\": %d, \"reason\": \"%s\", \"message\": ",
                code, reason);
        JsonString(f, message ? message : "");
    } else {
        char name[EX_NTSTATUS_FORMAT_SIZE];
        fprintf(f, "{\"ended_by\": \"guest\", \"exit\": %d, \"status\": %" PRIu32
                ", \"status_hex\": \"0x%08" PRIX32 "\", \"status_text\": ", code,
                (uint32_t)status, (uint32_t)status);
        JsonString(f, ExNtStatusFormat(status, name));
    }
    fprintf(f, "}\n");
    if (fclose(f) != 0) {
        fprintf(stderr, "ntmm: --exit-status-file %s: %s\n", ExitStatusFile, strerror(errno));
    }
    return code;
}

/*
 * --timeout's SIGALRM, SIGINT and SIGTERM only set this flag: the machine
 * stops at a block start soon after and ends the run cleanly, its pagefile
 * complete (ke/limits.c). A second SIGINT or SIGTERM, for a host stuck
 * outside guest code, kills at once.
 */
static volatile sig_atomic_t StopSignal;

static void OnStopSignal(int signal)
{
    if (StopSignal && signal != SIGALRM) {
        struct sigaction dfl = {.sa_handler = SIG_DFL};
        sigaction(signal, &dfl, NULL);
        raise(signal);
        return;
    }
    if (!StopSignal) {
        StopSignal = signal;
    }
}

static void WatchStopSignals(double timeout)
{
    struct sigaction action = {.sa_handler = OnStopSignal, .sa_flags = SA_RESTART};
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGALRM, &action, NULL);
    if (timeout > 0) {
        struct itimerval timer = {0};
        timer.it_value.tv_sec = (time_t)timeout;
        timer.it_value.tv_usec = (suseconds_t)((timeout - (double)timer.it_value.tv_sec) * 1e6);
        if (!timer.it_value.tv_sec && !timer.it_value.tv_usec) {
            timer.it_value.tv_usec = 1;
        }
        setitimer(ITIMER_REAL, &timer, NULL);
    }
}

/* --gdb: the debugger's socket raises SIGIO when gdb sends something while
 * the guest runs (Ctrl-C) or attaches; ke takes it between quanta
 * (ke/kd.c) and clears it. Never a stop of the run by itself. */
static void OnDebuggerInput(int signal)
{
    if (!StopSignal) {
        StopSignal = signal;
    }
}

static void WatchDebuggerInput(void)
{
    struct sigaction action = {.sa_handler = OnDebuggerInput, .sa_flags = SA_RESTART};
    sigemptyset(&action.sa_mask);
    sigaction(SIGIO, &action, NULL);
}

/* A count or a number of seconds for the limits. */
static int ParseLimit(const char *text, double *seconds, uint64_t *count)
{
    char *end;
    errno = 0;
    if (seconds) {
        *seconds = strtod(text, &end);
        return errno || end == text || *end || !(*seconds > 0 && *seconds < 1e9) ? -1 : 0;
    }
    *count = strtoull(text, &end, 0);
    return errno || end == text || *end || *count == 0 || text[0] == '-' ? -1 : 0;
}

/* --verify-memory N (or NTMM_VERIFY_MEMORY=N): a whole number of faults. */
static bool ParseVerifyEvery(const char *text, uint32_t *every)
{
    char *end;
    unsigned long n = strtoul(text, &end, 10);
    if (!*text || *end || n > 0xFFFFFFFFul) {
        fprintf(stderr, "ntmm: --verify-memory: \"%s\" is not a number of faults\n", text);
        return false;
    }
    *every = (uint32_t)n;
    return true;
}

/*
 * The environment a Windows program finds when it starts: the variables
 * every Windows session sets, for ntmm's machine (one processor, the
 * Windows directory C:\Windows as GetWindowsDirectory says, the user
 * GetUserName and the computer GetComputerName name). TEMP, TMP and
 * USERPROFILE are the root, which exists, so that a program making its
 * temporary files there can. --env replaces one of them (by name, case
 * ignored, as Windows names are) or adds another. No host variable is
 * passed on: a run sees the same environment on every host.
 */
static const char *const DefaultEnvironment[] = {
    "ComSpec=C:\\Windows\\system32\\cmd.exe",
    "COMPUTERNAME=NTMM",
    "NUMBER_OF_PROCESSORS=1",
    "OS=Windows_NT",
    "Path=C:\\Windows\\system32;C:\\Windows",
    "PATHEXT=.COM;.EXE;.BAT;.CMD",
    "PROCESSOR_ARCHITECTURE=x86",
    "SystemDrive=C:",
    "SystemRoot=C:\\Windows",
    "TEMP=C:\\",
    "TMP=C:\\",
    "USERNAME=ntmm",
    "USERPROFILE=C:\\",
    "windir=C:\\Windows",
};
#define DEFAULT_ENVIRONMENT (sizeof DefaultEnvironment / sizeof DefaultEnvironment[0])

/* Orders two variables as Windows sorts an environment block: by name,
 * case ignored (0: the same variable). */
static int CompareNames(const char *a, const char *b)
{
    for (; *a != '=' && *b != '='; a++, b++) {
        int d = toupper((unsigned char)*a) - toupper((unsigned char)*b);
        if (d) {
            return d;
        }
    }
    return (*a != '=') - (*b != '=');
}

/* The --env variables with the defaults they do not replace, sorted;
 * environment has room for DEFAULT_ENVIRONMENT more. */
static int CompleteEnvironment(const char **environment, int count)
{
    int n = count;
    for (size_t d = 0; d < DEFAULT_ENVIRONMENT; d++) {
        bool replaced = false;
        for (int i = 0; i < count; i++) {
            replaced |= CompareNames(environment[i], DefaultEnvironment[d]) == 0;
        }
        if (!replaced) {
            environment[n++] = DefaultEnvironment[d];
        }
    }
    for (int i = 1; i < n; i++) { /* insertion sort: stable, a few dozen entries */
        const char *e = environment[i];
        int j = i;
        for (; j > 0 && CompareNames(environment[j - 1], e) > 0; j--) {
            environment[j] = environment[j - 1];
        }
        environment[j] = e;
    }
    return n;
}

/* environment has room for argc + DEFAULT_ENVIRONMENT entries: the --env values are among argv. */
static int Run(int argc, char **argv, char *command_line, const char **environment)
{
    /* The file is known before any option can be refused: every option but
     * these flags takes a value. */
    static const char *const flags[] = {"--stats", "--no-fault-log", "--trace-faults",
                                        "--trace-exceptions", "--gdb-wait"};
    for (int j = 0; j + 1 < argc && strncmp(argv[j], "--", 2) == 0 && argv[j][2]; j++) {
        bool flag = false;
        for (size_t f = 0; f < sizeof flags / sizeof *flags; f++) {
            flag |= strcmp(argv[j], flags[f]) == 0;
        }
        if (!flag && strcmp(argv[j++], "--exit-status-file") == 0) {
            ExitStatusFile = argv[j];
        }
    }
    KE_OPTIONS options = {.RamBytes = 64u << 20, .IoLatencyNs = KE_DEFAULT_IO_LATENCY_NS,
                          .SampleEvery = NTMM_DEFAULT_SAMPLE_EVERY,
                          .CommandLine = command_line, .Version = NTMM_VERSION};
    uint64_t snapshots[NTMM_MAX_SNAPSHOTS];
    const char *verify = getenv("NTMM_VERIFY_MEMORY");
    if (verify && *verify && !ParseVerifyEvery(verify, &options.VerifyMemoryEvery)) {
        return 125;
    }
    options.Environment = environment;
    bool stats = false;
    const char *stats_json = NULL;
    uint16_t gdb_port = 0;
    bool gdb_wait = false;
    char sysdir[1100];
    options.SystemDirectory = DefaultSystemDirectory(sysdir, sizeof sysdir);
    int i = 0;
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (strcmp(argv[i], "--stats") == 0) {
            stats = true;
        } else if (strcmp(argv[i], "--ram") == 0 && i + 1 < argc) {
            if (ParseSize(argv[++i], &options.RamBytes) != 0) {
                fprintf(stderr, "ntmm: --ram: cannot read the size \"%s\"\n", argv[i]);
                return 125;
            }
        } else if (strcmp(argv[i], "--pagefile") == 0 && i + 1 < argc) {
            options.PageFilePath = argv[++i];
        } else if (strcmp(argv[i], "--pagefile-max") == 0 && i + 1 < argc) {
            if (ParseSize(argv[++i], &options.PageFileMaxBytes) != 0) {
                fprintf(stderr, "ntmm: --pagefile-max: cannot read the size \"%s\"\n", argv[i]);
                return 125;
            }
            if (options.PageFileMaxBytes < PF_PAGE_SIZE) {
                /* 0 would mean the default; a pagefile of no pages is asked for so. */
                options.PageFileMaxBytes = 1;
            }
        } else if (strcmp(argv[i], "--io-latency") == 0 && i + 1 < argc) {
            if (NtmmParseIoLatency(argv[++i], &options.IoLatencyNs) != 0) {
                fprintf(stderr, "ntmm: --io-latency: \"%s\" is not N, Nns, Nus or Nms "
                        "(at most 1 s)\n", argv[i]);
                return 125;
            }
        } else if (strcmp(argv[i], "--inject-read-error") == 0 && i + 1 < argc) {
            char *end;
            unsigned long va = strtoul(argv[++i], &end, 0);
            if (*end || va == 0 || va > 0xFFFFFFFFul) {
                fprintf(stderr, "ntmm: --inject-read-error: \"%s\" is not an address\n", argv[i]);
                return 125;
            }
            options.InjectReadErrorVa = (uint32_t)va;
        } else if (strcmp(argv[i], "--sample-every") == 0 && i + 1 < argc) {
            if (NtmmParseSampleEvery(argv[++i], &options) != 0) {
                fprintf(stderr, "ntmm: --sample-every: \"%s\" is not N, Nfaults or "
                        "Ninstructions\n", argv[i]);
                return 125;
            }
        } else if (strcmp(argv[i], "--snapshot-at") == 0 && i + 1 < argc) {
            if (NtmmAddSnapshot(argv[++i], &options, snapshots) != 0) {
                fprintf(stderr, "ntmm: --snapshot-at: \"%s\" is not a fault number (1 or more;"
                        " at most %d of them)\n", argv[i], NTMM_MAX_SNAPSHOTS);
                return 125;
            }
        } else if (strcmp(argv[i], "--stats-json") == 0 && i + 1 < argc) {
            stats_json = argv[++i];
        } else if (strcmp(argv[i], "--verify-memory") == 0 && i + 1 < argc) {
            if (!ParseVerifyEvery(argv[++i], &options.VerifyMemoryEvery)) {
                return 125;
            }
        } else if (strcmp(argv[i], "--no-fault-log") == 0) {
            options.NoFaultLog = true;
        } else if ((strcmp(argv[i], "--ws-min") == 0 || strcmp(argv[i], "--ws-max") == 0) &&
                   i + 1 < argc) {
            bool min = strcmp(argv[i], "--ws-min") == 0;
            if (ParsePages(argv[i + 1], min ? &options.WsMinimum : &options.WsMaximum) != 0) {
                fprintf(stderr, "ntmm: %s: \"%s\" is not a number of pages (1 to 1048576)\n",
                        argv[i], argv[i + 1]);
                return 125;
            }
            i++;
        } else if (strcmp(argv[i], "--trace-faults") == 0) {
            options.TraceFaults = true;
        } else if (strcmp(argv[i], "--trace-exceptions") == 0) {
            options.TraceExceptions = true;
        } else if (strcmp(argv[i], "--env") == 0 && i + 1 < argc) {
            if (!strchr(argv[i + 1], '=') || argv[i + 1][0] == '=') {
                fprintf(stderr, "ntmm: --env wants NAME=VALUE, not \"%s\"\n", argv[i + 1]);
                return 125;
            }
            environment[options.EnvironmentCount++] = argv[++i];
        } else if (strcmp(argv[i], "--sysdir") == 0 && i + 1 < argc) {
            options.SystemDirectory = argv[++i];
        } else if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
            options.RootDirectory = argv[++i];
        } else if (strcmp(argv[i], "--root-readonly") == 0) {
            options.RootReadOnly = true;
        } else if (strcmp(argv[i], "--console") == 0) {
            options.Console = true;
        } else if (strcmp(argv[i], "--gdb") == 0 && i + 1 < argc) {
            char *end;
            unsigned long port = strtoul(argv[++i], &end, 10);
            if (!*argv[i] || *end || port == 0 || port > 65535) {
                fprintf(stderr, "ntmm: --gdb: \"%s\" is not a TCP port (1-65535)\n", argv[i]);
                return 125;
            }
            gdb_port = (uint16_t)port;
        } else if (strcmp(argv[i], "--gdb-wait") == 0) {
            gdb_wait = true;
        } else if (strcmp(argv[i], "--exit-status-file") == 0 && i + 1 < argc) {
            ExitStatusFile = argv[++i];
        } else if ((strcmp(argv[i], "--timeout") == 0 ||
                    strcmp(argv[i], "--max-instructions") == 0) && i + 1 < argc) {
            bool timeout = argv[i][2] == 't';
            if (ParseLimit(argv[i + 1], timeout ? &options.TimeoutSeconds : NULL,
                           &options.MaxInstructions) != 0) {
                fprintf(stderr, "ntmm: %s: \"%s\" is not a positive %s\n", argv[i], argv[i + 1],
                        timeout ? "number of seconds" : "count");
                return 125;
            }
            i++;
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else {
            NtmmBadOption(argv[i], i + 1 == argc);
            return 125;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "ntmm run: no program given (see ntmm --help)\n");
        return 125;
    }
    uint32_t ws_min = options.WsMinimum ? options.WsMinimum : MM_DEFAULT_WS_MINIMUM;
    uint32_t ws_max = options.WsMaximum ? options.WsMaximum : MM_DEFAULT_WS_MAXIMUM;
    if (ws_max < ws_min) {
        fprintf(stderr, "ntmm: the working-set maximum (%u pages) is below the minimum (%u); "
                "see --ws-min and --ws-max\n", ws_max, ws_min);
        return 125;
    }
    options.Argc = argc - i;
    options.Argv = argv + i;
    if (gdb_wait && !gdb_port) {
        fprintf(stderr, "ntmm: --gdb-wait needs --gdb PORT\n");
        return 125;
    }

    KE_RESULT result;
    char why[512] = "";
    options.StopSignal = &StopSignal;
    WatchStopSignals(options.TimeoutSeconds);
    GDB_STUB gdb;
    if (gdb_port) {
        if (NtmmGdbOpen(&gdb, gdb_port, gdb_wait, why, sizeof why) != 0) {
            fprintf(stderr, "ntmm: %s\n", why);
            return 125;
        }
        options.Debugger = NtmmGdbDebugger(&gdb);
        WatchDebuggerInput();
    }
    options.EnvironmentCount = CompleteEnvironment(environment, options.EnvironmentCount);
    KE_FAILURE failure = KeRunProgram(&options, argv[i], &result, why, sizeof why);
    if (gdb_port) {
        NtmmGdbClose(&gdb);
    }
    if (failure != KeRan) {
        fprintf(stderr, "ntmm: %s\n", why[0] ? why : "failed");
        if (stats && (failure == KeStopped || failure == KeDeadlock)) {
            PrintStats(&result); /* the run happened, up to here */
        }
        int code = result.Signal ? 128 + result.Signal : (int)failure;
        return Ended(code, result.Reason ? result.Reason : "internal", 0, why);
    }
    if (stats) {
        PrintStats(&result);
    }
    if (stats_json && NtmmWriteStatsJson(stats_json, &result) != 0) {
        fprintf(stderr, "ntmm: --stats-json %s: %s\n", stats_json, strerror(errno));
        return 125;
    }
    return Ended((int)((uint32_t)result.ExitStatus & 0xFF), NULL, result.ExitStatus, NULL);
}

int main(int argc, char **argv)
{
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        Usage(stdout);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        printf("ntmm %s (Unicorn %s)\n", NTMM_VERSION, EmuVersion().Text);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "run") == 0) {
        NtmmUseHugePageHeap();
        char *command_line = NtmmJoinCommandLine(argc, argv);
        const char **environment = calloc((size_t)argc + DEFAULT_ENVIRONMENT, sizeof *environment);
        if (!environment) {
            fprintf(stderr, "ntmm: out of memory\n");
            return 125;
        }
        int code = Run(argc - 2, argv + 2, command_line, environment);
        free(environment);
        free(command_line);
        /* Every other ending wrote the file already; these are the options'. */
        return code == 125 && !ExitStatusWritten
                   ? Ended(125, "usage", 0, "a bad option (see the line above)")
                   : code;
    }
    if (argc >= 2 && strcmp(argv[1], "report") == 0) {
        return NtmmReport(argc - 2, argv + 2);
    }
    if (argc >= 2 && strcmp(argv[1], "check") == 0) {
        char sysdir[1100];
        const char *dir = DefaultSystemDirectory(sysdir, sizeof sysdir);
        int i = 2;
        if (argc >= 4 && strcmp(argv[2], "--sysdir") == 0) {
            dir = argv[3];
            i = 4;
        }
        return NtmmCheck(dir, argc - i, argv + i);
    }
    if (argc >= 2) {
        /* One line naming what was not understood, not the whole usage. */
        fprintf(stderr, argv[1][0] == '-' ? "ntmm: unknown option %s (see ntmm --help)\n"
                                          : "ntmm: unknown command %s (ntmm run, ntmm report, ntmm check; "
                                            "see ntmm --help)\n", argv[1]);
        return 125;
    }
    Usage(stderr);
    return 125;
}
