/*
 * A data file's segment kept after its last section and view (mm/segcache.c),
 * driven directly over a file kept in host memory: mapped again unchanged,
 * its pages come back without a read (transition faults); changed from
 * outside since (its size or write time differ), a new mapping reads the
 * new bytes — the two versions never mix; and while cached it holds a file
 * object of its own (MM_FILE_IO.Reopen), not the one it was made with.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ex/handle.h"
#include "tests/unit/checkmain.h"
#include "tests/unit/pagingfixture.h"

#define FILE_PAGES 4

/* The file: its bytes, and the time Stamp reports (a test changes it). */
static uint8_t FileBytes[FILE_PAGES * PAGE_SIZE];
static uint64_t FileTime;
static uint32_t OwnFiles; /* file objects Reopen made that are still alive */

static NTSTATUS Read(EX_FILE *file, uint64_t offset, void *buffer, uint32_t length)
{
    (void)file;
    memset(buffer, 0, length);
    if (offset < sizeof FileBytes) {
        size_t n = sizeof FileBytes - offset < length ? sizeof FileBytes - offset : length;
        memcpy(buffer, FileBytes + offset, n);
    }
    return STATUS_SUCCESS;
}

static NTSTATUS Write(EX_FILE *file, uint64_t offset, const void *buffer, uint32_t length)
{
    (void)file;
    ck_assert_uint_le(offset + length, sizeof FileBytes);
    memcpy(FileBytes + offset, buffer, length);
    return STATUS_SUCCESS;
}

static NTSTATUS Stamp(EX_FILE *file, uint64_t *size, uint64_t *time)
{
    (void)file;
    *size = sizeof FileBytes;
    *time = FileTime;
    return STATUS_SUCCESS;
}

static void CloseOwnFile(EX_OBJECT *object)
{
    OwnFiles--;
    free(object);
}

static NTSTATUS Reopen(EX_FILE *file, EX_FILE **out)
{
    (void)file;
    EX_FILE *own = calloc(1, sizeof *own);
    own->Header.Type = ExObjectFile;
    own->Header.Close = CloseOwnFile;
    own->Header.References = 1;
    OwnFiles++;
    *out = own;
    return STATUS_SUCCESS;
}

static const MM_FILE_IO Io = {.Read = Read, .Write = Write, .Stamp = Stamp, .Reopen = Reopen};

static bool GuestFileClosed;
static void CloseGuestFile(EX_OBJECT *object)
{
    GuestFileClosed = true;
    free(object);
}

/* A section on the file, a view of it at `base`, every page read (each
 * holds its version's letter); then the view and the section go. */
static void MapAndRead(uint32_t base, char letter)
{
    EX_FILE *file = calloc(1, sizeof *file);
    file->Header.Type = ExObjectFile;
    file->Header.Close = CloseGuestFile;
    file->Header.References = 1;
    GuestFileClosed = false;
    MM_FILE_IDENTITY id = {.Device = 1, .Inode = 2, .Size = sizeof FileBytes, .Time = FileTime,
                           .Name = "cache.bin"};
    MMSECTION *section;
    ck_assert_int_eq(MmCreateFileSection(System, file, &id, 0, PAGE_READWRITE, SEC_COMMIT,
                                         &section),
                     STATUS_SUCCESS);
    ExDereferenceObject(&file->Header); /* the segment holds the file */
    uint64_t offset = 0;
    uint32_t size = 0;
    ck_assert_int_eq(MmMapViewOfSection(section, Process, &base, 0, 0, &offset, &size, 0,
                                        PAGE_READWRITE),
                     STATUS_SUCCESS);
    for (uint32_t i = 0; i < FILE_PAGES; i++) {
        uint8_t byte = 0;
        ck_assert_int_eq(MmCopyFromUser(Process, &byte, base + i * PAGE_SIZE, 1), STATUS_SUCCESS);
        ck_assert_int_eq(byte, letter + i);
    }
    Verify();
    ck_assert_int_eq(MmUnmapViewOfSection(Process, base), STATUS_SUCCESS);
    ExDereferenceObject(MmSectionObject(section));
    Verify();
}

static void MakeFile(char letter)
{
    for (uint32_t i = 0; i < FILE_PAGES; i++) {
        memset(FileBytes + i * PAGE_SIZE, letter + i, PAGE_SIZE);
    }
}

START_TEST(an_unchanged_file_is_served_from_the_cached_segment)
{
    MmSetFileIo(System, &Io);
    MakeFile('a');
    FileTime = 1;
    MapAndRead(0x10000000, 'a');
    uint64_t read = MmGetStats(System)->FilePagesRead;
    ck_assert_uint_eq(read, FILE_PAGES);
    ck_assert(GuestFileClosed);       /* the segment let the guest's file object go... */
    ck_assert_uint_eq(OwnFiles, 1);   /* ...for one of its own */
    MapAndRead(0x10000000, 'a');
    ck_assert_uint_eq(MmGetStats(System)->FilePagesRead, read); /* no read: all on Standby */
    MmPurgeCachedSegments(System);
    ck_assert_uint_eq(OwnFiles, 0);
}
END_TEST

START_TEST(a_file_changed_from_outside_is_read_again)
{
    MmSetFileIo(System, &Io);
    MakeFile('a');
    FileTime = 1;
    MapAndRead(0x10000000, 'a');
    uint64_t read = MmGetStats(System)->FilePagesRead;
    MakeFile('A'); /* another writer, not the guest: mm is not told */
    FileTime = 2;
    MapAndRead(0x10000000, 'A');
    ck_assert_uint_eq(MmGetStats(System)->FilePagesRead, read + FILE_PAGES);
    ck_assert_uint_eq(OwnFiles, 1); /* the old segment went with its file object */
    MmPurgeCachedSegments(System);
    ck_assert_uint_eq(OwnFiles, 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("segcache");
    TCase *tc = tcase_create("segcache");
    tcase_add_checked_fixture(tc, Setup, Teardown);
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, an_unchanged_file_is_served_from_the_cached_segment);
    tcase_add_test(tc, a_file_changed_from_outside_is_read_again);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
