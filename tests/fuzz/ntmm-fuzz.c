/*
 * ntmm-fuzz: the robustness campaign, kept in the project.
 *
 *   ntmm-fuzz --ntmm NTMM --programs DIR --sysdir DIR [--seed S] [--cases N]
 *             [--seconds S] [--out DIR] [--modes pe,malformed,dll,syscall,pagefile,paging]
 *             [--syscalls N] [--operations N] [--timeout S] [--max-instructions N]
 *             [--verbose]
 *
 * Each case runs ntmm once, with its own pagefile, --timeout and
 * --exit-status-file, on an input made from the seed:
 *   pe         a test program of the project with random bytes changed,
 *              header fields set to their limits, or the file truncated
 *   malformed  a test program whose headers, section table and import,
 *              relocation, TLS and export directories are rewritten field
 *              by field with values at the limits (0, 1, 0x7FFFFFFF,
 *              0x80000000, 0xFFFFFFFF, the image or file size plus or minus
 *              one...), several fields per case
 *   dll        hello.exe against a copy of the guest DLLs (--sysdir) in
 *              which one DLL got the same treatment
 *   syscall    sysfuzz.exe: typed hostile calls to every service of
 *              ke/systable.h and raw int 2Eh
 *   pagefile   pagestress.exe while its pagefile is truncated, scribbled
 *              on or deleted under the running ntmm
 *   paging     pagestress.exe: random pages written and verified through
 *              1-4 MiB of RAM; every byte is checked
 * and classifies the ending: the guest's status, 123 deadlock, 124 limit,
 * 125, 126, 127, or a host signal, a sanitizer report, a hang (ntmm not
 * gone well after its own --timeout), a data mismatch. The last four, a
 * 125 that is not a refused option, and a missing exit-status file are
 * failures: the input goes to --out with a line to reproduce it. Exit
 * status 0 if no case failed, 1 otherwise, 2 for bad usage.
 *
 * Deterministic: a case is fully given by its seed (except the moment a
 * pagefile is damaged, which is host time); --cases N runs seeds S..S+N-1
 * round robin over the modes. --seconds stops early (or, with no --cases,
 * runs until then).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ------------------------------------------------------------ utilities */

static uint64_t Rng;
static uint32_t Random(void)
{
    Rng += 0x9E3779B97F4A7C15ull; /* splitmix64 */
    uint64_t z = Rng;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (uint32_t)((z ^ (z >> 31)) >> 16);
}

static double Now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static uint8_t *ReadWhole(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *data = malloc(n > 0 ? (size_t)n : 1);
    if (data && fread(data, 1, (size_t)n, f) != (size_t)n) {
        free(data);
        data = NULL;
    }
    fclose(f);
    *size = (size_t)n;
    return data;
}

static bool WriteWhole(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        return false;
    }
    bool ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok;
}

static void RemoveTree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
                char sub[4096];
                snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
                RemoveTree(sub);
            }
        }
        closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

static void CopyFile(const char *from, const char *to)
{
    size_t n;
    uint8_t *data = ReadWhole(from, &n);
    if (data) {
        WriteWhole(to, data, n);
        free(data);
    }
}

/* ------------------------------------------------------- PE mutations */

static uint32_t Get(const uint8_t *p, size_t size, size_t at, int width)
{
    if (at + (size_t)width > size) {
        return 0;
    }
    uint32_t v = 0;
    for (int i = width - 1; i >= 0; i--) {
        v = v << 8 | p[at + (size_t)i];
    }
    return v;
}

static void Put(uint8_t *p, size_t size, size_t at, int width, uint32_t v)
{
    for (int i = 0; i < width && at + (size_t)i < size; i++) {
        p[at + (size_t)i] = (uint8_t)(v >> (8 * i));
    }
}

/* A field worth aiming at: its file offset and width. */
typedef struct FIELD {
    size_t At;
    int Width;
} FIELD;

/* The file offset of an RVA, through the section table; 0 if none. */
static size_t RvaToOffset(const uint8_t *p, size_t size, size_t table, uint32_t sections,
                          uint32_t rva)
{
    for (uint32_t i = 0; i < sections && i < 96; i++) {
        size_t s = table + 40 * (size_t)i;
        uint32_t va = Get(p, size, s + 12, 4), vsize = Get(p, size, s + 8, 4);
        uint32_t raw = Get(p, size, s + 16, 4), rawsize = Get(p, size, s + 20, 4);
        if (rva >= va && rva - va < (vsize ? vsize : rawsize) && rva - va < rawsize) {
            return (size_t)raw + (rva - va);
        }
    }
    return 0;
}

/* Every header and directory field of the image, for the malformed mode. */
static size_t Fields(const uint8_t *p, size_t size, FIELD *out, size_t max)
{
    size_t n = 0;
#define ADD(at, width)                                                   \
    do {                                                                 \
        if (n < max && (size_t)(at) + (width) <= size) {                 \
            out[n++] = (FIELD){(size_t)(at), (width)};                   \
        }                                                                \
    } while (0)
    ADD(0x3C, 4); /* e_lfanew */
    uint32_t pe = Get(p, size, 0x3C, 4);
    if (pe > size) {
        return n;
    }
    size_t fh = pe + 4, opt = fh + 20;
    static const uint8_t file_header[][2] = {{0, 2}, {2, 2}, {16, 2}, {18, 2}};
    for (size_t i = 0; i < sizeof file_header / sizeof *file_header; i++) {
        ADD(fh + file_header[i][0], file_header[i][1]);
    }
    static const uint8_t optional[][2] = {
        {0, 2}, {16, 4}, {28, 4}, {32, 4}, {36, 4}, {56, 4}, {60, 4}, {68, 2}, {70, 2},
        {72, 4}, {76, 4}, {80, 4}, {84, 4}, {92, 4}};
    for (size_t i = 0; i < sizeof optional / sizeof *optional; i++) {
        ADD(opt + optional[i][0], optional[i][1]);
    }
    for (int d = 0; d < 16; d++) {
        ADD(opt + 96 + 8 * d, 4);
        ADD(opt + 96 + 8 * d + 4, 4);
    }
    uint32_t sections = Get(p, size, fh + 2, 2);
    size_t table = opt + Get(p, size, fh + 16, 2);
    for (uint32_t i = 0; i < sections && i < 96; i++) {
        size_t s = table + 40 * (size_t)i;
        ADD(s + 8, 4);  /* VirtualSize */
        ADD(s + 12, 4); /* VirtualAddress */
        ADD(s + 16, 4); /* SizeOfRawData */
        ADD(s + 20, 4); /* PointerToRawData */
        ADD(s + 36, 4); /* Characteristics */
    }
    /* Inside the directories: exports (0), imports (1), relocations (5), TLS (9). */
    size_t exp = RvaToOffset(p, size, table, sections, Get(p, size, opt + 96, 4));
    if (exp) {
        for (int k = 12; k < 40; k += 4) {
            ADD(exp + k, 4); /* Name, Base, counts, the three tables */
        }
    }
    size_t imp = RvaToOffset(p, size, table, sections, Get(p, size, opt + 96 + 8, 4));
    for (int d = 0; imp && d < 8; d++) {
        size_t desc = imp + 20 * (size_t)d;
        ADD(desc, 4);      /* OriginalFirstThunk */
        ADD(desc + 12, 4); /* Name */
        ADD(desc + 16, 4); /* FirstThunk */
        size_t thunk = RvaToOffset(p, size, table, sections, Get(p, size, desc, 4));
        for (int t = 0; thunk && t < 4; t++) {
            ADD(thunk + 4 * (size_t)t, 4);
        }
    }
    size_t rel = RvaToOffset(p, size, table, sections, Get(p, size, opt + 96 + 40, 4));
    if (rel) {
        ADD(rel, 4);
        ADD(rel + 4, 4);
        for (int e = 0; e < 8; e++) {
            ADD(rel + 8 + 2 * (size_t)e, 2);
        }
    }
    size_t tls = RvaToOffset(p, size, table, sections, Get(p, size, opt + 96 + 72, 4));
    for (int k = 0; tls && k < 24; k += 4) {
        ADD(tls + k, 4);
    }
#undef ADD
    return n;
}

static uint32_t LimitValue(uint32_t old, size_t file_size, uint32_t image_size)
{
    static const uint32_t values[] = {0, 1, 2, 3, 0x7F, 0x80, 0xFF, 0x100, 0x200, 0xFFF,
                                      0x1000, 0x1001, 0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000,
                                      0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFF000, 0x7FFF0000, 0x7FFEFFFF,
                                      0x00400000, 0x10000000};
    switch (Random() % 6) {
    case 0: return old + 1;
    case 1: return old - 1;
    case 2: return Random() % 2 ? (uint32_t)file_size + Random() % 3 - 1
                                : image_size + Random() % 3 - 1;
    case 3: return Random();
    default: return values[Random() % (sizeof values / sizeof *values)];
    }
}

/* The malformed mode: several fields of headers and directories at their limits. */
static void MutateFields(uint8_t *p, size_t size)
{
    FIELD fields[512];
    int rounds = 1 + (int)(Random() % 3);
    for (int r = 0; r < rounds; r++) {
        size_t n = Fields(p, size, fields, 512);
        if (!n) {
            return;
        }
        FIELD f = fields[Random() % n];
        uint32_t pe = Get(p, size, 0x3C, 4);
        uint32_t image = Get(p, size, (size_t)pe + 24 + 56, 4);
        Put(p, size, f.At, f.Width, LimitValue(Get(p, size, f.At, f.Width), size, image));
    }
}

/* The pe mode: bytes, fields, or the length. Returns the new size. */
static size_t MutateBytes(uint8_t *p, size_t size)
{
    switch (Random() % 4) {
    case 0: { /* a few random bytes, mostly in the headers */
        int n = 1 + (int)(Random() % 16);
        for (int i = 0; i < n; i++) {
            size_t at = Random() % 3 ? Random() % (size < 1024 ? size : 1024) : Random() % size;
            p[at] = (uint8_t)Random();
        }
        return size;
    }
    case 1: /* truncated somewhere */
        return Random() % size;
    case 2: { /* a run of bytes flipped anywhere */
        size_t at = Random() % size, n = 1 + Random() % 64;
        for (size_t i = at; i < at + n && i < size; i++) {
            p[i] ^= (uint8_t)(1u << (Random() % 8));
        }
        return size;
    }
    default:
        MutateFields(p, size);
        return size;
    }
}

/* ------------------------------------------------------------ running */

typedef enum OUTCOME {
    OutGuest, OutDeadlock, OutLimit, OutOption, OutInternal, OutCannotLoad, OutNotFound,
    OutSignal, OutSanitizer, OutHang, OutMismatch, OutNoStatus, OutCount
} OUTCOME;
static const char *const OutcomeName[OutCount] = {
    "guest status", "deadlock (123)", "limit (124)", "option refused (125)",
    "internal error (125)", "cannot load (126)", "not found (127)", "HOST SIGNAL",
    "SANITIZER REPORT", "HANG", "DATA MISMATCH", "NO EXIT-STATUS FILE"};
static bool Failure(OUTCOME o)
{
    return o == OutInternal || o >= OutSignal;
}

typedef struct CONFIG {
    const char *Ntmm, *Programs, *Sysdir, *Out;
    double Timeout;
    const char *MaxInstructions; /* for the mutated programs, which may loop */
    uint32_t Syscalls, Operations;
    bool Verbose;
} CONFIG;

typedef struct TOTALS {
    uint64_t Cases, Loads, Calls, Operations, Failures;
    uint64_t ByMode[6], ByOutcome[OutCount];
} TOTALS;

/* What to do to the pagefile while ntmm runs (the pagefile mode). */
typedef struct DAMAGE {
    const char *Pagefile;
    int Kind;           /* 0 truncate, 1 scribble, 2 delete */
    double After;       /* seconds into the run */
    bool Done;
} DAMAGE;

static void Damage(DAMAGE *d)
{
    struct stat st;
    /* Only once the run is paging (a pagefile that vanishes while ntmm
     * opens it is refused, rightly, before the program starts). */
    if (stat(d->Pagefile, &st) != 0 || st.st_size < (256 << 10)) {
        return;
    }
    d->Done = true;
    if (d->Kind == 0) {
        if (truncate(d->Pagefile, st.st_size ? (off_t)(Random() % (uint32_t)st.st_size) : 0)) {
            return;
        }
    } else if (d->Kind == 1) {
        int fd = open(d->Pagefile, O_WRONLY);
        for (int i = 0; fd >= 0 && i < 64 && st.st_size > 0; i++) {
            uint8_t junk[64];
            for (size_t k = 0; k < sizeof junk; k++) {
                junk[k] = (uint8_t)Random();
            }
            if (pwrite(fd, junk, 1 + Random() % sizeof junk,
                       (off_t)(Random() % (uint32_t)st.st_size)) < 0) {
                break;
            }
        }
        if (fd >= 0) {
            close(fd);
        }
    } else {
        char journal[4200];
        snprintf(journal, sizeof journal, "%s-journal", d->Pagefile);
        unlink(d->Pagefile);
        unlink(journal);
    }
}

/*
 * Runs ntmm with argv (after "ntmm run", before which the driver's own
 * options go) in dir; classifies. stats_out gets --stats' system-call count.
 */
static OUTCOME RunCase(const CONFIG *c, const char *dir, char **args, DAMAGE *damage,
                       uint64_t *calls, int *exit_code, uint32_t *guest_status)
{
    char pagefile[4200], status_file[4200], err_file[4200], out_file[4200], timeout[32];
    snprintf(pagefile, sizeof pagefile, "%s/pagefile.db", dir);
    snprintf(status_file, sizeof status_file, "%s/exit-status.json", dir);
    snprintf(err_file, sizeof err_file, "%s/stderr", dir);
    snprintf(out_file, sizeof out_file, "%s/stdout", dir);
    snprintf(timeout, sizeof timeout, "%g", c->Timeout);
    char *argv[64] = {(char *)c->Ntmm, "run", "--stats", "--timeout", timeout,
                      "--exit-status-file", status_file, "--pagefile", pagefile};
    int n = 9;
    for (int i = 0; args[i] && n < 62; i++) {
        argv[n++] = args[i];
    }
    argv[n] = NULL;
    unlink(status_file);

    double start = Now();
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0);
        int in = open("/dev/null", O_RDONLY);
        int out = open(out_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(err_file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0) {
            _exit(121);
        }
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        execv(c->Ntmm, argv);
        _exit(122);
    }
    int wstatus = 0;
    bool hung = false;
    /* ntmm's own --timeout should end it; a sanitizer build is slow to
     * start and to exit, so the hang limit is generous. */
    double limit = c->Timeout * 3 + 30;
    for (;;) {
        pid_t r = waitpid(pid, &wstatus, WNOHANG);
        if (r == pid) {
            break;
        }
        double t = Now() - start;
        if (damage && !damage->Done && t >= damage->After) {
            Damage(damage);
        }
        if (t > limit) {
            kill(-pid, SIGKILL);
            waitpid(pid, &wstatus, 0);
            hung = true;
            break;
        }
        usleep(2000);
    }

    size_t err_size = 0;
    char *err = (char *)ReadWhole(err_file, &err_size);
    if (err) {
        err = realloc(err, err_size + 1);
        err[err_size] = 0;
        const char *s = strstr(err, "system calls");
        if (s) {
            const char *b = s;
            while (b > err && b[-1] != ' ') {
                b--;
            }
            while (b > err && b[-1] == ' ') {
                b--;
            }
            while (b > err && b[-1] >= '0' && b[-1] <= '9') {
                b--;
            }
            *calls = strtoull(b, NULL, 10);
        }
    }
    bool sanitizer = err && (strstr(err, "ERROR: AddressSanitizer") ||
                             strstr(err, "ERROR: LeakSanitizer") || strstr(err, "runtime error:") ||
                             strstr(err, "UndefinedBehaviorSanitizer"));
    size_t status_size = 0;
    char *status = (char *)ReadWhole(status_file, &status_size);
    if (status) {
        status = realloc(status, status_size + 1);
        status[status_size] = 0;
    }
    OUTCOME o;
    *exit_code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1;
    if (hung) {
        o = OutHang;
    } else if (sanitizer) {
        o = OutSanitizer;
    } else if (WIFSIGNALED(wstatus)) {
        o = OutSignal;
        *exit_code = 128 + WTERMSIG(wstatus);
    } else if (!status || !strstr(status, "\"ended_by\"")) {
        o = OutNoStatus;
    } else if (strstr(status, "\"ended_by\": \"guest\"")) {
        o = OutGuest;
        const char *s = strstr(status, "\"status\": ");
        *guest_status = s ? (uint32_t)strtoul(s + 10, NULL, 10) : 0;
    } else if (strstr(status, "\"reason\": \"deadlock\"")) {
        o = OutDeadlock;
    } else if (strstr(status, "\"reason\": \"timeout\"") ||
               strstr(status, "\"reason\": \"instruction-limit\"")) {
        o = OutLimit;
    } else if (strstr(status, "\"reason\": \"usage\"")) {
        o = OutOption;
    } else if (strstr(status, "\"reason\": \"cannot-load\"")) {
        o = OutCannotLoad;
    } else if (strstr(status, "\"reason\": \"not-found\"")) {
        o = OutNotFound;
    } else {
        o = OutInternal; /* "internal", "pagefile", "signal" */
    }
    if (c->Verbose || Failure(o)) {
        fprintf(stderr, "  exit %d, %s%s%.300s", *exit_code, OutcomeName[o], err ? ": " : "",
                err ? err : "");
        if (err && err_size && err[err_size - 1] != '\n') {
            fputc('\n', stderr);
        }
    }
    free(err);
    free(status);
    return o;
}

/* ------------------------------------------------------------ the modes */

static const char *const ModeName[6] = {"pe", "malformed", "dll", "syscall", "pagefile", "paging"};

/* The project's test programs, for the pe and malformed modes. */
static char **Seeds;
static size_t SeedCount;

static void FindSeeds(const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d) {
        return;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len = strlen(e->d_name);
        struct stat st;
        if (e->d_name[0] == '.' || stat(path, &st) != 0) {
            continue;
        }
        if (S_ISDIR(st.st_mode) && depth < 2 && strcmp(e->d_name, "fuzz") != 0 &&
            strcmp(e->d_name, "CMakeFiles") != 0) {
            FindSeeds(path, depth + 1);
        } else if (len > 4 && strcmp(e->d_name + len - 4, ".exe") == 0) {
            Seeds = realloc(Seeds, (SeedCount + 1) * sizeof *Seeds);
            Seeds[SeedCount++] = strdup(path);
        }
    }
    closedir(d);
}

static int CompareStrings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Keeps a failing case: its directory, renamed into --out, with a script. */
static void KeepReproducer(const CONFIG *c, const char *dir, const char *mode, uint64_t seed,
                           char **args, OUTCOME o)
{
    if (!c->Out) {
        return;
    }
    mkdir(c->Out, 0755);
    char kept[4200], script[4300];
    snprintf(kept, sizeof kept, "%s/%s-%llu", c->Out, mode, (unsigned long long)seed);
    RemoveTree(kept);
    if (rename(dir, kept) != 0) {
        fprintf(stderr, "ntmm-fuzz: cannot keep %s in %s: %s\n", dir, kept, strerror(errno));
        return;
    }
    snprintf(script, sizeof script, "%s/repro.sh", kept);
    FILE *f = fopen(script, "w");
    if (!f) {
        return;
    }
    fprintf(f, "#!/bin/sh\n# %s case, seed %llu: %s\ncd \"$(dirname \"$0\")\"\n%s run --stats "
            "--pagefile pagefile.db", mode, (unsigned long long)seed, OutcomeName[o], c->Ntmm);
    for (int i = 0; args[i]; i++) {
        const char *a = args[i];
        const char *slash = strrchr(a, '/');
        /* Inputs made for the case are in this directory. */
        bool local = strncmp(a, dir, strlen(dir)) == 0 && slash;
        fprintf(f, " '%s'", local ? slash + 1 : a);
    }
    fprintf(f, "\n");
    fclose(f);
    chmod(script, 0755);
    fprintf(stderr, "  kept in %s\n", kept);
}

static OUTCOME Case(const CONFIG *c, int mode, uint64_t seed, TOTALS *t, const char *work)
{
    Rng = seed * 0x2545F4914F6CDD1Dull + (uint64_t)mode;
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/case-%s-%llu", work, ModeName[mode], (unsigned long long)seed);
    RemoveTree(dir);
    mkdir(dir, 0755);
    char input[4200], sysdir[4200], a1[64], a2[64], a3[64], ram[32], wsmax[32];
    char *args[24] = {NULL};
    int n = 0;
    DAMAGE damage = {0}, *dmg = NULL;
    snprintf(input, sizeof input, "%s/input.exe", dir);

    if (mode == 0 || mode == 1) {
        const char *from = Seeds[Random() % SeedCount];
        size_t size;
        uint8_t *p = ReadWhole(from, &size);
        if (!p || size < 64) {
            free(p);
            return OutGuest;
        }
        size = mode == 0 ? MutateBytes(p, size) : (MutateFields(p, size), size);
        WriteWhole(input, p, size);
        free(p);
        args[n++] = "--max-instructions";
        args[n++] = (char *)c->MaxInstructions;
        args[n++] = input;
        t->Loads++;
    } else if (mode == 2) {
        static const char *const dlls[] = {"ntdll.dll", "kernel32.dll", "msvcrt.dll"};
        snprintf(sysdir, sizeof sysdir, "%s/sysdir", dir);
        mkdir(sysdir, 0755);
        const char *victim = dlls[Random() % 3];
        for (int i = 0; i < 3; i++) {
            char from[4200], to[4300];
            snprintf(from, sizeof from, "%s/%s", c->Sysdir, dlls[i]);
            snprintf(to, sizeof to, "%s/%s", sysdir, dlls[i]);
            if (dlls[i] != victim) {
                CopyFile(from, to);
                continue;
            }
            size_t size;
            uint8_t *p = ReadWhole(from, &size);
            if (p) {
                size = Random() % 2 ? MutateBytes(p, size) : (MutateFields(p, size), size);
                WriteWhole(to, p, size);
                free(p);
            }
        }
        /* A program that imports from all three. */
        snprintf(input, sizeof input, "%s/crt/printf-O2.exe", c->Programs);
        args[n++] = "--sysdir";
        args[n++] = sysdir;
        args[n++] = "--max-instructions";
        args[n++] = (char *)c->MaxInstructions;
        args[n++] = input;
        t->Loads++;
    } else if (mode == 3) {
        snprintf(input, sizeof input, "%s/fuzz/sysfuzz.exe", c->Programs);
        snprintf(a1, sizeof a1, "%llu", (unsigned long long)seed);
        snprintf(a2, sizeof a2, "%u", c->Syscalls);
        args[n++] = "--pagefile";
        args[n++] = ":memory:";
        args[n++] = input;
        args[n++] = a1;
        args[n++] = a2;
    } else {
        uint32_t pages = 512 + Random() % 1536;
        snprintf(ram, sizeof ram, "%uM", 1 + Random() % 4);
        snprintf(wsmax, sizeof wsmax, "%u", 50 + Random() % 400); /* NT's minimum is 50 */
        snprintf(input, sizeof input, "%s/fuzz/pagestress.exe", c->Programs);
        snprintf(a1, sizeof a1, "%llu", (unsigned long long)seed);
        snprintf(a2, sizeof a2, "%u", pages);
        snprintf(a3, sizeof a3, "%u", c->Operations);
        args[n++] = "--ram";
        args[n++] = ram;
        args[n++] = "--ws-max";
        args[n++] = wsmax;
        args[n++] = "--pagefile-max";
        args[n++] = "64M";
        if (Random() % 2) {
            args[n++] = "--no-fault-log";
        }
        args[n++] = input;
        args[n++] = a1;
        args[n++] = a2;
        args[n++] = a3;
        if (mode == 4) {
            static char pagefile[4200];
            snprintf(pagefile, sizeof pagefile, "%s/pagefile.db", dir);
            damage = (DAMAGE){.Pagefile = pagefile, .Kind = (int)(Random() % 3),
                              .After = 0.2 + (Random() % 1000) / 500.0};
            dmg = &damage;
        }
    }
    args[n] = NULL;

    if (c->Verbose) {
        fprintf(stderr, "%s %llu:", ModeName[mode], (unsigned long long)seed);
        for (int i = 0; args[i]; i++) {
            fprintf(stderr, " %s", args[i]);
        }
        fprintf(stderr, "\n");
    }
    uint64_t calls = 0;
    int code = 0;
    uint32_t guest = 0;
    OUTCOME o = RunCase(c, dir, args, dmg, &calls, &code, &guest);
    /* pagestress says 99 when a byte differs; with the pagefile damaged
     * under it that can be honest (a pagefile has no checksums, NT's
     * neither), not with the file merely deleted (it stays open). */
    if ((mode == 5 || (mode == 4 && damage.Kind == 2)) && o == OutGuest && guest == 99) {
        o = OutMismatch;
    }
    if (mode == 5 && o == OutGuest && guest != 0) {
        o = OutMismatch; /* undamaged paging must simply work */
    }
    if (mode == 3) {
        t->Calls += calls;
    }
    if ((mode == 4 || mode == 5) && o == OutGuest && guest == 0) {
        t->Operations += c->Operations;
    }
    t->Cases++;
    t->ByMode[mode]++;
    t->ByOutcome[o]++;
    if (Failure(o)) {
        t->Failures++;
        fprintf(stderr, "FAIL: %s case, seed %llu: %s\n", ModeName[mode], (unsigned long long)seed,
                OutcomeName[o]);
        KeepReproducer(c, dir, ModeName[mode], seed, args, o);
    }
    RemoveTree(dir);
    return o;
}

static void Usage(void)
{
    fprintf(stderr, "usage: ntmm-fuzz --ntmm NTMM --programs BUILD/tests --sysdir BUILD/user "
                    "[--seed S] [--cases N] [--seconds S] [--out DIR] [--modes LIST] "
                    "[--syscalls N] [--operations N] [--timeout S] [--max-instructions N] "
                    "[--verbose]\n");
}

int main(int argc, char **argv)
{
    CONFIG c = {.Timeout = 60, .Syscalls = 3000, .Operations = 4000,
                .MaxInstructions = "200000000"};
    uint64_t seed = 1, cases = 0;
    double seconds = 0;
    bool modes[6] = {true, true, true, true, true, true};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--verbose") == 0) {
            c.Verbose = true;
            continue;
        }
        if (!v) {
            Usage();
            return 2;
        }
        i++;
        if (strcmp(a, "--ntmm") == 0) {
            c.Ntmm = v;
        } else if (strcmp(a, "--programs") == 0) {
            c.Programs = v;
        } else if (strcmp(a, "--sysdir") == 0) {
            c.Sysdir = v;
        } else if (strcmp(a, "--out") == 0) {
            c.Out = v;
        } else if (strcmp(a, "--seed") == 0) {
            seed = strtoull(v, NULL, 0);
        } else if (strcmp(a, "--cases") == 0) {
            cases = strtoull(v, NULL, 0);
        } else if (strcmp(a, "--seconds") == 0) {
            seconds = strtod(v, NULL);
        } else if (strcmp(a, "--timeout") == 0) {
            c.Timeout = strtod(v, NULL);
        } else if (strcmp(a, "--max-instructions") == 0) {
            c.MaxInstructions = v;
        } else if (strcmp(a, "--syscalls") == 0) {
            c.Syscalls = (uint32_t)strtoul(v, NULL, 0);
        } else if (strcmp(a, "--operations") == 0) {
            c.Operations = (uint32_t)strtoul(v, NULL, 0);
        } else if (strcmp(a, "--modes") == 0) {
            for (int m = 0; m < 6; m++) {
                const char *at = strstr(v, ModeName[m]);
                size_t len = strlen(ModeName[m]);
                modes[m] = at && (at == v || at[-1] == ',') && (at[len] == 0 || at[len] == ',');
            }
        } else {
            Usage();
            return 2;
        }
    }
    if (!c.Ntmm || !c.Programs || !c.Sysdir || (!cases && !seconds) || c.Timeout <= 0) {
        Usage();
        return 2;
    }
    FindSeeds(c.Programs, 0);
    if (!SeedCount) {
        fprintf(stderr, "ntmm-fuzz: no .exe under %s\n", c.Programs);
        return 2;
    }
    qsort(Seeds, SeedCount, sizeof *Seeds, CompareStrings);
    char work[] = "/tmp/ntmm-fuzz-XXXXXX";
    if (!mkdtemp(work)) {
        perror("ntmm-fuzz: mkdtemp");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);

    TOTALS t = {0};
    double start = Now();
    int mode = 0;
    for (uint64_t i = 0; !cases || i < cases; i++) {
        if (seconds && Now() - start >= seconds) {
            break;
        }
        while (!modes[mode % 6]) {
            mode++;
        }
        Case(&c, mode % 6, seed + i, &t, work);
        mode++;
    }
    RemoveTree(work);

    printf("ntmm-fuzz: %llu cases in %.0f s (seeds %llu..%llu): %llu program loads (pe %llu, "
           "malformed %llu, dll %llu), %llu system calls, %llu paging operations verified "
           "(paging %llu runs, pagefile damaged %llu)\n",
           (unsigned long long)t.Cases, Now() - start, (unsigned long long)seed,
           (unsigned long long)(seed + t.Cases - 1), (unsigned long long)t.Loads,
           (unsigned long long)t.ByMode[0], (unsigned long long)t.ByMode[1],
           (unsigned long long)t.ByMode[2], (unsigned long long)t.Calls,
           (unsigned long long)t.Operations, (unsigned long long)t.ByMode[5],
           (unsigned long long)t.ByMode[4]);
    printf("ntmm-fuzz: endings:");
    for (int o = 0; o < OutCount; o++) {
        if (t.ByOutcome[o] || Failure((OUTCOME)o)) {
            printf(" %s %llu;", OutcomeName[o], (unsigned long long)t.ByOutcome[o]);
        }
    }
    printf(" failures %llu\n", (unsigned long long)t.Failures);
    return t.Failures ? 1 : 0;
}
