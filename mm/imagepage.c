/*
 * An image's pages read from its file (the image half of NT's
 * MiResolveProtoPteFault and its subsection reads).
 *
 * An image section's prototype PTE for a page not in memory is a file PTE,
 * as a data file's is, but an image page is not one run of the file: it is
 * built. The headers page comes from offset 0; each section's bytes from
 * its PointerToRawData, at most SizeOfRawData (and VirtualSize) of them;
 * the rest of the page is zero; and when the section is laid out at a base
 * other than the file's, the base relocations that touch the page are
 * applied for that base — the page is built with a few bytes either side,
 * so a fixup straddling the page's edge is applied whole and the page
 * keeps its half. Nothing of the file is kept in host memory but its
 * headers and relocation directory: a page trimmed and repurposed is built
 * again from the file, byte for byte the same.
 *
 * The file must not change under its section: Windows refuses to open a
 * mapped image for write (MmCanWriteImageFile answers the file system), and
 * a change from outside the guest is seen here, by the file's size and
 * time, and fails the read (STATUS_IN_PAGE_ERROR, with STATUS_FILE_INVALID
 * for its cause) rather than mix two versions of the program in one view.
 */
#include "mm/mi.h"
#include "rtl/rtlimage.h"

#include <string.h>

bool MiIsImagePageShared(const MMSECTION *section, uint32_t index)
{
    uint32_t access = section->ImageProtection[index] & MM_PROTECT_ACCESS;
    return access == MM_READWRITE || access == MM_EXECUTE_READWRITE;
}

bool MiIsImageFrameCopyOnWrite(MMSYSTEM *system, uint32_t pfn)
{
    const MMPFN *p = MiGetPfn(system, pfn);
    return p->Use == MiPfnSection && p->Section && p->Section->Image &&
           p->Section->ImageFile && !MiIsImagePageShared(p->Section, p->PteVa >> PAGE_SHIFT);
}

/* The file's bytes for rva [start, start + length) of the unrelocated
 * image: headers and sections' raw data, zero elsewhere. */
static NTSTATUS ReadImageRange(MMSYSTEM *system, const MI_IMAGE_FILE *file, uint32_t start,
                               uint8_t *buffer, uint32_t length)
{
    const IMAGE_INFO *info = file->Info;
    memset(buffer, 0, length);
    uint64_t end = (uint64_t)start + length;
    for (int32_t s = -1; s < (int32_t)info->NumberOfSections; s++) {
        uint64_t rva, raw, n;
        if (s < 0) {
            rva = 0, raw = 0, n = info->SizeOfHeaders;
        } else {
            const IMAGE_SECTION *section = &info->Sections[s];
            uint32_t vsize = section->VirtualSize ? section->VirtualSize : section->SizeOfRawData;
            rva = section->VirtualAddress;
            raw = section->PointerToRawData;
            n = section->SizeOfRawData < vsize ? section->SizeOfRawData : vsize;
            if (raw == 0) {
                n = 0; /* uninitialized data */
            }
        }
        uint64_t from = rva > start ? rva : start;
        uint64_t to = rva + n < end ? rva + n : end;
        if (from >= to) {
            continue;
        }
        NTSTATUS io = system->FileIo->Read(file->File, raw + (from - rva), buffer + (from - start),
                                           (uint32_t)(to - from));
        if (io != STATUS_SUCCESS) {
            return io;
        }
    }
    return STATUS_SUCCESS;
}

/* The bytes either side of a page that a fixup straddling its edge reaches. */
#define MI_FIXUP_REACH 4u

NTSTATUS MiBuildImagePage(MMSECTION *section, uint32_t index, uint8_t *frame)
{
    MMSYSTEM *system = section->System;
    const MI_IMAGE_FILE *file = section->ImageFile;
    if (!file || !file->File || !system->FileIo) {
        return STATUS_FILE_INVALID; /* the machine is going */
    }
    uint64_t size, time;
    if (system->FileIo->Stamp(file->File, &size, &time) != STATUS_SUCCESS || size != file->Size ||
        time != file->Time) {
        return STATUS_FILE_INVALID; /* changed from outside since the section was made */
    }
    uint32_t page = index << PAGE_SHIFT;
    uint32_t delta = section->ImageBase - file->Info->ImageBase;
    if (delta == 0 || !file->Relocations) {
        return ReadImageRange(system, file, page, frame, PAGE_SIZE);
    }
    uint8_t buffer[PAGE_SIZE + 2 * MI_FIXUP_REACH];
    uint32_t start = page >= MI_FIXUP_REACH ? page - MI_FIXUP_REACH : 0;
    uint32_t length = (page - start) + PAGE_SIZE + MI_FIXUP_REACH;
    NTSTATUS status = ReadImageRange(system, file, start, buffer, length);
    if (status == STATUS_SUCCESS) {
        status = RtlImageRelocateRange(file->Relocations, file->RelocationSize, delta, start,
                                       buffer, length, page, PAGE_SIZE);
    }
    if (status == STATUS_SUCCESS) {
        memcpy(frame, buffer + (page - start), PAGE_SIZE);
    }
    return status;
}

/* MI_PAGE_SOURCE.Read: Context is the section, Offset the page's index. */
static NTSTATUS ReadSource(MMSYSTEM *system, const MI_PAGE_SOURCE *source, uint32_t va,
                           uint8_t *frame)
{
    (void)system;
    (void)va;
    return MiBuildImagePage((MMSECTION *)source->Context, (uint32_t)source->Offset, frame);
}

MI_PAGE_SOURCE MiImagePageSource(MMSECTION *section, uint32_t index)
{
    return (MI_PAGE_SOURCE){.Read = ReadSource, .Context = section, .Offset = index};
}
