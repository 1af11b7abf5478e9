/*
 * mm/peimage against broken files: every truncation of the fixtures,
 * corrupted headers and relocations, and random mutations, each refused
 * with a status and never a crash. Files are copied into buffers of their
 * exact size so that the ASan build catches any read past the end.
 */
#include <check.h>

#include "tests/unit/checkmain.h"
#include "tests/unit/petest.h"

/* ------------------------------------------------------------ robustness */

/* The end of the last section's raw data: every shorter file is broken. */
static size_t RawEnd(const FIXTURE *f)
{
    size_t end = f->Info.SizeOfHeaders;
    for (uint32_t i = 0; i < f->Info.NumberOfSections; i++) {
        const IMAGE_SECTION *s = &f->Info.Sections[i];
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
            IMAGE_INFO info;
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
        IMAGE_INFO info;
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
    Put16(p + FH(f, Characteristics), f->Info.Characteristics & ~IMAGE_FILE_EXECUTABLE_IMAGE);
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
    Put32(p + OH(f, DataDirectory) + 8 * IMAGE_DIRECTORY_ENTRY_IMPORT,
          f->Info.SizeOfImage + 0x1000);
}
static void SetImportSizeWraps(uint8_t *p, const FIXTURE *f)
{
    Put32(p + OH(f, DataDirectory) + 8 * IMAGE_DIRECTORY_ENTRY_IMPORT + 4, 0xFFFFFFF0u);
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
        IMAGE_INFO info;
        memset(&info, 0xAB, sizeof info);
        NTSTATUS s = ParseCopy(&f, f.Size, cases[k].Edit, &info, why, sizeof why);
        ck_assert_msg(s == cases[k].Status, "case %zu: status 0x%x (%s)", k, (unsigned)s, why);
        ck_assert_msg(why[0] != '\0' && strstr(why, cases[k].Expect) != NULL, "case %zu: \"%s\"",
                      k, why);
        ck_assert_msg(info.File == NULL && info.SizeOfImage == 0, "case %zu left info filled", k);
    }
    /* The reason is cut to fit, and a NULL why is fine. */
    char tiny[8];
    IMAGE_INFO info;
    ck_assert_int_eq(ParseCopy(&f, f.Size, SetAmd64, &info, tiny, sizeof tiny),
                     STATUS_INVALID_IMAGE_FORMAT);
    ck_assert_str_eq(tiny, "unsuppo");
    ck_assert_int_eq(ParseCopy(&f, f.Size, SetAmd64, &info, NULL, 0), STATUS_INVALID_IMAGE_FORMAT);
    ck_assert_int_eq(RtlImageParse(NULL, 0, &info, tiny, sizeof tiny), STATUS_INVALID_IMAGE_FORMAT);
    Unload(&f);
}
END_TEST

static void SetBlockSize(uint8_t *file, const FIXTURE *f, uint32_t value)
{
    size_t at = FileOffset(&f->Info,
                           f->Info.Directory[IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress);
    Put32(file + at + 4, value);
}

START_TEST(corrupted_relocations_are_refused)
{
    FIXTURE f;
    Load(&f, "fixexe.exe");
    size_t at = FileOffset(&f.Info,
                           f.Info.Directory[IMAGE_DIRECTORY_ENTRY_BASERELOC].VirtualAddress);
    uint32_t original = Get32(f.File + at + 4);
    const uint32_t sizes[] = {0, 4, 7, 9, 0x10000, 0xFFFFFFF8u};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        char why[256] = "";
        SetBlockSize(f.File, &f, sizes[k]);
        ck_assert_int_eq(RtlImageParse(f.File, f.Size, &f.Info, why, sizeof why), STATUS_SUCCESS);
        uint8_t *image = calloc(1, f.Info.SizeOfImage);
        ck_assert_int_eq(RtlImageLayOut(&f.Info, f.Info.ImageBase, image, why, sizeof why),
                         STATUS_SUCCESS);  /* not read unless the image moves */
        ck_assert_int_eq(RtlImageLayOut(&f.Info, 0x10000000u, image, why, sizeof why),
                         STATUS_INVALID_IMAGE_FORMAT);
        ck_assert_msg(strstr(why, "SizeOfBlock") != NULL, "size %u: %s", sizes[k], why);
        free(image);
    }
    /* A fixup whose target is past the end of the image. */
    SetBlockSize(f.File, &f, original);
    Put32(f.File + at, f.Info.SizeOfImage - 2);
    char why[256] = "";
    uint8_t *image = calloc(1, f.Info.SizeOfImage);
    ck_assert_int_eq(RtlImageLayOut(&f.Info, 0x10000000u, image, why, sizeof why),
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
    const int dirs[] = {IMAGE_DIRECTORY_ENTRY_EXPORT, IMAGE_DIRECTORY_ENTRY_IMPORT,
                        IMAGE_DIRECTORY_ENTRY_BASERELOC, IMAGE_DIRECTORY_ENTRY_TLS};
    for (int d = 0; d < 4; d++) {
        uint32_t rva = f->Info.Directory[dirs[d]].VirtualAddress;
        for (uint32_t i = 0; rva && i < f->Info.NumberOfSections; i++) {
            const IMAGE_SECTION *s = &f->Info.Sections[i];
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
static void Exercise(const uint8_t *image, const IMAGE_INFO *info, uint32_t base)
{
    char why[128];
    uint32_t sum = 0, rva, callbacks;
    const char *fwd;
    IMAGE_TLS_DIRECTORY32 tls;
    RtlForEachImport(image, info->SizeOfImage, info, Discard, &sum, why, sizeof why);
    static const char *names[] = {"FixAdd", "FixForward", "FixPointer", "malloc", "", "zzzz"};
    for (int k = 0; k < 6; k++) {
        RtlLookupExport(image, info->SizeOfImage, info, names[k], (uint16_t)Random(), &rva, &fwd);
        RtlLookupExport(image, info->SizeOfImage, info, NULL, (uint16_t)(Random() % 10), &rva, &fwd);
    }
    const char *dll = RtlExportDllName(image, info->SizeOfImage, info);
    if (dll) {
        sum += (uint32_t)strlen(dll);
    }
    RtlImageTlsDirectory(image, info->SizeOfImage, info, base, &tls, &callbacks);
    for (uint32_t i = 0; i < info->NumberOfSections; i++) {
        sum += RtlImageSectionProtection(info->Sections[i].Characteristics);
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
        IMAGE_INFO info;
        if (RtlImageParse(file, size, &info, why, sizeof why) == STATUS_SUCCESS) {
            parsed++;
            uint8_t *image = malloc(info.SizeOfImage);
            if (RtlImageLayOut(&info, info.ImageBase, image, why, sizeof why) == STATUS_SUCCESS) {
                built++;
                Exercise(image, &info, info.ImageBase);
            }
            uint32_t base = 0x10000000u + (Random() % 0x1000) * 0x10000u;
            if (RtlImageLayOut(&info, base, image, why, sizeof why) == STATUS_SUCCESS) {
                moved++;
                Exercise(image, &info, base);
                /* And garbage straight into the built directories. */
                for (int m = 0; m < 8; m++) {
                    uint32_t d = Random() % IMAGE_NUMBEROF_DIRECTORY_ENTRIES;
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
    Suite *s = suite_create("pemalformed");
    TCase *robust = tcase_create("robustness");
    tcase_set_timeout(robust, 600);
    tcase_add_test(robust, truncation_fails_cleanly);
    tcase_add_test(robust, corrupted_headers_are_refused);
    tcase_add_test(robust, corrupted_relocations_are_refused);
    tcase_add_test(robust, random_mutations_never_crash);
    suite_add_tcase(s, robust);

    return RunSuite(s);
}
