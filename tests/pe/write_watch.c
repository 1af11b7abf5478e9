/*
 * GetWriteWatch / ResetWriteWatch over a MEM_WRITE_WATCH reservation, with
 * Windows' answers (Wine's kernel32 test_write_watch states the same):
 * page granularity, the count in and out, WRITE_WATCH_FLAG_RESET resetting
 * only the pages reported, protection changes and decommit keeping the
 * record, and ERROR_INVALID_PARAMETER / ERROR_NOACCESS for bad arguments.
 * Run a second time under a small --ws-max: a written page trimmed out of
 * the working set (its Dirty bit gone with its valid PTE) is still reported.
 */
#include "pe.h"
#include "native.h"

#define PAGE 0x1000
#define SIZE (16 * PAGE)

static PVOID Results[64];

/* Calls GetWriteWatch with room for `room` results; returns the count, or
 * 0xFFFFFFFF when the call failed. */
static DWORD Watch(DWORD flags, BYTE *base, SIZE_T size, ULONG_PTR room)
{
    ULONG_PTR count = room;
    ULONG granularity = 0;
    if (GetWriteWatch(flags, base, size, Results, &count, &granularity) != 0) {
        return 0xFFFFFFFFu;
    }
    CheckEqual("    granularity", granularity, PAGE);
    return (DWORD)count;
}

static void CheckFails(const char *what, UINT got, DWORD error)
{
    CHECK_EQ(what, got, ~0u);
    CHECK_EQ("  last error", GetLastError(), error);
}

void __cdecl start(void)
{
    ULONG_PTR count;
    ULONG granularity;
    DWORD old;
    BYTE *base = VirtualAlloc(NULL, SIZE, MEM_RESERVE | MEM_COMMIT | MEM_WRITE_WATCH,
                              PAGE_READWRITE);
    CHECK_EQ("MEM_RESERVE|MEM_COMMIT|MEM_WRITE_WATCH succeeds", base != NULL, 1);
    MEMORY_BASIC_INFORMATION info;
    VirtualQuery(base, &info, sizeof info);
    CHECK_EQ("  a private region", info.Type, MEM_PRIVATE);
    CHECK_EQ("  one region of 16 pages", info.RegionSize, SIZE);

    count = 64;
    CheckFails("GetWriteWatch at NULL", GetWriteWatch(0, NULL, SIZE, Results, &count, &granularity),
               ERROR_INVALID_PARAMETER);
    CheckFails("GetWriteWatch over the image",
               GetWriteWatch(0, GetModuleHandleA(NULL), SIZE, Results, &count, &granularity),
               ERROR_INVALID_PARAMETER);
    BYTE *plain = VirtualAlloc(NULL, SIZE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    CheckFails("GetWriteWatch over memory allocated without MEM_WRITE_WATCH",
               GetWriteWatch(0, plain, SIZE, Results, &count, &granularity),
               ERROR_INVALID_PARAMETER);

    CHECK_EQ("nothing written yet: count 0", Watch(0, base, SIZE, 64), 0);
    for (int i = 0; i < 16; i++) {
        ReadAt((DWORD)base + i * PAGE);
    }
    CHECK_EQ("reading every page writes none: count 0", Watch(0, base, SIZE, 64), 0);

    base[PAGE + 1] = 0x44;
    CHECK_EQ("one byte written in page 1: count 1", Watch(0, base, SIZE, 64), 1);
    CHECK_EQ("  the page's address", Results[0], base + PAGE);
    CHECK_EQ("again with WRITE_WATCH_FLAG_RESET: count 1",
             Watch(WRITE_WATCH_FLAG_RESET, base, SIZE, 64), 1);
    CHECK_EQ("  the page's address", Results[0], base + PAGE);
    CHECK_EQ("after the reset: count 0", Watch(0, base, SIZE, 64), 0);

    base[2 * PAGE + 3] = 0x11;
    base[4 * PAGE + 8] = 0x11;
    CHECK_EQ("pages 2 and 4 written: count 2", Watch(0, base, SIZE, 64), 2);
    CHECK_EQ("  first page 2", Results[0], base + 2 * PAGE);
    CHECK_EQ("  then page 4", Results[1], base + 4 * PAGE);
    CHECK_EQ("a range of pages 3-4: count 1", Watch(0, base + 3 * PAGE, 2 * PAGE, 64), 1);
    CHECK_EQ("  page 4", Results[0], base + 4 * PAGE);

    CHECK_EQ("ResetWriteWatch(pages 0-2) succeeds", ResetWriteWatch(base, 3 * PAGE), 0);
    CHECK_EQ("  then count 1", Watch(0, base, SIZE, 64), 1);
    CHECK_EQ("  page 4", Results[0], base + 4 * PAGE);

    *(volatile DWORD *)(base + 2 * PAGE - 2) = 0xdeadbeef; /* straddles pages 1 and 2 */
    CHECK_EQ("a DWORD across pages 1 and 2: count 3", Watch(0, base, SIZE, 64), 3);
    CHECK_EQ("  page 1", Results[0], base + PAGE);
    CHECK_EQ("  page 2", Results[1], base + 2 * PAGE);
    CHECK_EQ("  page 4", Results[2], base + 4 * PAGE);
    CHECK_EQ("room for 1 with WRITE_WATCH_FLAG_RESET: count 1",
             Watch(WRITE_WATCH_FLAG_RESET, base, SIZE, 1), 1);
    CHECK_EQ("  page 1", Results[0], base + PAGE);
    CHECK_EQ("only the page reported was reset: count 2", Watch(0, base, SIZE, 64), 2);
    CHECK_EQ("  page 2", Results[0], base + 2 * PAGE);
    CHECK_EQ("  page 4", Results[1], base + 4 * PAGE);

    VirtualProtect(base, 3 * PAGE, PAGE_READONLY, &old);
    VirtualProtect(base, 3 * PAGE, PAGE_READWRITE, &old);
    CHECK_EQ("protection changes keep the record: count 2", Watch(0, base, SIZE, 64), 2);

    /* The bad arguments. */
    SetLastError(0);
    count = 0;
    CheckFails("count 0", GetWriteWatch(0, base, SIZE, Results, &count, &granularity),
               ERROR_INVALID_PARAMETER);
    CheckFails("NULL count", GetWriteWatch(0, base, SIZE, Results, NULL, &granularity),
               ERROR_NOACCESS);
    count = 64;
    CheckFails("NULL granularity", GetWriteWatch(0, base, SIZE, Results, &count, NULL),
               ERROR_NOACCESS);
    count = 64;
    CheckFails("NULL array", GetWriteWatch(0, base, SIZE, NULL, &count, &granularity),
               ERROR_NOACCESS);
    count = 0;
    CheckFails("NULL array, count 0", GetWriteWatch(0, base, SIZE, NULL, &count, &granularity),
               ERROR_INVALID_PARAMETER);
    count = 64;
    CheckFails("flags 0xdeadbeef",
               GetWriteWatch(0xdeadbeef, base, SIZE, Results, &count, &granularity),
               ERROR_INVALID_PARAMETER);
    count = 64;
    CheckFails("size 0", GetWriteWatch(0, base, 0, Results, &count, &granularity),
               ERROR_INVALID_PARAMETER);
    count = 64;
    CheckFails("beyond the allocation", GetWriteWatch(0, base, SIZE * 2, Results, &count, &granularity),
               ERROR_INVALID_PARAMETER);
    count = 64;
    CheckFails("one byte beyond its last page",
               GetWriteWatch(0, base + SIZE - PAGE, PAGE + 1, Results, &count, &granularity),
               ERROR_INVALID_PARAMETER);
    CheckFails("ResetWriteWatch size 0", ResetWriteWatch(base, 0), ERROR_INVALID_PARAMETER);
    CheckFails("ResetWriteWatch over the image", ResetWriteWatch(GetModuleHandleA(NULL), SIZE),
               ERROR_INVALID_PARAMETER);
    CHECK_EQ("the native service: STATUS_INVALID_PARAMETER_2 for bad flags",
             NtGetWriteWatch(CURRENT, 2, base, SIZE, Results, &count, &granularity), 0xC00000F0);
    VirtualFree(base, 0, MEM_RELEASE);

    /* Reservation rules. */
    base = VirtualAlloc(NULL, SIZE, MEM_RESERVE | MEM_WRITE_WATCH, PAGE_READWRITE);
    CHECK_EQ("MEM_RESERVE|MEM_WRITE_WATCH succeeds", base != NULL, 1);
    VirtualFree(base, 0, MEM_RELEASE);
    SetLastError(0);
    CHECK_EQ("MEM_WRITE_WATCH alone fails", VirtualAlloc(NULL, SIZE, MEM_WRITE_WATCH, PAGE_READWRITE),
             0);
    CHECK_EQ("  ERROR_INVALID_PARAMETER", GetLastError(), ERROR_INVALID_PARAMETER);
    SetLastError(0);
    CHECK_EQ("MEM_COMMIT|MEM_WRITE_WATCH in an existing reservation fails",
             VirtualAlloc(plain, PAGE, MEM_COMMIT | MEM_WRITE_WATCH, PAGE_READWRITE), 0);
    CHECK_EQ("  ERROR_INVALID_PARAMETER", GetLastError(), ERROR_INVALID_PARAMETER);
    HANDLE section = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, SIZE, NULL);
    PVOID view = NULL;
    SIZE_T view_size = 0;
    CHECK_EQ("NtMapViewOfSection with MEM_WRITE_WATCH: STATUS_INVALID_PARAMETER_9",
             NtMapViewOfSection(section, CURRENT, &view, 0, 0, NULL, &view_size, 1 /* ViewShare */,
                                MEM_WRITE_WATCH, PAGE_READWRITE),
             0xC00000F7);
    CloseHandle(section);

    /* The initial protection does not matter; decommit keeps the record. */
    base = VirtualAlloc(NULL, SIZE, MEM_RESERVE | MEM_WRITE_WATCH, PAGE_NOACCESS);
    VirtualAlloc(base, SIZE, MEM_COMMIT, PAGE_NOACCESS);
    CHECK_EQ("committed NOACCESS: count 0", Watch(0, base, SIZE, 64), 0);
    VirtualProtect(base, 6 * PAGE, PAGE_READWRITE, &old);
    base[5 * PAGE + 200] = 3;
    VirtualProtect(base, 6 * PAGE, PAGE_NOACCESS, &old);
    CHECK_EQ("page 5 written, now NOACCESS: count 1", Watch(0, base, SIZE, 64), 1);
    CHECK_EQ("  page 5", Results[0], base + 5 * PAGE);
    CHECK_EQ("decommit succeeds", VirtualFree(base, SIZE, MEM_DECOMMIT), TRUE);
    CHECK_EQ("after decommit: still count 1", Watch(0, base, SIZE, 64), 1);
    CHECK_EQ("  page 5", Results[0], base + 5 * PAGE);
    VirtualFree(base, 0, MEM_RELEASE);

    /* A written page leaves the working set (under --ws-max, touching 512
     * other pages trims it): the write is still reported, the data kept. */
    base = VirtualAlloc(NULL, SIZE, MEM_RESERVE | MEM_COMMIT | MEM_WRITE_WATCH, PAGE_READWRITE);
    base[7 * PAGE] = 0x77;
    BYTE *other = VirtualAlloc(NULL, 512 * PAGE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    for (int i = 0; i < 512; i++) {
        other[i * PAGE] = 1;
    }
    CHECK_EQ("a written page after 512 others were touched: count 1", Watch(0, base, SIZE, 64), 1);
    CHECK_EQ("  page 7", Results[0], base + 7 * PAGE);
    CHECK_EQ("  its byte", base[7 * PAGE], 0x77);
    CHECK_EQ("reset, then read only: count 0",
             Watch(WRITE_WATCH_FLAG_RESET, base, SIZE, 64) + Watch(0, base, SIZE, 64), 1);
    base[7 * PAGE] = 0x78;
    CHECK_EQ("a write after the reset is seen again", Watch(0, base, SIZE, 64), 1);
    Finish();
}
