/*
 * ntdll's heap and RTL resource answers that Wine 8.0's conformance tests
 * state for Windows (the file and line of each is given), one check a line:
 *  - RTL resources: a shared owner may take it shared again but not
 *    exclusive; the exclusive owner may take it again either way; another
 *    thread's shared hold lets shared requests in and keeps exclusive ones
 *    out; a waiting writer is let in when the last reader releases
 *    (ntdll/tests/sync.c:645-745);
 *  - RtlGetUserInfoHeap: a movable GlobalAlloc block's user value is its
 *    handle and its user flags 0x200; RtlSetUserValueHeap changes what
 *    GlobalHandle answers; a plain HeapAlloc block has flags 0 and leaves
 *    the value alone; a pointer that is not a block is
 *    ERROR_INVALID_PARAMETER (kernel32/tests/heap.c:1428-1440, 1625-1627,
 *    2169-2180);
 *  - a movable handle points at a two-word entry: flags 3 (used, movable),
 *    7 discardable, 0xb discarded (size 0), 0xf both, 0x8007 DDESHARE, the
 *    lock count in bits 16-23 up to 0xff (heap.c:1380-1420, 1448-1470,
 *    1495-1515);
 *  - HeapAlloc's and HeapReAlloc's failures set ERROR_NOT_ENOUGH_MEMORY
 *    (ntdll's heap sets it: HeapAlloc is ntdll's function); HeapReAlloc of
 *    NULL fails with NO_ERROR; large blocks are 32-byte aligned, and one
 *    shrunk in place cannot grow back in place; a fixed-size heap has no
 *    large blocks (heap.c:256-261, 322-323, 385-392, 486-490); block data
 *    is 8-aligned (heap.c:343);
 *  - GlobalReAlloc: GMEM_MOVEABLE|GMEM_MODIFY makes fixed memory movable
 *    under a new handle, moved to a new block; GMEM_DISCARDABLE
 *    without GMEM_MODIFY fails (heap.c:1725-1746);
 *  - bad pointers: GlobalFree and GlobalReAlloc of an unreadable one fail
 *    with ERROR_NOACCESS, GlobalLock with ERROR_INVALID_HANDLE; GlobalUnlock
 *    of a bad handle answers TRUE with ERROR_INVALID_HANDLE
 *    (heap.c:1610-1613, 1632-1659).
 */
#include "../guesttest.h"

typedef struct RESOURCE {
    CRITICAL_SECTION Lock;
    HANDLE SharedSemaphore;
    ULONG NumberOfWaitingShared;
    HANDLE ExclusiveSemaphore;
    ULONG NumberOfWaitingExclusive;
    LONG NumberOfActive;
    HANDLE ExclusiveOwnerThread;
    ULONG Flags;
    PVOID DebugInfo;
} RESOURCE;

typedef void(WINAPI *RESOURCE_FN)(RESOURCE *);
typedef BOOLEAN(WINAPI *ACQUIRE_FN)(RESOURCE *, BOOLEAN);
typedef BOOLEAN(WINAPI *GET_USER_INFO)(HANDLE, ULONG, void *, void **, ULONG *);
typedef BOOLEAN(WINAPI *SET_USER_VALUE)(HANDLE, ULONG, void *, void *);

static RESOURCE_FN Initialize, Release, Delete;
static ACQUIRE_FN AcquireShared, AcquireExclusive;
static HANDLE Ready, Done;

static FARPROC Ntdll(const char *name)
{
    return GetProcAddress(GetModuleHandleA("ntdll.dll"), name);
}

static DWORD WINAPI SharedHolder(void *parameter)
{
    AcquireShared(parameter, TRUE);
    SetEvent(Ready);
    WaitForSingleObject(Done, INFINITE);
    Release(parameter);
    return 0;
}

static DWORD WINAPI ExclusiveWaiter(void *parameter)
{
    AcquireExclusive(parameter, TRUE);
    SetEvent(Ready);
    WaitForSingleObject(Done, INFINITE);
    Release(parameter);
    return 0;
}

static void Resources(void)
{
    Initialize = (RESOURCE_FN)(void *)Ntdll("RtlInitializeResource");
    Release = (RESOURCE_FN)(void *)Ntdll("RtlReleaseResource");
    Delete = (RESOURCE_FN)(void *)Ntdll("RtlDeleteResource");
    AcquireShared = (ACQUIRE_FN)(void *)Ntdll("RtlAcquireResourceShared");
    AcquireExclusive = (ACQUIRE_FN)(void *)Ntdll("RtlAcquireResourceExclusive");
    Check(Initialize && Release && Delete && AcquireShared && AcquireExclusive,
          "ntdll exports the RtlResource functions");
    if (!Initialize || !Release || !Delete || !AcquireShared || !AcquireExclusive) {
        return;
    }
    RESOURCE r;
    Initialize(&r);
    Ready = CreateEventA(NULL, FALSE, FALSE, NULL);
    Done = CreateEventA(NULL, FALSE, FALSE, NULL);

    Check(AcquireShared(&r, FALSE) && AcquireShared(&r, FALSE), "shared twice: granted");
    Check(!AcquireExclusive(&r, FALSE), "exclusive while held shared: refused");
    Release(&r);
    Release(&r);
    Check(AcquireExclusive(&r, FALSE) && AcquireExclusive(&r, FALSE), "exclusive twice: granted");
    Check(AcquireShared(&r, FALSE), "shared by the exclusive owner: granted");
    Release(&r);
    Release(&r);
    Release(&r);

    HANDLE t = CreateThread(NULL, 0, SharedHolder, &r, 0, NULL);
    WaitForSingleObject(Ready, INFINITE);
    Check(!AcquireExclusive(&r, FALSE), "exclusive while another thread holds it shared: refused");
    Check(AcquireShared(&r, FALSE), "shared while another thread holds it shared: granted");
    Release(&r);
    SetEvent(Done);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);

    Check(AcquireShared(&r, FALSE), "held shared, then a writer comes");
    t = CreateThread(NULL, 0, ExclusiveWaiter, &r, 0, NULL);
    Check(WaitForSingleObject(Ready, 100) == WAIT_TIMEOUT, "the writer waits");
    Check(AcquireShared(&r, FALSE), "shared with a writer waiting: granted");
    Release(&r);
    Release(&r);
    Check(WaitForSingleObject(Ready, INFINITE) == WAIT_OBJECT_0, "the last release lets the writer in");
    Check(!AcquireShared(&r, FALSE), "shared while the other thread holds it exclusive: refused");
    SetEvent(Done);
    WaitForSingleObject(t, INFINITE);
    CloseHandle(t);
    Check(AcquireExclusive(&r, FALSE), "free again: exclusive granted");
    Release(&r);
    Delete(&r);
    CloseHandle(Ready);
    CloseHandle(Done);
}

static void UserInfo(void)
{
    GET_USER_INFO get = (GET_USER_INFO)(void *)Ntdll("RtlGetUserInfoHeap");
    SET_USER_VALUE set = (SET_USER_VALUE)(void *)Ntdll("RtlSetUserValueHeap");
    Check(get && set, "ntdll exports RtlGetUserInfoHeap and RtlSetUserValueHeap");
    if (!get || !set) {
        return;
    }
    HANDLE heap = GetProcessHeap();
    HGLOBAL mem = GlobalAlloc(GMEM_MOVEABLE, 100);
    Check(((ULONG_PTR)mem & 7) == 4, "a movable handle is 4 past a multiple of 8");
    ULONG_PTR *entry = (ULONG_PTR *)mem - 1;
    void *block = *(void **)mem;
    Check(entry[0] == 3, "its entry's flags: 3 (used, movable)");
    void *value = NULL;
    ULONG flags = 0xdeadbeef;
    Check(get(heap, 0, block, &value, &flags) && value == mem && flags == 0x200,
          "RtlGetUserInfoHeap: the handle, flags 0x200");
    Check(set(heap, 0, block, (void *)0x1234) && GlobalHandle(block) == (HGLOBAL)0x1234,
          "RtlSetUserValueHeap changes GlobalHandle's answer");
    set(heap, 0, block, mem);
    Check(GlobalHandle(block) == mem, "GlobalHandle of the block: its handle");
    for (int i = 0; i < 300; i++) {
        GlobalLock(mem);
    }
    Check(entry[0] == 0xff0003, "300 locks: the count stops at 0xff");
    GlobalFree(mem);
    Check(entry[1] == 0 && entry[0] && !(entry[0] & 7), "a freed entry: no block, the next free one's address");

    mem = GlobalAlloc(GMEM_MOVEABLE, 0);
    Check(((ULONG_PTR *)mem)[-1] == 0xb && !*(void **)mem, "movable, size 0: flags 0xb, no block");
    GlobalFree(mem);
    mem = GlobalAlloc(GMEM_MOVEABLE | GMEM_DISCARDABLE, 0);
    Check(((ULONG_PTR *)mem)[-1] == 0xf, "movable discardable, size 0: flags 0xf");
    Check(GlobalFlags(mem) == (GMEM_DISCARDED | GMEM_DISCARDABLE), "GlobalFlags: discarded, discardable");
    GlobalFree(mem);
    mem = GlobalAlloc(GMEM_MOVEABLE | GMEM_DISCARDABLE | GMEM_DDESHARE, 1);
    Check(((ULONG_PTR *)mem)[-1] == 0x8007, "movable discardable DDESHARE: flags 0x8007");
    Check(GlobalFlags(mem) == (GMEM_DISCARDABLE | GMEM_DDESHARE), "GlobalFlags: discardable, DDESHARE");
    GlobalFree(mem);

    void *p = HeapAlloc(heap, 0, 16);
    value = (void *)0xdeadbeef;
    flags = 0xdeadbeef;
    Check(get(heap, 0, p, &value, &flags) && value == (void *)0xdeadbeef && flags == 0,
          "a HeapAlloc block: flags 0, the value untouched");
    Check(GlobalHandle(p) == p, "GlobalHandle of a HeapAlloc block: itself");
    HeapFree(heap, 0, p);
    SetLastError(0xdeadbeef);
    Check(!get(heap, 0, (void *)0xdeadbee4, &value, &flags) && GetLastError() == ERROR_INVALID_PARAMETER,
          "RtlGetUserInfoHeap of a handle: ERROR_INVALID_PARAMETER");
}

static void Failures_(void)
{
    HANDLE heap = HeapCreate(0, 0, 0);
    SetLastError(0xdeadbeef);
    Check(!HeapReAlloc(heap, 0, NULL, 1) && GetLastError() == NO_ERROR, "HeapReAlloc(NULL): NULL, NO_ERROR");
    SetLastError(0xdeadbeef);
    Check(!HeapAlloc(heap, 0, (SIZE_T)-8) && GetLastError() == ERROR_NOT_ENOUGH_MEMORY,
          "HeapAlloc too big: ERROR_NOT_ENOUGH_MEMORY");
    BYTE *big = HeapAlloc(heap, 0, 0x80000);
    Check(big && ((ULONG_PTR)big & 63) == 32, "a large block: 32-byte aligned (an odd multiple)");
    BYTE *grown = HeapReAlloc(heap, 0, big, 1 << 20);
    Check(grown != NULL, "a large block grows");
    Check(HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, grown, 0x30000) == grown, "and shrinks in place");
    SetLastError(0xdeadbeef);
    Check(!HeapReAlloc(heap, HEAP_REALLOC_IN_PLACE_ONLY, grown, 0x40000) &&
              GetLastError() == ERROR_NOT_ENOUGH_MEMORY,
          "then cannot grow in place: ERROR_NOT_ENOUGH_MEMORY");
    Check(HeapSize(heap, 0, grown) == 0x30000, "its size is still the shrunk one");
    HeapFree(heap, 0, grown);
    HeapDestroy(heap);

    heap = HeapCreate(0, 0x100000, 0x100000);
    Check(HeapAlloc(heap, 0, 0x20000) != NULL, "a fixed-size heap: a block that fits");
    SetLastError(0xdeadbeef);
    Check(!HeapAlloc(heap, 0, 0x80000) && GetLastError() == ERROR_NOT_ENOUGH_MEMORY,
          "a fixed-size heap: no large block, ERROR_NOT_ENOUGH_MEMORY");
    HeapDestroy(heap);
}

static void Moves(void)
{
    HANDLE heap = HeapCreate(0, 0, 0);
    ULONG_PTR bits = 0;
    void *blocks[16];
    for (int i = 0; i < 16; i++) {
        blocks[i] = HeapAlloc(heap, 0, 0x20000);
        bits |= (ULONG_PTR)blocks[i];
    }
    Check(!(bits & 7), "0x20000-byte blocks: 8-aligned");
    HeapDestroy(heap);

    HGLOBAL fixed = GlobalAlloc(GMEM_FIXED, 12);
    memcpy(fixed, "eleven char", 12);
    HGLOBAL movable = GlobalReAlloc(fixed, 512, GMEM_MOVEABLE | GMEM_MODIFY);
    Check(movable && ((ULONG_PTR)movable & 7) == 4 && ((ULONG_PTR *)movable)[-1] == 3 &&
              *(void **)movable != fixed && GlobalSize(movable) == 12 &&
              !memcmp(*(void **)movable, "eleven char", 12),
          "GMEM_MOVEABLE|GMEM_MODIFY: fixed memory becomes movable, moved, its size and bytes kept");
    GlobalFree(movable);
    fixed = GlobalAlloc(GMEM_FIXED, 12);
    Check(!GlobalReAlloc(fixed, 512, GMEM_MOVEABLE | GMEM_DISCARDABLE) && GlobalSize(fixed) == 12,
          "GMEM_DISCARDABLE without GMEM_MODIFY: refused");
    GlobalFree(fixed);

    void *bad = (void *)0xdeadbee0;
    SetLastError(0xdeadbeef);
    Check(GlobalFree(bad) == bad && GetLastError() == ERROR_NOACCESS, "GlobalFree(unreadable): ERROR_NOACCESS");
    SetLastError(0xdeadbeef);
    Check(!GlobalLock(bad) && GetLastError() == ERROR_INVALID_HANDLE, "GlobalLock(unreadable): ERROR_INVALID_HANDLE");
    SetLastError(0xdeadbeef);
    Check(!GlobalReAlloc(bad, 0, GMEM_MOVEABLE) && GetLastError() == ERROR_NOACCESS,
          "GlobalReAlloc(unreadable): ERROR_NOACCESS");
    SetLastError(0xdeadbeef);
    Check(GlobalUnlock((HGLOBAL)0xdeadbee4) && GetLastError() == ERROR_INVALID_HANDLE,
          "GlobalUnlock(bad handle): TRUE, ERROR_INVALID_HANDLE");
}

int main(void)
{
    Resources();
    UserInfo();
    Failures_();
    Moves();
    return Failures;
}
