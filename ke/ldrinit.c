/*
 * The loader's host half (NT's ntdll Ldr code, here run on the host): the
 * EXE, ntdll.dll (always, as on NT) and every DLL they import, transitively,
 * at process start (LdrpInitializeProcess); ldrapi.c loads more at run time.
 * For each image the loader reads the file and asks mm for its image
 * section (mm validates, lays out and, when the preferred base is taken,
 * relocates: mm/mapimage.c); then it binds the imports in the process's
 * view by name or ordinal (DLL names compare case-insensitively, forwarders
 * are followed: LdrpSnapIAT), gives static TLS its index, and orders
 * initialization. Anything wrong is one clear line for exit 126.
 *
 * ntdll.dll and kernel32.dll always come from the system directory (NT's
 * KnownDLLs); other DLLs from the EXE's directory first, then the system
 * directory (then, at run time, the current directory and PATH: ldrapi.c).
 */
#include "ke/ki.h"
#include "ke/ldr.h"
#include "ke/ldrp.h"
#include "rtl/rtlimage.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define KI_MAX_IMAGE_FILE (256u << 20)

const KI_LOADED_MODULES *KiLoadedModules(KPROCESS *process)
{
    return process->Modules;
}

static bool IsKnownDll(const char *name)
{
    return strcasecmp(name, "ntdll.dll") == 0 || strcasecmp(name, "kernel32.dll") == 0;
}

/* "KERNEL32" → "KERNEL32.dll": the loader's rule for names without an extension. */
void LdrpNormalizeDllName(const char *in, char *out, size_t outlen)
{
    size_t n = strlen(in);
    if (n + 5 > outlen) {
        n = outlen - 5;
    }
    memcpy(out, in, n);
    strcpy(out + n, memchr(in, '.', n) ? "" : ".dll");
}

/* Finds name in dir ignoring case, as Windows' file system would. */
static bool FindFileNoCase(const char *dir, const char *name, char *path, size_t pathlen)
{
    DIR *d = opendir(dir);
    if (!d) {
        return false;
    }
    struct dirent *e;
    bool found = false;
    while ((e = readdir(d)) != NULL) {
        if (strcasecmp(e->d_name, name) == 0) {
            snprintf(path, pathlen, "%s/%s", dir, e->d_name);
            found = true;
            break;
        }
    }
    closedir(d);
    return found;
}

/* The file's bytes for the loader's walks, and a descriptor of its own for
 * the image section mm reads the pages from. */
static KE_FAILURE ReadImageFile(KI_LOADER *l, const char *path, uint8_t **data, size_t *size,
                                int *fd)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(l->Why, l->WhyLen, "%s: %s", path, strerror(errno));
        l->Status = STATUS_DLL_NOT_FOUND;
        return errno == ENOENT ? KeNotFound : KeCannotLoad;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        snprintf(l->Why, l->WhyLen, "%s: not a regular file", path);
        l->Status = STATUS_INVALID_IMAGE_FORMAT;
        return KeCannotLoad;
    }
    if ((uint64_t)st.st_size > KI_MAX_IMAGE_FILE) {
        fclose(f);
        snprintf(l->Why, l->WhyLen, "%s: file too large for an image (%lld bytes)", path,
                 (long long)st.st_size);
        l->Status = STATUS_INVALID_IMAGE_FORMAT;
        return KeCannotLoad;
    }
    *size = (size_t)st.st_size;
    *data = malloc(*size ? *size : 1);
    *fd = *data ? fcntl(fileno(f), F_DUPFD_CLOEXEC, 0) : -1;
    if (!*data || *fd < 0 || fread(*data, 1, *size, f) != *size) {
        fclose(f);
        free(*data);
        if (*fd >= 0) {
            close(*fd);
        }
        snprintf(l->Why, l->WhyLen, "%s: cannot read the file", path);
        l->Status = STATUS_NO_MEMORY;
        return KeCannotLoad;
    }
    fclose(f);
    return KeRan;
}

int LdrpFindModule(const KI_LOADED_MODULES *mods, const char *name)
{
    char normalized[64];
    LdrpNormalizeDllName(name, normalized, sizeof normalized);
    for (uint32_t i = 0; i < mods->Count; i++) {
        const KI_MODULE *m = &mods->Module[i];
        if (m->Name[0] && !m->DataFile && strcasecmp(m->Name, normalized) == 0) {
            return (int)i;
        }
    }
    return -1;
}

/*
 * Static TLS, as the NT loader sets it up: the image gets the next TLS
 * index (written to its AddressOfIndex, in the view), and its raw data plus
 * zero fill becomes the template of every thread's block. The callbacks are
 * run by ntdll before the image's entry point.
 */
static KE_FAILURE PrepareStaticTls(KI_LOADER *l, KI_MODULE *m)
{
    m->TlsIndex = -1;
    if (!RtlImageHasTls(m->Info)) {
        return KeRan;
    }
    IMAGE_TLS_DIRECTORY32 tls;
    uint32_t callbacks = 0;
    l->Status = STATUS_INVALID_IMAGE_FORMAT;
    if (RtlImageTlsDirectory(m->Image, m->SizeOfImage, m->Info, m->Base, &tls, &callbacks) !=
        STATUS_SUCCESS) {
        snprintf(l->Why, l->WhyLen, "%s: malformed TLS directory", m->Name);
        return KeCannotLoad;
    }
    uint64_t start = (uint64_t)tls.StartAddressOfRawData - m->Base;
    uint64_t end = (uint64_t)tls.EndAddressOfRawData - m->Base;
    uint64_t index_rva = (uint64_t)tls.AddressOfIndex - m->Base;
    if (tls.StartAddressOfRawData < m->Base || end < start || end > m->SizeOfImage ||
        tls.AddressOfIndex < m->Base || index_rva + 4 > m->SizeOfImage ||
        tls.SizeOfZeroFill > (16u << 20) || end - start > (16u << 20)) {
        snprintf(l->Why, l->WhyLen, "%s: TLS directory points outside the image", m->Name);
        return KeCannotLoad;
    }
    /* Every thread's TLS blocks live in its first region: all modules'
     * together are held to 16 MiB, so no sum of them can wrap. */
    uint64_t total = (end - start) + tls.SizeOfZeroFill;
    for (uint32_t i = 0; i < l->Modules->Count; i++) {
        total += l->Modules->Module[i].TlsSize;
    }
    if (total > (16u << 20)) {
        snprintf(l->Why, l->WhyLen, "%s: static TLS of 0x%llx bytes (all modules) is more than "
                 "16 MiB", m->Name, (unsigned long long)total);
        return KeCannotLoad;
    }
    m->TlsSize = (uint32_t)(end - start) + tls.SizeOfZeroFill;
    m->TlsTemplate = calloc(1, m->TlsSize ? m->TlsSize : 1);
    if (!m->TlsTemplate) {
        snprintf(l->Why, l->WhyLen, "%s: out of host memory", m->Name);
        l->Status = STATUS_NO_MEMORY;
        return KeInternalError;
    }
    memcpy(m->TlsTemplate, m->Image + start, (size_t)(end - start));
    m->TlsIndex = (int32_t)l->Modules->TlsCount++;
    uint32_t index = (uint32_t)m->TlsIndex;
    memcpy(m->Image + index_rva, &index, sizeof index);
    if (MmWriteProcessMemoryForce(l->Process->Mm, m->Base + (uint32_t)index_rva, &index,
                                  sizeof index) != STATUS_SUCCESS) {
        snprintf(l->Why, l->WhyLen, "%s: cannot write its TLS index", m->Name);
        return KeCannotLoad;
    }
    l->Status = STATUS_SUCCESS;
    return KeRan;
}

/* A free slot for one more module, or -1. */
static int AllocateSlot(KI_LOADER *l)
{
    KI_LOADED_MODULES *mods = l->Modules;
    for (uint32_t i = 0; i < mods->Count; i++) {
        if (!mods->Module[i].Name[0]) {
            return (int)i;
        }
    }
    return mods->Count < KI_MAX_MODULES ? (int)mods->Count : -1;
}

/*
 * One image from its file (the bytes and the descriptor taken over: freed
 * and closed here): mm makes or finds its image section, which reads the
 * pages from the file, and maps a view (relocated if the preferred base is
 * taken); the loader keeps a host copy of the view's layout for its walks.
 * Returns the module's slot.
 */
KE_FAILURE LdrpMapModule(KI_LOADER *l, const char *path, const char *guest_path, const char *name,
                         uint8_t *file, size_t file_size, int fd, unsigned kind, int *index)
{
    KI_LOADED_MODULES *mods = l->Modules;
    if (file_size == 0 && (kind & LDRP_DATAFILE)) {
        /* An empty file maps as nothing: ERROR_FILE_INVALID (Wine's kernel32
         * module.c:393). */
        free(file);
        close(fd);
        snprintf(l->Why, l->WhyLen, "%s: the file is empty", name);
        l->Status = STATUS_MAPPED_FILE_SIZE_ZERO;
        return KeCannotLoad;
    }
    int slot = AllocateSlot(l);
    if (slot < 0) {
        free(file);
        close(fd);
        snprintf(l->Why, l->WhyLen, "%s: more than %u modules", name, KI_MAX_MODULES);
        l->Status = STATUS_NO_MEMORY;
        return KeCannotLoad;
    }
    KI_MODULE *m = &mods->Module[slot];
    memset(m, 0, sizeof *m);
    m->TlsIndex = -1;
    m->File = file;
    m->FileSize = file_size;
    m->IsSystem = (kind & LDRP_SYSTEM) != 0;
    m->DataFile = (kind & LDRP_DATAFILE) != 0;
    m->LoadCount = l->Runtime ? 0 : LDRP_PINNED;
    snprintf(m->Path, sizeof m->Path, "%s", path);
    snprintf(m->GuestPath, sizeof m->GuestPath, "%s", guest_path ? guest_path : "");
    char why[300];
    MMSECTION *section = NULL;
    NTSTATUS status = KiCreateImageSection(l->Process->System, fd, path, &section, why,
                                           sizeof why);
    if (status != STATUS_SUCCESS) {
        snprintf(l->Why, l->WhyLen, "%s: %s", name, why);
        l->Status = status == STATUS_INVALID_IMAGE_NOT_MZ ? STATUS_INVALID_IMAGE_NOT_MZ
                  : status == STATUS_NO_MEMORY            ? STATUS_NO_MEMORY
                  : status == STATUS_COMMITMENT_LIMIT     ? STATUS_COMMITMENT_LIMIT
                                                          : STATUS_INVALID_IMAGE_FORMAT;
        LdrpFreeModule(m);
        return KeCannotLoad;
    }
    MM_IMAGE_INFORMATION image;
    MmQueryImageSection(section, &image);
    bool is_dll = (image.Characteristics & IMAGE_FILE_DLL) != 0;
    if (!m->DataFile && (kind & LDRP_EXE) && is_dll) {
        snprintf(l->Why, l->WhyLen, "%s: is a DLL, not a program", name);
        status = STATUS_INVALID_IMAGE_FORMAT;
    } else if (!m->DataFile && !(kind & (LDRP_EXE | LDRP_ROOT)) && !is_dll) {
        /* LoadLibrary may load a program (its entry point is not called);
         * an import may not name one. */
        snprintf(l->Why, l->WhyLen, "%s: imported as a DLL but is a program", name);
        status = STATUS_INVALID_IMAGE_FORMAT;
    }
    /* The loader's own reading of the image, for its walks. */
    IMAGE_INFO *info = calloc(1, sizeof *info);
    if (status == STATUS_SUCCESS &&
        (!info || RtlImageParse(m->File, m->FileSize, info, why, sizeof why) != 0)) {
        snprintf(l->Why, l->WhyLen, "%s: out of host memory", name);
        status = STATUS_NO_MEMORY;
    }
    uint32_t base = 0, layout_base = 0;
    if (status == STATUS_SUCCESS) {
        status = MmMapImageSection(l->Process->Mm, section, &base, why, sizeof why);
        layout_base = base;
        if (status == STATUS_IMAGE_NOT_AT_BASE && !RtlImageCanRelocate(info)) {
            /* mm mapped it elsewhere as it is. A data file, or a program
             * LoadLibrary loads (never run), may stay there; a DLL, or the
             * process's own program, fails with STATUS_CONFLICTING_ADDRESSES,
             * ERROR_INVALID_ADDRESS to LoadLibrary (Wine's kernel32
             * loader.c:1729 and :1734). */
            layout_base = info->ImageBase;
            if (!m->DataFile && (is_dll || !(kind & LDRP_ROOT))) {
                MmUnmapViewOfSection(l->Process->Mm, base);
                snprintf(l->Why, l->WhyLen, "%s: its base 0x%08x is taken and it has no "
                         "relocations", name, info->ImageBase);
                status = STATUS_CONFLICTING_ADDRESSES;
            }
        }
        if (status == STATUS_IMAGE_NOT_AT_BASE) {
            status = STATUS_SUCCESS;
        } else if (status != STATUS_SUCCESS && status != STATUS_CONFLICTING_ADDRESSES) {
            snprintf(l->Why, l->WhyLen, "%s: %s", name, why);
        }
    }
    if (status != STATUS_SUCCESS) {
        free(info);
        ExDereferenceObject(MmSectionObject(section));
        l->Status = status == STATUS_NO_MEMORY || status == STATUS_CONFLICTING_ADDRESSES
                        ? status : STATUS_INVALID_IMAGE_FORMAT;
        LdrpFreeModule(m);
        return status == STATUS_NO_MEMORY ? KeInternalError : KeCannotLoad;
    }
    /* From here the slot is taken: a failure leaves it for the caller to undo. */
    snprintf(m->Name, sizeof m->Name, "%s", name);
    if ((uint32_t)slot == mods->Count) {
        mods->Count++;
    }
    memset(mods->Imports[slot], 0, sizeof mods->Imports[slot]);
    for (uint32_t i = 0; i < KI_MAX_MODULES; i++) {
        mods->Imports[i][slot] = false;
    }
    l->New[slot] = true;
    m->Section = section;
    m->Base = base;
    m->IsDll = is_dll;
    m->SizeOfImage = image.SizeOfImage;
    m->EntryPoint = image.EntryPoint;
    *index = slot;
    /* The loader's own copy of the view: the same layout mm made. */
    m->Info = info;
    m->Image = calloc(1, m->SizeOfImage);
    if (!m->Image || RtlImageLayOut(info, layout_base, m->Image, why, sizeof why) != 0) {
        snprintf(l->Why, l->WhyLen, "%s: out of host memory", name);
        l->Status = STATUS_NO_MEMORY;
        return KeInternalError;
    }
    if ((kind & LDRP_EXE) && !m->DataFile) {
        mods->StackReserve = image.StackReserve;
    }
    /* Neither a program LoadLibrary loads nor a module loaded with
     * DONT_RESOLVE_DLL_REFERENCES gets a TLS slot (Wine's kernel32
     * loader.c:2228 and :2245). */
    if (m->DataFile || (kind & LDRP_NO_RESOLVE) || (!is_dll && !(kind & LDRP_EXE))) {
        return KeRan;
    }
    return PrepareStaticTls(l, m);
}

/* Loads a DLL by the name an import table gives, if not loaded yet: the
 * directory of a DLL loaded with LOAD_WITH_ALTERED_SEARCH_PATH, the EXE's
 * directory, the system directory, then (at run time) the search path's
 * guest directories (ldrapi.c). */
KE_FAILURE LdrpLoadDll(KI_LOADER *l, const char *import_name, const char *importer, int *index)
{
    char name[64];
    LdrpNormalizeDllName(import_name, name, sizeof name);
    *index = LdrpFindModule(l->Modules, name);
    if (*index >= 0) {
        return KeRan;
    }
    char path[1100];
    bool known = IsKnownDll(name);
    if (!known && l->Runtime) {
        KE_FAILURE found = LdrpLoadFromGuestDirectory(l, l->AlteredDirectory, name, index);
        if (found != KeNotFound) {
            return found;
        }
    }
    unsigned kind = l->RootKind;
    if (!known && FindFileNoCase(l->Modules->ExeDirectory, name, path, sizeof path)) {
        l->RootKind = 0;
        return LdrpLoadHostFile(l, path, false, kind, index);
    }
    if (FindFileNoCase(l->Options->SystemDirectory, name, path, sizeof path)) {
        l->RootKind = 0;
        return LdrpLoadHostFile(l, path, true, kind, index);
    }
    if (!known && l->Runtime && l->SearchPath) {
        const char *p = l->SearchPath;
        while (*p) {
            const char *end = strchr(p, ';');
            size_t n = end ? (size_t)(end - p) : strlen(p);
            char dir[600];
            if (n && n < sizeof dir) {
                memcpy(dir, p, n);
                dir[n] = 0;
                KE_FAILURE found = LdrpLoadFromGuestDirectory(l, dir, name, index);
                if (found != KeNotFound) {
                    return found;
                }
            }
            p += n + (end ? 1 : 0);
        }
    }
    snprintf(l->Why, l->WhyLen, "missing DLL %s (imported by %s)", name, importer);
    l->Status = STATUS_DLL_NOT_FOUND;
    return KeCannotLoad;
}

/* A DLL from a host directory (the EXE's or the system directory). */
KE_FAILURE LdrpLoadHostFile(KI_LOADER *l, const char *path, bool system, unsigned kind, int *index)
{
    uint8_t *file;
    size_t size;
    int fd;
    KE_FAILURE failure = ReadImageFile(l, path, &file, &size, &fd);
    if (failure != KeRan) {
        return failure;
    }
    /* The file's own spelling of the name, as Windows shows it. */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char guest[600];
    if (system) {
        snprintf(guest, sizeof guest, "C:\\Windows\\system32\\%s", base);
    } else {
        KiGuestModulePath(l->Options, path, base, guest, sizeof guest);
    }
    return LdrpMapModule(l, path, guest, base, file, size, fd, kind | (system ? LDRP_SYSTEM : 0),
                         index);
}

typedef struct KI_IMPORT_PASS {
    KI_LOADER *Loader;
    uint32_t Importer;
    bool Bind;
    KE_FAILURE Failure;
    /* Missing imports are all counted, the first few named, so a refused
     * program's message lists them rather than the first alone. */
    uint32_t Missing;
    char MissingText[512];
} KI_IMPORT_PASS;

#define KI_MISSING_NAMED 5

/* The address of an export, following forwarders ("DLL.Name", "DLL.#7"),
 * as LdrpSnapThunk does. */
static KE_FAILURE ResolveExport(KI_LOADER *l, int target, const char *name, uint16_t ordinal,
                                const char *importer, uint32_t *address)
{
    char fname[256];
    for (int depth = 0; depth < 8; depth++) {
        KI_MODULE *m = &l->Modules->Module[target];
        uint32_t rva = 0;
        const char *forwarder = NULL;
        NTSTATUS status = RtlLookupExport(m->Image, m->SizeOfImage, m->Info, name, ordinal, &rva,
                                          &forwarder);
        if (status != STATUS_SUCCESS) {
            if (name) {
                snprintf(l->Why, l->WhyLen, "missing import %s!%s (imported by %s)", m->Name,
                         name, importer);
            } else {
                snprintf(l->Why, l->WhyLen, "missing import %s!#%u (imported by %s)", m->Name,
                         ordinal, importer);
            }
            l->Status = status == STATUS_INVALID_IMAGE_FORMAT ? status
                      : name                                  ? STATUS_ENTRYPOINT_NOT_FOUND
                                                              : STATUS_ORDINAL_NOT_FOUND;
            return KeCannotLoad;
        }
        if (!forwarder) {
            *address = m->Base + rva;
            return KeRan;
        }
        const char *dot = strrchr(forwarder, '.');
        if (!dot || dot == forwarder || (size_t)(dot - forwarder) >= 60) {
            snprintf(l->Why, l->WhyLen, "%s: malformed forwarder \"%s\"", m->Name, forwarder);
            l->Status = STATUS_INVALID_IMAGE_FORMAT;
            return KeCannotLoad;
        }
        char dll[64];
        snprintf(dll, sizeof dll, "%.*s", (int)(dot - forwarder), forwarder);
        int from = target;
        KE_FAILURE failure = LdrpLoadDll(l, dll, m->Name, &target);
        if (failure != KeRan) {
            return failure;
        }
        l->Modules->Imports[from][target] = true;
        if (dot[1] == '#') {
            name = NULL;
            ordinal = (uint16_t)strtoul(dot + 2, NULL, 10);
        } else {
            snprintf(fname, sizeof fname, "%s", dot + 1);
            name = fname;
        }
    }
    snprintf(l->Why, l->WhyLen, "forwarder chain too long (imported by %s)", importer);
    l->Status = STATUS_INVALID_IMAGE_FORMAT;
    return KeCannotLoad;
}

static int OnImport(void *context, const char *dll, const char *name, uint16_t ordinal,
                    uint32_t iat_rva)
{
    KI_IMPORT_PASS *pass = context;
    KI_LOADER *l = pass->Loader;
    const char *importer = l->Modules->Module[pass->Importer].Name;
    int target;
    pass->Failure = LdrpLoadDll(l, dll, importer, &target);
    if (pass->Failure != KeRan) {
        return -1;
    }
    l->Modules->Imports[pass->Importer][target] = true;
    if (!pass->Bind) {
        return 0;
    }
    uint32_t address;
    pass->Failure = ResolveExport(l, target, name, ordinal, importer, &address);
    if (pass->Failure == KeCannotLoad && strncmp(l->Why, "missing import ", 15) == 0) {
        /* "missing import DLL!NAME (imported by X)": keep "DLL!NAME" and go on. */
        if (pass->Missing < KI_MISSING_NAMED) {
            size_t used = strlen(pass->MissingText);
            const char *what = l->Why + 15;
            const char *end = strstr(what, " (imported by ");
            int length = end ? (int)(end - what) : (int)strlen(what);
            snprintf(pass->MissingText + used, sizeof pass->MissingText - used, "%s%.*s",
                     used ? ", " : "", length, what);
        }
        pass->Missing++;
        pass->Failure = KeRan;
        return 0;
    }
    if (pass->Failure != KeRan) {
        return -1;
    }
    /* The IAT slot, in the loader's copy and in the process's view (a
     * copy-on-write page becomes the process's own). */
    KI_MODULE *m = &l->Modules->Module[pass->Importer];
    memcpy(m->Image + iat_rva, &address, sizeof address);
    if (MmWriteProcessMemoryForce(l->Process->Mm, m->Base + iat_rva, &address, sizeof address) !=
        STATUS_SUCCESS) {
        snprintf(l->Why, l->WhyLen, "%s: cannot write its import address table", m->Name);
        l->Status = STATUS_NO_MEMORY;
        pass->Failure = KeCannotLoad;
        return -1;
    }
    return 0;
}

KE_FAILURE LdrpWalkImports(KI_LOADER *l, uint32_t index, bool bind)
{
    KI_MODULE *m = &l->Modules->Module[index];
    KI_IMPORT_PASS pass = {l, index, bind, KeRan, 0, ""};
    char why[200];
    if (RtlForEachImport(m->Image, m->SizeOfImage, m->Info, OnImport, &pass, why, sizeof why) !=
        0) {
        if (pass.Failure == KeRan) {
            snprintf(l->Why, l->WhyLen, "%s: %s", m->Name, why);
            l->Status = STATUS_INVALID_IMAGE_FORMAT;
            pass.Failure = KeCannotLoad;
        }
    }
    if (pass.Failure == KeRan && pass.Missing) {
        if (pass.Missing > KI_MISSING_NAMED) {
            snprintf(l->Why, l->WhyLen, "missing import %s and %u more (imported by %s; ntmm check lists them all)",
                     pass.MissingText, pass.Missing - KI_MISSING_NAMED, m->Name);
        } else {
            snprintf(l->Why, l->WhyLen, "missing import%s %s (imported by %s)", pass.Missing > 1 ? "s" : "",
                     pass.MissingText, m->Name);
        }
        pass.Failure = KeCannotLoad;
    }
    return pass.Failure;
}

/* Dependencies first, from index, over the modules `only` allows (NULL: all). */
void LdrpOrderInitialization(KI_LOADED_MODULES *mods, uint32_t index, bool *visited,
                             const bool *only, uint32_t *order, uint32_t *count)
{
    visited[index] = true;
    for (uint32_t j = 0; j < mods->Count; j++) {
        if (mods->Imports[index][j] && !visited[j] && (!only || only[j])) {
            LdrpOrderInitialization(mods, j, visited, only, order, count);
        }
    }
    order[(*count)++] = index;
}

void LdrpFreeModule(KI_MODULE *m)
{
    free(m->Image);
    free(m->Info);
    free(m->File);
    free(m->TlsTemplate);
    m->Image = NULL;
    m->Info = NULL;
    m->File = NULL;
    m->TlsTemplate = NULL;
    if (m->Section) {
        ExDereferenceObject(MmSectionObject(m->Section));
        m->Section = NULL;
    }
    m->Name[0] = 0;
    m->TlsIndex = -1;
}

KE_FAILURE KiLoadProgram(KPROCESS *process, const KE_OPTIONS *options, const char *path,
                         uint32_t *entry, char *why, size_t whylen)
{
    KI_LOADER *l = calloc(1, sizeof *l);
    if (!l) {
        snprintf(why, whylen, "out of host memory");
        return KeInternalError;
    }
    if (!process->Modules) {
        process->Modules = calloc(1, sizeof *process->Modules);
        if (!process->Modules) {
            free(l);
            snprintf(why, whylen, "out of host memory");
            return KeInternalError;
        }
    }
    KI_LOADED_MODULES *mods = process->Modules;
    l->Process = process;
    l->Options = options;
    l->Modules = mods;
    l->Why = why;
    l->WhyLen = whylen;
    snprintf(mods->ExeDirectory, sizeof mods->ExeDirectory, "%s", path);
    char *slash = strrchr(mods->ExeDirectory, '/');
    if (slash) {
        *slash = 0;
    } else {
        snprintf(mods->ExeDirectory, sizeof mods->ExeDirectory, ".");
    }
    const char *exe_name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

    int exe = -1, ntdll;
    uint8_t *file;
    size_t size;
    int fd;
    KE_FAILURE failure = ReadImageFile(l, path, &file, &size, &fd);
    if (failure == KeRan) {
        failure = LdrpMapModule(l, path, NULL, exe_name, file, size, fd, LDRP_EXE, &exe);
    }
    if (failure == KeRan) {
        failure = LdrpLoadDll(l, "ntdll.dll", exe_name, &ntdll);
    }
    /* Every module's imports, including those of DLLs loaded on the way. */
    for (uint32_t i = 0; failure == KeRan && i < mods->Count; i++) {
        failure = LdrpWalkImports(l, i, false);
    }
    for (uint32_t i = 0; failure == KeRan && i < mods->Count; i++) {
        failure = LdrpWalkImports(l, i, true);
    }
    if (failure == KeRan) {
        KI_MODULE *nt = &mods->Module[ntdll];
        const char *fwd;
        uint32_t rva1 = 0, rva2 = 0;
        if (RtlLookupExport(nt->Image, nt->SizeOfImage, nt->Info, "KiUserExceptionDispatcher", 0,
                            &rva1, &fwd) != 0 ||
            RtlLookupExport(nt->Image, nt->SizeOfImage, nt->Info, "RtlUserThreadStart", 0, &rva2,
                            &fwd) != 0) {
            snprintf(why, whylen, "%s: lacks KiUserExceptionDispatcher or RtlUserThreadStart",
                     nt->Path);
            failure = KeCannotLoad;
        } else {
            process->KiUserExceptionDispatcher = nt->Base + rva1;
            process->RtlUserThreadStart = nt->Base + rva2;
            /* Optional: without it, user APCs are never delivered. */
            uint32_t rva3 = 0;
            if (RtlLookupExport(nt->Image, nt->SizeOfImage, nt->Info, "KiUserApcDispatcher", 0,
                                &rva3, &fwd) == 0) {
                process->KiUserApcDispatcher = nt->Base + rva3;
            }
        }
    }
    if (failure == KeRan) {
        bool visited[KI_MAX_MODULES] = {false};
        uint32_t count = 0;
        LdrpOrderInitialization(mods, (uint32_t)exe, visited, NULL, mods->InitOrder, &count);
        for (uint32_t i = 0; i < mods->Count; i++) {
            if (!visited[i]) {
                LdrpOrderInitialization(mods, i, visited, NULL, mods->InitOrder, &count);
            }
        }
        mods->InitCount = count;
        KI_MODULE *m = &mods->Module[exe];
        process->ImageBase = m->Base;
        *entry = m->Base + m->EntryPoint;
    }
    /* The files' bytes are mm's now; the loader keeps each layout. */
    for (uint32_t i = 0; i < mods->Count; i++) {
        free(mods->Module[i].File);
        mods->Module[i].File = NULL;
    }
    free(l);
    return failure;
}

void KiUnloadModules(KPROCESS *process)
{
    if (process->Modules) {
        for (uint32_t i = 0; i < KI_MAX_MODULES; i++) {
            LdrpFreeModule(&process->Modules->Module[i]);
        }
        free(process->Modules);
        process->Modules = NULL;
    }
}

/* A fork's copy of the parent's record: the loader's layout and headers,
 * the TLS template, and a reference to the same image section. */
bool LdrpCopyModule(KI_MODULE *to, const KI_MODULE *from)
{
    if (from->Image) {
        to->Image = malloc(from->SizeOfImage);
        to->Info = malloc(sizeof(IMAGE_INFO));
        if (!to->Image || !to->Info) {
            return false;
        }
        memcpy(to->Image, from->Image, from->SizeOfImage);
        memcpy(to->Info, from->Info, sizeof(IMAGE_INFO));
        /* IMAGE_INFO.File points to the file's bytes, which are gone. */
        ((IMAGE_INFO *)to->Info)->File = NULL;
        ((IMAGE_INFO *)to->Info)->FileSize = 0;
    }
    if (from->TlsTemplate) {
        to->TlsTemplate = malloc(from->TlsSize ? from->TlsSize : 1);
        if (!to->TlsTemplate) {
            return false;
        }
        memcpy(to->TlsTemplate, from->TlsTemplate, from->TlsSize);
    }
    if (from->Section) {
        ExReferenceObject(MmSectionObject(from->Section));
        to->Section = from->Section;
    }
    return true;
}
