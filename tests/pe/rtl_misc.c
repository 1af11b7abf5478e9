/*
 * ntdll's small Rtl helpers as Windows answers (evidence: Wine's ntdll
 * conformance test rtl.c, run on Windows; each check cites its line):
 * the Lehmer generator, CRC-32, access masks, whole-ULONG compares, the
 * loader lock for callers, and RTL handle tables.
 */
#include "pe.h"
#include <winternl.h>

#define NTDLL(type, name) ((type)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), name))

typedef ULONG(NTAPI *SEEDED)(ULONG *);
typedef ULONG(NTAPI *CRC32)(ULONG, const BYTE *, ULONG);
typedef BOOLEAN(NTAPI *ACCESSES)(ULONG, ULONG);
typedef SIZE_T(NTAPI *COMPARE_ULONG)(const void *, SIZE_T, ULONG);
typedef NTSTATUS(NTAPI *LOCK)(ULONG, ULONG *, ULONG_PTR *);
typedef NTSTATUS(NTAPI *UNLOCK)(ULONG, ULONG_PTR);

typedef struct HANDLE_ENTRY {
    void *Next;
    void *Value;
} HANDLE_ENTRY;
typedef struct HANDLE_TABLE {
    ULONG Max, Size, Reserved[2];
    void *Free, *First, *End, *Limit;
} HANDLE_TABLE;
typedef NTSTATUS(__cdecl *DBG_PRINT)(const char *, ...);
typedef NTSTATUS(__cdecl *DBG_PRINT_EX)(ULONG, ULONG, const char *, ...);
typedef void(NTAPI *INIT_TABLE)(ULONG, ULONG, HANDLE_TABLE *);
typedef HANDLE_ENTRY *(NTAPI *ALLOC_HANDLE)(HANDLE_TABLE *, ULONG *);
typedef BOOLEAN(NTAPI *VALID_INDEX)(HANDLE_TABLE *, ULONG, HANDLE_ENTRY **);
typedef BOOLEAN(NTAPI *HANDLE_OP)(HANDLE_TABLE *, HANDLE_ENTRY *);
typedef NTSTATUS(NTAPI *DESTROY_TABLE)(HANDLE_TABLE *);

static void Random(void)
{
    SEEDED uniform = NTDLL(SEEDED, "RtlUniform");
    ULONG seed = 0;
    /* rtl.c:408-410: from 0 the first answer is the additive constant. */
    CHECK_EQ("RtlUniform(seed 0)", uniform(&seed), 0x7fffffc3);
    CHECK_EQ("  seed", seed, 0x7fffffc3);
    /* rtl.c:429-431: seed 1 gives 1 * 0xffffffed + 0x7fffffc3 + 1. */
    seed = 1;
    CHECK_EQ("RtlUniform(seed 1)", uniform(&seed), 0x7fffffb1);
    /* rtl.c:655-663: each step is (seed * 0x7fffffed + 0x7fffffc3) % MAXLONG
     * in 32-bit arithmetic; 100,001 steps from 0. */
    seed = 0;
    ULONG mismatches = 0, mine = 0;
    for (int i = 0; i <= 100000; i++) {
        mine = (mine * 0x7fffffedu + 0x7fffffc3u) % 0x7fffffffu;
        if (uniform(&seed) != mine || seed != mine) {
            mismatches++;
        }
    }
    CHECK_EQ("RtlUniform 100,001 steps off the formula", mismatches, 0);

    /* rtl.c:674-690: 512 RtlRandom answers from seed 0 are all different,
     * and none equals the seed it leaves. */
    SEEDED random = NTDLL(SEEDED, "RtlRandom");
    static ULONG answers[512];
    ULONG repeats = 0, seed_equal = 0;
    seed = 0;
    for (int i = 0; i < 512; i++) {
        answers[i] = random(&seed);
        seed_equal += seed == answers[i];
        for (int j = 0; j < i; j++) {
            repeats += answers[i] == answers[j];
        }
    }
    CHECK_EQ("RtlRandom repeats in 512", repeats, 0);
    CHECK_EQ("RtlRandom answers equal to seed", seed_equal, 0);
    CHECK_EQ("RtlRandomEx present", NTDLL(SEEDED, "RtlRandomEx") != NULL, 1);
}

static void Crc(void)
{
    CRC32 crc = NTDLL(CRC32, "RtlComputeCrc32");
    /* rtl.c:763-768: the 16 bytes of "This is a test!" with its NUL. */
    static const char text[] = "This is a test!";
    CHECK_EQ("RtlComputeCrc32(0, \"This is a test!\", 16)", crc(0, (const BYTE *)text, 16), 0x40861dc2);
    /* A sum continued in pieces equals the whole. */
    CHECK_EQ("  in two pieces", crc(crc(0, (const BYTE *)text, 5), (const BYTE *)text + 5, 11), 0x40861dc2);
    CHECK_EQ("  of nothing", crc(0, (const BYTE *)text, 0), 0);
}

static void Accesses(void)
{
    ACCESSES all = NTDLL(ACCESSES, "RtlAreAllAccessesGranted");
    ACCESSES any = NTDLL(ACCESSES, "RtlAreAnyAccessesGranted");
    /* rtl.c:695-707: the all_accesses table. */
    CHECK_EQ("AllGranted(0xFEDCBA76, 0xC8C4B242)", all(0xFEDCBA76, 0xC8C4B242), 1);
    CHECK_EQ("AllGranted(0xC8C4B242, 0xFEDCBA76)", all(0xC8C4B242, 0xFEDCBA76), 0);
    CHECK_EQ("AllGranted(0, 0)", all(0, 0), 1);
    /* rtl.c:733-743: the any_accesses table. */
    CHECK_EQ("AnyGranted(0, 0)", any(0, 0), 0);
    CHECK_EQ("AnyGranted(0xFEDCBA76, 0x01234589)", any(0xFEDCBA76, 0x01234589), 0);
    CHECK_EQ("AnyGranted(0x00040000, 0xFEDCBA76)", any(0x00040000, 0xFEDCBA76), 1);
    CHECK_EQ("AnyGranted(0xFED8BA76, 0x00040000)", any(0xFED8BA76, 0x00040000), 0);
}

static void CompareUlong(void)
{
    COMPARE_ULONG compare = NTDLL(COMPARE_ULONG, "RtlCompareMemoryUlong");
    ULONG a[4] = {0x0123, 0x4567, 0x89ab, 0xcdef};
    /* rtl.c:194-213: only whole ULONGs count. */
    CHECK_EQ("CompareMemoryUlong(a, 3, 0x0123)", compare(a, 3, 0x0123), 0);
    CHECK_EQ("CompareMemoryUlong(a, 7, 0x0123)", compare(a, 7, 0x0123), 4);
    CHECK_EQ("CompareMemoryUlong(a, 16, 0x4567)", compare(a, 16, 0x4567), 0);
    /* rtl.c:215-227: with a[1] equal too, 8 bytes match. */
    a[1] = 0x0123;
    CHECK_EQ("CompareMemoryUlong(a, 9, 0x0123)", compare(a, 9, 0x0123), 8);
}

static void LoaderLock(void)
{
    LOCK lock = NTDLL(LOCK, "LdrLockLoaderLock");
    UNLOCK unlock = NTDLL(UNLOCK, "LdrUnlockLoaderLock");
    ULONG result = 10;
    ULONG_PTR cookie = 0xdeadbeef;
    /* rtl.c:2453-2489: outputs zeroed first; unknown flags are parameter 1,
     * a try with no result parameter 2, no cookie parameter 3. */
    CHECK_EQ("LdrLockLoaderLock(0x10)", lock(0x10, &result, &cookie), 0xC00000EF);
    CHECK_EQ("  result", result, 0);
    CHECK_EQ("  cookie", cookie, 0);
    cookie = 0xdeadbeef;
    CHECK_EQ("LdrLockLoaderLock(try, no result)", lock(0x2, NULL, &cookie), 0xC00000F0);
    CHECK_EQ("  cookie", cookie, 0);
    result = 10;
    CHECK_EQ("LdrLockLoaderLock(no cookie)", lock(0, &result, NULL), 0xC00000F1);
    CHECK_EQ("  result", result, 0);
    CHECK_EQ("LdrLockLoaderLock(try)", lock(0x2, &result, &cookie), 0);
    CHECK_EQ("  result (acquired)", result, 1);
    CHECK_EQ("  cookie set", cookie != 0, 1);
    /* The lock is the loader's: loading a DLL while holding it works (the
     * critical section is recursive) and unlocking gives it back. */
    CHECK_EQ("LoadLibrary under the lock", LoadLibraryA("kernel32.dll") != NULL, 1);
    CHECK_EQ("LdrUnlockLoaderLock", unlock(0, cookie), 0);
    CHECK_EQ("LdrUnlockLoaderLock(0 cookie)", unlock(0, 0), 0);
}

static void HandleTables(void)
{
    INIT_TABLE init = NTDLL(INIT_TABLE, "RtlInitializeHandleTable");
    ALLOC_HANDLE alloc = NTDLL(ALLOC_HANDLE, "RtlAllocateHandle");
    VALID_INDEX valid_index = NTDLL(VALID_INDEX, "RtlIsValidIndexHandle");
    HANDLE_OP valid = NTDLL(HANDLE_OP, "RtlIsValidHandle");
    HANDLE_OP free_handle = NTDLL(HANDLE_OP, "RtlFreeHandle");
    DESTROY_TABLE destroy = NTDLL(DESTROY_TABLE, "RtlDestroyHandleTable");
    HANDLE_TABLE table;
    ULONG index = 99;
    /* rtl.c:784-802: allocate, mark in use (bit 0 of Next), find by index,
     * free, destroy. */
    init(0x3FFF, sizeof(HANDLE_ENTRY), &table);
    HANDLE_ENTRY *entry = alloc(&table, &index);
    CHECK_EQ("RtlAllocateHandle", entry != NULL, 1);
    CHECK_EQ("  index", index, 0);
    CHECK_EQ("  not valid until marked", valid(&table, entry), 0);
    entry->Next = (void *)((ULONG_PTR)entry->Next | 1);
    HANDLE_ENTRY *found = NULL;
    CHECK_EQ("RtlIsValidIndexHandle(0)", valid_index(&table, 0, &found), 1);
    CHECK_EQ("  the same entry", found == entry, 1);
    CHECK_EQ("RtlIsValidIndexHandle(1) (free)", valid_index(&table, 1, &found), 0);
    /* Past the first page's entries: the table commits more as it goes. */
    HANDLE_ENTRY *last = NULL;
    for (int i = 1; i < 1000; i++) {
        last = alloc(&table, &index);
    }
    CHECK_EQ("RtlAllocateHandle 1000th index", index, 999);
    CHECK_EQ("  entry 999 at its place", last == entry + 999, 1);
    CHECK_EQ("RtlFreeHandle", free_handle(&table, found), 1);
    CHECK_EQ("RtlFreeHandle again", free_handle(&table, found), 0);
    CHECK_EQ("  next allocation reuses it", alloc(&table, &index) == entry, 1);
    CHECK_EQ("RtlDestroyHandleTable", destroy(&table), 0);
    /* A table of 2 entries has room for 2. */
    init(2, sizeof(HANDLE_ENTRY), &table);
    alloc(&table, NULL);
    alloc(&table, NULL);
    CHECK_EQ("RtlAllocateHandle on a full table", alloc(&table, &index) == NULL, 1);
    CHECK_EQ("RtlDestroyHandleTable", destroy(&table), 0);
}

/* rtl.c:355-378: the x86 byte swaps are fastcall, the value in ecx (the
 * 64-bit one on the stack, popped by the callee). */
static void ByteSwap(void)
{
    void *ushort_swap = NTDLL(void *, "RtlUshortByteSwap");
    void *ulong_swap = NTDLL(void *, "RtlUlongByteSwap");
    ULONGLONG(__fastcall *ulonglong_swap)(ULONGLONG) =
        NTDLL(ULONGLONG(__fastcall *)(ULONGLONG), "RtlUlonglongByteSwap");
    ULONG result;
    __asm__ volatile("call *%1" : "=a"(result) : "r"(ushort_swap), "c"(0x1234u) : "edx", "cc", "memory");
    CHECK_EQ("RtlUshortByteSwap(0x1234)", result & 0xffff, 0x3412);
    __asm__ volatile("call *%1" : "=a"(result) : "r"(ulong_swap), "c"(0x87654321u) : "edx", "cc", "memory");
    CHECK_EQ("RtlUlongByteSwap(0x87654321)", result, 0x21436587);
    ULONGLONG wide = ulonglong_swap(0x7654321087654321ull);
    CHECK_EQ("RtlUlonglongByteSwap low", (ULONG)wide, 0x10325476);
    CHECK_EQ("RtlUlonglongByteSwap high", (ULONG)(wide >> 32), 0x21436587);
}

typedef NTSTATUS(NTAPI *IPV4_PARSE)(const char *, BOOLEAN, const char **, ULONG *);
typedef NTSTATUS(NTAPI *IPV4_PARSE_EX)(const char *, BOOLEAN, ULONG *, USHORT *);
typedef char *(NTAPI *IPV4_FORMAT)(const ULONG *, char *);
typedef NTSTATUS(NTAPI *IPV4_FORMAT_EX)(const ULONG *, USHORT, char *, ULONG *);

/* One parse: status, where it stopped, and the address (network order,
 * 0xabababab when left alone). */
static void Parse(IPV4_PARSE parse, const char *text, BOOLEAN strict, NTSTATUS status, ULONG stop,
                  ULONG address)
{
    const char *end = NULL;
    ULONG got = 0xabababab;
    CHECK_EQ(text, parse(text, strict, &end, &got), status);
    CHECK_EQ("  stopped at", end - text, stop);
    CHECK_EQ("  address", got, address);
}

static void Ipv4(void)
{
    IPV4_PARSE parse = NTDLL(IPV4_PARSE, "RtlIpv4StringToAddressA");
    /* rtl.c:1098-1195, the ipv4_tests table, run at rtl.c:1212-1275 (non-strict unless noted). */
    Parse(parse, "255.255.255.255:123", FALSE, 0, 15, 0xffffffff);
    Parse(parse, "255.255.255.256", FALSE, 0xC000000D, 15, 0xabababab);
    Parse(parse, "255.255.255.4294967296", FALSE, 0xC000000D, 21, 0xabababab);
    Parse(parse, "1.1.1.0xaA", FALSE, 0, 10, 0xaa010101);
    Parse(parse, "1.1.1.0xaA", TRUE, 0xC000000D, 8, 0xabababab);
    Parse(parse, "1.1.1.010", FALSE, 0, 9, 0x08010101);
    Parse(parse, "1.1.1.08", FALSE, 0xC000000D, 7, 0xabababab);
    Parse(parse, "1.2", FALSE, 0, 3, 0x02000001);
    Parse(parse, "1.2", TRUE, 0xC000000D, 3, 0xabababab);
    Parse(parse, "203569230", FALSE, 0, 9, 0x4e38220c);
    Parse(parse, "1..2", FALSE, 0xC000000D, 3, 0xabababab);
    Parse(parse, "3.4.5.6.7", FALSE, 0xC000000D, 7, 0xabababab);
    Parse(parse, "0x123456789", FALSE, 0, 11, 0x89674523);
    Parse(parse, "1234BEEF", FALSE, 0, 4, 0xd2040000);

    /* rtl.c:1279-1410: the Ex form wants the whole string, or ":port", but
     * stores the address it parsed either way. */
    IPV4_PARSE_EX parse_ex = NTDLL(IPV4_PARSE_EX, "RtlIpv4StringToAddressExA");
    ULONG address = 0xabababab;
    USHORT port = 0xdead;
    CHECK_EQ("Ex(\"1.2.3.4:80\")", parse_ex("1.2.3.4:80", FALSE, &address, &port), 0);
    CHECK_EQ("  address", address, 0x04030201);
    CHECK_EQ("  port (network order)", port, 0x5000);
    address = 0xabababab;
    port = 0xdead;
    CHECK_EQ("Ex(\"1.2.3.4:65536\")", parse_ex("1.2.3.4:65536", FALSE, &address, &port), 0xC000000D);
    CHECK_EQ("  address", address, 0x04030201);
    CHECK_EQ("  port", port, 0xdead);
    CHECK_EQ("Ex(\"3.4.5.6 \")", parse_ex("3.4.5.6 ", FALSE, &address, &port), 0xC000000D);

    /* rtl.c:931-1020 (test_RtlIpv4AddressToString and its Ex form): the text, a pointer
     * to its NUL, ~0 with no buffer; the Ex form's length counts the NUL. */
    IPV4_FORMAT format = NTDLL(IPV4_FORMAT, "RtlIpv4AddressToStringA");
    IPV4_FORMAT_EX format_ex = NTDLL(IPV4_FORMAT_EX, "RtlIpv4AddressToStringExA");
    char text[32];
    address = 0x04030201;
    CHECK_EQ("RtlIpv4AddressToStringA(1.2.3.4)", format(&address, text) - text, 7);
    CHECK_EQ("  text", lstrcmpA(text, "1.2.3.4"), 0);
    CHECK_EQ("RtlIpv4AddressToStringA(no buffer)", (ULONG_PTR)format(&address, NULL), ~0ul);
    ULONG length = sizeof(text);
    CHECK_EQ("RtlIpv4AddressToStringExA(port 80)", format_ex(&address, 0x5000, text, &length), 0);
    CHECK_EQ("  text", lstrcmpA(text, "1.2.3.4:80"), 0);
    CHECK_EQ("  length", length, 11);
    length = 5;
    CHECK_EQ("RtlIpv4AddressToStringExA(short)", format_ex(&address, 0, text, &length), 0xC000000D);
    CHECK_EQ("  length needed", length, 8);
}

typedef struct ABSOLUTE_SD {
    BYTE Revision, Sbz1;
    WORD Control;
    void *Owner, *Group, *Sacl, *Dacl;
} ABSOLUTE_SD;
typedef NTSTATUS(NTAPI *MAKE_RELATIVE)(ABSOLUTE_SD *, void *, ULONG *);
typedef BOOLEAN(NTAPI *FIRST_FREE_ACE)(void *, void **);

static void Descriptors(void)
{
    MAKE_RELATIVE make = NTDLL(MAKE_RELATIVE, "RtlMakeSelfRelativeSD");
    MAKE_RELATIVE to_relative = NTDLL(MAKE_RELATIVE, "RtlAbsoluteToSelfRelativeSD");
    ULONG out[16];
    ABSOLUTE_SD sd = {1, 0, 0, NULL, NULL, NULL, NULL};
    /* rtl.c:3271-3310: a bare descriptor needs the 20-byte header; a big
     * enough buffer leaves the length alone. */
    ULONG length = 0;
    CHECK_EQ("RtlMakeSelfRelativeSD(no room)", make(&sd, NULL, &length), 0xC0000023);
    CHECK_EQ("  length needed", length, 20);
    length = 24;
    CHECK_EQ("RtlMakeSelfRelativeSD", make(&sd, out, &length), 0);
    CHECK_EQ("  length", length, 24);
    CHECK_EQ("  control (self-relative)", ((WORD *)out)[1], 0x8000);
    /* With an owner, S-1-5-18 (12 bytes), after the header. */
    static const BYTE system_sid[12] = {1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0};
    sd.Owner = (void *)system_sid;
    length = 0;
    CHECK_EQ("RtlAbsoluteToSelfRelativeSD(owner, no room)", to_relative(&sd, NULL, &length), 0xC0000023);
    CHECK_EQ("  length needed", length, 32);
    CHECK_EQ("RtlAbsoluteToSelfRelativeSD(owner)", to_relative(&sd, out, &length), 0);
    CHECK_EQ("  owner offset", out[1], 20);
    CHECK_EQ("  owner copied", ((BYTE *)out)[28], 18);
    /* A descriptor already self-relative: refused by one, copied by the other. */
    sd.Owner = NULL;
    sd.Control = 0x8000;
    CHECK_EQ("RtlMakeSelfRelativeSD(self-relative)", make(&sd, out, &length), 0);
    CHECK_EQ("RtlAbsoluteToSelfRelativeSD(self-relative)", to_relative(&sd, out, &length), 0xC00000E7);

    /* rtl.c:3743-3790: an empty 8-byte ACL's free space starts right after
     * its header; an ACE (even one of size 0) that starts at the end is
     * FALSE, NULL; a list running past a short ACL is TRUE, NULL. */
    FIRST_FREE_ACE first_free = NTDLL(FIRST_FREE_ACE, "RtlFirstFreeAce");
    WORD acl[12] = {2, 8, 0, 0};   /* revision 2, AclSize 8, no ACEs */
    void *first = (void *)1;
    CHECK_EQ("RtlFirstFreeAce(empty)", first_free(acl, &first), 1);
    CHECK_EQ("  after the header", first == acl + 4, 1);
    acl[1] = 7;
    CHECK_EQ("RtlFirstFreeAce(7-byte ACL)", first_free(acl, &first), 1);
    CHECK_EQ("  none", first == NULL, 1);
    acl[2] = 1;   /* one ACE */
    acl[1] = 8;
    CHECK_EQ("RtlFirstFreeAce(ACE at the end)", first_free(acl, &first), 0);
    CHECK_EQ("  none", first == NULL, 1);
    acl[1] = 24;
    CHECK_EQ("RtlFirstFreeAce(24-byte ACL, empty ACE)", first_free(acl, &first), 1);
    CHECK_EQ("  at the ACE", first == acl + 4, 1);
}

typedef NTSTATUS(NTAPI *ADD_REF_DLL)(ULONG, HMODULE);

/* rtl.c:2397-2444: after LdrAddRefDll a module survives one more
 * FreeLibrary; pinned (flag 1) it survives them all. advapi32.dll is not
 * among this program's imports, so it can come and go. */
static void AddRefDll(void)
{
    ADD_REF_DLL add_ref = NTDLL(ADD_REF_DLL, "LdrAddRefDll");
    HMODULE dll = LoadLibraryA("advapi32.dll");
    CHECK_EQ("LoadLibrary(advapi32)", dll != NULL, 1);
    CHECK_EQ("LdrAddRefDll", add_ref(0, dll), 0);
    CHECK_EQ("FreeLibrary", FreeLibrary(dll), 1);
    CHECK_EQ("  still loaded", GetModuleHandleA("advapi32.dll") == dll, 1);
    CHECK_EQ("FreeLibrary", FreeLibrary(dll), 1);
    CHECK_EQ("  unloaded", GetModuleHandleA("advapi32.dll") == NULL, 1);
    CHECK_EQ("LdrAddRefDll(not a module)", add_ref(0, dll), 0xC000000D);
    dll = LoadLibraryA("advapi32.dll");
    CHECK_EQ("LdrAddRefDll(pin)", add_ref(1, dll), 0);
    for (int i = 0; i < 4; i++) {
        FreeLibrary(dll);
    }
    CHECK_EQ("  pinned: loaded after 4 FreeLibrary", GetModuleHandleA("advapi32.dll") == dll, 1);
}

static ULONG Prints, PrintLength;
static char PrintText[64];
static LONG PrintAnswer;

static LONG CALLBACK PrintWatcher(EXCEPTION_POINTERS *info)
{
    EXCEPTION_RECORD *record = info->ExceptionRecord;
    if (record->ExceptionCode != 0x40010006 || record->NumberParameters != 2) {
        return EXCEPTION_CONTINUE_SEARCH;
    }
    Prints++;
    PrintLength = record->ExceptionInformation[0];
    const char *text = (const char *)record->ExceptionInformation[1];
    ULONG i = 0;
    for (; i + 1 < sizeof(PrintText) && text[i]; i++) {
        PrintText[i] = text[i];
    }
    PrintText[i] = 0;
    return PrintAnswer;
}

static void DebugPrint(void)
{
    DBG_PRINT print = NTDLL(DBG_PRINT, "DbgPrint");
    DBG_PRINT_EX print_ex = NTDLL(DBG_PRINT_EX, "DbgPrintEx");
    BYTE *peb;
    __asm__("movl %%fs:0x30, %0" : "=r"(peb));
    BYTE *being_debugged = peb + 2;   /* PEB.BeingDebugged */
    BYTE was = *being_debugged;
    void *watcher = AddVectoredExceptionHandler(1, PrintWatcher);
    /* rtl.c:3611-3613: not debugged, nothing is raised. */
    *being_debugged = 0;
    CHECK_EQ("DbgPrint (not debugged)", print("%s %d", "DbgPrint", 1), 0);
    CHECK_EQ("  exceptions", Prints, 0);
    /* rtl.c:3615-3631: debugged, DBG_PRINTEXCEPTION_C with the length
     * counting the NUL and the text, and DbgPrint goes on whatever the
     * handler answers. */
    *being_debugged = 1;
    PrintAnswer = EXCEPTION_CONTINUE_SEARCH;
    CHECK_EQ("DbgPrint (debugged)", print("%s %d", "DbgPrint", 2), 0);
    CHECK_EQ("  exceptions", Prints, 1);
    CHECK_EQ("  length", PrintLength, 11);
    CHECK_EQ("  text", lstrcmpA(PrintText, "DbgPrint 2"), 0);
    PrintAnswer = EXCEPTION_CONTINUE_EXECUTION;
    CHECK_EQ("DbgPrint (handler continues)", print("x"), 0);
    CHECK_EQ("  exceptions", Prints, 2);
    /* rtl.c:3637-3659: the error level is shown, the warning level is not,
     * whether named by number or by mask bit. */
    CHECK_EQ("DbgPrintEx(error level)", print_ex(0, 0, "e"), 0);
    CHECK_EQ("  exceptions", Prints, 3);
    CHECK_EQ("DbgPrintEx(warning level)", print_ex(0, 1, "w"), 0);
    CHECK_EQ("DbgPrintEx(warning mask)", print_ex(0, 0x80000002, "w"), 0);
    CHECK_EQ("  exceptions", Prints, 3);
    CHECK_EQ("DbgPrintEx(error mask)", print_ex(0, 0x80000001, "e"), 0);
    CHECK_EQ("DbgPrintEx(all levels)", print_ex(0, 0xFFFFFFFF, "%u", 7u), 0);
    CHECK_EQ("  exceptions", Prints, 5);
    CHECK_EQ("  text", lstrcmpA(PrintText, "7"), 0);
    RemoveVectoredExceptionHandler(watcher);
    *being_debugged = was;
}

void __cdecl start(void)
{
    Random();
    Crc();
    Accesses();
    CompareUlong();
    LoaderLock();
    HandleTables();
    DebugPrint();
    ByteSwap();
    Ipv4();
    Descriptors();
    AddRefDll();
    Finish();
}
