/*
 * Image pages read from their file (mm/imagepage.c), driven directly over a
 * file of the unit fixtures kept in host memory: every page of a view at
 * the preferred base and of one relocated elsewhere is, byte for byte, what
 * RtlImageLayOut makes of the whole file for that base (so relocations
 * applied page by page, those across a page's edge included, are the
 * whole-image ones); and a file that changes under its section fails the
 * next read with STATUS_IN_PAGE_ERROR (cause STATUS_FILE_INVALID) instead
 * of mixing two versions.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ex/handle.h"
#include "rtl/rtlimage.h"
#include "tests/unit/checkmain.h"
#include "tests/unit/pagingfixture.h"

/* The file: its bytes, and the time Stamp reports (a test changes it). */
static uint8_t *FileBytes;
static size_t FileSize;
static uint64_t FileTime;

static NTSTATUS Read(EX_FILE *file, uint64_t offset, void *buffer, uint32_t length)
{
    (void)file;
    memset(buffer, 0, length);
    if (offset < FileSize) {
        size_t n = FileSize - offset < length ? FileSize - offset : length;
        memcpy(buffer, FileBytes + offset, n);
    }
    return STATUS_SUCCESS;
}

static NTSTATUS Stamp(EX_FILE *file, uint64_t *size, uint64_t *time)
{
    (void)file;
    *size = FileSize;
    *time = FileTime;
    return STATUS_SUCCESS;
}

static const MM_FILE_IO Io = {.Read = Read, .Stamp = Stamp};

static void CloseFile(EX_OBJECT *object)
{
    free(object);
}

/* fixexe.exe (with relocations) as an image section, mapped at *base (0:
 * its preferred base). */
static MMSECTION *MapFixture(uint32_t *base, NTSTATUS expect)
{
    char path[512];
    snprintf(path, sizeof path, "%s/fixexe.exe", PEIMAGE_FIXTURES);
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "%s", path);
    fseek(f, 0, SEEK_END);
    FileSize = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    FileBytes = malloc(FileSize);
    ck_assert_uint_eq(fread(FileBytes, 1, FileSize, f), FileSize);
    fclose(f);
    FileTime = 1;
    MmSetFileIo(System, &Io);
    EX_FILE *file = calloc(1, sizeof *file);
    file->Header.Type = ExObjectFile;
    file->Header.Close = CloseFile;
    file->Header.References = 1;
    MM_FILE_IDENTITY id = {.Device = 1, .Inode = 2, .Size = FileSize, .Time = 1,
                           .Name = "fixexe.exe"};
    MMSECTION *section;
    char why[256] = "";
    ck_assert_msg(MmCreateImageSection(System, file, &id, &section, why, sizeof why) ==
                  STATUS_SUCCESS, "%s", why);
    ExDereferenceObject(&file->Header); /* the section holds the file */
    ck_assert_int_eq(MmMapImageSection(Process, section, base, why, sizeof why), expect);
    return section;
}

static void Unmap(MMSECTION *section, uint32_t base)
{
    ck_assert_int_eq(MmUnmapViewOfSection(Process, base), STATUS_SUCCESS);
    ExDereferenceObject(MmSectionObject(section));
    MmPurgeImageSections(System);
    free(FileBytes);
}

/* Every page of the view is what the whole file laid out for its base is. */
static void CheckPagesMatchLayout(uint32_t base)
{
    IMAGE_INFO info;
    ck_assert_int_eq(RtlImageParse(FileBytes, FileSize, &info, NULL, 0), STATUS_SUCCESS);
    uint8_t *layout = malloc(info.SizeOfImage);
    ck_assert_int_eq(RtlImageLayOut(&info, base, layout, NULL, 0), STATUS_SUCCESS);
    uint8_t page[PAGE_SIZE];
    for (uint32_t at = 0; at < info.SizeOfImage; at += PAGE_SIZE) {
        ck_assert_int_eq(MmCopyFromUser(Process, page, base + at, PAGE_SIZE), STATUS_SUCCESS);
        ck_assert_msg(memcmp(page, layout + at, PAGE_SIZE) == 0,
                      "page 0x%x of the view at 0x%08x differs from the layout", at, base);
    }
    free(layout);
    Verify();
}

START_TEST(pages_at_the_preferred_base_are_the_file_laid_out)
{
    uint32_t base = 0;
    MMSECTION *section = MapFixture(&base, STATUS_SUCCESS);
    CheckPagesMatchLayout(base);
    Unmap(section, base);
}
END_TEST

START_TEST(relocated_pages_are_relocated_page_by_page)
{
    uint32_t base = 0x20000000;
    MMSECTION *section = MapFixture(&base, STATUS_IMAGE_NOT_AT_BASE);
    ck_assert_uint_eq(base, 0x20000000);
    CheckPagesMatchLayout(base);
    /* Trimmed and read again: the same bytes. */
    Crowd(600);
    CheckPagesMatchLayout(base);
    Unmap(section, base);
}
END_TEST

START_TEST(a_file_changed_under_its_section_fails_the_read)
{
    uint32_t base = 0;
    MMSECTION *section = MapFixture(&base, STATUS_SUCCESS);
    MM_FAULT_INFO info = {0};
    ck_assert_int_eq(MmAccessFault(Process, base, EXCEPTION_READ_FAULT, true, &info),
                     STATUS_SUCCESS);
    ck_assert_int_eq(info.Kind, MmFaultHardFile);
    FileTime = 2; /* written from outside the guest */
    memset(&info, 0, sizeof info);
    ck_assert_int_eq(MmAccessFault(Process, base + PAGE_SIZE, EXCEPTION_READ_FAULT, true, &info),
                     STATUS_IN_PAGE_ERROR);
    ck_assert_int_eq(info.Kind, MmFaultInPageError);
    ck_assert_int_eq(info.IoStatus, STATUS_FILE_INVALID);
    Verify();
    Unmap(section, base);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("imagefile");
    TCase *tc = tcase_create("imagefile");
    tcase_add_checked_fixture(tc, Setup, Teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, pages_at_the_preferred_base_are_the_file_laid_out);
    tcase_add_test(tc, relocated_pages_are_relocated_page_by_page);
    tcase_add_test(tc, a_file_changed_under_its_section_fails_the_read);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
