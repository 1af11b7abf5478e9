/*
 * The process environment the guest expects to find, laid out as Windows
 * lays it out (docs/guest-abi.md): KUSER_SHARED_DATA, the PEB with its
 * loader data and process parameters, the TEB, the stack (reserved, top
 * committed, a guard page below), and the standard handles.
 */
#include "ke/console.h"
#include "ke/ki.h"
#include "ke/ldrp.h"
#include "ke/ldr.h"
#include "io/io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KI_DEFAULT_STACK_RESERVE (1u << 20)

static void Put32(uint8_t *base, uint32_t offset, uint32_t value)
{
    memcpy(base + offset, &value, 4);
}

static void Put16(uint8_t *base, uint32_t offset, uint16_t value)
{
    memcpy(base + offset, &value, 2);
}

static void BuildSharedUserData(KPROCESS *process)
{
    uint8_t *shared = MmSharedUserData(process->System->Mm);
    static const char root[] = "C:\\Windows";
    memset(shared, 0, EMU_PAGE_SIZE);
    Put32(shared, 0x004, 0x0FA00000u);  /* TickCountMultiplier: 15.625 ms a tick (clock.c) */
    for (uint32_t i = 0; root[i]; i++) {
        Put16(shared, 0x030 + 2 * i, (uint16_t)root[i]);  /* NtSystemRoot */
    }
    Put32(shared, 0x264, 1);            /* NtProductType: WinNt */
    shared[0x268] = 1;                  /* ProductTypeIsValid */
    Put32(shared, 0x26C, 5);            /* NtMajorVersion */
    Put32(shared, 0x270, 1);            /* NtMinorVersion */
    shared[0x274 + 9] = 1;              /* PF_PAE_ENABLED */
    shared[0x274 + 12] = 1;             /* PF_NX_ENABLED */
    shared[0x274 + 6] = 1;              /* PF_XMMI_INSTRUCTIONS_AVAILABLE */
    shared[0x274 + 10] = 1;             /* PF_XMMI64_INSTRUCTIONS_AVAILABLE */
    shared[0x274 + 3] = 1;              /* PF_MMX_INSTRUCTIONS_AVAILABLE */
    shared[0x274 + 2] = 1;              /* PF_COMPARE_EXCHANGE_DOUBLE */
    shared[0x274 + 8] = 1;              /* PF_RDTSC_INSTRUCTION_AVAILABLE */
    Put32(shared, 0x2D0, 0x3);          /* NXSupportPolicy: OptOut */
    /* NumberOfPhysicalPages: what SystemBasicInformation answers too. */
    Put32(shared, 0x2E8, EmuPhysicalFrames(process->Emu));
}

/* A block of user memory the kernel fills in, allocated as one region. */
typedef struct KI_ARENA {
    uint8_t *Host;
    uint32_t Va;
    uint32_t Size;
    uint32_t Used;
} KI_ARENA;

static uint32_t ArenaAlloc(KI_ARENA *arena, uint32_t size)
{
    uint32_t offset = (arena->Used + 7) & ~7u;
    if (offset + size > arena->Size) {
        return 0;
    }
    arena->Used = offset + size;
    return offset;
}

/* A UNICODE_STRING at `at` whose buffer is placed in the arena. */
/*
 * Host strings are UTF-8; the guest's are UTF-16. Writes text (up to a NUL)
 * at `out` (if not NULL) and returns the number of UTF-16 units. A byte that
 * does not start a valid sequence stands for itself (as Latin-1 would).
 */
static size_t Utf8ToUtf16(const char *text, uint8_t *out)
{
    const uint8_t *s = (const uint8_t *)text;
    size_t units = 0;
    while (*s) {
        uint32_t cp = *s;
        int n = cp >= 0xF0 && cp < 0xF8 ? 4 : cp >= 0xE0 ? 3 : cp >= 0xC0 ? 2 : 1;
        if (n > 1) {
            uint32_t v = cp & (0x7Fu >> n);
            int i = 1;
            for (; i < n && (s[i] & 0xC0) == 0x80; i++) {
                v = (v << 6) | (s[i] & 0x3F);
            }
            if (i == n && v <= 0x10FFFF) {
                cp = v;
            } else {
                n = 1;
            }
        }
        s += n;
        if (cp >= 0x10000) {
            if (out) {
                Put16(out, (uint32_t)(2 * units), (uint16_t)(0xD800 | ((cp - 0x10000) >> 10)));
                Put16(out, (uint32_t)(2 * units + 2), (uint16_t)(0xDC00 | ((cp - 0x10000) & 0x3FF)));
            }
            units += 2;
        } else {
            if (out) {
                Put16(out, (uint32_t)(2 * units), (uint16_t)cp);
            }
            units++;
        }
    }
    return units;
}

/* A UNICODE_STRING at `at` whose buffer is placed in the arena. */
static int ArenaUnicode(KI_ARENA *arena, uint32_t at, const char *text)
{
    size_t n = Utf8ToUtf16(text, NULL);
    if (n > 32000) {
        return -1; /* a UNICODE_STRING holds at most 32767 characters */
    }
    uint32_t buffer = ArenaAlloc(arena, (uint32_t)(n + 1) * 2);
    if (!buffer) {
        return -1;
    }
    Utf8ToUtf16(text, arena->Host + buffer);
    Put16(arena->Host, buffer + 2 * (uint32_t)n, 0);
    Put16(arena->Host, at, (uint16_t)(n * 2));          /* Length */
    Put16(arena->Host, at + 2, (uint16_t)(n * 2 + 2));  /* MaximumLength */
    Put32(arena->Host, at + 4, arena->Va + buffer);
    return 0;
}

static void LinkList(uint8_t *host, uint32_t arena_va, uint32_t head, const uint32_t *entries,
                     uint32_t count, uint32_t link_offset)
{
    /* LIST_ENTRY {Flink, Blink}, circular through the head. */
    uint32_t prev = head;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t link = entries[i] + link_offset;
        Put32(host, prev, arena_va + link);
        Put32(host, link + 4, arena_va + prev);
        prev = link;
    }
    Put32(host, prev, arena_va + head);
    Put32(host, head + 4, arena_va + prev);
}

/* The command line, Windows style: arguments joined with spaces, quoted
 * where they contain blanks (backslash-quote rules as CommandLineToArgvW). */
static char *BuildCommandLine(const KE_OPTIONS *options, const char *image_name)
{
    size_t cap = strlen(image_name) + 3;
    for (int i = 1; i < options->Argc; i++) {
        cap += 2 * strlen(options->Argv[i]) + 3;
    }
    char *line = malloc(cap + 1);
    if (!line) {
        return NULL;
    }
    char *p = line;
    for (int i = 0; i < options->Argc; i++) {
        const char *arg = i == 0 ? image_name : options->Argv[i];
        bool quote = *arg == 0 || strpbrk(arg, " \t\"") != NULL;
        if (i) {
            *p++ = ' ';
        }
        if (quote) {
            *p++ = '"';
        }
        size_t backslashes = 0;
        for (const char *c = arg; *c; c++) {
            if (*c == '\\') {
                backslashes++;
            } else {
                if (*c == '"') {
                    for (size_t b = 0; b < backslashes + 1; b++) {
                        *p++ = '\\';
                    }
                }
                backslashes = 0;
            }
            *p++ = *c;
        }
        if (quote) {
            for (size_t b = 0; b < backslashes; b++) {
                *p++ = '\\';
            }
            *p++ = '"';
        }
    }
    *p = 0;
    return line;
}

/* Whether the creator's handle names one of the host's standard streams,
 * ntmm's console: then the child gets a handle to it whatever the
 * inheritance, as a console program's children share its console. */
static EX_OBJECT *HostStream(KPROCESS *parent, uint32_t handle)
{
    NTSTATUS status;
    EX_OBJECT *object = ExReferenceObjectByHandle(&parent->Handles, handle, ExObjectFile, &status);
    if (object && (IoIsDiskFile((EX_FILE *)object) || KiIsPipeEnd((EX_FILE *)object))) {
        ExDereferenceObject(object);
        object = NULL;
    }
    return object;
}

/*
 * The standard handles in the process parameters. The first process gets
 * the host's streams. A child gets what its creator chose
 * (STARTF_USESTDHANDLES) or else the creator's own standard handles: a
 * handle the child inherited keeps its value; one that names a host
 * stream in the creator gets a handle to that stream; a chosen one that is
 * neither is passed as it is (invalid in the child, as on Windows); the
 * creator's own that is neither is replaced by the host's stream.
 */
static NTSTATUS CreateStandardHandles(KPROCESS *process, const KI_CREATE_PARAMETERS *create,
                                      uint32_t handles[4])
{
    /* FILE_GENERIC_READ for the input, FILE_GENERIC_WRITE for the outputs. */
    static const uint32_t access[3] = {0x00120089u, 0x00120116u, 0x00120116u};
    /* The console: the first process's is new, a child shares its creator's. */
    if (!create) {
        process->Console = KiCreateConsole(process->Options.Console);
    } else if (create->Parent->Console) {
        process->Console = create->Parent->Console;
        KiReferenceConsole(process->Console);
    }
    handles[3] = 0;
    if (process->Console) {
        EX_FILE *connection = KiOpenConsoleFile(process->Console, KiConsoleConnection, 0xC0000000u);
        NTSTATUS status = connection ? ExCreateHandle(&process->Handles, &connection->Header, &handles[3])
                                     : STATUS_NO_MEMORY;
        if (status != STATUS_SUCCESS) {
            if (connection) {
                ExReferenceObject(&connection->Header);
                ExDereferenceObject(&connection->Header);
            }
            return status;
        }
    }
    for (int fd = 0; fd < 3; fd++) {
        if (!create) {
            continue;
        }
        uint32_t value = create->StandardHandles[fd];
        NTSTATUS status;
        EX_OBJECT *inherited = ExReferenceObjectByHandle(&process->Handles, value, ExObjectAny, &status);
        if (inherited) {
            ExDereferenceObject(inherited);
            handles[fd] = value;
            continue;
        }
        EX_OBJECT *stream = HostStream(create->Parent, value);
        if (stream) {
            status = ExCreateHandleWithAccess(&process->Handles, stream,
                                              ExGetHandleAccess(&create->Parent->Handles, value),
                                              &handles[fd]);
            ExDereferenceObject(stream);
            if (status != STATUS_SUCCESS) {
                return status;
            }
            continue;
        }
        handles[fd] = create->StandardHandlesGiven ? value : 0;
    }
    for (int fd = 0; fd < 3; fd++) {
        if (create && (create->StandardHandlesGiven || handles[fd])) {
            continue;
        }
        /* The host's stream, or the console when it is the console's. */
        EX_FILE *file = process->Console && KiIsConsoleStream(fd, process->Options.Console)
                            ? KiOpenConsoleFile(process->Console, fd ? KiConsoleOutput : KiConsoleInput,
                                                access[fd])
                            : ExCreateHostFile(fd, access[fd]);
        if (!file) {
            return STATUS_NO_MEMORY;
        }
        NTSTATUS status = ExCreateHandle(&process->Handles, &file->Header, &handles[fd]);
        if (status != STATUS_SUCCESS) {
            ExReferenceObject(&file->Header);
            ExDereferenceObject(&file->Header);
            return status;
        }
    }
    return STATUS_SUCCESS;
}

/* The guest's name for a module's host file: C:\ and its path under the
 * root when the file is inside the root (what GetModuleFileName then
 * reports), else C:\ntmm\NAME. */
void KiGuestModulePath(const KE_OPTIONS *options, const char *host_path, const char *name,
                            char *out, size_t size)
{
    char root[4096], file[4096];
    snprintf(out, size, "C:\\ntmm\\%s", name);
    if (!realpath(options->RootDirectory ? options->RootDirectory : ".", root) ||
        !realpath(host_path, file)) {
        return;
    }
    size_t n = strlen(root);
    if (n == 1) {
        n = 0;          /* the root is "/" */
    }
    if (strncmp(file, root, n) != 0 || file[n] != '/') {
        return;
    }
    snprintf(out, size, "C:%s", file + n);
    for (char *c = out; *c; c++) {
        if (*c == '/') {
            *c = '\\';
        }
    }
}

/* Loader data, process parameters and environment, in one region. */
static NTSTATUS BuildPebData(KPROCESS *process, const KE_OPTIONS *options, const char *path,
                             const uint32_t handles[4], const KI_CREATE_PARAMETERS *create,
                             uint32_t *ldr_va, uint32_t *params_va, uint32_t *tls_va)
{
    const KI_LOADED_MODULES *modules = KiLoadedModules(process);
    const char *slash = strrchr(path, '/');
    const char *image_name = slash ? slash + 1 : path;
    char *command_line = BuildCommandLine(options, image_name);
    if (!command_line) {
        return STATUS_NO_MEMORY;
    }
    uint32_t tls_bytes = 0;
    for (uint32_t i = 0; i < modules->Count; i++) {
        tls_bytes += (modules->Module[i].TlsSize + 15) & ~15u;
    }
    size_t environment_bytes = 0;
    for (int i = 0; i < options->EnvironmentCount; i++) {
        environment_bytes += 2 * (strlen(options->Environment[i]) + 1);
    }
    uint32_t runtime_bytes = create ? create->RuntimeDataLength : 0;
    KI_ARENA arena = {.Size = 0x10000 + 2 * (uint32_t)strlen(command_line) + modules->Count * 0x400 +
                              tls_bytes + (uint32_t)environment_bytes + runtime_bytes};
    arena.Size = (arena.Size + 0xFFFF) & ~0xFFFFu;
    arena.Host = calloc(1, arena.Size);
    uint32_t base = 0, size = arena.Size;
    NTSTATUS status = arena.Host ? MmAllocateVirtual(process->Mm, &base, 0, &size,
                                                     MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE)
                                 : STATUS_NO_MEMORY;
    if (status != STATUS_SUCCESS) {
        free(arena.Host);
        free(command_line);
        return status;
    }
    arena.Va = base;
    int failed = 0;

    /* PEB_LDR_DATA and one LDR_DATA_TABLE_ENTRY per module. */
    uint32_t ldr = ArenaAlloc(&arena, 0x28);
    Put32(arena.Host, ldr + 0x00, 0x28);
    arena.Host[ldr + 0x04] = 1;
    uint32_t entries[KI_MAX_MODULES], init_order[KI_MAX_MODULES];
    uint32_t dll_count = 0;
    for (uint32_t i = 0; i < modules->Count; i++) {
        const KI_MODULE *m = &modules->Module[i];
        /* 0x54 bytes: through DdagNode (+0x50), NULL — this loader keeps
         * no load graph, and a caller that finds none falls back (Wine's
         * kernel32/tests/module.c reads it on Windows 8 and later). */
        entries[i] = ArenaAlloc(&arena, 0x54);
        uint32_t e = entries[i];
        Put32(arena.Host, e + 0x18, m->Base);
        Put32(arena.Host, e + 0x1C, m->EntryPoint ? m->Base + m->EntryPoint : 0);
        Put32(arena.Host, e + 0x20, m->SizeOfImage);
        char full[600];
        if (m->IsSystem) {
            snprintf(full, sizeof full, "C:\\Windows\\system32\\%s", m->Name);
        } else {
            KiGuestModulePath(options, m->Path, m->Name, full, sizeof full);
        }
        failed |= ArenaUnicode(&arena, e + 0x24, full);
        failed |= ArenaUnicode(&arena, e + 0x2C, m->Name);
        Put32(arena.Host, e + 0x34, m->IsDll ? 0x4 : 0);   /* LDRP_IMAGE_DLL */
        Put16(arena.Host, e + 0x38, 0xFFFF);               /* LoadCount: static */
        Put16(arena.Host, e + 0x3A, m->TlsIndex >= 0 ? (uint16_t)m->TlsIndex : 0xFFFF);
    }
    /* Initialization order: dependencies first (the loader's order). */
    for (uint32_t i = 0; i < modules->Count; i++) {
        uint32_t index = modules->InitOrder[i];
        if (modules->Module[index].IsDll) {
            init_order[dll_count++] = entries[index];
        }
    }
    LinkList(arena.Host, arena.Va, ldr + 0x0C, entries, modules->Count, 0x00);
    LinkList(arena.Host, arena.Va, ldr + 0x14, entries, modules->Count, 0x08);
    LinkList(arena.Host, arena.Va, ldr + 0x1C, init_order, dll_count, 0x10);

    /* RTL_USER_PROCESS_PARAMETERS, normalized (real pointers). */
    uint32_t params = ArenaAlloc(&arena, 0x298);
    Put32(arena.Host, params + 0x00, 0x298);
    Put32(arena.Host, params + 0x04, 0x298);
    Put32(arena.Host, params + 0x08, 1);                   /* PARAMS_ALREADY_NORMALIZED */
    Put32(arena.Host, params + 0x10, handles[3]);           /* ConsoleHandle */
    Put32(arena.Host, params + 0x18, handles[0]);
    Put32(arena.Host, params + 0x1C, handles[1]);
    Put32(arena.Host, params + 0x20, handles[2]);
    if (create) {
        /* STARTUPINFO's dwFlags, and its lpReserved2 bytes as RuntimeData. */
        Put32(arena.Host, params + 0x68, create->WindowFlags);
        uint32_t runtime = runtime_bytes ? ArenaAlloc(&arena, runtime_bytes) : 0;
        failed |= runtime_bytes && !runtime;
        if (runtime) {
            memcpy(arena.Host + runtime, create->RuntimeData, runtime_bytes);
            Put16(arena.Host, params + 0x88, (uint16_t)runtime_bytes);
            Put16(arena.Host, params + 0x8A, (uint16_t)runtime_bytes);
            Put32(arena.Host, params + 0x8C, arena.Va + runtime);
        }
    }
    /* The root, as --root says, or the creator's current directory. */
    failed |= ArenaUnicode(&arena, params + 0x24,
                           options->CurrentDirectory ? options->CurrentDirectory : "C:\\");
    failed |= ArenaUnicode(&arena, params + 0x30, "C:\\ntmm;C:\\Windows\\system32");
    char image_path[600];
    KiGuestModulePath(options, path, image_name, image_path, sizeof image_path);
    failed |= ArenaUnicode(&arena, params + 0x38, image_path);
    failed |= ArenaUnicode(&arena, params + 0x40, command_line);
    /* The environment: UTF-16 NAME=VALUE strings, an empty one ends it. */
    uint32_t env = ArenaAlloc(&arena, (uint32_t)environment_bytes + 4);
    failed |= env == 0;
    if (env) {
        uint32_t at = env;
        for (int i = 0; i < options->EnvironmentCount; i++) {
            at += 2 * (uint32_t)Utf8ToUtf16(options->Environment[i], arena.Host + at);
            Put16(arena.Host, at, 0);
            at += 2;
        }
    }
    Put32(arena.Host, params + 0x48, arena.Va + env);

    /* The first thread's static TLS: an array of pointers, one block each. */
    *tls_va = 0;
    if (modules->TlsCount) {
        uint32_t array = ArenaAlloc(&arena, 4 * modules->TlsCount);
        failed |= array == 0;
        for (uint32_t i = 0; array && i < modules->Count; i++) {
            const KI_MODULE *m = &modules->Module[i];
            if (m->TlsIndex < 0) {
                continue;
            }
            uint32_t block = ArenaAlloc(&arena, m->TlsSize ? m->TlsSize : 4);
            failed |= block == 0;
            if (block) {
                memcpy(arena.Host + block, m->TlsTemplate, m->TlsSize);
                Put32(arena.Host, array + 4 * (uint32_t)m->TlsIndex, arena.Va + block);
            }
        }
        *tls_va = array ? arena.Va + array : 0;
    }
    free(command_line);

    if (failed) {
        status = STATUS_NO_MEMORY;
    } else {
        status = MmWriteProcessMemoryForce(process->Mm, arena.Va, arena.Host, arena.Used);
    }
    free(arena.Host);
    *ldr_va = arena.Va + ldr;
    *params_va = arena.Va + params;
    return status;
}

NTSTATUS KiCreateProcessEnvironment(KPROCESS *process, const KE_OPTIONS *options,
                                    const char *path, const KI_CREATE_PARAMETERS *create,
                                    EMU_REGISTERS *initial, uint32_t entry, char *why,
                                    size_t whylen)
{
    NTSTATUS status;
    uint32_t handles[4];
    uint8_t page[EMU_PAGE_SIZE];

    BuildSharedUserData(process);
    KiUpdateSharedUserData(process);
    status = MmMapSharedUserData(process->Mm);
    if (status == STATUS_SUCCESS) {
        status = MmCreatePrivateRegion(process->Mm, KI_PEB_VA, EMU_PAGE_SIZE, PAGE_READWRITE);
    }
    if (status == STATUS_SUCCESS) {
        status = MmCreatePrivateRegion(process->Mm, KI_TEB_VA, EMU_PAGE_SIZE, PAGE_READWRITE);
    }
    if (status == STATUS_SUCCESS) {
        status = CreateStandardHandles(process, create, handles);
    }
    uint32_t ldr = 0, params = 0, tls = 0;
    if (status == STATUS_SUCCESS) {
        status = BuildPebData(process, options, path, handles, create, &ldr, &params, &tls);
    }

    /* The stack: SizeOfStackReserve reserved, the top page committed, a
     * guard page below it; stack growth moves the guard down. */
    uint32_t asked = KiLoadedModules(process)->StackReserve;
    uint64_t reserve64 = asked < 0x10000 ? KI_DEFAULT_STACK_RESERVE : asked;
    reserve64 = (reserve64 + 0xFFFF) & ~(uint64_t)0xFFFF; /* 64-bit: 0xFFFFFFFF must not wrap */
    uint32_t reserve = reserve64 < 0x80000000u ? (uint32_t)reserve64 : 0x80000000u;
    uint32_t stack = 0, size = reserve;
    if (status == STATUS_SUCCESS) {
        status = reserve64 >= 0x80000000u
                     ? STATUS_NO_MEMORY
                     : MmAllocateVirtual(process->Mm, &stack, 0, &size, MEM_RESERVE,
                                         PAGE_READWRITE);
        if (status != STATUS_SUCCESS) {
            /* An image whose stack cannot be had cannot run: the loader's
             * failure, not ntmm's (KiCreateProcess maps the status). */
            snprintf(why, whylen, "SizeOfStackReserve 0x%x: no room for a stack that size in "
                     "the address space", asked);
            return STATUS_INVALID_IMAGE_FORMAT;
        }
    }
    uint32_t top = stack + reserve;
    if (status == STATUS_SUCCESS) {
        uint32_t commit = top - EMU_PAGE_SIZE, one = EMU_PAGE_SIZE;
        status = MmAllocateVirtual(process->Mm, &commit, 0, &one, MEM_COMMIT, PAGE_READWRITE);
    }
    if (status == STATUS_SUCCESS) {
        uint32_t guard = top - 2 * EMU_PAGE_SIZE, one = EMU_PAGE_SIZE;
        status = MmAllocateVirtual(process->Mm, &guard, 0, &one, MEM_COMMIT,
                                   PAGE_READWRITE | PAGE_GUARD);
    }
    if (status != STATUS_SUCCESS) {
        snprintf(why, whylen, "cannot build the process environment: 0x%08x", (uint32_t)status);
        return status;
    }

    /* PEB */
    memset(page, 0, sizeof page);
    Put32(page, PEB_IMAGE_BASE, process->ImageBase);
    Put32(page, PEB_LDR, ldr);
    Put32(page, PEB_PROCESS_PARAMETERS, params);
    Put32(page, PEB_NUMBER_OF_PROCESSORS, 1);
    Put32(page, PEB_OS_MAJOR, 5);
    Put32(page, PEB_OS_MINOR, 1);
    Put16(page, PEB_OS_BUILD, 2600);
    Put32(page, PEB_OS_PLATFORM, 2);
    status = MmWriteProcessMemoryForce(process->Mm, KI_PEB_VA, page, sizeof page);

    /* TEB */
    memset(page, 0, sizeof page);
    Put32(page, TEB_EXCEPTION_LIST, 0xFFFFFFFFu);
    Put32(page, TEB_STACK_BASE, top);
    Put32(page, TEB_STACK_LIMIT, top - EMU_PAGE_SIZE);
    Put32(page, TEB_SELF, KI_TEB_VA);
    Put32(page, TEB_CLIENT_ID, process->UniqueProcessId);
    Put32(page, TEB_CLIENT_ID + 4, process->UniqueThreadId);
    Put32(page, TEB_PEB, KI_PEB_VA);
    Put32(page, TEB_TLS_POINTER, tls);
    Put32(page, TEB_DEALLOCATION_STACK, stack);
    if (status == STATUS_SUCCESS) {
        status = MmWriteProcessMemoryForce(process->Mm, KI_TEB_VA, page, sizeof page);
    }
    process->PebVa = KI_PEB_VA;
    process->TebVa = KI_TEB_VA;
    KiInitializeExecuteOptions(process);

    /* RtlUserThreadStart(entry, peb), called with no return address. */
    uint32_t frame[3] = {0, entry, KI_PEB_VA};
    uint32_t esp = top - sizeof frame;
    if (status == STATUS_SUCCESS) {
        status = MmWriteProcessMemoryForce(process->Mm, esp, frame, sizeof frame);
    }
    if (status != STATUS_SUCCESS) {
        snprintf(why, whylen, "cannot write the PEB, TEB or stack: 0x%08x", (uint32_t)status);
        return status;
    }
    memset(initial, 0, sizeof *initial);
    initial->Esp = esp;
    initial->Eip = process->RtlUserThreadStart;
    initial->EFlags = 0x202;
    return STATUS_SUCCESS;
}
