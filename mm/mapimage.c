/*
 * Image sections, as NT's MiCreateImageFileMap and MiMapViewOfImageSection
 * make and map them: mm takes the image file, validates its headers, gives
 * each page its protection and a prototype PTE in the file state (pages
 * past the sections' raw data, .bss, demand-zero), and shares one section
 * per file and base between every process; the pages are built from the
 * file when touched (imagepage.c), relocated for the section's base when
 * a view cannot go at the preferred one. Binding imports, exports and TLS
 * are the loader's (ke/ldr*.c), over the view. Also KUSER_SHARED_DATA.
 */
#include "mm/mi.h"
#include "rtl/rtlimage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The largest file mm reads as an image (the loader's own limit). */
#define MI_MAX_IMAGE_FILE (256u << 20)

static NTSTATUS InsertNewVad(MMPROCESS *process, uint32_t base, uint32_t pages,
                             MI_VAD_TYPE type, uint32_t protection, uint32_t charge,
                             MMVAD **out)
{
    uint32_t start = base >> PAGE_SHIFT;
    if (MiCheckForConflictingVad(&process->VadRoot, start, start + pages - 1)) {
        return STATUS_CONFLICTING_ADDRESSES;
    }
    MMVAD *vad;
    NTSTATUS status =
        MiAllocateChargedVad(process, start, start + pages - 1, type, protection, charge, &vad);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    vad->MemCommit = 1;
    MiInsertVad(&process->VadRoot, vad);
    *out = vad;
    return STATUS_SUCCESS;
}

static void RemoveVad(MMPROCESS *process, MMVAD *vad)
{
    MiReturnCommitment(process, vad->CommitCharge);
    MiRemoveVad(&process->VadRoot, vad);
    MiFreeVad(vad);
}

/* An image section of `pages` prototype PTEs (not yet set) with each
 * page's protection, or why not; no references yet (the caller's first
 * reference makes it live). */
static NTSTATUS AllocateImageSection(MMSYSTEM *system, uint32_t pages, const uint32_t *protections,
                                     MMSECTION **out)
{
    for (uint32_t i = 0; i < pages; i++) {
        if (MiMakeProtectionMask(protections[i]) == MM_INVALID_PROTECTION) {
            return STATUS_INVALID_PAGE_PROTECTION;
        }
    }
    MMSECTION *section = MiCreateCloneSection(system, pages);
    uint8_t *protection = calloc(pages, 1);
    if (!section || !protection) {
        free(protection);
        if (section) {
            ExReferenceObject(&section->Header);
            ExDereferenceObject(&section->Header);
        }
        return STATUS_NO_MEMORY;
    }
    section->Fork = 0;
    section->Image = 1;
    section->ImageProtection = protection;
    section->AllocationAttributes = SEC_IMAGE;
    for (uint32_t i = 0; i < pages; i++) {
        protection[i] = (uint8_t)MiMakeProtectionMask(protections[i]);
    }
    *out = section;
    return STATUS_SUCCESS;
}

/*
 * A section over pages already laid out in host memory (MmMapImage: a
 * test's or benchmark's hand-made image, no file behind it): the pages
 * start in memory on the Modified list, and the modified page writer gives
 * them a home in the pagefile. Every process that maps the section shares
 * its frames: code and read-only data stay shared; writable data is
 * copy-on-write, each process's first write making it a private copy
 * (PAGE_READWRITE from then on).
 */
static NTSTATUS CreateSectionFromLayout(MMSYSTEM *system, const uint8_t *image, uint32_t size,
                                        const uint32_t *protections, MMSECTION **out)
{
    uint32_t pages = (size + PAGE_MASK) >> PAGE_SHIFT;
    if (size == 0) {
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    if (system->CommittedPages + pages > system->CommitLimit) {
        system->Stats.CommitFailures++;
        return STATUS_COMMITMENT_LIMIT;
    }
    MMSECTION *section;
    NTSTATUS status = AllocateImageSection(system, pages, protections, &section);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint8_t *protection = section->ImageProtection;
    section->Header.References = 1;
    section->CommittedPages = pages;
    section->ImageCommitment = pages;
    system->CommittedPages += pages;
    for (uint32_t i = 0; i < pages; i++) {
        uint32_t pfn = MiRemoveAnyPage(system);
        if (pfn == MI_PFN_NONE) {
            ExDereferenceObject(&section->Header);
            return STATUS_NO_MEMORY;
        }
        MiPrepareFrameContents(system, pfn);
        uint32_t n = size - i * PAGE_SIZE < PAGE_SIZE ? size - i * PAGE_SIZE : PAGE_SIZE;
        memcpy(MiFrameAddress(system, pfn), image + (size_t)i * PAGE_SIZE, n);
        memset(MiFrameAddress(system, pfn) + n, 0, PAGE_SIZE - n);
        MMPFN *p = MiGetPfn(system, pfn);
        p->Use = MiPfnSection;
        p->Section = section;
        p->PteVa = i << PAGE_SHIFT;
        p->OriginalPte = MiMakeDemandZeroPte(protection[i]);
        p->Modified = 1; /* its only copy */
        p->ShareCount = 0;
        section->PrototypePte[i] = MiMakeTransitionPte(pfn, protection[i]);
        MiInsertPageInList(system, ModifiedPageList, pfn);
    }
    *out = section;
    return STATUS_SUCCESS;
}

/* Each page's Win32 protection, from the section table (MiCreateImageFileMap's
 * per-subsection protections): headers and gaps read-only. */
static uint32_t *ImagePageProtections(const IMAGE_INFO *info)
{
    uint32_t pages = (info->SizeOfImage + PAGE_MASK) >> PAGE_SHIFT;
    uint32_t *protections = malloc(pages * sizeof *protections);
    if (!protections) {
        return NULL;
    }
    for (uint32_t i = 0; i < pages; i++) {
        protections[i] = PAGE_READONLY;
    }
    for (uint32_t s = 0; s < info->NumberOfSections; s++) {
        const IMAGE_SECTION *section = &info->Sections[s];
        uint32_t size = section->VirtualSize ? section->VirtualSize : section->SizeOfRawData;
        uint32_t first = section->VirtualAddress >> PAGE_SHIFT;
        uint32_t last = (uint32_t)(((uint64_t)section->VirtualAddress + size + PAGE_MASK) >>
                                   PAGE_SHIFT);
        for (uint32_t p = first; p < last && p < pages; p++) {
            protections[p] = RtlImageSectionProtection(section->Characteristics);
        }
    }
    return protections;
}

/* The whole file, read through its file object for as long as a section is
 * being made (headers, layout and relocations checked); NULL if it cannot be. */
static uint8_t *ReadWholeFile(MMSYSTEM *system, MI_IMAGE_FILE *file, char *why, size_t whylen,
                              NTSTATUS *status)
{
    uint8_t *bytes = file->Size <= MI_MAX_IMAGE_FILE ? malloc(file->Size ? file->Size : 1) : NULL;
    if (!bytes) {
        if (why) {
            snprintf(why, whylen, "%s", file->Size <= MI_MAX_IMAGE_FILE ? "out of host memory"
                                                                       : "file too large for an image");
        }
        *status = file->Size <= MI_MAX_IMAGE_FILE ? STATUS_NO_MEMORY : STATUS_INVALID_IMAGE_FORMAT;
        return NULL;
    }
    *status = system->FileIo->Read(file->File, 0, bytes, (uint32_t)file->Size);
    if (*status != STATUS_SUCCESS) {
        if (why) {
            snprintf(why, whylen, "cannot read the file (status 0x%08x)", (uint32_t)*status);
        }
        free(bytes);
        return NULL;
    }
    return bytes;
}

/* Whether any of the file's bytes (headers, sections' raw data) land in page i. */
static bool PageHasFileData(const IMAGE_INFO *info, uint32_t i)
{
    uint64_t start = (uint64_t)i << PAGE_SHIFT, end = start + PAGE_SIZE;
    if (start < info->SizeOfHeaders) {
        return true;
    }
    for (uint32_t s = 0; s < info->NumberOfSections; s++) {
        const IMAGE_SECTION *section = &info->Sections[s];
        uint32_t vsize = section->VirtualSize ? section->VirtualSize : section->SizeOfRawData;
        uint64_t n = section->SizeOfRawData < vsize ? section->SizeOfRawData : vsize;
        if (section->PointerToRawData && n && section->VirtualAddress < end &&
            section->VirtualAddress + n > start) {
            return true;
        }
    }
    return false;
}

/*
 * A section of the file for base. Each prototype PTE starts in the file
 * state (a fault builds the page from the file) or, for a page no byte of
 * the file lands in and no fixup touches, demand-zero, as NT makes .bss.
 *
 * Commitment, as NT's MiCreateImageFileMap counts it: what can need
 * pagefile space. A page read from the file needs none — it is discarded
 * when trimmed and read again — and a write-copy page needs none in the
 * section, whose frame is never written; each process that maps the image
 * is charged its write-copy pages when it maps it (ImageCommitment), since
 * each may become its private copy. Only the pages of a shared writable
 * section (IMAGE_SCN_MEM_SHARED), written in place by every view and so
 * backed by the pagefile, are charged to the section.
 */
static NTSTATUS CreateImageSectionObject(MMSYSTEM *system, MI_IMAGE_FILE *file, uint32_t base,
                                         const uint8_t *layout, const uint32_t *protections,
                                         MMSECTION **out)
{
    const IMAGE_INFO *info = file->Info;
    uint32_t pages = (info->SizeOfImage + PAGE_MASK) >> PAGE_SHIFT;
    MMSECTION *section;
    NTSTATUS status = AllocateImageSection(system, pages, protections, &section);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint8_t *protection = section->ImageProtection;
    section->ImageFile = file;
    section->ImageBase = base;
    uint32_t shared = 0;
    for (uint32_t i = 0; i < pages; i++) {
        const uint8_t *bytes = layout + ((size_t)i << PAGE_SHIFT);
        bool zero = !PageHasFileData(info, i);
        for (uint32_t k = 0; zero && k < PAGE_SIZE; k++) {
            zero = bytes[k] == 0; /* a fixup may have touched it */
        }
        section->PrototypePte[i] = zero ? MiMakeDemandZeroPte(protection[i])
                                        : MiMakeFilePte(protection[i]);
        if (MiIsImagePageShared(section, i)) {
            shared++;
        } else if (MiIsPteProtectionWritable(protection[i])) {
            section->ImageCommitment++;
        }
    }
    if (!MiChargeSystemCommitment(system, shared)) {
        ExReferenceObject(&section->Header);
        ExDereferenceObject(&section->Header);
        return STATUS_COMMITMENT_LIMIT;
    }
    section->CommittedPages = shared;
    section->Header.References = 1;
    *out = section;
    return STATUS_SUCCESS;
}

/* The file's section laid out for base: the one made before, or a new one
 * (relocated at read if base is not the preferred base). bytes: the file's
 * contents if the caller has just read them, or NULL. */
static NTSTATUS ImageSectionAt(MMSYSTEM *system, MI_IMAGE_FILE *file, uint32_t base,
                               const uint8_t *bytes, MMSECTION **out, char *why, size_t whylen)
{
    for (uint32_t i = 0; i < file->SectionCount; i++) {
        if (file->Sections[i]->ImageBase == base) {
            *out = file->Sections[i];
            return STATUS_SUCCESS;
        }
    }
    IMAGE_INFO *info = file->Info;
    if (file->SectionCount == MI_IMAGE_BASES) {
        if (why) {
            snprintf(why, whylen, "laid out at %u bases already", MI_IMAGE_BASES);
        }
        return STATUS_CONFLICTING_ADDRESSES;
    }
    /* The layout is made once here, to check the relocations for this base
     * and to find the pages no byte of the file reaches; then it goes. */
    NTSTATUS status;
    uint8_t *read = bytes ? NULL : ReadWholeFile(system, file, why, whylen, &status);
    if (!bytes && !read) {
        return status;
    }
    info->File = bytes ? bytes : read;
    uint8_t *layout = calloc(1, info->SizeOfImage);
    uint32_t *protections = ImagePageProtections(info);
    status = STATUS_NO_MEMORY;
    if (layout && protections) {
        status = RtlImageLayOut(info, base, layout, why, whylen);
    }
    IMAGE_DATA_DIRECTORY relocs = info->Directory[IMAGE_DIRECTORY_ENTRY_BASERELOC];
    if (status == STATUS_SUCCESS && base != info->ImageBase && !file->Relocations) {
        /* The fixups as the file has them, for every relocated base. */
        uint8_t *raw = calloc(1, info->SizeOfImage);
        file->Relocations = malloc(relocs.Size ? relocs.Size : 1);
        if (!raw || !file->Relocations ||
            RtlImageLayOut(info, info->ImageBase, raw, why, whylen) != STATUS_SUCCESS) {
            free(file->Relocations);
            file->Relocations = NULL;
            status = STATUS_NO_MEMORY;
        } else {
            memcpy(file->Relocations, raw + relocs.VirtualAddress, relocs.Size);
            file->RelocationSize = relocs.Size;
        }
        free(raw);
    }
    info->File = NULL;
    free(read);
    MMSECTION *section = NULL;
    if (status == STATUS_SUCCESS) {
        status = CreateImageSectionObject(system, file, base, layout, protections, &section);
        if (status != STATUS_SUCCESS && why) {
            snprintf(why, whylen, "cannot make the image section (status 0x%08x)",
                     (uint32_t)status);
        }
    }
    free(layout);
    free(protections);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    const char *slash = strrchr(file->Name, '/');
    const char *backslash = strrchr(slash ? slash : file->Name, '\\');
    MmSetSectionName(section, backslash ? backslash + 1 : slash ? slash + 1 : file->Name);
    file->Sections[file->SectionCount++] = section; /* the list's reference */
    *out = section;
    return STATUS_SUCCESS;
}

static void FreeImageFile(MI_IMAGE_FILE *file)
{
    if (file->File) {
        ExDereferenceObject(&file->File->Header);
    }
    free(file->Relocations);
    free(file->Info);
    free(file);
}

NTSTATUS MmCreateImageSection(MMSYSTEM *system, EX_FILE *image, const MM_FILE_IDENTITY *id,
                              MMSECTION **out, char *why, size_t whylen)
{
    if (!system->FileIo) {
        if (why) {
            snprintf(why, whylen, "no file system to read the image from");
        }
        return STATUS_INVALID_FILE_FOR_SECTION;
    }
    /* The same file (and the same version of it) shares its sections. */
    uint8_t *bytes = NULL;
    MI_IMAGE_FILE *file = system->ImageFiles;
    while (file && !(file->Device == id->Device && file->Inode == id->Inode &&
                     file->Size == id->Size && file->Time == id->Time)) {
        file = file->Next;
    }
    if (!file) {
        file = calloc(1, sizeof *file);
        IMAGE_INFO *info = calloc(1, sizeof *info);
        if (!file || !info) {
            free(file);
            free(info);
            if (why) {
                snprintf(why, whylen, "out of host memory");
            }
            return STATUS_NO_MEMORY;
        }
        snprintf(file->Name, sizeof file->Name, "%s", id->Name ? id->Name : "");
        file->File = image;
        ExReferenceObject(&image->Header);
        file->Device = id->Device;
        file->Inode = id->Inode;
        file->Size = id->Size;
        file->Time = id->Time;
        file->Info = info;
        NTSTATUS status;
        bytes = ReadWholeFile(system, file, why, whylen, &status);
        if (bytes) {
            status = RtlImageParse(bytes, file->Size, info, why, whylen);
            info->File = NULL; /* the pages are read from the file, not kept */
        }
        if (status != STATUS_SUCCESS) {
            free(bytes);
            FreeImageFile(file);
            return status;
        }
        /* Every writable page of an image may become a private copy: one
         * larger than the commit limit could not be mapped. */
        uint32_t pages = (info->SizeOfImage + PAGE_MASK) >> PAGE_SHIFT;
        if (pages > system->CommitLimit) {
            if (why) {
                snprintf(why, whylen, "SizeOfImage 0x%x is more than the commit limit (%llu "
                         "pages: --ram plus --pagefile-max)", info->SizeOfImage,
                         (unsigned long long)system->CommitLimit);
            }
            free(bytes);
            FreeImageFile(file);
            return STATUS_COMMITMENT_LIMIT;
        }
        file->Next = system->ImageFiles;
        system->ImageFiles = file;
    }
    MMSECTION *section;
    NTSTATUS status = ImageSectionAt(system, file, file->Info->ImageBase, bytes, &section, why,
                                     whylen);
    free(bytes); /* read once for the headers and the layout's checks; not kept */
    if (status == STATUS_SUCCESS) {
        ExReferenceObject(&section->Header);
        *out = section;
    }
    return status;
}

void MmImageFileTimesSet(MMSYSTEM *system, uint64_t device, uint64_t inode)
{
    for (MI_IMAGE_FILE *file = system->ImageFiles; file; file = file->Next) {
        uint64_t size, time;
        if (file->Device == device && file->Inode == inode && file->File && system->FileIo &&
            system->FileIo->Stamp(file->File, &size, &time) == STATUS_SUCCESS &&
            size == file->Size) {
            file->Time = time;
        }
    }
}

/* Every section of the file is held by the list alone: nothing maps it,
 * no module or handle keeps it. */
static bool ImageFileUnused(const MI_IMAGE_FILE *file)
{
    for (uint32_t i = 0; i < file->SectionCount; i++) {
        if (file->Sections[i]->MappedViews || file->Sections[i]->Header.References > 1) {
            return false;
        }
    }
    return true;
}

bool MmCanWriteImageFile(MMSYSTEM *system, uint64_t device, uint64_t inode)
{
    /* A section handle counts as a view does: NT's MmFlushImageSection
     * cannot purge an image section anyone references. */
    for (MI_IMAGE_FILE *file = system->ImageFiles; file; file = file->Next) {
        if (file->Device == device && file->Inode == inode && !ImageFileUnused(file)) {
            return false;
        }
    }
    return true;
}

static void PurgeImageFile(MI_IMAGE_FILE *file)
{
    for (uint32_t i = 0; i < file->SectionCount; i++) {
        file->Sections[i]->ImageFile = NULL;
        ExDereferenceObject(&file->Sections[i]->Header);
    }
    FreeImageFile(file);
}

bool MmCanDeleteFile(MMSYSTEM *system, uint64_t device, uint64_t inode)
{
    if (MiIsFileMapped(system, device, inode)) {
        return false;
    }
    for (MI_IMAGE_FILE *file = system->ImageFiles; file; file = file->Next) {
        if (file->Device == device && file->Inode == inode && !ImageFileUnused(file)) {
            return false;
        }
    }
    /* None in use: NT purges an unused section here, so that the file's
     * last reference can go: a cached data segment (segcache.c), and every
     * version of the file's image layout. */
    MiPurgeCachedSegment(system, device, inode);
    for (MI_IMAGE_FILE **link = &system->ImageFiles; *link;) {
        MI_IMAGE_FILE *file = *link;
        if (file->Device == device && file->Inode == inode) {
            *link = file->Next;
            PurgeImageFile(file);
        } else {
            link = &file->Next;
        }
    }
    return true;
}

void MmQueryImageSection(MMSECTION *section, MM_IMAGE_INFORMATION *out)
{
    memset(out, 0, sizeof *out);
    out->ImageBase = section->ImageBase;
    out->SizeOfImage = section->Pages << PAGE_SHIFT;
    if (!section->ImageFile) {
        return;
    }
    const IMAGE_INFO *info = section->ImageFile->Info;
    out->PreferredBase = info->ImageBase;
    out->SizeOfImage = info->SizeOfImage;
    out->EntryPoint = info->AddressOfEntryPoint;
    out->StackReserve = info->SizeOfStackReserve;
    out->StackCommit = info->SizeOfStackCommit;
    out->Characteristics = info->Characteristics;
    out->Subsystem = info->Subsystem;
    out->DllCharacteristics = info->DllCharacteristics;
    out->MajorSubsystemVersion = info->MajorSubsystemVersion;
    out->MinorSubsystemVersion = info->MinorSubsystemVersion;
    out->Machine = info->Machine;
    out->FileSize = (uint32_t)info->FileSize;
    for (uint32_t i = 0; i < info->NumberOfSections; i++) {
        out->ContainsCode |= (info->Sections[i].Characteristics & IMAGE_SCN_CNT_CODE) != 0;
    }
}

void MmPurgeImageSections(MMSYSTEM *system)
{
    while (system->ImageFiles) {
        MI_IMAGE_FILE *file = system->ImageFiles;
        system->ImageFiles = file->Next;
        PurgeImageFile(file);
    }
}

/* Where a view of size bytes may go: base if the range is free, else the
 * highest free 64 KiB-aligned range below 0x70000000 (as the loader's
 * relocations always went), or 0. */
#define MI_IMAGE_RELOCATION_TOP 0x70000000u
static bool ImageRangeFree(MMPROCESS *process, uint32_t base, uint32_t size)
{
    uint64_t end = (uint64_t)base + size;
    /* The PEB/TEB region and KUSER_SHARED_DATA sit at the top. */
    if (base < 0x10000u || base & 0xFFFF || end > 0x7FFD0000ull) {
        return false;
    }
    return !MiCheckForConflictingVad(&process->VadRoot, base >> PAGE_SHIFT,
                                     (uint32_t)((end - 1) >> PAGE_SHIFT));
}

static uint32_t ChooseImageBase(MMPROCESS *process, uint32_t preferred, uint32_t size)
{
    size = (size + 0xFFFF) & ~0xFFFFu;
    if (ImageRangeFree(process, preferred, size)) {
        return preferred;
    }
    for (uint32_t base = MI_IMAGE_RELOCATION_TOP - size;
         base >= 0x10000u && base < MI_IMAGE_RELOCATION_TOP; base -= 0x10000u) {
        if (ImageRangeFree(process, base, size)) {
            return base;
        }
    }
    return 0;
}

static NTSTATUS MapImageView(MMPROCESS *process, MMSECTION *section, uint32_t base)
{
    uint32_t pages = section->Pages;
    if (base & (ALLOCATION_GRANULARITY - 1) || base < MI_LOWEST_USER_ADDRESS ||
        (uint64_t)base + ((uint64_t)pages << PAGE_SHIFT) > MI_HIGHEST_USER_ADDRESS + 1ull) {
        return STATUS_CONFLICTING_ADDRESSES;
    }
    if (!MiMakePageTablesExist(process, base, base + (pages << PAGE_SHIFT) - 1)) {
        return STATUS_NO_MEMORY;
    }
    /* Each write-copy page may become a private copy: NT charges them to
     * the process when it maps the image (the section's ImageCommitment). */
    MMVAD *vad;
    NTSTATUS status = InsertNewVad(process, base, pages, VadImageMap, MM_EXECUTE_WRITECOPY,
                                   section->ImageCommitment, &vad);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    vad->Section = section;
    vad->FirstPrototype = 0;
    ExReferenceObject(&section->Header);
    section->MappedViews++;
    for (uint32_t i = 0; i < pages; i++) {
        MMPTE *pte = MiGetPteAddress(process, base + i * PAGE_SIZE, false);
        MiWritePte(process, pte, MiMakePrototypePointerPte(section->ImageProtection[i]));
    }
    return STATUS_SUCCESS;
}

/*
 * A view of an image section, as NtMapViewOfSection maps SEC_IMAGE: at the
 * preferred base when it is free in this process, else somewhere free with
 * the pages relocated there — the section of the same file laid out for
 * that base, shared by every process that maps the file there too — and
 * STATUS_IMAGE_NOT_AT_BASE. An image without relocations maps there too,
 * not relocated, also STATUS_IMAGE_NOT_AT_BASE.
 */
NTSTATUS MmMapImageSection(MMPROCESS *process, MMSECTION *section, uint32_t *base, char *why,
                           size_t whylen)
{
    MI_IMAGE_FILE *file = section->ImageFile;
    uint32_t want = *base ? *base : section->ImageBase;
    if (!file) {
        *base = want;
        return MapImageView(process, section, want);
    }
    uint32_t chosen = ChooseImageBase(process, want, file->Info->SizeOfImage);
    if (chosen == 0) {
        if (why) {
            snprintf(why, whylen, "no room in the address space (%u bytes)",
                     file->Info->SizeOfImage);
        }
        return STATUS_CONFLICTING_ADDRESSES;
    }
    /* An image that cannot be relocated still maps elsewhere, its pages as
     * they are (the section laid out for its preferred base), and the view
     * answers STATUS_IMAGE_NOT_AT_BASE: the loader, not mm, refuses to run
     * it there (Wine's kernel32 loader.c:1689 and :1729). */
    const IMAGE_INFO *info = file->Info;
    MMSECTION *target = section;
    if (chosen != section->ImageBase && RtlImageCanRelocate(info)) {
        NTSTATUS status = ImageSectionAt(process->System, file, chosen, NULL, &target, why,
                                         whylen);
        if (status != STATUS_SUCCESS) {
            return status;
        }
    }
    NTSTATUS status = MapImageView(process, target, chosen);
    if (status != STATUS_SUCCESS) {
        if (why) {
            snprintf(why, whylen, "cannot map the image at 0x%08x (status 0x%08x)", chosen,
                     (uint32_t)status);
        }
        return status;
    }
    *base = chosen;
    return chosen == info->ImageBase ? STATUS_SUCCESS : STATUS_IMAGE_NOT_AT_BASE;
}

NTSTATUS MmMapImage(MMPROCESS *process, uint32_t base, const uint8_t *image, uint32_t size,
                    const uint32_t *protections)
{
    MMSYSTEM *system = process->System;
    MMSECTION *section;
    NTSTATUS status = CreateSectionFromLayout(system, image, size, protections, &section);
    if (status == STATUS_SUCCESS) {
        section->ImageBase = base;
        status = MapImageView(process, section, base);
        ExDereferenceObject(&section->Header); /* the view holds it */
    }
    return status;
}

void MiUnmapImage(MMPROCESS *process, MMVAD *vad)
{
    MMSYSTEM *system = process->System;
    if (vad->Section) {
        vad->Section->MappedViews--;
    }
    for (uint32_t vpn = vad->StartingVpn; vpn <= vad->EndingVpn; vpn++) {
        MMPTE *pte = MiGetPteAddress(process, vpn << PAGE_SHIFT, false);
        if (pte && *pte) {
            MiDeletePte(process, pte, vpn << PAGE_SHIFT, 0);
        }
    }
    RemoveVad(process, vad);
    MiFlushTlbIfNeeded(system);
}

NTSTATUS MmMapSharedUserData(MMPROCESS *process)
{
    MMSYSTEM *system = process->System;
    MMVAD *vad;
    NTSTATUS status = InsertNewVad(process, MM_SHARED_USER_DATA_VA, 1, VadSharedUserData,
                                   MM_READONLY, 1, &vad);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    vad->NoChange = 1;
    MMPTE *pte = MiGetPteAddress(process, MM_SHARED_USER_DATA_VA, true);
    if (!pte) {
        RemoveVad(process, vad);
        return STATUS_NO_MEMORY;
    }
    MiGetPfn(system, system->SharedUserDataPfn)->ShareCount++;
    MiWritePte(process, pte, MiMakeValidPte(system->SharedUserDataPfn, MM_READONLY));
    return STATUS_SUCCESS;
}

NTSTATUS MmCreatePrivateRegion(MMPROCESS *process, uint32_t va, uint32_t size, uint32_t protect)
{
    uint32_t protection = MiMakeProtectionMask(protect);
    uint32_t pages = (size + PAGE_MASK) >> PAGE_SHIFT;
    if (protection == MM_INVALID_PROTECTION || (va & PAGE_MASK) || pages == 0) {
        return STATUS_INVALID_PARAMETER;
    }
    MMVAD *vad;
    return InsertNewVad(process, va, pages, VadSystem, protection, pages, &vad);
}
