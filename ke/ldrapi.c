/*
 * LoadLibrary and FreeLibrary at run time: the host half of ntdll's
 * LdrLoadDll and LdrUnloadDll, reached through two ntmm-private system
 * services. ntdll (user/ntdll/ldrapi.c) calls NtmmLoadDll, which finds
 * the DLL (a path through the sandbox, or a name searched for), maps it and
 * every DLL it needs that is not loaded yet (mm makes the image sections,
 * relocating when the base is taken), binds their imports, gives each static
 * TLS a new index and a block in every thread, links them into the PEB's
 * three loader lists, and hands back their bases in initialization order
 * (dependencies first). ntdll then runs TLS callbacks and DllMain in the
 * calling thread, as NT's loader does; a DllMain that fails makes ntdll
 * unload them again. On NT the whole loader is ntdll's, in user mode; here
 * the part that reads files and walks PE headers stays on the host, where
 * the rest of the image code (rtl/, mm/mapimage.c) is.
 *
 * Reference counts as NT keeps them: LoadLibrary of a loaded module adds
 * one; a DLL brought in by a run-time module's imports counts one per such
 * importer; modules loaded with the process are pinned. NtmmUnloadDll
 * takes one away and, at zero, gives ntdll the modules to tell
 * DLL_PROCESS_DETACH (the module, then the dependencies that are no longer
 * used), then unmaps them when ntdll asks for the second phase.
 */
#include "io/io.h"
#include "ke/iosvc.h"
#include "ke/ldrp.h"
#include "rtl/rtlimage.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* LoadLibraryEx flags (what LdrLoadDll receives in its flags) */
#define DONT_RESOLVE_DLL_REFERENCES 0x00000001u
#define LOAD_LIBRARY_AS_DATAFILE 0x00000002u
#define LOAD_WITH_ALTERED_SEARCH_PATH 0x00000008u
#define LOAD_LIBRARY_AS_IMAGE_RESOURCE 0x00000020u
#define LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE 0x00000040u
/* ntdll's own: GetModuleHandleEx(GET_MODULE_HANDLE_EX_FLAG_PIN) */
#define LDRP_PIN_MODULE 0x80000000u

#define LDRP_MAX_GUEST_FILE (256u << 20)

/* PEB and loader-list offsets (ke/ntx86.h's structures, 32-bit) */
#define LDR_IN_LOAD_ORDER 0x0C
#define LDR_IN_MEMORY_ORDER 0x14
#define LDR_IN_INIT_ORDER 0x1C
#define ENTRY_SIZE 0x54   /* through DdagNode (+0x50): NULL, no load graph (procinit.c) */

/* A file of the guest's C: through the sandbox (io/): its bytes and a
 * descriptor of its own for the image section, or KeNotFound. */
static KE_FAILURE ReadGuestFile(KI_LOADER *l, const char *path, uint8_t **data, size_t *size,
                                int *fd)
{
    /* A DOS path (kernel32 made it full) as the NT name io takes:
     * C:\dir\x.dll → \??\C:\dir\x.dll; \dir\x.dll is on C:. */
    char nt[1200];
    bool drive = path[0] && path[1] == ':';
    snprintf(nt, sizeof nt, "%s%s", drive ? "\\??\\" : "\\??\\C:", path);
    for (char *c = nt; *c; c++) {
        if (*c == '/') {
            *c = '\\';
        }
    }
    IO_CREATE_PARAMETERS create = {
        .Name = nt, .DesiredAccess = FILE_READ_DATA | IO_SYNCHRONIZE,
        .ShareAccess = FILE_SHARE_READ | FILE_SHARE_DELETE, .Disposition = FILE_OPEN,
        .Options = FILE_NON_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT,
    };
    EX_FILE *file;
    uint32_t information;
    NTSTATUS status = IoCreateFile(KiIoVolume(l->Process), &create, &file, &information);
    if (status == STATUS_SHARING_VIOLATION || status == STATUS_ACCESS_DENIED) {
        /* There, but not to be read: Windows' loader says so rather than
         * search on (Wine's kernel32 module.c:373, a DLL opened without
         * sharing). */
        snprintf(l->Why, l->WhyLen, "%s: cannot open it (0x%08x)", path, (uint32_t)status);
        l->Status = status;
        return KeCannotLoad;
    }
    if (status != STATUS_SUCCESS) {
        return KeNotFound;
    }
    ExReferenceObject(&file->Header); /* IoCreateFile leaves it unreferenced, for a handle */
    size_t capacity = 1 << 16, used = 0;
    uint8_t *buffer = malloc(capacity);
    KE_FAILURE failure = buffer ? KeRan : KeInternalError;
    while (failure == KeRan) {
        if (used == capacity) {
            uint8_t *bigger = capacity < LDRP_MAX_GUEST_FILE ? realloc(buffer, capacity * 2) : NULL;
            if (!bigger) {
                snprintf(l->Why, l->WhyLen, "%s: file too large for an image", path);
                failure = KeCannotLoad;
                break;
            }
            buffer = bigger;
            capacity *= 2;
        }
        int64_t offset = (int64_t)used;
        uint32_t done = 0;
        status = IoReadFile(file, buffer + used, (uint32_t)(capacity - used), &offset, 0, &done);
        if (status == STATUS_END_OF_FILE || (status == STATUS_SUCCESS && done == 0)) {
            break;
        }
        if (status != STATUS_SUCCESS) {
            snprintf(l->Why, l->WhyLen, "%s: cannot read the file (0x%08x)", path,
                     (uint32_t)status);
            failure = KeCannotLoad;
        }
        used += done;
    }
    *fd = failure == KeRan ? fcntl(file->Fd, F_DUPFD_CLOEXEC, 0) : -1;
    if (failure == KeRan && *fd < 0) {
        snprintf(l->Why, l->WhyLen, "%s: %s", path, strerror(errno));
        failure = KeCannotLoad;
    }
    if (failure != KeRan) {
        l->Status = failure == KeInternalError ? STATUS_NO_MEMORY : STATUS_INVALID_IMAGE_FORMAT;
    }
    ExDereferenceObject(&file->Header); /* the last reference: the file is closed */
    if (failure != KeRan) {
        free(buffer);
        return failure;
    }
    *data = buffer;
    *size = used;
    return KeRan;
}

/* The last component of a guest path. */
static const char *GuestBaseName(const char *path)
{
    const char *name = path;
    for (const char *p = path; *p; p++) {
        if (*p == '\\' || *p == '/' || *p == ':') {
            name = p + 1;
        }
    }
    return name;
}

static KE_FAILURE LoadGuestPath(KI_LOADER *l, const char *path, unsigned kind, int *index)
{
    uint8_t *file;
    size_t size;
    int fd;
    KE_FAILURE failure = ReadGuestFile(l, path, &file, &size, &fd);
    if (failure != KeRan) {
        return failure;
    }
    return LdrpMapModule(l, path, path, GuestBaseName(path), file, size, fd, kind, index);
}

KE_FAILURE LdrpLoadFromGuestDirectory(KI_LOADER *l, const char *dir, const char *name,
                                      int *index)
{
    if (!dir || !*dir) {
        return KeNotFound;
    }
    char path[1200];
    size_t n = strlen(dir);
    snprintf(path, sizeof path, "%s%s%s", dir,
             dir[n - 1] == '\\' || dir[n - 1] == '/' ? "" : "\\", name);
    unsigned kind = l->RootKind;
    KE_FAILURE failure = LoadGuestPath(l, path, kind, index);
    if (failure != KeNotFound) {
        l->RootKind = 0;
    }
    return failure;
}

static NTSTATUS Write32(KPROCESS *process, uint32_t va, uint32_t value)
{
    return MmWriteProcessMemoryForce(process->Mm, va, &value, 4);
}

static NTSTATUS Read32(KPROCESS *process, uint32_t va, uint32_t *value)
{
    return MmCopyFromUser(process->Mm, value, va, 4);
}

/* Links the entry's links at link_offset to the tail of the list at head. */
static NTSTATUS InsertTail(KPROCESS *process, uint32_t head, uint32_t entry_link)
{
    uint32_t last;
    NTSTATUS status = Read32(process, head + 4, &last);
    if (status == STATUS_SUCCESS) {
        status = Write32(process, entry_link, head);
    }
    if (status == STATUS_SUCCESS) {
        status = Write32(process, entry_link + 4, last);
    }
    if (status == STATUS_SUCCESS) {
        status = Write32(process, last, entry_link);
    }
    if (status == STATUS_SUCCESS) {
        status = Write32(process, head + 4, entry_link);
    }
    return status;
}

static void Unlink(KPROCESS *process, uint32_t link)
{
    uint32_t next, prev;
    if (Read32(process, link, &next) == STATUS_SUCCESS &&
        Read32(process, link + 4, &prev) == STATUS_SUCCESS && next && prev) {
        Write32(process, prev, next);
        Write32(process, next + 4, prev);
    }
}

static uint32_t LoaderData(KPROCESS *process)
{
    uint32_t ldr = 0;
    Read32(process, process->PebVa + PEB_LDR, &ldr);
    return ldr;
}

static void PutUnicode(uint8_t *page, uint32_t va, uint32_t string, uint32_t *at,
                       const char *text)
{
    uint32_t n = 0;
    for (; text[n] && *at + 2 * n + 2 < 0x1000; n++) {
        page[*at + 2 * n] = (uint8_t)text[n];   /* the loader's names are ASCII */
    }
    uint16_t length = (uint16_t)(2 * n), maximum = (uint16_t)(2 * n + 2);
    memcpy(page + string, &length, 2);
    memcpy(page + string + 2, &maximum, 2);
    uint32_t buffer = va + *at;
    memcpy(page + string + 4, &buffer, 4);
    *at += 2 * n + 2;
    *at = (*at + 3) & ~3u;
}

/* The module's LDR_DATA_TABLE_ENTRY (and its names), on a page of its own,
 * in the load-order and memory-order lists. */
static NTSTATUS CreateEntry(KPROCESS *process, KI_MODULE *m)
{
    uint32_t va = 0, size = 0x1000;
    NTSTATUS status = MmAllocateVirtual(process->Mm, &va, 0, &size, MEM_RESERVE | MEM_COMMIT,
                                        PAGE_READWRITE);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint8_t page[0x1000] = {0};
    uint32_t at = ENTRY_SIZE;
    /* A program LoadLibrary loaded is never run: no entry point, not a DLL. */
    uint32_t entry_point =
        m->IsDll && m->EntryPoint && !m->Unresolved ? m->Base + m->EntryPoint : 0;
    memcpy(page + 0x18, &m->Base, 4);
    memcpy(page + 0x1C, &entry_point, 4);
    memcpy(page + 0x20, &m->SizeOfImage, 4);
    PutUnicode(page, va, 0x24, &at, m->GuestPath[0] ? m->GuestPath : m->Name);
    PutUnicode(page, va, 0x2C, &at, m->Name);
    uint32_t flags = m->IsDll ? 0x4 : 0;   /* LDRP_IMAGE_DLL */
    memcpy(page + 0x34, &flags, 4);
    uint16_t count = (uint16_t)m->LoadCount, tls = m->TlsIndex >= 0 ? (uint16_t)m->TlsIndex : 0xFFFF;
    memcpy(page + 0x38, &count, 2);
    memcpy(page + 0x3A, &tls, 2);
    status = MmWriteProcessMemoryForce(process->Mm, va, page, sizeof page);
    uint32_t ldr = LoaderData(process);
    if (status == STATUS_SUCCESS) {
        status = InsertTail(process, ldr + LDR_IN_LOAD_ORDER, va + 0x00);
    }
    if (status == STATUS_SUCCESS) {
        status = InsertTail(process, ldr + LDR_IN_MEMORY_ORDER, va + 0x08);
    }
    m->LdrEntry = va;
    return status;
}

static void UpdateEntryCount(KPROCESS *process, const KI_MODULE *m)
{
    if (m->LdrEntry) {
        uint16_t count = (uint16_t)m->LoadCount;
        MmWriteProcessMemoryForce(process->Mm, m->LdrEntry + 0x38, &count, 2);
    }
}

static void DeleteEntry(KPROCESS *process, KI_MODULE *m)
{
    if (!m->LdrEntry) {
        return;
    }
    uint32_t links;
    /* The init-order links are set once ntdll may call the module. */
    if (Read32(process, m->LdrEntry + 0x10, &links) == STATUS_SUCCESS && links) {
        Unlink(process, m->LdrEntry + 0x10);
    }
    Unlink(process, m->LdrEntry + 0x08);
    Unlink(process, m->LdrEntry + 0x00);
    uint32_t base = m->LdrEntry, size = 0;
    MmFreeVirtual(process->Mm, &base, &size, MEM_RELEASE);
    m->LdrEntry = 0;
}

/*
 * Static TLS of a module loaded at run time, as Windows since Vista gives
 * it: every thread already running gets a new ThreadLocalStoragePointer
 * array one slot longer (the old slots copied) and a block initialized from
 * the template; threads created later get it with the rest (thread.c).
 */
static NTSTATUS AddTlsToThreads(KPROCESS *process, const KI_MODULE *m)
{
    uint32_t slots = process->Modules->TlsCount;
    for (KTHREAD *t = process->Threads; t; t = t->NextInProcess) {
        if (t->Terminated || !t->TebVa) {
            continue;
        }
        uint32_t old_array = 0;
        NTSTATUS status = Read32(process, t->TebVa + TEB_TLS_POINTER, &old_array);
        uint32_t array_bytes = (4 * slots + 15) & ~15u;
        uint32_t bytes = array_bytes + ((m->TlsSize + 15) & ~15u);
        uint8_t *host = calloc(1, bytes ? bytes : 16);
        if (status != STATUS_SUCCESS || !host) {
            free(host);
            return status != STATUS_SUCCESS ? status : STATUS_NO_MEMORY;
        }
        /* Slots other modules hold (an unloaded module's stays NULL). */
        if (old_array) {
            for (uint32_t i = 0; i + 1 < slots; i++) {
                uint32_t value = 0;
                if (Read32(process, old_array + 4 * i, &value) != STATUS_SUCCESS) {
                    break;
                }
                memcpy(host + 4 * i, &value, 4);
            }
        }
        uint32_t va = 0, size = bytes;
        status = MmAllocateVirtual(process->Mm, &va, 0, &size, MEM_RESERVE | MEM_COMMIT,
                                   PAGE_READWRITE);
        if (status == STATUS_SUCCESS) {
            uint32_t block = va + array_bytes;
            memcpy(host + 4 * (uint32_t)m->TlsIndex, &block, 4);
            memcpy(host + array_bytes, m->TlsTemplate, m->TlsSize);
            status = MmWriteProcessMemoryForce(process->Mm, va, host, bytes);
        }
        if (status == STATUS_SUCCESS) {
            status = Write32(process, t->TebVa + TEB_TLS_POINTER, va);
        }
        free(host);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    return STATUS_SUCCESS;
}

/* Unmaps a module and frees its slot. */
static void UnloadModule(KPROCESS *process, uint32_t index)
{
    KI_LOADED_MODULES *mods = process->Modules;
    KI_MODULE *m = &mods->Module[index];
    DeleteEntry(process, m);
    if (m->Base) {
        MmUnmapViewOfSection(process->Mm, m->Base);
    }
    LdrpFreeModule(m);
    memset(m, 0, sizeof *m);
    m->TlsIndex = -1;
    memset(mods->Imports[index], 0, sizeof mods->Imports[index]);
    for (uint32_t i = 0; i < KI_MAX_MODULES; i++) {
        mods->Imports[i][index] = false;
    }
}

static bool IsPath(const char *name)
{
    return strchr(name, '\\') || strchr(name, '/') || strchr(name, ':');
}

/* A module already loaded from this guest path (case-insensitive). */
static int FindByGuestPath(const KI_LOADED_MODULES *mods, const char *path)
{
    for (uint32_t i = 0; i < mods->Count; i++) {
        const KI_MODULE *m = &mods->Module[i];
        if (m->Name[0] && !m->DataFile && strcasecmp(m->GuestPath, path) == 0) {
            return (int)i;
        }
    }
    return -1;
}

typedef struct LDRP_INIT_LIST {
    uint32_t Count;
    uint32_t Base[KI_MAX_MODULES];
} LDRP_INIT_LIST;

/*
 * The load itself. On success *index is the module; init lists the new
 * modules to initialize. On failure every module this load mapped is gone.
 */
static NTSTATUS LoadDll(KI_LOADER *l, const char *name, uint32_t flags, int *index,
                        LDRP_INIT_LIST *init)
{
    KPROCESS *process = l->Process;
    KI_LOADED_MODULES *mods = l->Modules;
    bool datafile = (flags & (LOAD_LIBRARY_AS_DATAFILE | LOAD_LIBRARY_AS_DATAFILE_EXCLUSIVE |
                              LOAD_LIBRARY_AS_IMAGE_RESOURCE)) != 0;
    bool path = IsPath(name);
    char dll[64];
    LdrpNormalizeDllName(GuestBaseName(name), dll, sizeof dll);
    /* A path whose file name has no extension names NAME.dll, as a bare
     * name does (Wine's kernel32 module.c:458-467: C:\Windows\system32\kernel32). */
    char with_extension[600];
    if (path && !strchr(GuestBaseName(name), '.')) {
        snprintf(with_extension, sizeof with_extension, "%s.dll", name);
        name = with_extension;
    }
    init->Count = 0;
    /* Loaded already: one more reference. A data file of a module loaded
     * as an image is that module, as Windows (and Wine) answer. */
    int found = path ? FindByGuestPath(mods, name) : LdrpFindModule(mods, dll);
    if (found >= 0) {
        KI_MODULE *m = &mods->Module[found];
        if (flags & LDRP_PIN_MODULE) {
            m->LoadCount = LDRP_PINNED;   /* until the process ends */
            UpdateEntryCount(process, m);
        } else if (m->LoadCount != LDRP_PINNED) {
            m->LoadCount++;
            UpdateEntryCount(process, m);
        }
        *index = found;
        return STATUS_SUCCESS;
    }
    char directory[600] = "";
    if (path && (flags & LOAD_WITH_ALTERED_SEARCH_PATH)) {
        snprintf(directory, sizeof directory, "%.*s",
                 (int)(GuestBaseName(name) - name), name);
        l->AlteredDirectory = directory;
    }
    unsigned root_kind = datafile ? LDRP_DATAFILE
                  : LDRP_ROOT | (flags & DONT_RESOLVE_DLL_REFERENCES ? LDRP_NO_RESOLVE : 0);
    KE_FAILURE failure;
    if (path) {
        failure = LoadGuestPath(l, name, root_kind, index);
        if (failure == KeNotFound) {
            /* A data file is a file opened: its absence is the file's
             * (ERROR_FILE_NOT_FOUND, module.c:435), a module's the module's. */
            snprintf(l->Why, l->WhyLen, "%s: no such file", name);
            l->Status = datafile ? STATUS_OBJECT_NAME_NOT_FOUND : STATUS_DLL_NOT_FOUND;
        }
    } else {
        l->RootKind = root_kind;
        failure = LdrpLoadDll(l, dll, "LoadLibrary", index);
    }
    if (failure == KeRan && !datafile) {
        KI_MODULE *m = &mods->Module[*index];
        /* A program LoadLibrary loads has its imports left as they are
         * (Wine's kernel32 loader.c:2238). */
        m->Unresolved = (flags & DONT_RESOLVE_DLL_REFERENCES) != 0 || !m->IsDll;
        /* Every new module's imports, then their bindings, as at start. */
        for (uint32_t i = 0; failure == KeRan && i < mods->Count; i++) {
            if (l->New[i] && !mods->Module[i].Unresolved) {
                failure = LdrpWalkImports(l, i, false);
            }
        }
        for (uint32_t i = 0; failure == KeRan && i < mods->Count; i++) {
            if (l->New[i] && !mods->Module[i].Unresolved) {
                failure = LdrpWalkImports(l, i, true);
            }
        }
    }
    if (failure != KeRan) {
        for (uint32_t i = 0; i < mods->Count; i++) {
            if (l->New[i]) {
                UnloadModule(process, i);
            }
        }
        return l->Status != STATUS_SUCCESS ? l->Status : STATUS_DLL_NOT_FOUND;
    }
    for (uint32_t i = 0; i < mods->Count; i++) {
        free(mods->Module[i].File);
        mods->Module[i].File = NULL;
    }
    KI_MODULE *root = &mods->Module[*index];
    root->LoadCount = 1;
    if (datafile) {
        return STATUS_SUCCESS;
    }
    /* Each new module counts once in every DLL it imports. */
    for (uint32_t i = 0; i < mods->Count; i++) {
        for (uint32_t j = 0; l->New[i] && j < mods->Count; j++) {
            if (i != j && mods->Imports[i][j] && mods->Module[j].LoadCount != LDRP_PINNED) {
                mods->Module[j].LoadCount++;
            }
        }
    }
    bool visited[KI_MAX_MODULES] = {false};
    uint32_t order[KI_MAX_MODULES], count = 0;
    LdrpOrderInitialization(mods, (uint32_t)*index, visited, l->New, order, &count);
    NTSTATUS status = STATUS_SUCCESS;
    uint32_t ldr = LoaderData(process);
    for (uint32_t k = 0; k < count && status == STATUS_SUCCESS; k++) {
        KI_MODULE *m = &mods->Module[order[k]];
        status = CreateEntry(process, m);
        if (status == STATUS_SUCCESS && m->IsDll) {
            status = InsertTail(process, ldr + LDR_IN_INIT_ORDER, m->LdrEntry + 0x10);
        }
        if (status == STATUS_SUCCESS && m->TlsIndex >= 0) {
            status = AddTlsToThreads(process, m);
        }
        if (m->IsDll) {
            init->Base[init->Count++] = m->Base;
        }
    }
    if (status != STATUS_SUCCESS) {
        for (uint32_t i = 0; i < mods->Count; i++) {
            if (l->New[i]) {
                UnloadModule(process, i);
            }
        }
        init->Count = 0;
    }
    return status;
}

/* NtmmLoadDll(Name, Flags, SearchPath, *BaseAddress, *InitList):
 * ntmm-private, called by ntdll's LdrLoadDll only. Name and SearchPath
 * are UNICODE_STRINGs (SearchPath: ';'-separated guest directories, or
 * NULL); InitList receives the new modules' bases in initialization order. */
NTSTATUS KiNtmmLoadDll(KPROCESS *process, const uint32_t *a)
{
    char *name = NULL, *search = NULL;
    NTSTATUS status = KiCaptureFileName(process, a[0], &name);
    if (status == STATUS_SUCCESS && a[2]) {
        status = KiCaptureFileName(process, a[2], &search);
    }
    LDRP_INIT_LIST *init = calloc(1, sizeof *init);
    KI_LOADER *l = calloc(1, sizeof *l);
    char why[600] = "";
    if (status == STATUS_SUCCESS && (!init || !l)) {
        status = STATUS_NO_MEMORY;
    }
    if (status == STATUS_SUCCESS && !process->Modules) {
        status = STATUS_DLL_NOT_FOUND;
    }
    if (status == STATUS_SUCCESS && (!name[0] || strlen(name) >= 500)) {
        status = name[0] ? STATUS_NAME_TOO_LONG : STATUS_INVALID_PARAMETER;
    }
    int index = -1;
    if (status == STATUS_SUCCESS) {
        l->Process = process;
        l->Options = &process->Options;
        l->Modules = process->Modules;
        l->Runtime = true;
        l->SearchPath = search;
        l->Why = why;
        l->WhyLen = sizeof why;
        status = LoadDll(l, name, a[1], &index, init);
        if (status != STATUS_SUCCESS && process->TraceExceptions) {
            fprintf(stderr, "ntmm: LoadLibrary(%s): %s\n", name, why);
        }
    }
    if (status == STATUS_SUCCESS) {
        const KI_MODULE *m = &process->Modules->Module[index];
        uint32_t handle = m->Base | (m->DataFile ? 1u : 0u);
        status = MmCopyToUser(process->Mm, a[3], &handle, 4);
        if (status == STATUS_SUCCESS) {
            status = MmCopyToUser(process->Mm, a[4], init, 4 + 4 * init->Count);
        }
    }
    free(name);
    free(search);
    free(init);
    free(l);
    return status;
}

/* NtmmUnloadDll(BaseAddress, Phase, *List): ntmm-private. Phase 0 takes
 * one reference away and lists the modules that reached zero (to hear
 * DLL_PROCESS_DETACH, the module first); phase 1 unmaps them. */
NTSTATUS KiNtmmUnloadDll(KPROCESS *process, const uint32_t *a)
{
    KI_LOADED_MODULES *mods = process->Modules;
    uint32_t base = a[0] & ~3u;
    bool datafile = (a[0] & 3u) != 0;
    if (!mods) {
        return STATUS_DLL_NOT_FOUND;
    }
    if (a[1] == 1) {
        for (uint32_t i = 0; i < mods->Count; i++) {
            KI_MODULE *m = &mods->Module[i];
            if (m->Name[0] && m->LoadCount == 0) {
                UnloadModule(process, i);
            }
        }
        return STATUS_SUCCESS;
    }
    int index = -1;
    for (uint32_t i = 0; i < mods->Count; i++) {
        const KI_MODULE *m = &mods->Module[i];
        if (m->Name[0] && m->Base == base && m->DataFile == datafile) {
            index = (int)i;
        }
    }
    if (index < 0) {
        return STATUS_DLL_NOT_FOUND;
    }
    LDRP_INIT_LIST list = {0};
    KI_MODULE *root = &mods->Module[index];
    if (root->LoadCount != LDRP_PINNED && root->LoadCount > 0 && --root->LoadCount == 0) {
        if (root->DataFile) {
            UnloadModule(process, (uint32_t)index);
        } else {
            /* The module, then what only it kept loaded, breadth first. */
            uint32_t queue[KI_MAX_MODULES], head = 0, tail = 0;
            queue[tail++] = (uint32_t)index;
            while (head < tail) {
                uint32_t i = queue[head++];
                list.Base[list.Count++] = mods->Module[i].Base;
                for (uint32_t j = 0; j < mods->Count; j++) {
                    KI_MODULE *d = &mods->Module[j];
                    if (j != i && mods->Imports[i][j] && d->Name[0] &&
                        d->LoadCount != LDRP_PINNED && d->LoadCount > 0 && --d->LoadCount == 0 &&
                        tail < KI_MAX_MODULES) {
                        queue[tail++] = j;
                    } else if (j != i && mods->Imports[i][j]) {
                        UpdateEntryCount(process, d);
                    }
                }
            }
        }
    } else {
        UpdateEntryCount(process, root);
    }
    return MmCopyToUser(process->Mm, a[2], &list, 4 + 4 * list.Count);
}
