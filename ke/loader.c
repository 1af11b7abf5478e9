/*
 * The image loader: the EXE, ntdll.dll (always, as on NT) and every DLL
 * they import, transitively. Each image is validated and laid out by
 * mm/peimage.c, placed at its preferred base if that range is free (else
 * relocated), its imports bound by name or ordinal (DLL names compare
 * case-insensitively, forwarders are followed), and mapped with its
 * sections' protections. Anything wrong is one clear line for exit 126.
 *
 * ntdll.dll and kernel32.dll always come from the system directory (NT's
 * KnownDLLs); other DLLs from the EXE's directory first, then the system
 * directory.
 */
#include "ke/ki.h"
#include "ke/ldr.h"
#include "mm/peimage.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define KI_MAX_IMAGE_FILE (256u << 20)
#define KI_RELOCATION_TOP 0x70000000u

typedef struct KI_LOADER {
    KPROCESS *Process;
    const KE_OPTIONS *Options;
    KI_LOADED_MODULES *Modules;
    char ExeDirectory[1024];
    /* imports[i][j]: module i imports module j (for initialization order) */
    bool Imports[KI_MAX_MODULES][KI_MAX_MODULES];
    char *Why;
    size_t WhyLen;
} KI_LOADER;

const KI_LOADED_MODULES *KiLoadedModules(KPROCESS *process)
{
    return process->Modules;
}

static bool IsKnownDll(const char *name)
{
    return strcasecmp(name, "ntdll.dll") == 0 || strcasecmp(name, "kernel32.dll") == 0;
}

/* "KERNEL32" → "KERNEL32.dll": the loader's rule for names without an extension. */
static void NormalizeDllName(const char *in, char *out, size_t outlen)
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

static KE_FAILURE ReadImageFile(KI_LOADER *l, const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(l->Why, l->WhyLen, "%s: %s", path, strerror(errno));
        return errno == ENOENT ? KeNotFound : KeCannotLoad;
    }
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        snprintf(l->Why, l->WhyLen, "%s: not a regular file", path);
        return KeCannotLoad;
    }
    if ((uint64_t)st.st_size > KI_MAX_IMAGE_FILE) {
        fclose(f);
        snprintf(l->Why, l->WhyLen, "%s: file too large for an image (%lld bytes)", path,
                 (long long)st.st_size);
        return KeCannotLoad;
    }
    *size = (size_t)st.st_size;
    *data = malloc(*size ? *size : 1);
    if (!*data || fread(*data, 1, *size, f) != *size) {
        fclose(f);
        snprintf(l->Why, l->WhyLen, "%s: cannot read the file", path);
        return KeCannotLoad;
    }
    fclose(f);
    return KeRan;
}

static bool RangeFree(KI_LOADER *l, uint32_t base, uint32_t size)
{
    uint64_t end = (uint64_t)base + size;
    /* The PEB/TEB region and KUSER_SHARED_DATA sit at the top. */
    if (base < 0x10000u || base & 0xFFFF || end > 0x7FFD0000ull) {
        return false;
    }
    for (uint32_t i = 0; i < l->Modules->Count; i++) {
        const KI_MODULE *m = &l->Modules->Module[i];
        if (m->Image && base < (uint64_t)m->Base + m->SizeOfImage && m->Base < end) {
            return false;
        }
    }
    return true;
}

static uint32_t ChooseBase(KI_LOADER *l, const MI_IMAGE_INFO *info)
{
    uint32_t size = (info->SizeOfImage + 0xFFFF) & ~0xFFFFu;
    if (RangeFree(l, info->ImageBase, size)) {
        return info->ImageBase;
    }
    for (uint32_t base = KI_RELOCATION_TOP - size; base >= 0x10000u && base < KI_RELOCATION_TOP;
         base -= 0x10000u) {
        if (RangeFree(l, base, size)) {
            return base;
        }
    }
    return 0;
}

static int FindModule(KI_LOADER *l, const char *name)
{
    char normalized[64];
    NormalizeDllName(name, normalized, sizeof normalized);
    for (uint32_t i = 0; i < l->Modules->Count; i++) {
        if (strcasecmp(l->Modules->Module[i].Name, normalized) == 0) {
            return (int)i;
        }
    }
    return -1;
}

/*
 * Static TLS, as the NT loader sets it up: the image gets the next TLS
 * index (written to its AddressOfIndex), and its raw data plus zero fill
 * becomes the template of every thread's block. The callbacks are run by
 * ntdll before the image's entry point.
 */
static KE_FAILURE PrepareStaticTls(KI_LOADER *l, KI_MODULE *m)
{
    m->TlsIndex = -1;
    if (!MiImageHasTls(m->Info)) {
        return KeRan;
    }
    MI_IMAGE_TLS_DIRECTORY32 tls;
    uint32_t callbacks = 0;
    if (MiGetTlsDirectory(m->Image, m->SizeOfImage, m->Info, m->Base, &tls, &callbacks) !=
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
    m->TlsIndex = (int32_t)l->Modules->TlsCount++;
    m->TlsSize = (uint32_t)(end - start) + tls.SizeOfZeroFill;
    m->TlsTemplate = calloc(1, m->TlsSize ? m->TlsSize : 1);
    if (!m->TlsTemplate) {
        snprintf(l->Why, l->WhyLen, "%s: out of host memory", m->Name);
        return KeInternalError;
    }
    memcpy(m->TlsTemplate, m->Image + start, (size_t)(end - start));
    uint32_t index = (uint32_t)m->TlsIndex;
    memcpy(m->Image + index_rva, &index, sizeof index);
    return KeRan;
}

/* Reads, validates, places and lays out one image; returns its index. */
static KE_FAILURE LoadModule(KI_LOADER *l, const char *path, const char *name, bool is_exe,
                             bool is_system, int *index)
{
    KI_LOADED_MODULES *mods = l->Modules;
    if (mods->Count == KI_MAX_MODULES) {
        snprintf(l->Why, l->WhyLen, "%s: more than %u modules", name, KI_MAX_MODULES);
        return KeCannotLoad;
    }
    KI_MODULE *m = &mods->Module[mods->Count];
    memset(m, 0, sizeof *m);
    snprintf(m->Name, sizeof m->Name, "%s", name);
    snprintf(m->Path, sizeof m->Path, "%s", path);
    m->IsSystem = is_system;
    KE_FAILURE failure = ReadImageFile(l, path, &m->File, &m->FileSize);
    if (failure != KeRan) {
        return failure;
    }
    MI_IMAGE_INFO *info = calloc(1, sizeof *info);
    m->Info = info;
    char why[200];
    if (!info || MiParseImage(m->File, m->FileSize, info, why, sizeof why) != 0) {
        snprintf(l->Why, l->WhyLen, "%s: %s", name, info ? why : "out of memory");
        return KeCannotLoad;
    }
    m->IsDll = (info->Characteristics & MI_IMAGE_FILE_DLL) != 0;
    if (is_exe && m->IsDll) {
        snprintf(l->Why, l->WhyLen, "%s: is a DLL, not a program", name);
        return KeCannotLoad;
    }
    if (!is_exe && !m->IsDll) {
        snprintf(l->Why, l->WhyLen, "%s: imported as a DLL but is a program", name);
        return KeCannotLoad;
    }
    m->Base = ChooseBase(l, info);
    if (m->Base == 0) {
        snprintf(l->Why, l->WhyLen, "%s: no room in the address space (%u bytes)", name,
                 info->SizeOfImage);
        return KeCannotLoad;
    }
    /* Every page of an image is committed: one larger than the commit
     * limit cannot load, and is not laid out in host memory to find out. */
    uint32_t pages = (info->SizeOfImage + EMU_PAGE_SIZE - 1) / EMU_PAGE_SIZE;
    if (pages > MmGetCommitLimit(l->Process->Mm)) {
        snprintf(l->Why, l->WhyLen, "%s: SizeOfImage 0x%x is more than the commit limit (%u "
                 "pages: --ram plus --pagefile-max)", name, info->SizeOfImage,
                 MmGetCommitLimit(l->Process->Mm));
        return KeCannotLoad;
    }
    m->SizeOfImage = info->SizeOfImage;
    m->EntryPoint = info->AddressOfEntryPoint;
    m->Image = calloc(1, info->SizeOfImage);
    if (!m->Image) {
        snprintf(l->Why, l->WhyLen, "%s: out of host memory", name);
        return KeCannotLoad;
    }
    if (MiBuildImage(info, m->Base, m->Image, why, sizeof why) != 0) {
        snprintf(l->Why, l->WhyLen, "%s: %s", name, why);
        return KeCannotLoad;
    }
    if (is_exe) {
        mods->StackReserve = info->SizeOfStackReserve;
    }
    failure = PrepareStaticTls(l, m);
    if (failure != KeRan) {
        return failure;
    }
    *index = (int)mods->Count++;
    return KeRan;
}

/* Loads a DLL by the name an import table gives, if not loaded yet. */
static KE_FAILURE LoadDll(KI_LOADER *l, const char *import_name, const char *importer,
                          int *index)
{
    char name[64];
    NormalizeDllName(import_name, name, sizeof name);
    *index = FindModule(l, name);
    if (*index >= 0) {
        return KeRan;
    }
    char path[1100];
    bool system = true;
    bool found = false;
    if (!IsKnownDll(name)) {
        found = FindFileNoCase(l->ExeDirectory, name, path, sizeof path);
        system = !found;
    }
    if (!found) {
        found = FindFileNoCase(l->Options->SystemDirectory, name, path, sizeof path);
    }
    if (!found) {
        snprintf(l->Why, l->WhyLen, "missing DLL %s (imported by %s)", name, importer);
        return KeCannotLoad;
    }
    /* The file's own spelling of the name, as Windows shows it. */
    const char *base = strrchr(path, '/');
    return LoadModule(l, path, base ? base + 1 : path, false, system, index);
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

/* The address of an export, following forwarders ("DLL.Name", "DLL.#7"). */
static KE_FAILURE ResolveExport(KI_LOADER *l, int target, const char *name, uint16_t ordinal,
                                const char *importer, uint32_t *address)
{
    char fname[256];
    for (int depth = 0; depth < 8; depth++) {
        KI_MODULE *m = &l->Modules->Module[target];
        uint32_t rva = 0;
        const char *forwarder = NULL;
        if (MiLookupExport(m->Image, m->SizeOfImage, m->Info, name, ordinal, &rva,
                           &forwarder) != 0) {
            if (name) {
                snprintf(l->Why, l->WhyLen, "missing import %s!%s (imported by %s)", m->Name,
                         name, importer);
            } else {
                snprintf(l->Why, l->WhyLen, "missing import %s!#%u (imported by %s)", m->Name,
                         ordinal, importer);
            }
            return KeCannotLoad;
        }
        if (!forwarder) {
            *address = m->Base + rva;
            return KeRan;
        }
        const char *dot = strrchr(forwarder, '.');
        if (!dot || dot == forwarder || (size_t)(dot - forwarder) >= 60) {
            snprintf(l->Why, l->WhyLen, "%s: malformed forwarder \"%s\"", m->Name, forwarder);
            return KeCannotLoad;
        }
        char dll[64];
        snprintf(dll, sizeof dll, "%.*s", (int)(dot - forwarder), forwarder);
        KE_FAILURE failure = LoadDll(l, dll, m->Name, &target);
        if (failure != KeRan) {
            return failure;
        }
        if (dot[1] == '#') {
            name = NULL;
            ordinal = (uint16_t)strtoul(dot + 2, NULL, 10);
        } else {
            snprintf(fname, sizeof fname, "%s", dot + 1);
            name = fname;
        }
    }
    snprintf(l->Why, l->WhyLen, "forwarder chain too long (imported by %s)", importer);
    return KeCannotLoad;
}

static int OnImport(void *context, const char *dll, const char *name, uint16_t ordinal,
                    uint32_t iat_rva)
{
    KI_IMPORT_PASS *pass = context;
    KI_LOADER *l = pass->Loader;
    const char *importer = l->Modules->Module[pass->Importer].Name;
    int target;
    pass->Failure = LoadDll(l, dll, importer, &target);
    if (pass->Failure != KeRan) {
        return -1;
    }
    l->Imports[pass->Importer][target] = true;
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
    KI_MODULE *m = &l->Modules->Module[pass->Importer];
    memcpy(m->Image + iat_rva, &address, sizeof address);
    return 0;
}

static KE_FAILURE WalkImports(KI_LOADER *l, uint32_t index, bool bind)
{
    KI_MODULE *m = &l->Modules->Module[index];
    KI_IMPORT_PASS pass = {l, index, bind, KeRan, 0, ""};
    char why[200];
    if (MiForEachImport(m->Image, m->SizeOfImage, m->Info, OnImport, &pass, why, sizeof why) != 0) {
        if (pass.Failure == KeRan) {
            snprintf(l->Why, l->WhyLen, "%s: %s", m->Name, why);
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

static void OrderInitialization(KI_LOADER *l, uint32_t index, bool *visited, uint32_t *count)
{
    visited[index] = true;
    for (uint32_t j = 0; j < l->Modules->Count; j++) {
        if (l->Imports[index][j] && !visited[j]) {
            OrderInitialization(l, j, visited, count);
        }
    }
    l->Modules->InitOrder[(*count)++] = index;
}

static KE_FAILURE MapModule(KI_LOADER *l, KI_MODULE *m)
{
    const MI_IMAGE_INFO *info = m->Info;
    uint32_t pages = (m->SizeOfImage + EMU_PAGE_SIZE - 1) / EMU_PAGE_SIZE;
    uint32_t *protections = malloc(pages * sizeof *protections);
    if (!protections) {
        snprintf(l->Why, l->WhyLen, "%s: out of host memory", m->Name);
        return KeCannotLoad;
    }
    for (uint32_t i = 0; i < pages; i++) {
        protections[i] = PAGE_READONLY; /* headers, and any gap between sections */
    }
    for (uint32_t s = 0; s < info->NumberOfSections; s++) {
        const MI_IMAGE_SECTION *section = &info->Sections[s];
        uint32_t size = section->VirtualSize ? section->VirtualSize : section->SizeOfRawData;
        uint32_t first = section->VirtualAddress / EMU_PAGE_SIZE;
        uint32_t last = (uint32_t)(((uint64_t)section->VirtualAddress + size + EMU_PAGE_SIZE - 1) /
                                   EMU_PAGE_SIZE);
        for (uint32_t p = first; p < last && p < pages; p++) {
            protections[p] = MiImageSectionProtection(section->Characteristics);
        }
    }
    NTSTATUS status = STATUS_SUCCESS;
    KSYSTEM *system = l->Process->System;
    MMSECTION *image = KiFindImageSection(system, m->Path, m->Base, m->Image, m->SizeOfImage);
    if (!image) {
        status = MmCreateImageSection(system->Mm, m->Image, m->SizeOfImage, protections, &image);
        if (status == STATUS_SUCCESS) {
            KiRememberImageSection(system, m->Path, m->Base, m->Image, m->SizeOfImage, image);
            MmSetSectionName(image, m->Name);
        }
    }
    if (status == STATUS_SUCCESS) {
        status = MmMapImageSection(l->Process->Mm, image, m->Base);
    }
    free(protections);
    if (status != STATUS_SUCCESS) {
        snprintf(l->Why, l->WhyLen, "%s: cannot map the image at 0x%08x (status 0x%08x)", m->Name,
                 m->Base, (uint32_t)status);
        return status == STATUS_NO_MEMORY ? KeInternalError : KeCannotLoad;
    }
    return KeRan;
}

/* The machine's image-section cache (KSYSTEM.Images: see ki.h). */
MMSECTION *KiFindImageSection(KSYSTEM *system, const char *path, uint32_t base,
                              const uint8_t *bytes, uint32_t size)
{
    for (uint32_t i = 0; i < system->ImageCount; i++) {
        KI_IMAGE *image = &system->Images[i];
        if (image->Base == base && image->Size == size && strcmp(image->Path, path) == 0 &&
            memcmp(image->Bytes, bytes, size) == 0) {
            return image->Section;
        }
    }
    return NULL;
}

void KiRememberImageSection(KSYSTEM *system, const char *path, uint32_t base,
                            const uint8_t *bytes, uint32_t size, MMSECTION *section)
{
    uint8_t *copy = system->ImageCount < KI_MAX_IMAGES ? malloc(size) : NULL;
    if (!copy) {
        /* Not remembered: the view holds the section, and it is not shared. */
        ExDereferenceObject(MmSectionObject(section));
        return;
    }
    memcpy(copy, bytes, size);
    KI_IMAGE *image = &system->Images[system->ImageCount++];
    snprintf(image->Path, sizeof image->Path, "%s", path);
    image->Base = base;
    image->Size = size;
    image->Bytes = copy;
    image->Section = section;
}

void KiForgetImageSections(KSYSTEM *system)
{
    for (uint32_t i = 0; i < system->ImageCount; i++) {
        free(system->Images[i].Bytes);
        ExDereferenceObject(MmSectionObject(system->Images[i].Section));
    }
    system->ImageCount = 0;
}

static void FreeModules(KI_LOADED_MODULES *mods)
{
    for (uint32_t i = 0; i < KI_MAX_MODULES; i++) {
        KI_MODULE *m = &mods->Module[i];
        free(m->Image);
        free(m->Info);
        free(m->File);
        free(m->TlsTemplate);
        m->Image = NULL;
        m->Info = NULL;
        m->File = NULL;
        m->TlsTemplate = NULL;
    }
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
    snprintf(l->ExeDirectory, sizeof l->ExeDirectory, "%s", path);
    char *slash = strrchr(l->ExeDirectory, '/');
    if (slash) {
        *slash = 0;
    } else {
        snprintf(l->ExeDirectory, sizeof l->ExeDirectory, ".");
    }
    const char *exe_name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

    int exe, ntdll;
    KE_FAILURE failure = LoadModule(l, path, exe_name, true, false, &exe);
    if (failure == KeRan) {
        failure = LoadDll(l, "ntdll.dll", exe_name, &ntdll);
    }
    /* Every module's imports, including those of DLLs loaded on the way. */
    for (uint32_t i = 0; failure == KeRan && i < mods->Count; i++) {
        failure = WalkImports(l, i, false);
    }
    for (uint32_t i = 0; failure == KeRan && i < mods->Count; i++) {
        failure = WalkImports(l, i, true);
    }
    if (failure == KeRan) {
        KI_MODULE *nt = &mods->Module[ntdll];
        const char *fwd;
        uint32_t rva1 = 0, rva2 = 0;
        if (MiLookupExport(nt->Image, nt->SizeOfImage, nt->Info, "KiUserExceptionDispatcher", 0,
                           &rva1, &fwd) != 0 ||
            MiLookupExport(nt->Image, nt->SizeOfImage, nt->Info, "RtlUserThreadStart", 0, &rva2,
                           &fwd) != 0) {
            snprintf(why, whylen, "%s: lacks KiUserExceptionDispatcher or RtlUserThreadStart",
                     nt->Path);
            failure = KeCannotLoad;
        } else {
            process->KiUserExceptionDispatcher = nt->Base + rva1;
            process->RtlUserThreadStart = nt->Base + rva2;
        }
    }
    for (uint32_t i = 0; failure == KeRan && i < mods->Count; i++) {
        failure = MapModule(l, &mods->Module[i]);
    }
    if (failure == KeRan) {
        bool visited[KI_MAX_MODULES] = {false};
        uint32_t count = 0;
        OrderInitialization(l, (uint32_t)exe, visited, &count);
        for (uint32_t i = 0; i < mods->Count; i++) {
            if (!visited[i]) {
                OrderInitialization(l, i, visited, &count);
            }
        }
        KI_MODULE *m = &mods->Module[exe];
        process->ImageBase = m->Base;
        *entry = m->Base + m->EntryPoint;
    }
    /* The laid-out copies are in guest memory now; keep names and bases. */
    for (uint32_t i = 0; i < KI_MAX_MODULES; i++) {
        free(mods->Module[i].File);
        mods->Module[i].File = NULL;
        free(mods->Module[i].Image);
        mods->Module[i].Image = NULL;
    }
    free(l);
    return failure;
}

void KiUnloadModules(KPROCESS *process)
{
    if (process->Modules) {
        FreeModules(process->Modules);
        free(process->Modules);
        process->Modules = NULL;
    }
}
