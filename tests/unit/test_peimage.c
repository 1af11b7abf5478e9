/*
 * mm/peimage: parsing, layout, relocation, imports, exports and TLS over
 * real mingw-w64 images (built by CMake into PEIMAGE_FIXTURES), and
 * robustness against truncated, corrupted and randomly mutated files. The
 * files are copied into buffers of their exact size so that the ASan build
 * catches any read past the end.
 */
#include <check.h>

#include "tests/unit/checkmain.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/peimage.h"

#ifndef PEIMAGE_FIXTURES
#error "PEIMAGE_FIXTURES must name the fixture directory"
#endif

typedef struct FIXTURE {
    uint8_t *File;
    size_t Size;
    MI_IMAGE_INFO Info;
} FIXTURE;

static uint16_t Get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t Get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void Put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void Put32(uint8_t *p, uint32_t v)
{
    Put16(p, v);
    Put16(p + 2, v >> 16);
}

static void Load(FIXTURE *f, const char *name)
{
    char path[512], why[256] = "";
    snprintf(path, sizeof path, "%s/%s", PEIMAGE_FIXTURES, name);
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    f->Size = (size_t)ftell(fp);
    fseek(fp, 0, SEEK_SET);
    f->File = malloc(f->Size);
    ck_assert(f->File != NULL);
    ck_assert_uint_eq(fread(f->File, 1, f->Size, fp), f->Size);
    fclose(fp);
    NTSTATUS s = MiParseImage(f->File, f->Size, &f->Info, why, sizeof why);
    ck_assert_msg(s == STATUS_SUCCESS, "%s: %s", name, why);
}

static void Unload(FIXTURE *f)
{
    free(f->File);
    f->File = NULL;
}

/* A laid-out copy of f at base, which must succeed. */
static uint8_t *Build(const FIXTURE *f, uint32_t base)
{
    char why[256] = "";
    uint8_t *image = calloc(1, f->Info.SizeOfImage);
    ck_assert(image != NULL);
    NTSTATUS s = MiBuildImage(&f->Info, base, image, why, sizeof why);
    ck_assert_msg(s == STATUS_SUCCESS, "build at 0x%x: %s", base, why);
    return image;
}

static const MI_IMAGE_SECTION *Section(const MI_IMAGE_INFO *info, const char *name)
{
    for (uint32_t i = 0; i < info->NumberOfSections; i++) {
        if (strcmp(info->Sections[i].Name, name) == 0) {
            return &info->Sections[i];
        }
    }
    ck_abort_msg("no section %s", name);
    return NULL;
}

static bool InSection(const MI_IMAGE_INFO *info, const char *name, uint32_t rva)
{
    const MI_IMAGE_SECTION *s = Section(info, name);
    return rva >= s->VirtualAddress && rva < s->VirtualAddress + s->VirtualSize;
}

/* The file offset of an RVA inside some section's raw data. */
static size_t FileOffset(const MI_IMAGE_INFO *info, uint32_t rva)
{
    for (uint32_t i = 0; i < info->NumberOfSections; i++) {
        const MI_IMAGE_SECTION *s = &info->Sections[i];
        if (rva >= s->VirtualAddress && rva - s->VirtualAddress < s->SizeOfRawData) {
            return s->PointerToRawData + (rva - s->VirtualAddress);
        }
    }
    ck_abort_msg("RVA 0x%x has no file data", rva);
    return 0;
}

/* Header field offsets, for corrupting files by hand. */
static size_t NtOffset(const FIXTURE *f)
{
    return Get32(f->File + 0x3C);
}
#define FH(f, field) (NtOffset(f) + 4 + offsetof(MI_IMAGE_FILE_HEADER, field))
#define OH(f, field) (NtOffset(f) + 24 + offsetof(MI_IMAGE_OPTIONAL_HEADER32, field))
static size_t SectionHeader(const FIXTURE *f, const char *name)
{
    size_t table = NtOffset(f) + 24 + Get16(f->File + FH(f, SizeOfOptionalHeader));
    for (uint32_t i = 0; i < f->Info.NumberOfSections; i++) {
        if (strncmp((const char *)f->File + table + 40 * i, name, 8) == 0) {
            return table + 40 * i;
        }
    }
    ck_abort_msg("no section %s", name);
    return 0;
}

/* Parses a copy of f->File[0, size) with its bytes changed by edit. */
static NTSTATUS ParseCopy(const FIXTURE *f, size_t size, void (*edit)(uint8_t *, const FIXTURE *),
                          MI_IMAGE_INFO *info, char *why, size_t whylen)
{
    uint8_t *copy = malloc(size ? size : 1);
    memcpy(copy, f->File, size);
    if (edit) {
        edit(copy, f);
    }
    NTSTATUS s = MiParseImage(copy, size, info, why, whylen);
    free(copy);
    return s;
}

/* ------------------------------------------------------------- parsing */

START_TEST(parses_the_dll)
{
    FIXTURE f;
    Load(&f, "fixdll.dll");
    const MI_IMAGE_INFO *i = &f.Info;
    ck_assert(i->Characteristics & MI_IMAGE_FILE_DLL);
    ck_assert_uint_eq(i->Machine, MI_IMAGE_FILE_MACHINE_I386);
    ck_assert_uint_eq(i->ImageBase & 0xFFFF, 0);
    ck_assert_uint_eq(i->SectionAlignment, 0x1000);
    ck_assert_uint_eq(i->FileAlignment, 0x200);
    ck_assert_uint_eq(i->SizeOfHeaders, 0x400);
    ck_assert_str_eq(i->Sections[0].Name, ".text");
    ck_assert(InSection(i, ".text", i->AddressOfEntryPoint));
    ck_assert(InSection(i, ".edata", i->Directory[MI_IMAGE_DIRECTORY_ENTRY_EXPORT].VirtualAddress));
    ck_assert(InSection(i, ".reloc",
                        i->Directory[MI_IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress));
    ck_assert(!MiImageHasTls(i));
    ck_assert_ptr_eq(i->File, f.File);
    ck_assert_uint_eq(i->FileSize, f.Size);
    Unload(&f);
}
END_TEST

START_TEST(parses_the_programs)
{
    FIXTURE f;
    Load(&f, "fixexe.exe");
    ck_assert(!(f.Info.Characteristics & MI_IMAGE_FILE_DLL));
    ck_assert_uint_eq(f.Info.ImageBase, 0x400000);
    ck_assert_uint_eq(f.Info.Subsystem, MI_IMAGE_SUBSYSTEM_WINDOWS_CUI);
    ck_assert(f.Info.DllCharacteristics & MI_IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE);
    ck_assert_uint_eq(f.Info.Sections[f.Info.NumberOfSections - 1].VirtualAddress +
                          0x1000, f.Info.SizeOfImage);
    ck_assert_uint_ne(f.Info.SizeOfStackReserve, 0);
    ck_assert_uint_le(f.Info.SizeOfStackCommit, f.Info.SizeOfStackReserve);
    ck_assert(InSection(&f.Info, ".idata",
                        f.Info.Directory[MI_IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress));
    ck_assert(!MiImageHasTls(&f.Info));
    Unload(&f);

    Load(&f, "crtexe.exe");
    ck_assert_uint_ge(f.Info.NumberOfSections, 6);
    ck_assert(MiImageHasTls(&f.Info));  /* mingw-w64's C runtime always has one */
    Unload(&f);
}
END_TEST

/* ------------------------------------------------- layout and relocation */

START_TEST(lays_out_at_the_preferred_base)
{
    const char *names[] = {"fixdll.dll", "fixexe.exe", "crtexe.exe"};
    for (int n = 0; n < 3; n++) {
        FIXTURE f;
        Load(&f, names[n]);
        uint8_t *image = Build(&f, f.Info.ImageBase);
        ck_assert_mem_eq(image, f.File, f.Info.SizeOfHeaders);
        for (uint32_t s = 0; s < f.Info.NumberOfSections; s++) {
            const MI_IMAGE_SECTION *sec = &f.Info.Sections[s];
            uint32_t vsize = sec->VirtualSize ? sec->VirtualSize : sec->SizeOfRawData;
            uint32_t copied = sec->PointerToRawData ? (sec->SizeOfRawData < vsize
                                                          ? sec->SizeOfRawData : vsize) : 0;
            ck_assert_mem_eq(image + sec->VirtualAddress, f.File + sec->PointerToRawData, copied);
            uint32_t end = s + 1 < f.Info.NumberOfSections ? f.Info.Sections[s + 1].VirtualAddress
                                                           : f.Info.SizeOfImage;
            for (uint32_t r = sec->VirtualAddress + copied; r < end; r++) {
                ck_assert_msg(image[r] == 0, "%s %s: byte 0x%x not zero", names[n], sec->Name, r);
            }
        }
        free(image);
        Unload(&f);
    }
}
END_TEST

/* Every HIGHLOW target of an image, from its relocation directory. */
static uint32_t HighLowTargets(const FIXTURE *f, const uint8_t *image, uint32_t *out, uint32_t max)
{
    MI_IMAGE_DATA_DIRECTORY d = f->Info.Directory[MI_IMAGE_DIRECTORY_ENTRY_BASERELOC];
    uint32_t n = 0;
    for (uint32_t at = d.VirtualAddress; at < d.VirtualAddress + d.Size;) {
        uint32_t page = Get32(image + at), block = Get32(image + at + 4);
        ck_assert_uint_ge(block, 8);
        for (uint32_t e = at + 8; e < at + block; e += 2) {
            uint16_t v = Get16(image + e);
            if (v >> 12 == MI_IMAGE_REL_BASED_HIGHLOW) {
                ck_assert_uint_lt(n, max);
                out[n++] = page + (v & 0xFFF);
            } else {
                ck_assert_uint_eq(v >> 12, MI_IMAGE_REL_BASED_ABSOLUTE);
            }
        }
        at += block;
    }
    return n;
}

START_TEST(relocation_moves_exactly_the_fixups)
{
    const char *names[] = {"fixdll.dll", "fixexe.exe", "crtexe.exe"};
    for (int n = 0; n < 3; n++) {
        FIXTURE f;
        Load(&f, names[n]);
        uint32_t a_base = f.Info.ImageBase, b_base = a_base + 0x10230000u;
        uint8_t *a = Build(&f, a_base), *b = Build(&f, b_base);
        static uint32_t targets[4096];
        uint32_t count = HighLowTargets(&f, a, targets, 4096);
        ck_assert_msg(count > 0, "%s has no relocations", names[n]);
        uint8_t *fixed = calloc(1, f.Info.SizeOfImage);
        for (uint32_t t = 0; t < count; t++) {
            ck_assert_uint_eq(Get32(b + targets[t]), Get32(a + targets[t]) + (b_base - a_base));
            memset(fixed + targets[t], 1, 4);
        }
        for (uint32_t r = 0; r < f.Info.SizeOfImage; r++) {
            ck_assert_msg(fixed[r] || a[r] == b[r], "%s: byte 0x%x changed", names[n], r);
        }
        free(fixed);
        free(a);
        free(b);
        Unload(&f);
    }
}
END_TEST

START_TEST(relocated_pointers_point_into_the_new_image)
{
    /* fixexe: FixTable[2] = &FixTable, a word in .data holding its own address. */
    FIXTURE f;
    Load(&f, "fixexe.exe");
    uint32_t bases[] = {f.Info.ImageBase, 0x10000000u, 0x00010000u};
    const MI_IMAGE_SECTION *data = Section(&f.Info, ".data");
    uint32_t self = 0;
    for (int k = 0; k < 3; k++) {
        uint8_t *image = Build(&f, bases[k]);
        uint32_t found = 0;
        for (uint32_t r = data->VirtualAddress; r + 4 <= data->VirtualAddress + data->VirtualSize;
             r += 4) {
            if (Get32(image + r) == bases[k] + r) {
                found = r;
            }
        }
        ck_assert_msg(found != 0, "no self-pointer at base 0x%x", bases[k]);
        ck_assert(self == 0 || found == self);
        self = found;
        free(image);
    }
    Unload(&f);

    /* fixdll: FixPointer holds &FixValue. */
    Load(&f, "fixdll.dll");
    for (int k = 0; k < 2; k++) {
        uint32_t base = k ? 0x20000000u : f.Info.ImageBase;
        uint8_t *image = Build(&f, base);
        uint32_t pointer, value;
        const char *fwd;
        ck_assert_int_eq(MiLookupExport(image, f.Info.SizeOfImage, &f.Info, "FixPointer", 0,
                                        &pointer, &fwd), STATUS_SUCCESS);
        ck_assert_int_eq(MiLookupExport(image, f.Info.SizeOfImage, &f.Info, "FixValue", 0,
                                        &value, &fwd), STATUS_SUCCESS);
        ck_assert_uint_eq(Get32(image + pointer), base + value);
        ck_assert_uint_eq(Get32(image + value), 42);
        free(image);
    }
    Unload(&f);
}
END_TEST

/* Rewrites fixexe's first relocation block (page 0x1000): six entries,
 * then ABSOLUTE padding. */
static void EditRelocations(uint8_t *file, const FIXTURE *f, const uint16_t *entries)
{
    size_t at = FileOffset(&f->Info,
                           f->Info.Directory[MI_IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress);
    uint32_t block = Get32(file + at + 4);
    ck_assert_uint_eq(Get32(file + at), 0x1000);
    ck_assert_uint_ge(block, 8 + 2 * 6);
    for (uint32_t i = 0; 8 + 2 * i < block; i++) {
        Put16(file + at + 8 + 2 * i, i < 6 ? entries[i] : 0);
    }
}

START_TEST(high_low_and_highadj)
{
    FIXTURE f;
    Load(&f, "fixexe.exe");
    const uint16_t entries[6] = {
        0x1000 | 0x010, /* HIGH at 0x1010 */
        0x2000 | 0x020, /* LOW at 0x1020 */
        0x4000 | 0x030, /* HIGHADJ at 0x1030 ... */
        0x9ABC,         /* ... whose low half is 0x9ABC (negative) */
        0x3000 | 0x040, /* HIGHLOW at 0x1040 */
        0x0000,         /* ABSOLUTE */
    };
    EditRelocations(f.File, &f, entries);
    char why[256] = "";
    ck_assert_int_eq(MiParseImage(f.File, f.Size, &f.Info, why, sizeof why), STATUS_SUCCESS);
    uint32_t delta = 0x12345678u;
    uint8_t *a = Build(&f, f.Info.ImageBase), *b = Build(&f, f.Info.ImageBase + delta);
    ck_assert_uint_eq(Get16(b + 0x1010), (uint16_t)(Get16(a + 0x1010) + (delta >> 16)));
    ck_assert_uint_eq(Get16(b + 0x1020), (uint16_t)(Get16(a + 0x1020) + delta));
    uint32_t full = ((uint32_t)Get16(a + 0x1030) << 16) + 0xFFFF9ABCu + delta;
    ck_assert_uint_eq(Get16(b + 0x1030), (uint16_t)((full + 0x8000u) >> 16));
    ck_assert_uint_eq(Get32(b + 0x1040), Get32(a + 0x1040) + delta);
    free(a);
    free(b);

    /* A type this parser does not know, and a HIGHADJ without its low half
     * (the block's last entry). */
    const uint16_t dir64[6] = {0xA000, 0, 0, 0, 0, 0};
    const uint16_t none[6] = {0, 0, 0, 0, 0, 0};
    const uint16_t *bad[2] = {dir64, none};
    const char *expect[2] = {"relocation type 10", "no low half"};
    size_t at = FileOffset(&f.Info,
                           f.Info.Directory[MI_IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress);
    for (int k = 0; k < 2; k++) {
        EditRelocations(f.File, &f, bad[k]);
        if (k == 1) {
            Put16(f.File + at + Get32(f.File + at + 4) - 2, 0x4010);
        }
        uint8_t *image = calloc(1, f.Info.SizeOfImage);
        ck_assert_int_eq(MiBuildImage(&f.Info, 0x10000000u, image, why, sizeof why),
                         STATUS_INVALID_IMAGE_FORMAT);
        ck_assert_msg(strstr(why, expect[k]) != NULL, "%s", why);
        free(image);
    }
    Unload(&f);
}
END_TEST

START_TEST(refuses_to_relocate_without_relocations)
{
    FIXTURE f;
    Load(&f, "fixexe.exe");
    char why[256] = "";
    uint8_t *image = calloc(1, f.Info.SizeOfImage);

    MI_IMAGE_INFO stripped = f.Info;
    stripped.Characteristics |= MI_IMAGE_FILE_RELOCS_STRIPPED;
    ck_assert_int_eq(MiBuildImage(&stripped, 0x10000000u, image, why, sizeof why),
                     STATUS_ILLEGAL_DLL_RELOCATION);
    ck_assert_str_eq(why, "image cannot be relocated from 0x00400000 to 0x10000000 "
                          "(relocations stripped)");
    /* ... but it can still be laid out where it wants to be. */
    ck_assert_int_eq(MiBuildImage(&stripped, 0x400000u, image, why, sizeof why), STATUS_SUCCESS);

    MI_IMAGE_INFO none = f.Info;
    memset(&none.Directory[MI_IMAGE_DIRECTORY_ENTRY_BASERELOC], 0, sizeof none.Directory[0]);
    ck_assert_int_eq(MiBuildImage(&none, 0x10000000u, image, why, sizeof why),
                     STATUS_ILLEGAL_DLL_RELOCATION);
    ck_assert_msg(strstr(why, "cannot be relocated") != NULL, "%s", why);

    ck_assert_int_eq(MiBuildImage(&f.Info, 0xFFFFF000u, image, why, sizeof why),
                     STATUS_INVALID_PARAMETER);
    free(image);
    Unload(&f);
}
END_TEST

/* -------------------------------------------------------------- imports */

typedef struct SEEN {
    char Text[64][80];
    uint32_t Iat[64];
    int Count;
    int StopAfter;
} SEEN;

static int Record(void *ctx, const char *dll, const char *name, uint16_t ordinal_or_hint,
                  uint32_t iat_rva)
{
    SEEN *seen = ctx;
    if (seen->Count < 64) {
        if (name) {
            snprintf(seen->Text[seen->Count], 80, "%s!%s", dll, name);
        } else {
            snprintf(seen->Text[seen->Count], 80, "%s!#%u", dll, ordinal_or_hint);
        }
        seen->Iat[seen->Count] = iat_rva;
    }
    seen->Count++;
    return seen->StopAfter && seen->Count == seen->StopAfter ? 1234 : 0;
}

START_TEST(enumerates_imports)
{
    FIXTURE f;
    Load(&f, "fixexe.exe");
    uint8_t *image = Build(&f, f.Info.ImageBase);
    SEEN seen = {0};
    char why[256] = "";
    ck_assert_int_eq(MiForEachImport(image, f.Info.SizeOfImage, &f.Info, Record, &seen, why,
                                     sizeof why), STATUS_SUCCESS);
    ck_assert_int_eq(seen.Count, 4);
    /* The linker picks the order of the DLLs, not of each DLL's thunks. */
    int k32 = strcmp(seen.Text[0], "KERNEL32.dll!ExitProcess") == 0 ? 0 : 2, fix = 2 - k32;
    ck_assert_str_eq(seen.Text[k32], "KERNEL32.dll!ExitProcess");
    ck_assert_str_eq(seen.Text[k32 + 1], "KERNEL32.dll!GetTickCount");
    ck_assert_str_eq(seen.Text[fix], "fixdll.dll!FixAdd");
    ck_assert_str_eq(seen.Text[fix + 1], "fixdll.dll!#5");
    /* Consecutive IAT slots per DLL, inside the image's .idata. */
    ck_assert_uint_eq(seen.Iat[k32 + 1], seen.Iat[k32] + 4);
    ck_assert_uint_eq(seen.Iat[fix + 1], seen.Iat[fix] + 4);
    for (int i = 0; i < 4; i++) {
        ck_assert(InSection(&f.Info, ".idata", seen.Iat[i]));
    }

    /* The routine's nonzero return stops the walk and is returned. */
    SEEN stop = {.StopAfter = 2};
    ck_assert_int_eq(MiForEachImport(image, f.Info.SizeOfImage, &f.Info, Record, &stop, why,
                                     sizeof why), 1234);
    ck_assert_int_eq(stop.Count, 2);
    free(image);
    Unload(&f);

    Load(&f, "crtexe.exe");
    image = Build(&f, f.Info.ImageBase);
    seen = (SEEN){0};
    ck_assert_int_eq(MiForEachImport(image, f.Info.SizeOfImage, &f.Info, Record, &seen, why,
                                     sizeof why), STATUS_SUCCESS);
    ck_assert_int_gt(seen.Count, 20);
    bool malloc_seen = false;
    for (int i = 0; i < seen.Count && i < 64; i++) {
        malloc_seen |= strcmp(seen.Text[i], "msvcrt.dll!malloc") == 0;
    }
    ck_assert(malloc_seen);
    free(image);
    Unload(&f);

    /* A DLL without imports: no calls. */
    Load(&f, "fixdll.dll");
    image = Build(&f, f.Info.ImageBase);
    seen = (SEEN){0};
    ck_assert_int_eq(MiForEachImport(image, f.Info.SizeOfImage, &f.Info, Record, &seen, why,
                                     sizeof why), STATUS_SUCCESS);
    ck_assert_int_eq(seen.Count, 0);
    free(image);
    Unload(&f);
}
END_TEST

START_TEST(rejects_bad_import_tables)
{
    FIXTURE f;
    Load(&f, "fixexe.exe");
    uint8_t *image = Build(&f, f.Info.ImageBase);
    uint32_t size = f.Info.SizeOfImage;
    uint32_t dir = f.Info.Directory[MI_IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress;
    char why[256];
    SEEN seen = {0};
    struct { uint32_t Offset, Value; const char *Expect; } cases[] = {
        {12, size, "DLL name"},                     /* Name past the end */
        {0, size - 2, "lookup table"},              /* OriginalFirstThunk at the very end */
        {16, size - 2, "IAT"},                      /* FirstThunk at the very end */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        uint8_t *copy = malloc(size);
        memcpy(copy, image, size);
        Put32(copy + dir + cases[k].Offset, cases[k].Value);
        why[0] = '\0';
        ck_assert_int_eq(MiForEachImport(copy, size, &f.Info, Record, &seen, why, sizeof why),
                         STATUS_INVALID_IMAGE_FORMAT);
        ck_assert_msg(strstr(why, cases[k].Expect) != NULL, "case %zu: %s", k, why);
        free(copy);
    }
    /* A name RVA in a thunk that points past the end. */
    uint8_t *copy = malloc(size);
    memcpy(copy, image, size);
    Put32(copy + Get32(copy + dir), size - 1);
    ck_assert_int_eq(MiForEachImport(copy, size, &f.Info, Record, &seen, why, sizeof why),
                     STATUS_INVALID_IMAGE_FORMAT);
    /* An unterminated descriptor list that runs off the end. */
    memset(copy + dir, 0x41, size - dir);
    ck_assert_int_eq(MiForEachImport(copy, size, &f.Info, Record, &seen, why, sizeof why),
                     STATUS_INVALID_IMAGE_FORMAT);
    free(copy);
    free(image);
    Unload(&f);
}
END_TEST

/* -------------------------------------------------------------- exports */

START_TEST(looks_up_exports)
{
    FIXTURE f;
    Load(&f, "fixdll.dll");
    uint8_t *image = Build(&f, f.Info.ImageBase);
    uint32_t size = f.Info.SizeOfImage, rva, rva2;
    const char *fwd;
    ck_assert_str_eq(MiExportDllName(image, size, &f.Info), "fixdll.dll");

    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, "FixAdd", 0, &rva, &fwd),
                     STATUS_SUCCESS);
    ck_assert_ptr_null(fwd);
    ck_assert(InSection(&f.Info, ".text", rva));
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, NULL, 1, &rva2, &fwd), STATUS_SUCCESS);
    ck_assert_uint_eq(rva2, rva);
    /* A wrong hint, and one past the table, still find it. */
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, "FixAdd", 3, &rva2, &fwd),
                     STATUS_SUCCESS);
    ck_assert_uint_eq(rva2, rva);
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, "FixAdd", 999, &rva2, &fwd),
                     STATUS_SUCCESS);
    ck_assert_uint_eq(rva2, rva);

    /* Ordinal-only: found by ordinal, not by name. */
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, NULL, 5, &rva, &fwd), STATUS_SUCCESS);
    ck_assert(InSection(&f.Info, ".text", rva));
    ck_assert_ptr_null(fwd);
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, "FixOrdinalOnly", 0, &rva, &fwd),
                     STATUS_ENTRYPOINT_NOT_FOUND);

    /* Data exports. */
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, "FixValue", 0, &rva, &fwd),
                     STATUS_SUCCESS);
    ck_assert(InSection(&f.Info, ".data", rva));

    /* Forwarders, by name and by ordinal. */
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, "FixForward", 0, &rva, &fwd),
                     STATUS_SUCCESS);
    ck_assert_str_eq(fwd, "kernel32.GetTickCount");
    ck_assert(InSection(&f.Info, ".edata", rva));
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, NULL, 6, &rva, &fwd), STATUS_SUCCESS);
    ck_assert_str_eq(fwd, "kernel32.GetTickCount");
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, NULL, 7, &rva, &fwd), STATUS_SUCCESS);
    ck_assert_str_eq(fwd, "kernel32.#42");

    /* Not there: exact, case-sensitive names; the gap at 4; out of range. */
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, "fixadd", 0, &rva, &fwd),
                     STATUS_ENTRYPOINT_NOT_FOUND);
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, "FixAd", 0, &rva, &fwd),
                     STATUS_ENTRYPOINT_NOT_FOUND);
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, "", 0, &rva, &fwd),
                     STATUS_ENTRYPOINT_NOT_FOUND);
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, "ZZZ", 0, &rva, &fwd),
                     STATUS_ENTRYPOINT_NOT_FOUND);
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, NULL, 4, &rva, &fwd),
                     STATUS_ORDINAL_NOT_FOUND);
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, NULL, 0, &rva, &fwd),
                     STATUS_ORDINAL_NOT_FOUND);
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, NULL, 8, &rva, &fwd),
                     STATUS_ORDINAL_NOT_FOUND);
    ck_assert_uint_eq(rva, 0);
    ck_assert_ptr_null(fwd);

    /* A corrupt table: NumberOfFunctions far past the image. */
    uint32_t dir = f.Info.Directory[MI_IMAGE_DIRECTORY_ENTRY_EXPORT].VirtualAddress;
    Put32(image + dir + offsetof(MI_IMAGE_EXPORT_DIRECTORY, NumberOfFunctions), 0x40000000);
    ck_assert_int_eq(MiLookupExport(image, size, &f.Info, "FixAdd", 0, &rva, &fwd),
                     STATUS_INVALID_IMAGE_FORMAT);
    free(image);
    Unload(&f);

    /* A program without exports. */
    Load(&f, "fixexe.exe");
    image = Build(&f, f.Info.ImageBase);
    ck_assert_int_eq(MiLookupExport(image, f.Info.SizeOfImage, &f.Info, "main", 0, &rva, &fwd),
                     STATUS_ENTRYPOINT_NOT_FOUND);
    ck_assert_int_eq(MiLookupExport(image, f.Info.SizeOfImage, &f.Info, NULL, 1, &rva, &fwd),
                     STATUS_ORDINAL_NOT_FOUND);
    ck_assert_ptr_null(MiExportDllName(image, f.Info.SizeOfImage, &f.Info));
    free(image);
    Unload(&f);
}
END_TEST

/* ------------------------------------------------------ TLS, protection */

START_TEST(reports_tls)
{
    FIXTURE f;
    Load(&f, "crtexe.exe");
    uint32_t base = 0x10000000u;
    uint8_t *image = Build(&f, base);
    MI_IMAGE_TLS_DIRECTORY32 tls;
    uint32_t callbacks = 99;
    ck_assert_int_eq(MiGetTlsDirectory(image, f.Info.SizeOfImage, &f.Info, base, &tls, &callbacks),
                     STATUS_SUCCESS);
    /* Relocated VAs inside the image; mingw-w64's CRT registers callbacks. */
    ck_assert_uint_ge(tls.AddressOfIndex, base);
    ck_assert_uint_lt(tls.AddressOfIndex, base + f.Info.SizeOfImage);
    ck_assert_uint_ge(tls.AddressOfCallBacks, base);
    ck_assert_uint_gt(callbacks, 0);
    ck_assert_uint_le(tls.StartAddressOfRawData, tls.EndAddressOfRawData);
    free(image);
    Unload(&f);

    Load(&f, "fixexe.exe");
    image = Build(&f, f.Info.ImageBase);
    ck_assert_int_eq(MiGetTlsDirectory(image, f.Info.SizeOfImage, &f.Info, f.Info.ImageBase, &tls,
                                       &callbacks), STATUS_NOT_FOUND);
    ck_assert_uint_eq(callbacks, 0);
    free(image);
    Unload(&f);
}
END_TEST

START_TEST(section_protections)
{
    const uint32_t X = MI_IMAGE_SCN_MEM_EXECUTE, R = MI_IMAGE_SCN_MEM_READ,
                   W = MI_IMAGE_SCN_MEM_WRITE, S = MI_IMAGE_SCN_MEM_SHARED;
    ck_assert_uint_eq(MiImageSectionProtection(X | R | W), 0x80);
    ck_assert_uint_eq(MiImageSectionProtection(X | R), 0x20);
    ck_assert_uint_eq(MiImageSectionProtection(X), 0x10);
    ck_assert_uint_eq(MiImageSectionProtection(X | W), 0x80);
    ck_assert_uint_eq(MiImageSectionProtection(R | W), 0x08);
    ck_assert_uint_eq(MiImageSectionProtection(R), 0x02);
    ck_assert_uint_eq(MiImageSectionProtection(W), 0x08);
    ck_assert_uint_eq(MiImageSectionProtection(0), 0x01);
    ck_assert_uint_eq(MiImageSectionProtection(R | W | S), 0x04);
    ck_assert_uint_eq(MiImageSectionProtection(X | R | W | S), 0x40);
    ck_assert_uint_eq(MiImageSectionProtection(R | MI_IMAGE_SCN_CNT_INITIALIZED_DATA), 0x02);
    /* A real .text and .data. */
    ck_assert_uint_eq(MiImageSectionProtection(0x60000020), 0x20);
    ck_assert_uint_eq(MiImageSectionProtection(0xC0000040), 0x08);
}
END_TEST

/* ------------------------------------------------------------ robustness */

/* The end of the last section's raw data: every shorter file is broken. */
static size_t RawEnd(const FIXTURE *f)
{
    size_t end = f->Info.SizeOfHeaders;
    for (uint32_t i = 0; i < f->Info.NumberOfSections; i++) {
        const MI_IMAGE_SECTION *s = &f->Info.Sections[i];
        if (s->PointerToRawData && s->PointerToRawData + s->SizeOfRawData > end) {
            end = s->PointerToRawData + s->SizeOfRawData;
        }
    }
    return end;
}

START_TEST(truncation_fails_cleanly)
{
    const char *names[] = {"fixdll.dll", "fixexe.exe", "crtexe.exe"};
    for (int n = 0; n < 3; n++) {
        FIXTURE f;
        Load(&f, names[n]);
        size_t end = RawEnd(&f);
        ck_assert_uint_le(end, f.Size);
        for (size_t len = 0; len < end; len += len < f.Info.SizeOfHeaders + 64 ? 1 : 61) {
            char why[256] = "";
            MI_IMAGE_INFO info;
            NTSTATUS s = ParseCopy(&f, len, NULL, &info, why, sizeof why);
            ck_assert_msg(s == STATUS_INVALID_IMAGE_FORMAT, "%s cut to %zu: 0x%x", names[n], len,
                          (unsigned)s);
            ck_assert_msg(why[0] != '\0' && strchr(why, '\n') == NULL, "%s cut to %zu", names[n],
                          len);
            if (len < f.Info.SizeOfHeaders) {
                ck_assert_msg(strncmp(why, "truncated: file is ", 19) == 0, "%zu: %s", len, why);
            } else {
                ck_assert_msg(strstr(why, "runs past the end of the file"), "%zu: %s", len, why);
            }
        }
        char why[256];
        MI_IMAGE_INFO info;
        ck_assert_int_eq(ParseCopy(&f, 100, NULL, &info, why, sizeof why),
                         STATUS_INVALID_IMAGE_FORMAT);
        ck_assert_msg(strncmp(why, "truncated: file is 100 bytes", 28) == 0, "%s", why);
        ck_assert_int_eq(ParseCopy(&f, end, NULL, &info, why, sizeof why), STATUS_SUCCESS);
        Unload(&f);
    }
}
END_TEST

static void SetLfanewHuge(uint8_t *p, const FIXTURE *f)
{
    (void)f;
    Put32(p + 0x3C, 0xFFFFFFF0u);
}
static void SetLfanewEnd(uint8_t *p, const FIXTURE *f)
{
    Put32(p + 0x3C, (uint32_t)f->Size - 8);
}
static void ClearMz(uint8_t *p, const FIXTURE *f)
{
    (void)f;
    p[0] = 'X';
}
static void ClearPe(uint8_t *p, const FIXTURE *f)
{
    p[NtOffset(f) + 1] = 'X';
}
static void SetAmd64(uint8_t *p, const FIXTURE *f)
{
    Put16(p + FH(f, Machine), 0x8664);
}
static void SetPe32Plus(uint8_t *p, const FIXTURE *f)
{
    Put16(p + OH(f, Magic), 0x20B);
}
static void SetSectionsHuge(uint8_t *p, const FIXTURE *f)
{
    Put16(p + FH(f, NumberOfSections), 0xFFFF);
}
static void SetSections97(uint8_t *p, const FIXTURE *f)
{
    Put16(p + FH(f, NumberOfSections), 97);
}
static void SetSections30(uint8_t *p, const FIXTURE *f)
{
    Put16(p + FH(f, NumberOfSections), 30);
}
static void SetOptionalTiny(uint8_t *p, const FIXTURE *f)
{
    Put16(p + FH(f, SizeOfOptionalHeader), 64);
}
static void SetOptionalHuge(uint8_t *p, const FIXTURE *f)
{
    Put16(p + FH(f, SizeOfOptionalHeader), 0xFFFF);
}
static void SetOptional112(uint8_t *p, const FIXTURE *f)
{
    Put16(p + FH(f, SizeOfOptionalHeader), 112);
}
static void ClearExecutable(uint8_t *p, const FIXTURE *f)
{
    Put16(p + FH(f, Characteristics), f->Info.Characteristics & ~MI_IMAGE_FILE_EXECUTABLE_IMAGE);
}
static void SetRawPastEof(uint8_t *p, const FIXTURE *f)
{
    Put32(p + SectionHeader(f, ".data") + 20, (uint32_t)f->Size - 0x100);
}
static void SetRawSizeHuge(uint8_t *p, const FIXTURE *f)
{
    Put32(p + SectionHeader(f, ".text") + 16, 0xFFFFFE00u);
}
static void SetImageTiny(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, SizeOfImage), 0x1000);
}
static void SetImageZero(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, SizeOfImage), 0);
}
static void SetImageHuge(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, SizeOfImage), 0xFFFFF000u);
}
static void SetImagePlus(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, SizeOfImage), f->Info.SizeOfImage + 0x10000);
}
static void SetHeadersTiny(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, SizeOfHeaders), 0x80);
}
static void SetHeadersHuge(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, SizeOfHeaders), 0x7FFFFFFF);
}
static void SetSectionAlign800(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, SectionAlignment), 0x800);
    Put32(p + OH(f, FileAlignment), 0x1000);
}
static void SetSectionAlign3(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, SectionAlignment), 0x3000);
}
static void SetLowAlignment(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, SectionAlignment), 0x200);
}
static void SetFileAlignZero(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, FileAlignment), 0);
}
static void SetBaseOdd(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, ImageBase), 0x401000);
}
static void SetEntryOutside(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, AddressOfEntryPoint), f->Info.SizeOfImage);
}
static void SetImportPastImage(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, DataDirectory) + 8 * MI_IMAGE_DIRECTORY_ENTRY_IMPORT,
          f->Info.SizeOfImage + 0x1000);
}
static void SetImportSizeWraps(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, DataDirectory) + 8 * MI_IMAGE_DIRECTORY_ENTRY_IMPORT + 4, 0xFFFFFFF0u);
}
static void SetSectionOverlap(uint8_t *p, const FIXTURE *f)
{
    Put32(p + SectionHeader(f, ".data") + 12, f->Info.Sections[0].VirtualAddress);
}
static void SetSectionInHeaders(uint8_t *p, const FIXTURE *f)
{
    Put32(p + SectionHeader(f, ".text") + 12, 0);
}
static void SetSectionUnaligned(uint8_t *p, const FIXTURE *f)
{
    Put32(p + SectionHeader(f, ".text") + 12, f->Info.Sections[0].VirtualAddress + 0x10);
}
static void SetSectionHuge(uint8_t *p, const FIXTURE *f)
{
    Put32(p + SectionHeader(f, ".text") + 8, 0xFFFFFFF0u);
}

START_TEST(corrupted_headers_are_refused)
{
    struct {
        void (*Edit)(uint8_t *, const FIXTURE *);
        NTSTATUS Status;
        const char *Expect;
    } cases[] = {
        {SetLfanewHuge, STATUS_INVALID_IMAGE_FORMAT, "e_lfanew 0xfffffff0"},
        {SetLfanewEnd, STATUS_INVALID_IMAGE_FORMAT, "truncated"},
        {ClearMz, STATUS_INVALID_IMAGE_NOT_MZ, "not a PE file (no MZ signature)"},
        {ClearPe, STATUS_INVALID_IMAGE_FORMAT, "no PE signature"},
        {SetAmd64, STATUS_INVALID_IMAGE_FORMAT,
         "unsupported machine 0x8664 (only i386 PE32 is supported)"},
        {SetPe32Plus, STATUS_INVALID_IMAGE_FORMAT,
         "not a PE32 image (optional header magic 0x20b)"},
        {SetSectionsHuge, STATUS_INVALID_IMAGE_FORMAT, "65535 sections"},
        {SetSections97, STATUS_INVALID_IMAGE_FORMAT, "97 sections (at most 96"},
        {SetSections30, STATUS_INVALID_IMAGE_FORMAT, ""},
        {SetOptionalTiny, STATUS_INVALID_IMAGE_FORMAT, "SizeOfOptionalHeader 64"},
        {SetOptionalHuge, STATUS_INVALID_IMAGE_FORMAT, "truncated"},
        {SetOptional112, STATUS_INVALID_IMAGE_FORMAT,
         "NumberOfRvaAndSizes 16 does not fit in SizeOfOptionalHeader 112"},
        {ClearExecutable, STATUS_INVALID_IMAGE_FORMAT, "not an executable image"},
        {SetRawPastEof, STATUS_INVALID_IMAGE_FORMAT,
         "section .data raw data runs past the end of the file"},
        {SetRawSizeHuge, STATUS_INVALID_IMAGE_FORMAT, "section .text"},
        {SetImageTiny, STATUS_INVALID_IMAGE_FORMAT, "SizeOfImage 0x1000"},
        {SetImageZero, STATUS_INVALID_IMAGE_FORMAT, "SizeOfImage 0 is invalid"},
        {SetImageHuge, STATUS_INVALID_IMAGE_FORMAT, "SizeOfImage 0xfffff000"},
        {SetImagePlus, STATUS_INVALID_IMAGE_FORMAT, "does not match the end of the last section"},
        {SetHeadersTiny, STATUS_INVALID_IMAGE_FORMAT, "does not cover the section table"},
        {SetHeadersHuge, STATUS_INVALID_IMAGE_FORMAT, "SizeOfHeaders"},
        {SetSectionAlign800, STATUS_INVALID_IMAGE_FORMAT,
         "section alignment 0x800 is smaller than file alignment 0x1000"},
        {SetSectionAlign3, STATUS_INVALID_IMAGE_FORMAT, "not a power of two"},
        {SetLowAlignment, STATUS_INVALID_IMAGE_FORMAT, "low-alignment"},
        {SetFileAlignZero, STATUS_INVALID_IMAGE_FORMAT, "file alignment 0x0"},
        {SetBaseOdd, STATUS_INVALID_IMAGE_FORMAT, "ImageBase 0x401000 is not a multiple of 64K"},
        {SetEntryOutside, STATUS_INVALID_IMAGE_FORMAT, "entry point"},
        {SetImportPastImage, STATUS_INVALID_IMAGE_FORMAT, "import directory"},
        {SetImportSizeWraps, STATUS_INVALID_IMAGE_FORMAT, "import directory"},
        {SetSectionOverlap, STATUS_INVALID_IMAGE_FORMAT, "section .data at RVA 0x1000 overlaps"},
        {SetSectionInHeaders, STATUS_INVALID_IMAGE_FORMAT, "overlaps the headers"},
        {SetSectionUnaligned, STATUS_INVALID_IMAGE_FORMAT,
         "not a multiple of the section alignment"},
        {SetSectionHuge, STATUS_INVALID_IMAGE_FORMAT, "runs past SizeOfImage"},
    };
    FIXTURE f;
    Load(&f, "fixexe.exe");
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char why[256] = "";
        MI_IMAGE_INFO info;
        memset(&info, 0xAB, sizeof info);
        NTSTATUS s = ParseCopy(&f, f.Size, cases[k].Edit, &info, why, sizeof why);
        ck_assert_msg(s == cases[k].Status, "case %zu: status 0x%x (%s)", k, (unsigned)s, why);
        ck_assert_msg(why[0] != '\0' && strstr(why, cases[k].Expect) != NULL, "case %zu: \"%s\"",
                      k, why);
        ck_assert_msg(info.File == NULL && info.SizeOfImage == 0, "case %zu left info filled", k);
    }
    /* The reason is cut to fit, and a NULL why is fine. */
    char tiny[8];
    MI_IMAGE_INFO info;
    ck_assert_int_eq(ParseCopy(&f, f.Size, SetAmd64, &info, tiny, sizeof tiny),
                     STATUS_INVALID_IMAGE_FORMAT);
    ck_assert_str_eq(tiny, "unsuppo");
    ck_assert_int_eq(ParseCopy(&f, f.Size, SetAmd64, &info, NULL, 0), STATUS_INVALID_IMAGE_FORMAT);
    ck_assert_int_eq(MiParseImage(NULL, 0, &info, tiny, sizeof tiny), STATUS_INVALID_IMAGE_FORMAT);
    Unload(&f);
}
END_TEST

static void SetBlockSize(uint8_t *file, const FIXTURE *f, uint32_t value)
{
    size_t at = FileOffset(&f->Info,
                           f->Info.Directory[MI_IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress);
    Put32(file + at + 4, value);
}

START_TEST(corrupted_relocations_are_refused)
{
    FIXTURE f;
    Load(&f, "fixexe.exe");
    size_t at = FileOffset(&f.Info,
                           f.Info.Directory[MI_IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress);
    uint32_t original = Get32(f.File + at + 4);
    const uint32_t sizes[] = {0, 4, 7, 9, 0x10000, 0xFFFFFFF8u};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        char why[256] = "";
        SetBlockSize(f.File, &f, sizes[k]);
        ck_assert_int_eq(MiParseImage(f.File, f.Size, &f.Info, why, sizeof why), STATUS_SUCCESS);
        uint8_t *image = calloc(1, f.Info.SizeOfImage);
        ck_assert_int_eq(MiBuildImage(&f.Info, f.Info.ImageBase, image, why, sizeof why),
                         STATUS_SUCCESS);  /* not read unless the image moves */
        ck_assert_int_eq(MiBuildImage(&f.Info, 0x10000000u, image, why, sizeof why),
                         STATUS_INVALID_IMAGE_FORMAT);
        ck_assert_msg(strstr(why, "SizeOfBlock") != NULL, "size %u: %s", sizes[k], why);
        free(image);
    }
    /* A fixup whose target is past the end of the image. */
    SetBlockSize(f.File, &f, original);
    Put32(f.File + at, f.Info.SizeOfImage - 2);
    char why[256] = "";
    uint8_t *image = calloc(1, f.Info.SizeOfImage);
    ck_assert_int_eq(MiBuildImage(&f.Info, 0x10000000u, image, why, sizeof why),
                     STATUS_INVALID_IMAGE_FORMAT);
    ck_assert_msg(strstr(why, "outside the image") != NULL, "%s", why);
    free(image);
    Unload(&f);
}
END_TEST

/* ------------------------------------------------- random mutation */

static uint64_t Rng = 0x9E3779B97F4A7C15ull;

static uint32_t Random(void)
{
    Rng ^= Rng << 13;
    Rng ^= Rng >> 7;
    Rng ^= Rng << 17;
    return (uint32_t)(Rng >> 16);
}

typedef struct RANGE {
    size_t Start, Length;
} RANGE;

/* File ranges worth mutating: the headers and the sections that hold the
 * import, export, relocation and TLS directories. */
static int Ranges(const FIXTURE *f, RANGE *out)
{
    int n = 0;
    out[n++] = (RANGE){0, f->Info.SizeOfHeaders};
    const int dirs[] = {MI_IMAGE_DIRECTORY_ENTRY_EXPORT, MI_IMAGE_DIRECTORY_ENTRY_IMPORT,
                        MI_IMAGE_DIRECTORY_ENTRY_BASERELOC, MI_IMAGE_DIRECTORY_ENTRY_TLS};
    for (int d = 0; d < 4; d++) {
        uint32_t rva = f->Info.Directory[dirs[d]].VirtualAddress;
        for (uint32_t i = 0; rva && i < f->Info.NumberOfSections; i++) {
            const MI_IMAGE_SECTION *s = &f->Info.Sections[i];
            if (rva >= s->VirtualAddress && rva - s->VirtualAddress < s->SizeOfRawData) {
                out[n++] = (RANGE){s->PointerToRawData, s->SizeOfRawData};
            }
        }
    }
    return n;
}

static void Mutate(uint8_t *p, const RANGE *range)
{
    size_t at = range->Start + Random() % range->Length;
    switch (Random() % 6) {
    case 0:
        p[at] = (uint8_t)Random();
        break;
    case 1:
        p[at] ^= (uint8_t)(1u << (Random() % 8));
        break;
    case 2:
        p[at] = (uint8_t)(p[at] + 1);
        break;
    default: {
        static const uint32_t words[] = {0, 1, 0x7FFFFFFF, 0x80000000u, 0xFFFFFFFFu, 0xFFFF,
                                         0x1000, 0x10000, 0xFFFFFFF0u, 0x400000};
        at &= ~(size_t)3;
        if (at + 4 <= range->Start + range->Length) {
            uint32_t w = Random() % 3 ? words[Random() % 10] : Random();
            Put32(p + at, w);
        }
        break;
    }
    }
}

static int Discard(void *ctx, const char *dll, const char *name, uint16_t ordinal, uint32_t iat)
{
    uint32_t *sum = ctx;
    *sum += (uint32_t)strlen(dll) + (name ? (uint32_t)strlen(name) : ordinal) + iat;
    return 0;
}

/* Everything a loader would do with the image, results ignored. */
static void Exercise(const uint8_t *image, const MI_IMAGE_INFO *info, uint32_t base)
{
    char why[128];
    uint32_t sum = 0, rva, callbacks;
    const char *fwd;
    MI_IMAGE_TLS_DIRECTORY32 tls;
    MiForEachImport(image, info->SizeOfImage, info, Discard, &sum, why, sizeof why);
    static const char *names[] = {"FixAdd", "FixForward", "FixPointer", "malloc", "", "zzzz"};
    for (int k = 0; k < 6; k++) {
        MiLookupExport(image, info->SizeOfImage, info, names[k], (uint16_t)Random(), &rva, &fwd);
        MiLookupExport(image, info->SizeOfImage, info, NULL, (uint16_t)(Random() % 10), &rva, &fwd);
    }
    const char *dll = MiExportDllName(image, info->SizeOfImage, info);
    if (dll) {
        sum += (uint32_t)strlen(dll);
    }
    MiGetTlsDirectory(image, info->SizeOfImage, info, base, &tls, &callbacks);
    for (uint32_t i = 0; i < info->NumberOfSections; i++) {
        sum += MiImageSectionProtection(info->Sections[i].Characteristics);
    }
    (void)sum;
}

START_TEST(random_mutations_never_crash)
{
    FIXTURE fx[3];
    const char *names[] = {"fixdll.dll", "fixexe.exe", "crtexe.exe"};
    RANGE ranges[3][8];
    int nranges[3];
    for (int n = 0; n < 3; n++) {
        Load(&fx[n], names[n]);
        nranges[n] = Ranges(&fx[n], ranges[n]);
    }
    int parsed = 0, built = 0, moved = 0;
    for (int iter = 0; iter < 20000; iter++) {
        const FIXTURE *f = &fx[iter % 3];
        uint8_t *file = malloc(f->Size);
        memcpy(file, f->File, f->Size);
        int mutations = 1 + (int)(Random() % 4);
        for (int m = 0; m < mutations; m++) {
            Mutate(file, &ranges[iter % 3][Random() % (uint32_t)nranges[iter % 3]]);
        }
        /* Sometimes cut it short too. */
        size_t size = Random() % 8 == 0 ? Random() % f->Size : f->Size;
        char why[256];
        MI_IMAGE_INFO info;
        if (MiParseImage(file, size, &info, why, sizeof why) == STATUS_SUCCESS) {
            parsed++;
            uint8_t *image = malloc(info.SizeOfImage);
            if (MiBuildImage(&info, info.ImageBase, image, why, sizeof why) == STATUS_SUCCESS) {
                built++;
                Exercise(image, &info, info.ImageBase);
            }
            uint32_t base = 0x10000000u + (Random() % 0x1000) * 0x10000u;
            if (MiBuildImage(&info, base, image, why, sizeof why) == STATUS_SUCCESS) {
                moved++;
                Exercise(image, &info, base);
                /* And garbage straight into the built directories. */
                for (int m = 0; m < 8; m++) {
                    uint32_t d = Random() % MI_IMAGE_NUMBEROF_DIRECTORY_ENTRIES;
                    uint32_t rva = info.Directory[d].VirtualAddress + Random() % 64;
                    if (rva < info.SizeOfImage) {
                        image[rva] = (uint8_t)Random();
                    }
                }
                Exercise(image, &info, base);
            }
            free(image);
        }
        free(file);
    }
    /* The mutations must not all be rejected up front. */
    ck_assert_int_gt(parsed, 2000);
    ck_assert_int_gt(built, 2000);
    ck_assert_int_gt(moved, 1000);
    for (int n = 0; n < 3; n++) {
        Unload(&fx[n]);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("peimage");
    TCase *tc = tcase_create("parse");
    tcase_add_test(tc, parses_the_dll);
    tcase_add_test(tc, parses_the_programs);
    tcase_add_test(tc, lays_out_at_the_preferred_base);
    tcase_add_test(tc, relocation_moves_exactly_the_fixups);
    tcase_add_test(tc, relocated_pointers_point_into_the_new_image);
    tcase_add_test(tc, high_low_and_highadj);
    tcase_add_test(tc, refuses_to_relocate_without_relocations);
    tcase_add_test(tc, enumerates_imports);
    tcase_add_test(tc, rejects_bad_import_tables);
    tcase_add_test(tc, looks_up_exports);
    tcase_add_test(tc, reports_tls);
    tcase_add_test(tc, section_protections);
    suite_add_tcase(s, tc);

    TCase *robust = tcase_create("robustness");
    tcase_set_timeout(robust, 600);
    tcase_add_test(robust, truncation_fails_cleanly);
    tcase_add_test(robust, corrupted_headers_are_refused);
    tcase_add_test(robust, corrupted_relocations_are_refused);
    tcase_add_test(robust, random_mutations_never_crash);
    suite_add_tcase(s, robust);

    return RunSuite(s);
}
