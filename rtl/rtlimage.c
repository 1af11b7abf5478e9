/*
 * PE32 image validation, layout and relocation, and the import, export
 * and TLS walks over a laid-out image (see peimage.h).
 *
 * The rule throughout: every offset that comes from the file is checked
 * against the buffer it indexes, in 64-bit arithmetic so that no sum of
 * 32-bit fields can wrap, before a single byte is read.
 */
#include "rtl/rtlimage.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "headers are memcpy'd as little-endian");
_Static_assert(sizeof(IMAGE_DOS_HEADER) == 64, "DOS header layout");
_Static_assert(sizeof(IMAGE_FILE_HEADER) == 20, "file header layout");
_Static_assert(sizeof(IMAGE_OPTIONAL_HEADER32) == 224, "optional header layout");
_Static_assert(sizeof(IMAGE_SECTION_HEADER) == 40, "section header layout");
_Static_assert(sizeof(IMAGE_EXPORT_DIRECTORY) == 40, "export directory layout");
_Static_assert(sizeof(IMAGE_IMPORT_DESCRIPTOR) == 20, "import descriptor layout");
_Static_assert(sizeof(IMAGE_TLS_DIRECTORY32) == 24, "TLS directory layout");

#define PE_PAGE_SIZE 0x1000u
/* Images live in the 2 GB user half, below the 64K no-access region. */
#define PE_MAX_IMAGE_SIZE 0x7FFF0000u
/* Longer import/export names are refused rather than scanned for a NUL. */
#define PE_MAX_NAME 4096u

static const char *const DirectoryName[IMAGE_NUMBEROF_DIRECTORY_ENTRIES] = {
    "export", "import", "resource", "exception", "security", "base relocation", "debug",
    "architecture", "global pointer", "TLS", "load configuration", "bound import", "IAT",
    "delay import", "COM descriptor", "reserved",
};

__attribute__((format(printf, 4, 5)))
static NTSTATUS Fail(char *why, size_t whylen, NTSTATUS status, const char *fmt, ...)
{
    if (why != NULL && whylen > 0) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, whylen, fmt, ap);
        va_end(ap);
    }
    return status;
}

#define BAD(...) Fail(why, whylen, STATUS_INVALID_IMAGE_FORMAT, __VA_ARGS__)

/* [offset, offset+length) lies within [0, size). */
static bool InRange(uint64_t offset, uint64_t length, uint64_t size)
{
    return offset <= size && length <= size - offset;
}

static uint16_t Read16(const uint8_t *p)
{
    return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t Read32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void Write16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void Write32(uint8_t *p, uint32_t v)
{
    Write16(p, v);
    Write16(p + 2, v >> 16);
}

static uint64_t AlignUp(uint64_t v, uint32_t alignment)
{
    return (v + alignment - 1) & ~(uint64_t)(alignment - 1);
}

static bool PowerOfTwo(uint32_t v)
{
    return v != 0 && (v & (v - 1)) == 0;
}

/* A NUL-terminated string at rva, wholly inside the image, or NULL. */
static const char *String(const uint8_t *image, uint32_t size, uint64_t rva)
{
    if (rva >= size) {
        return NULL;
    }
    uint64_t room = size - rva < PE_MAX_NAME ? size - rva : PE_MAX_NAME;
    return memchr(image + rva, 0, room) ? (const char *)image + rva : NULL;
}

/* ------------------------------------------------------------- parsing */

static NTSTATUS ParseSections(const uint8_t *file, size_t size, uint64_t table,
                              IMAGE_INFO *out, char *why, size_t whylen)
{
    uint64_t next = AlignUp(out->SizeOfHeaders, out->SectionAlignment);
    for (uint32_t i = 0; i < out->NumberOfSections; i++) {
        IMAGE_SECTION_HEADER h;
        memcpy(&h, file + table + (uint64_t)i * sizeof h, sizeof h);
        IMAGE_SECTION *s = &out->Sections[i];
        for (int c = 0; c < 8; c++) {
            s->Name[c] = h.Name[c] == 0 || (h.Name[c] >= 0x20 && h.Name[c] < 0x7F)
                             ? (char)h.Name[c] : '?';
        }
        s->Name[8] = '\0';
        s->VirtualAddress = h.VirtualAddress;
        s->VirtualSize = h.VirtualSize;
        s->PointerToRawData = h.PointerToRawData;
        s->SizeOfRawData = h.SizeOfRawData;
        s->Characteristics = h.Characteristics;

        uint32_t vsize = h.VirtualSize ? h.VirtualSize : h.SizeOfRawData;
        if (h.VirtualAddress % out->SectionAlignment != 0) {
            return BAD("section %s at RVA 0x%x is not a multiple of the section alignment 0x%x",
                       s->Name, h.VirtualAddress, out->SectionAlignment);
        }
        if (h.VirtualAddress < next) {
            return BAD("section %s at RVA 0x%x overlaps the headers or the section before it "
                       "(which end at 0x%llx)", s->Name, h.VirtualAddress,
                       (unsigned long long)next);
        }
        if (!InRange(h.VirtualAddress, vsize, out->SizeOfImage)) {
            return BAD("section %s (RVA 0x%x, size 0x%x) runs past SizeOfImage 0x%x", s->Name,
                       h.VirtualAddress, vsize, out->SizeOfImage);
        }
        if (h.PointerToRawData != 0 && !InRange(h.PointerToRawData, h.SizeOfRawData, size)) {
            return BAD("section %s raw data runs past the end of the file "
                       "(0x%x bytes at 0x%x, file is %zu bytes)", s->Name, h.SizeOfRawData,
                       h.PointerToRawData, size);
        }
        next = h.VirtualAddress + AlignUp(vsize, out->SectionAlignment);
    }
    /* SizeOfImage sizes the host buffer; it may not claim more than the
     * sections (or, with none, the headers) occupy. */
    if (AlignUp(out->SizeOfImage, out->SectionAlignment) != next) {
        return BAD("SizeOfImage 0x%x does not match the end of the last section (0x%llx)",
                   out->SizeOfImage, (unsigned long long)next);
    }
    return STATUS_SUCCESS;
}

static NTSTATUS ParseDirectories(const IMAGE_OPTIONAL_HEADER32 *opt, IMAGE_INFO *out,
                                 char *why, size_t whylen)
{
    uint32_t count = opt->NumberOfRvaAndSizes < IMAGE_NUMBEROF_DIRECTORY_ENTRIES
                         ? opt->NumberOfRvaAndSizes : IMAGE_NUMBEROF_DIRECTORY_ENTRIES;
    for (uint32_t i = 0; i < count; i++) {
        IMAGE_DATA_DIRECTORY d = opt->DataDirectory[i];
        /* The security directory is a file offset and nothing here reads it;
         * an RVA of 0 means absent, whatever the size says. */
        if (i == IMAGE_DIRECTORY_ENTRY_SECURITY || d.VirtualAddress == 0) {
            d.VirtualAddress = 0;
            d.Size = 0;
        } else if (!InRange(d.VirtualAddress, d.Size, out->SizeOfImage)) {
            return BAD("%s directory (RVA 0x%x, size 0x%x) lies outside the image "
                       "(SizeOfImage 0x%x)", DirectoryName[i], d.VirtualAddress, d.Size,
                       out->SizeOfImage);
        }
        out->Directory[i] = d;
    }
    return STATUS_SUCCESS;
}

NTSTATUS RtlImageParse(const uint8_t *file, size_t size, IMAGE_INFO *out, char *why,
                      size_t whylen)
{
    if (out == NULL || (file == NULL && size != 0)) {
        return Fail(why, whylen, STATUS_INVALID_PARAMETER, "no file or no output");
    }
    memset(out, 0, sizeof *out);
    if (size >= 2 && Read16(file) != IMAGE_DOS_SIGNATURE) {
        return Fail(why, whylen, STATUS_INVALID_IMAGE_NOT_MZ, "not a PE file (no MZ signature)");
    }
    if (size < sizeof(IMAGE_DOS_HEADER)) {
        return BAD("truncated: file is %zu bytes, the DOS header needs %zu", size,
                   sizeof(IMAGE_DOS_HEADER));
    }
    IMAGE_DOS_HEADER dos;
    memcpy(&dos, file, sizeof dos);

    uint64_t nt = dos.e_lfanew;
    uint64_t opt_at = nt + 4 + sizeof(IMAGE_FILE_HEADER);
    if (opt_at > size) {
        return BAD("truncated: file is %zu bytes, the PE header at e_lfanew 0x%x needs %llu",
                   size, dos.e_lfanew, (unsigned long long)opt_at);
    }
    if (Read32(file + nt) != IMAGE_NT_SIGNATURE) {
        return BAD("not a PE file (no PE signature at e_lfanew 0x%x)", dos.e_lfanew);
    }
    IMAGE_FILE_HEADER fh;
    memcpy(&fh, file + nt + 4, sizeof fh);
    if (fh.Machine != IMAGE_FILE_MACHINE_I386) {
        return BAD("unsupported machine 0x%x (only i386 PE32 is supported)", fh.Machine);
    }
    if (opt_at + 2 > size) {
        return BAD("truncated: file is %zu bytes, the optional header needs %llu", size,
                   (unsigned long long)opt_at + 2);
    }
    uint16_t magic = Read16(file + opt_at);
    if (magic != IMAGE_NT_OPTIONAL_HDR32_MAGIC) {
        return BAD("not a PE32 image (optional header magic 0x%x)", magic);
    }
    if (fh.SizeOfOptionalHeader < IMAGE_OPTIONAL_HEADER32_FIXED) {
        return BAD("SizeOfOptionalHeader %u is too small (a PE32 one has at least %u bytes)",
                   fh.SizeOfOptionalHeader, IMAGE_OPTIONAL_HEADER32_FIXED);
    }
    uint64_t table = opt_at + fh.SizeOfOptionalHeader;
    uint64_t table_end = table + (uint64_t)fh.NumberOfSections * sizeof(IMAGE_SECTION_HEADER);
    if (table > size) {
        return BAD("truncated: file is %zu bytes, the optional header needs %llu", size,
                   (unsigned long long)table);
    }
    if (fh.NumberOfSections > IMAGE_MAX_SECTIONS) {
        return BAD("%u sections (at most %u are supported)", fh.NumberOfSections,
                   IMAGE_MAX_SECTIONS);
    }
    if (table_end > size) {
        return BAD("truncated: file is %zu bytes, the section table needs %llu", size,
                   (unsigned long long)table_end);
    }
    IMAGE_OPTIONAL_HEADER32 opt;
    memset(&opt, 0, sizeof opt);
    memcpy(&opt, file + opt_at,
           fh.SizeOfOptionalHeader < sizeof opt ? fh.SizeOfOptionalHeader : sizeof opt);
    uint32_t dirs = opt.NumberOfRvaAndSizes < IMAGE_NUMBEROF_DIRECTORY_ENTRIES
                        ? opt.NumberOfRvaAndSizes : IMAGE_NUMBEROF_DIRECTORY_ENTRIES;
    if (IMAGE_OPTIONAL_HEADER32_FIXED + dirs * sizeof(IMAGE_DATA_DIRECTORY) >
        fh.SizeOfOptionalHeader) {
        return BAD("NumberOfRvaAndSizes %u does not fit in SizeOfOptionalHeader %u",
                   opt.NumberOfRvaAndSizes, fh.SizeOfOptionalHeader);
    }
    if (!(fh.Characteristics & IMAGE_FILE_EXECUTABLE_IMAGE)) {
        return BAD("not an executable image (IMAGE_FILE_EXECUTABLE_IMAGE is clear)");
    }
    if (!PowerOfTwo(opt.FileAlignment)) {
        return BAD("file alignment 0x%x is not a power of two", opt.FileAlignment);
    }
    if (!PowerOfTwo(opt.SectionAlignment)) {
        return BAD("section alignment 0x%x is not a power of two", opt.SectionAlignment);
    }
    if (opt.SectionAlignment < opt.FileAlignment) {
        return BAD("section alignment 0x%x is smaller than file alignment 0x%x",
                   opt.SectionAlignment, opt.FileAlignment);
    }
    if (opt.SectionAlignment < PE_PAGE_SIZE) {
        return BAD("section alignment 0x%x is below the page size "
                   "(low-alignment images are not supported)", opt.SectionAlignment);
    }
    if (opt.ImageBase & 0xFFFFu) {
        return BAD("ImageBase 0x%x is not a multiple of 64K", opt.ImageBase);
    }
    if (opt.SizeOfImage == 0) {
        return BAD("SizeOfImage 0 is invalid");
    }
    if (opt.SizeOfImage > PE_MAX_IMAGE_SIZE) {
        return BAD("SizeOfImage 0x%x is larger than the user address space", opt.SizeOfImage);
    }
    if (opt.SizeOfHeaders < table_end) {
        return BAD("SizeOfHeaders 0x%x does not cover the section table (which ends at 0x%llx)",
                   opt.SizeOfHeaders, (unsigned long long)table_end);
    }
    if (opt.SizeOfHeaders > size) {
        return BAD("truncated: file is %zu bytes, SizeOfHeaders is %u", size, opt.SizeOfHeaders);
    }
    if (opt.SizeOfHeaders > opt.SizeOfImage) {
        return BAD("SizeOfHeaders 0x%x is larger than SizeOfImage 0x%x", opt.SizeOfHeaders,
                   opt.SizeOfImage);
    }
    if (opt.AddressOfEntryPoint >= opt.SizeOfImage) {
        return BAD("entry point RVA 0x%x is outside the image (SizeOfImage 0x%x)",
                   opt.AddressOfEntryPoint, opt.SizeOfImage);
    }

    out->File = file;
    out->FileSize = size;
    out->ImageBase = opt.ImageBase;
    out->SizeOfImage = opt.SizeOfImage;
    out->SizeOfHeaders = opt.SizeOfHeaders;
    out->AddressOfEntryPoint = opt.AddressOfEntryPoint;
    out->SectionAlignment = opt.SectionAlignment;
    out->FileAlignment = opt.FileAlignment;
    out->Machine = fh.Machine;
    out->Characteristics = fh.Characteristics;
    out->Subsystem = opt.Subsystem;
    out->DllCharacteristics = opt.DllCharacteristics;
    out->MajorSubsystemVersion = opt.MajorSubsystemVersion;
    out->MinorSubsystemVersion = opt.MinorSubsystemVersion;
    out->SizeOfStackReserve = opt.SizeOfStackReserve;
    out->SizeOfStackCommit = opt.SizeOfStackCommit;
    out->SizeOfHeapReserve = opt.SizeOfHeapReserve;
    out->SizeOfHeapCommit = opt.SizeOfHeapCommit;
    out->NumberOfSections = fh.NumberOfSections;

    NTSTATUS status = ParseSections(file, size, table, out, why, whylen);
    if (status == STATUS_SUCCESS) {
        status = ParseDirectories(&opt, out, why, whylen);
    }
    if (status != STATUS_SUCCESS) {
        memset(out, 0, sizeof *out);
    }
    return status;
}

/* One base relocation of type HIGHLOW, HIGH, LOW or HIGHADJ (whose low
 * half, from the next entry, is `low`) applied at p for a move of delta. */
static void ApplyFixup(uint8_t *p, unsigned type, uint32_t delta, uint32_t low)
{
    switch (type) {
    case IMAGE_REL_BASED_HIGHLOW:
        Write32(p, Read32(p) + delta);
        break;
    case IMAGE_REL_BASED_HIGH:
        Write16(p, Read16(p) + (delta >> 16));
        break;
    case IMAGE_REL_BASED_LOW:
        Write16(p, Read16(p) + delta);
        break;
    case IMAGE_REL_BASED_HIGHADJ:
        /* The low half is sign-extended; the 0x8000 rounds the high half
         * for that sign. */
        low |= (low & 0x8000u) ? 0xFFFF0000u : 0;
        Write16(p, (((uint32_t)Read16(p) << 16) + low + delta + 0x8000u) >> 16);
        break;
    default:
        break; /* ABSOLUTE: padding; the callers refuse the rest */
    }
}

/* -------------------------------------------------- layout and relocation */

static NTSTATUS Relocate(const IMAGE_INFO *img, uint32_t new_base, uint8_t *out, char *why,
                         size_t whylen)
{
    uint32_t delta = new_base - img->ImageBase;
    uint32_t size = img->SizeOfImage;
    IMAGE_DATA_DIRECTORY dir = img->Directory[IMAGE_DIRECTORY_ENTRY_BASERELOC];
    if ((uint64_t)new_base + size > 0x100000000ull) {
        return Fail(why, whylen, STATUS_INVALID_PARAMETER,
                    "the image (0x%x bytes) does not fit at 0x%08x", size, new_base);
    }
    if (img->Characteristics & IMAGE_FILE_RELOCS_STRIPPED) {
        return Fail(why, whylen, STATUS_ILLEGAL_DLL_RELOCATION,
                    "image cannot be relocated from 0x%08x to 0x%08x (relocations stripped)",
                    img->ImageBase, new_base);
    }
    if (dir.VirtualAddress == 0 || dir.Size == 0) {
        return Fail(why, whylen, STATUS_ILLEGAL_DLL_RELOCATION,
                    "image cannot be relocated from 0x%08x to 0x%08x (no relocation directory)",
                    img->ImageBase, new_base);
    }
    if (!InRange(dir.VirtualAddress, dir.Size, size)) {
        return BAD("base relocation directory lies outside the image");
    }
    /* Blocks are read from out itself, so every read is re-checked even
     * though a fixup could have rewritten the table under us. */
    uint64_t at = dir.VirtualAddress, end = at + dir.Size;
    while (at < end) {
        if (end - at < sizeof(IMAGE_BASE_RELOCATION)) {
            return BAD("relocation block at RVA 0x%llx is truncated", (unsigned long long)at);
        }
        uint32_t page = Read32(out + at);
        uint32_t block = Read32(out + at + 4);
        if (block < sizeof(IMAGE_BASE_RELOCATION) || block > end - at || (block & 1)) {
            return BAD("relocation block at RVA 0x%llx has a bad SizeOfBlock %u",
                       (unsigned long long)at, block);
        }
        for (uint64_t e = at + 8; e < at + block; e += 2) {
            uint16_t entry = Read16(out + e);
            unsigned type = entry >> 12;
            uint64_t target = (uint64_t)page + (entry & 0xFFFu);
            uint64_t width = type == IMAGE_REL_BASED_HIGHLOW ? 4 : 2;
            if (type == IMAGE_REL_BASED_ABSOLUTE) {
                continue;   /* padding */
            }
            if (type > IMAGE_REL_BASED_HIGHADJ) {
                return BAD("relocation type %u at RVA 0x%llx is not supported", type,
                           (unsigned long long)target);
            }
            if (!InRange(target, width, size)) {
                return BAD("relocation at RVA 0x%llx is outside the image",
                           (unsigned long long)target);
            }
            uint32_t low = 0;
            if (type == IMAGE_REL_BASED_HIGHADJ) {
                e += 2; /* the low half rides in the next entry */
                if (e >= at + block) {
                    return BAD("HIGHADJ relocation at RVA 0x%llx has no low half",
                               (unsigned long long)target);
                }
                low = Read16(out + e);
            }
            ApplyFixup(out + target, type, delta, low);
        }
        at += block;
    }
    return STATUS_SUCCESS;
}

NTSTATUS RtlImageRelocateRange(const uint8_t *relocs, uint32_t relocs_size, uint32_t delta,
                               uint32_t buffer_rva, uint8_t *buffer, uint32_t length,
                               uint32_t first, uint32_t count)
{
    uint64_t buffer_end = (uint64_t)buffer_rva + length;
    uint64_t range_end = (uint64_t)first + count;
    for (uint64_t at = 0; at + sizeof(IMAGE_BASE_RELOCATION) <= relocs_size;) {
        uint32_t page = Read32(relocs + at);
        uint32_t block = Read32(relocs + at + 4);
        if (block < sizeof(IMAGE_BASE_RELOCATION) || block > relocs_size - at || (block & 1)) {
            return STATUS_INVALID_IMAGE_FORMAT;
        }
        /* A block's fixups start in its 4 KiB page and reach at most 3
         * bytes past it: only blocks near the range matter. */
        if ((uint64_t)page + 0x1000u + 3u <= first || page >= range_end) {
            at += block;
            continue;
        }
        for (uint64_t e = at + 8; e + 2 <= at + block; e += 2) {
            uint16_t entry = Read16(relocs + e);
            unsigned type = entry >> 12;
            uint64_t target = (uint64_t)page + (entry & 0xFFFu);
            uint64_t width = type == IMAGE_REL_BASED_HIGHLOW ? 4 : 2;
            uint32_t low = 0;
            if (type == IMAGE_REL_BASED_HIGHADJ) {
                e += 2; /* the low half rides in the next entry */
                if (e + 2 > at + block) {
                    return STATUS_INVALID_IMAGE_FORMAT;
                }
                low = Read16(relocs + e);
            }
            if (type > IMAGE_REL_BASED_HIGHADJ) {
                return STATUS_INVALID_IMAGE_FORMAT;
            }
            if (type == IMAGE_REL_BASED_ABSOLUTE || target + width <= first ||
                target >= range_end || target < buffer_rva || target + width > buffer_end) {
                continue;
            }
            ApplyFixup(buffer + (target - buffer_rva), type, delta, low);
        }
        at += block;
    }
    return STATUS_SUCCESS;
}

bool RtlImageCanRelocate(const IMAGE_INFO *img)
{
    IMAGE_DATA_DIRECTORY dir = img->Directory[IMAGE_DIRECTORY_ENTRY_BASERELOC];
    return !(img->Characteristics & IMAGE_FILE_RELOCS_STRIPPED) && dir.VirtualAddress &&
           dir.Size;
}

NTSTATUS RtlImageLayOut(const IMAGE_INFO *img, uint32_t new_base, uint8_t *out, char *why,
                      size_t whylen)
{
    if (img == NULL || img->File == NULL || out == NULL) {
        return Fail(why, whylen, STATUS_INVALID_PARAMETER, "no image or no output buffer");
    }
    uint32_t size = img->SizeOfImage;
    memset(out, 0, size);
    /* RtlImageParse proved these; checked again so a hand-made img cannot
     * make this copy out of bounds. */
    if (img->SizeOfHeaders > size || img->SizeOfHeaders > img->FileSize ||
        img->NumberOfSections > IMAGE_MAX_SECTIONS) {
        return BAD("image info is inconsistent (not from RtlImageParse?)");
    }
    memcpy(out, img->File, img->SizeOfHeaders);
    for (uint32_t i = 0; i < img->NumberOfSections; i++) {
        const IMAGE_SECTION *s = &img->Sections[i];
        uint32_t vsize = s->VirtualSize ? s->VirtualSize : s->SizeOfRawData;
        uint32_t n = s->SizeOfRawData < vsize ? s->SizeOfRawData : vsize;
        if (s->PointerToRawData == 0 || n == 0) {
            continue;   /* uninitialized data: stays zero */
        }
        if (!InRange(s->PointerToRawData, n, img->FileSize) ||
            !InRange(s->VirtualAddress, n, size)) {
            return BAD("section %s does not fit (not from RtlImageParse?)", s->Name);
        }
        memcpy(out + s->VirtualAddress, img->File + s->PointerToRawData, n);
    }
    if (new_base == img->ImageBase) {
        return STATUS_SUCCESS;
    }
    return Relocate(img, new_base, out, why, whylen);
}

/* -------------------------------------------------------------- imports */

NTSTATUS RtlForEachImport(const uint8_t *image, uint32_t size, const IMAGE_INFO *img,
                         RTL_IMPORT_ROUTINE routine, void *ctx, char *why, size_t whylen)
{
    if (image == NULL || img == NULL || routine == NULL) {
        return Fail(why, whylen, STATUS_INVALID_PARAMETER, "no image or no routine");
    }
    uint32_t dir = img->Directory[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress;
    if (dir == 0) {
        return STATUS_SUCCESS;
    }
    /* Each import has its own 4-byte IAT slot, so a sane image has no more
     * than size/4 of them; this bounds the walk over hostile tables that
     * share or loop their thunks. */
    uint64_t budget = size / 4;
    for (uint64_t at = dir;; at += sizeof(IMAGE_IMPORT_DESCRIPTOR)) {
        IMAGE_IMPORT_DESCRIPTOR d;
        if (!InRange(at, sizeof d, size)) {
            return BAD("import descriptor at RVA 0x%llx is outside the image",
                       (unsigned long long)at);
        }
        memcpy(&d, image + at, sizeof d);
        if (d.Name == 0 || d.FirstThunk == 0) {
            return STATUS_SUCCESS;
        }
        const char *dll = String(image, size, d.Name);
        if (dll == NULL) {
            return BAD("import descriptor at RVA 0x%llx: the DLL name at RVA 0x%x is outside "
                       "the image or too long", (unsigned long long)at, d.Name);
        }
        uint32_t lookup = d.OriginalFirstThunk ? d.OriginalFirstThunk : d.FirstThunk;
        for (uint64_t i = 0;; i++) {
            uint64_t thunk = lookup + 4 * i, slot = d.FirstThunk + 4 * i;
            if (!InRange(thunk, 4, size)) {
                return BAD("imports from %s: the lookup table at RVA 0x%x runs past the image",
                           dll, lookup);
            }
            uint32_t v = Read32(image + thunk);
            if (v == 0) {
                break;
            }
            if (!InRange(slot, 4, size)) {
                return BAD("imports from %s: the IAT at RVA 0x%x runs past the image", dll,
                           d.FirstThunk);
            }
            if (budget-- == 0) {
                return BAD("more imports than the image has room for IAT slots");
            }
            int rc;
            if (v & IMAGE_ORDINAL_FLAG32) {
                rc = routine(ctx, dll, NULL, (uint16_t)v, (uint32_t)slot);
            } else {
                /* A hint/name entry: a 16-bit hint, then the name. */
                const char *name = InRange(v, 2, size) ? String(image, size, v + 2ull) : NULL;
                if (name == NULL) {
                    return BAD("imports from %s: the name at RVA 0x%x is outside the image or "
                               "too long", dll, v);
                }
                rc = routine(ctx, dll, name, Read16(image + v), (uint32_t)slot);
            }
            if (rc != 0) {
                return rc;
            }
        }
    }
}

/* -------------------------------------------------------------- exports */

static bool ReadExportDirectory(const uint8_t *image, uint32_t size, const IMAGE_INFO *img,
                                IMAGE_EXPORT_DIRECTORY *ed)
{
    uint32_t dir = img->Directory[IMAGE_DIRECTORY_ENTRY_EXPORT].VirtualAddress;
    if (dir == 0 || !InRange(dir, sizeof *ed, size)) {
        return false;
    }
    memcpy(ed, image + dir, sizeof *ed);
    return true;
}

const char *RtlExportDllName(const uint8_t *image, uint32_t size, const IMAGE_INFO *img)
{
    IMAGE_EXPORT_DIRECTORY ed;
    if (image == NULL || img == NULL || !ReadExportDirectory(image, size, img, &ed)) {
        return NULL;
    }
    return String(image, size, ed.Name);
}

NTSTATUS RtlLookupExport(const uint8_t *image, uint32_t size, const IMAGE_INFO *img,
                        const char *name, uint16_t ordinal, uint32_t *rva_out,
                        const char **forwarder_out)
{
    NTSTATUS not_found = name ? STATUS_ENTRYPOINT_NOT_FOUND : STATUS_ORDINAL_NOT_FOUND;
    if (rva_out) {
        *rva_out = 0;
    }
    if (forwarder_out) {
        *forwarder_out = NULL;
    }
    if (image == NULL || img == NULL) {
        return STATUS_INVALID_PARAMETER;
    }
    IMAGE_DATA_DIRECTORY dir = img->Directory[IMAGE_DIRECTORY_ENTRY_EXPORT];
    if (dir.VirtualAddress == 0) {
        return not_found;
    }
    IMAGE_EXPORT_DIRECTORY ed;
    if (!ReadExportDirectory(image, size, img, &ed) ||
        !InRange(ed.AddressOfFunctions, 4ull * ed.NumberOfFunctions, size)) {
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    uint32_t index;
    if (name != NULL) {
        if (!InRange(ed.AddressOfNames, 4ull * ed.NumberOfNames, size) ||
            !InRange(ed.AddressOfNameOrdinals, 2ull * ed.NumberOfNames, size)) {
            return STATUS_INVALID_IMAGE_FORMAT;
        }
        uint32_t found = ed.NumberOfNames;
        if (ordinal < ed.NumberOfNames) {       /* the hint */
            const char *s = String(image, size, Read32(image + ed.AddressOfNames + 4u * ordinal));
            if (s != NULL && strcmp(s, name) == 0) {
                found = ordinal;
            }
        }
        for (uint32_t lo = 0, hi = ed.NumberOfNames; found == ed.NumberOfNames && lo < hi;) {
            uint32_t mid = lo + (hi - lo) / 2;
            const char *s = String(image, size, Read32(image + ed.AddressOfNames + 4u * mid));
            if (s == NULL) {
                return STATUS_INVALID_IMAGE_FORMAT;
            }
            int c = strcmp(name, s);
            if (c == 0) {
                found = mid;
            } else if (c < 0) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (found == ed.NumberOfNames) {
            return not_found;
        }
        index = Read16(image + ed.AddressOfNameOrdinals + 2u * found);
        if (index >= ed.NumberOfFunctions) {
            return STATUS_INVALID_IMAGE_FORMAT;
        }
    } else {
        if (ordinal < ed.Base || ordinal - ed.Base >= ed.NumberOfFunctions) {
            return not_found;
        }
        index = ordinal - ed.Base;
    }
    uint32_t rva = Read32(image + ed.AddressOfFunctions + 4u * index);
    if (rva == 0) {
        return not_found;       /* a hole in the ordinal range */
    }
    if (rva >= dir.VirtualAddress && rva - dir.VirtualAddress < dir.Size) {
        const char *forwarder = String(image, size, rva);
        if (forwarder == NULL) {
            return STATUS_INVALID_IMAGE_FORMAT;
        }
        if (forwarder_out) {
            *forwarder_out = forwarder;
        }
    } else if (rva >= size) {
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    if (rva_out) {
        *rva_out = rva;
    }
    return STATUS_SUCCESS;
}

/* ------------------------------------------------------------------ TLS */

bool RtlImageHasTls(const IMAGE_INFO *img)
{
    return img != NULL && img->Directory[IMAGE_DIRECTORY_ENTRY_TLS].VirtualAddress != 0;
}

NTSTATUS RtlImageTlsDirectory(const uint8_t *image, uint32_t size, const IMAGE_INFO *img,
                           uint32_t base, IMAGE_TLS_DIRECTORY32 *tls, uint32_t *callbacks)
{
    if (image == NULL || img == NULL || tls == NULL || callbacks == NULL) {
        return STATUS_INVALID_PARAMETER;
    }
    memset(tls, 0, sizeof *tls);
    *callbacks = 0;
    uint32_t dir = img->Directory[IMAGE_DIRECTORY_ENTRY_TLS].VirtualAddress;
    if (dir == 0) {
        return STATUS_NOT_FOUND;
    }
    if (!InRange(dir, sizeof *tls, size)) {
        return STATUS_INVALID_IMAGE_FORMAT;
    }
    memcpy(tls, image + dir, sizeof *tls);
    if (tls->AddressOfCallBacks == 0) {
        return STATUS_SUCCESS;
    }
    uint64_t at = (uint32_t)(tls->AddressOfCallBacks - base);
    for (;; at += 4) {
        if (!InRange(at, 4, size)) {
            *callbacks = 0;
            return STATUS_INVALID_IMAGE_FORMAT;
        }
        if (Read32(image + at) == 0) {
            return STATUS_SUCCESS;
        }
        (*callbacks)++;
    }
}

/* ----------------------------------------------------------- protection */

uint32_t RtlImageSectionProtection(uint32_t characteristics)
{
    bool x = characteristics & IMAGE_SCN_MEM_EXECUTE;
    bool r = characteristics & IMAGE_SCN_MEM_READ;
    bool w = characteristics & IMAGE_SCN_MEM_WRITE;
    bool shared = characteristics & IMAGE_SCN_MEM_SHARED;
    if (w) {
        /* A view of an image is copy-on-write unless the section is shared. */
        if (x) {
            return shared ? 0x40u /* PAGE_EXECUTE_READWRITE */ : 0x80u /* PAGE_EXECUTE_WRITECOPY */;
        }
        return shared ? 0x04u /* PAGE_READWRITE */ : 0x08u /* PAGE_WRITECOPY */;
    }
    if (x) {
        return r ? 0x20u /* PAGE_EXECUTE_READ */ : 0x10u /* PAGE_EXECUTE */;
    }
    return r ? 0x02u /* PAGE_READONLY */ : 0x01u /* PAGE_NOACCESS */;
}
