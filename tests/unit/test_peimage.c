/*
 * mm/peimage: parsing, layout, relocation, imports, exports and TLS over
 * real mingw-w64 images (built by CMake into PEIMAGE_FIXTURES); truncated,
 * corrupted and mutated files are test_pemalformed.c's. The files are
 * copied into buffers of their exact size so that the ASan build catches
 * any read past the end.
 */
#include <check.h>

#include "tests/unit/checkmain.h"
#include "tests/unit/petest.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtl/rtlimage.h"

START_TEST(parses_the_dll)
{
    FIXTURE f;
    Load(&f, "fixdll.dll");
    const IMAGE_INFO *i = &f.Info;
    ck_assert(i->Characteristics & IMAGE_FILE_DLL);
    ck_assert_uint_eq(i->Machine, IMAGE_FILE_MACHINE_I386);
    ck_assert_uint_eq(i->ImageBase & 0xFFFF, 0);
    ck_assert_uint_eq(i->SectionAlignment, 0x1000);
    ck_assert_uint_eq(i->FileAlignment, 0x200);
    ck_assert_uint_eq(i->SizeOfHeaders, 0x400);
    ck_assert_str_eq(i->Sections[0].Name, ".text");
    ck_assert(InSection(i, ".text", i->AddressOfEntryPoint));
    ck_assert(InSection(i, ".edata", i->Directory[IMAGE_DIRECTORY_ENTRY_EXPORT].VirtualAddress));
    ck_assert(InSection(i, ".reloc",
                        i->Directory[IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress));
    ck_assert(!RtlImageHasTls(i));
    ck_assert_ptr_eq(i->File, f.File);
    ck_assert_uint_eq(i->FileSize, f.Size);
    Unload(&f);
}
END_TEST

START_TEST(parses_the_programs)
{
    FIXTURE f;
    Load(&f, "fixexe.exe");
    ck_assert(!(f.Info.Characteristics & IMAGE_FILE_DLL));
    ck_assert_uint_eq(f.Info.ImageBase, 0x400000);
    ck_assert_uint_eq(f.Info.Subsystem, IMAGE_SUBSYSTEM_WINDOWS_CUI);
    ck_assert(f.Info.DllCharacteristics & IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE);
    ck_assert_uint_eq(f.Info.Sections[f.Info.NumberOfSections - 1].VirtualAddress +
                          0x1000, f.Info.SizeOfImage);
    ck_assert_uint_ne(f.Info.SizeOfStackReserve, 0);
    ck_assert_uint_le(f.Info.SizeOfStackCommit, f.Info.SizeOfStackReserve);
    ck_assert(InSection(&f.Info, ".idata",
                        f.Info.Directory[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress));
    ck_assert(!RtlImageHasTls(&f.Info));
    Unload(&f);

    Load(&f, "crtexe.exe");
    ck_assert_uint_ge(f.Info.NumberOfSections, 6);
    ck_assert(RtlImageHasTls(&f.Info));  /* mingw-w64's C runtime always has one */
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
            const IMAGE_SECTION *sec = &f.Info.Sections[s];
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
    IMAGE_DATA_DIRECTORY d = f->Info.Directory[IMAGE_DIRECTORY_ENTRY_BASERELOC];
    uint32_t n = 0;
    for (uint32_t at = d.VirtualAddress; at < d.VirtualAddress + d.Size;) {
        uint32_t page = Get32(image + at), block = Get32(image + at + 4);
        ck_assert_uint_ge(block, 8);
        for (uint32_t e = at + 8; e < at + block; e += 2) {
            uint16_t v = Get16(image + e);
            if (v >> 12 == IMAGE_REL_BASED_HIGHLOW) {
                ck_assert_uint_lt(n, max);
                out[n++] = page + (v & 0xFFF);
            } else {
                ck_assert_uint_eq(v >> 12, IMAGE_REL_BASED_ABSOLUTE);
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
    const IMAGE_SECTION *data = Section(&f.Info, ".data");
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
        ck_assert_int_eq(RtlLookupExport(image, f.Info.SizeOfImage, &f.Info, "FixPointer", 0,
                                        &pointer, &fwd), STATUS_SUCCESS);
        ck_assert_int_eq(RtlLookupExport(image, f.Info.SizeOfImage, &f.Info, "FixValue", 0,
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
                           f->Info.Directory[IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress);
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
    ck_assert_int_eq(RtlImageParse(f.File, f.Size, &f.Info, why, sizeof why), STATUS_SUCCESS);
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
                           f.Info.Directory[IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress);
    for (int k = 0; k < 2; k++) {
        EditRelocations(f.File, &f, bad[k]);
        if (k == 1) {
            Put16(f.File + at + Get32(f.File + at + 4) - 2, 0x4010);
        }
        uint8_t *image = calloc(1, f.Info.SizeOfImage);
        ck_assert_int_eq(RtlImageLayOut(&f.Info, 0x10000000u, image, why, sizeof why),
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

    IMAGE_INFO stripped = f.Info;
    stripped.Characteristics |= IMAGE_FILE_RELOCS_STRIPPED;
    ck_assert_int_eq(RtlImageLayOut(&stripped, 0x10000000u, image, why, sizeof why),
                     STATUS_ILLEGAL_DLL_RELOCATION);
    ck_assert_str_eq(why, "image cannot be relocated from 0x00400000 to 0x10000000 "
                          "(relocations stripped)");
    /* ... but it can still be laid out where it wants to be. */
    ck_assert_int_eq(RtlImageLayOut(&stripped, 0x400000u, image, why, sizeof why), STATUS_SUCCESS);

    IMAGE_INFO none = f.Info;
    memset(&none.Directory[IMAGE_DIRECTORY_ENTRY_BASERELOC], 0, sizeof none.Directory[0]);
    ck_assert_int_eq(RtlImageLayOut(&none, 0x10000000u, image, why, sizeof why),
                     STATUS_ILLEGAL_DLL_RELOCATION);
    ck_assert_msg(strstr(why, "cannot be relocated") != NULL, "%s", why);

    ck_assert_int_eq(RtlImageLayOut(&f.Info, 0xFFFFF000u, image, why, sizeof why),
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
    ck_assert_int_eq(RtlForEachImport(image, f.Info.SizeOfImage, &f.Info, Record, &seen, why,
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
    ck_assert_int_eq(RtlForEachImport(image, f.Info.SizeOfImage, &f.Info, Record, &stop, why,
                                     sizeof why), 1234);
    ck_assert_int_eq(stop.Count, 2);
    free(image);
    Unload(&f);

    Load(&f, "crtexe.exe");
    image = Build(&f, f.Info.ImageBase);
    seen = (SEEN){0};
    ck_assert_int_eq(RtlForEachImport(image, f.Info.SizeOfImage, &f.Info, Record, &seen, why,
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
    ck_assert_int_eq(RtlForEachImport(image, f.Info.SizeOfImage, &f.Info, Record, &seen, why,
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
    uint32_t dir = f.Info.Directory[IMAGE_DIRECTORY_ENTRY_IMPORT].VirtualAddress;
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
        ck_assert_int_eq(RtlForEachImport(copy, size, &f.Info, Record, &seen, why, sizeof why),
                         STATUS_INVALID_IMAGE_FORMAT);
        ck_assert_msg(strstr(why, cases[k].Expect) != NULL, "case %zu: %s", k, why);
        free(copy);
    }
    /* A name RVA in a thunk that points past the end. */
    uint8_t *copy = malloc(size);
    memcpy(copy, image, size);
    Put32(copy + Get32(copy + dir), size - 1);
    ck_assert_int_eq(RtlForEachImport(copy, size, &f.Info, Record, &seen, why, sizeof why),
                     STATUS_INVALID_IMAGE_FORMAT);
    /* An unterminated descriptor list that runs off the end. */
    memset(copy + dir, 0x41, size - dir);
    ck_assert_int_eq(RtlForEachImport(copy, size, &f.Info, Record, &seen, why, sizeof why),
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
    ck_assert_str_eq(RtlExportDllName(image, size, &f.Info), "fixdll.dll");

    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, "FixAdd", 0, &rva, &fwd),
                     STATUS_SUCCESS);
    ck_assert_ptr_null(fwd);
    ck_assert(InSection(&f.Info, ".text", rva));
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, NULL, 1, &rva2, &fwd), STATUS_SUCCESS);
    ck_assert_uint_eq(rva2, rva);
    /* A wrong hint, and one past the table, still find it. */
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, "FixAdd", 3, &rva2, &fwd),
                     STATUS_SUCCESS);
    ck_assert_uint_eq(rva2, rva);
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, "FixAdd", 999, &rva2, &fwd),
                     STATUS_SUCCESS);
    ck_assert_uint_eq(rva2, rva);

    /* Ordinal-only: found by ordinal, not by name. */
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, NULL, 5, &rva, &fwd), STATUS_SUCCESS);
    ck_assert(InSection(&f.Info, ".text", rva));
    ck_assert_ptr_null(fwd);
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, "FixOrdinalOnly", 0, &rva, &fwd),
                     STATUS_ENTRYPOINT_NOT_FOUND);

    /* Data exports. */
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, "FixValue", 0, &rva, &fwd),
                     STATUS_SUCCESS);
    ck_assert(InSection(&f.Info, ".data", rva));

    /* Forwarders, by name and by ordinal. */
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, "FixForward", 0, &rva, &fwd),
                     STATUS_SUCCESS);
    ck_assert_str_eq(fwd, "kernel32.GetTickCount");
    ck_assert(InSection(&f.Info, ".edata", rva));
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, NULL, 6, &rva, &fwd), STATUS_SUCCESS);
    ck_assert_str_eq(fwd, "kernel32.GetTickCount");
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, NULL, 7, &rva, &fwd), STATUS_SUCCESS);
    ck_assert_str_eq(fwd, "kernel32.#42");

    /* Not there: exact, case-sensitive names; the gap at 4; out of range. */
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, "fixadd", 0, &rva, &fwd),
                     STATUS_ENTRYPOINT_NOT_FOUND);
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, "FixAd", 0, &rva, &fwd),
                     STATUS_ENTRYPOINT_NOT_FOUND);
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, "", 0, &rva, &fwd),
                     STATUS_ENTRYPOINT_NOT_FOUND);
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, "ZZZ", 0, &rva, &fwd),
                     STATUS_ENTRYPOINT_NOT_FOUND);
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, NULL, 4, &rva, &fwd),
                     STATUS_ORDINAL_NOT_FOUND);
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, NULL, 0, &rva, &fwd),
                     STATUS_ORDINAL_NOT_FOUND);
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, NULL, 8, &rva, &fwd),
                     STATUS_ORDINAL_NOT_FOUND);
    ck_assert_uint_eq(rva, 0);
    ck_assert_ptr_null(fwd);

    /* A corrupt table: NumberOfFunctions far past the image. */
    uint32_t dir = f.Info.Directory[IMAGE_DIRECTORY_ENTRY_EXPORT].VirtualAddress;
    Put32(image + dir + offsetof(IMAGE_EXPORT_DIRECTORY, NumberOfFunctions), 0x40000000);
    ck_assert_int_eq(RtlLookupExport(image, size, &f.Info, "FixAdd", 0, &rva, &fwd),
                     STATUS_INVALID_IMAGE_FORMAT);
    free(image);
    Unload(&f);

    /* A program without exports. */
    Load(&f, "fixexe.exe");
    image = Build(&f, f.Info.ImageBase);
    ck_assert_int_eq(RtlLookupExport(image, f.Info.SizeOfImage, &f.Info, "main", 0, &rva, &fwd),
                     STATUS_ENTRYPOINT_NOT_FOUND);
    ck_assert_int_eq(RtlLookupExport(image, f.Info.SizeOfImage, &f.Info, NULL, 1, &rva, &fwd),
                     STATUS_ORDINAL_NOT_FOUND);
    ck_assert_ptr_null(RtlExportDllName(image, f.Info.SizeOfImage, &f.Info));
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
    IMAGE_TLS_DIRECTORY32 tls;
    uint32_t callbacks = 99;
    ck_assert_int_eq(RtlImageTlsDirectory(image, f.Info.SizeOfImage, &f.Info, base, &tls, &callbacks),
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
    ck_assert_int_eq(RtlImageTlsDirectory(image, f.Info.SizeOfImage, &f.Info, f.Info.ImageBase, &tls,
                                       &callbacks), STATUS_NOT_FOUND);
    ck_assert_uint_eq(callbacks, 0);
    free(image);
    Unload(&f);
}
END_TEST

START_TEST(section_protections)
{
    const uint32_t X = IMAGE_SCN_MEM_EXECUTE, R = IMAGE_SCN_MEM_READ,
                   W = IMAGE_SCN_MEM_WRITE, S = IMAGE_SCN_MEM_SHARED;
    ck_assert_uint_eq(RtlImageSectionProtection(X | R | W), 0x80);
    ck_assert_uint_eq(RtlImageSectionProtection(X | R), 0x20);
    ck_assert_uint_eq(RtlImageSectionProtection(X), 0x10);
    ck_assert_uint_eq(RtlImageSectionProtection(X | W), 0x80);
    ck_assert_uint_eq(RtlImageSectionProtection(R | W), 0x08);
    ck_assert_uint_eq(RtlImageSectionProtection(R), 0x02);
    ck_assert_uint_eq(RtlImageSectionProtection(W), 0x08);
    ck_assert_uint_eq(RtlImageSectionProtection(0), 0x01);
    ck_assert_uint_eq(RtlImageSectionProtection(R | W | S), 0x04);
    ck_assert_uint_eq(RtlImageSectionProtection(X | R | W | S), 0x40);
    ck_assert_uint_eq(RtlImageSectionProtection(R | IMAGE_SCN_CNT_INITIALIZED_DATA), 0x02);
    /* A real .text and .data. */
    ck_assert_uint_eq(RtlImageSectionProtection(0x60000020), 0x20);
    ck_assert_uint_eq(RtlImageSectionProtection(0xC0000040), 0x08);
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

    return RunSuite(s);
}
