/*
 * Where NtMapViewOfSection puts a view, and what a program finds in the
 * image headers, as 32-bit Windows answers:
 *
 * - ZeroBits above 21 is STATUS_INVALID_PARAMETER_4; 21 leaves no room
 *   (STATUS_NO_MEMORY); from 2 to 20, with MEM_TOP_DOWN, the view lies
 *   below 2^(32-ZeroBits). A base given must itself meet ZeroBits
 *   (STATUS_INVALID_PARAMETER_4), which is checked before its alignment.
 * - AT_ROUND_TO_PAGE: the base is rounded down to its page and need only
 *   be page-aligned (a view may start 4 KiB into another's 64 KiB); it
 *   still conflicts with a view already there.
 * - KUSER_SHARED_DATA's NumberOfPhysicalPages (0x7FFE02E8) equals what
 *   SystemBasicInformation answers.
 * - RtlImageNtHeader finds "PE\0\0" through e_lfanew (NULL for a buffer
 *   that is no image); LdrProcessRelocationBlock applies HIGHLOW, LOW and
 *   HIGH entries, skips ABSOLUTE ones, and returns the end of the block.
 *
 * Windows' answers: Wine's ntdll virtual.c test (test_NtMapViewOfSection,
 * lines 1092-1246; test_user_shared_data, line 1446; perform_relocations).
 */
#include "pe.h"

#define AT_ROUND_TO_PAGE 0x40000000
#define STATUS_INVALID_PARAMETER_4 0xC00000F2
#define STATUS_MAPPED_ALIGNMENT 0xC0000220
#define STATUS_CONFLICTING_ADDRESSES 0xC0000018

typedef LONG(NTAPI *NT_MAP)(HANDLE, HANDLE, PVOID *, ULONG_PTR, SIZE_T, LARGE_INTEGER *,
                            SIZE_T *, DWORD, ULONG, ULONG);
typedef LONG(NTAPI *NT_UNMAP)(HANDLE, PVOID);
typedef LONG(NTAPI *NT_QUERY_SYSTEM)(ULONG, PVOID, ULONG, ULONG *);
typedef PVOID(NTAPI *IMAGE_NT_HEADER)(PVOID);
typedef PVOID(NTAPI *PROCESS_RELOCATIONS)(ULONG_PTR, ULONG, USHORT *, LONG);

static NT_MAP Map;
static NT_UNMAP Unmap;
static HANDLE Section;

static LONG MapAt(BYTE **base, ULONG_PTR zero_bits, ULONG type)
{
    SIZE_T size = 0;
    LARGE_INTEGER offset;
    offset.QuadPart = 0;
    return Map(Section, GetCurrentProcess(), (PVOID *)base, zero_bits, 0, &offset, &size, 1,
               type, PAGE_READWRITE);
}

/* The highest ZeroBits the address meets. */
static ULONG ZeroBitsOf(DWORD address)
{
    ULONG bits = 0;
    while (bits < 32 && !(address & (0x80000000u >> bits))) {
        bits++;
    }
    return bits;
}

static void ZeroBits(void)
{
    int above = 0;
    for (ULONG bits = 2; bits <= 20; bits++) {
        BYTE *p = NULL;
        LONG status = MapAt(&p, bits, MEM_TOP_DOWN);
        if (status == 0) {
            above += ((DWORD)p >> (32 - bits)) != 0;
            Unmap(GetCurrentProcess(), p);
        } else if ((DWORD)status != (DWORD)STATUS_NO_MEMORY) {
            above++;
        }
    }
    CHECK_EQ("ZeroBits 2..20, MEM_TOP_DOWN: views that lie above 2^(32-ZeroBits)", above, 0);
    BYTE *p = NULL;
    CHECK_EQ("ZeroBits 21: STATUS_NO_MEMORY", MapAt(&p, 21, 0), STATUS_NO_MEMORY);
    p = NULL;
    CHECK_EQ("ZeroBits 22: STATUS_INVALID_PARAMETER_4", MapAt(&p, 22, 0),
             STATUS_INVALID_PARAMETER_4);
}

static void GivenBase(BYTE *view)
{
    BYTE *p = view + 0x1000;
    CHECK_EQ("a base above what ZeroBits allows (and unaligned): STATUS_INVALID_PARAMETER_4",
             MapAt(&p, ZeroBitsOf((DWORD)p >> 1), 0), STATUS_INVALID_PARAMETER_4);
    p = view + 0x1000;
    CHECK_EQ("a base that meets ZeroBits but not 64 KiB: STATUS_MAPPED_ALIGNMENT",
             MapAt(&p, ZeroBitsOf((DWORD)p), 0), STATUS_MAPPED_ALIGNMENT);
}

static void RoundToPage(BYTE *view)
{
    BYTE *p = view;
    CHECK_EQ("AT_ROUND_TO_PAGE over a view: STATUS_CONFLICTING_ADDRESSES",
             MapAt(&p, 0, AT_ROUND_TO_PAGE), STATUS_CONFLICTING_ADDRESSES);
    p = view + 42;
    CHECK_EQ("  at view + 42 (rounded down onto it)", MapAt(&p, 0, AT_ROUND_TO_PAGE),
             STATUS_CONFLICTING_ADDRESSES);
    p = view + 0x1001;
    CHECK_EQ("AT_ROUND_TO_PAGE at view + 0x1001 (a page past the one-page view)", MapAt(&p, 0, AT_ROUND_TO_PAGE),
             0);
    CHECK_EQ("  placed at view + 0x1000", (DWORD)(p - view), 0x1000);
    CHECK_EQ("  the section's data is there", *(DWORD *)p, 0x12345678);
    CHECK_EQ("  unmapped", Unmap(GetCurrentProcess(), p), 0);
}

static void SharedUserData(NT_QUERY_SYSTEM query)
{
    DWORD basic[11] = {0};
    CHECK_EQ("SystemBasicInformation", query(0, basic, sizeof basic, NULL), 0);
    CHECK_EQ("KUSER_SHARED_DATA NumberOfPhysicalPages is SystemBasicInformation's",
             *(volatile DWORD *)0x7FFE02E8 == basic[3] && basic[3] != 0, 1);
}

static void Relocations(HMODULE ntdll)
{
    IMAGE_NT_HEADER nt_header = (IMAGE_NT_HEADER)(void *)GetProcAddress(ntdll, "RtlImageNtHeader");
    PROCESS_RELOCATIONS relocate =
        (PROCESS_RELOCATIONS)(void *)GetProcAddress(ntdll, "LdrProcessRelocationBlock");
    BYTE *exe = (BYTE *)GetModuleHandleA(NULL);
    CHECK_EQ("RtlImageNtHeader of the EXE: at e_lfanew",
             (BYTE *)nt_header(exe) == exe + *(DWORD *)(exe + 0x3C), 1);
    static BYTE not_image[64];
    CHECK_EQ("RtlImageNtHeader of a buffer that is no image: NULL", nt_header(not_image) == NULL,
             1);

    static DWORD page[4] = {0x00401000, 0x11112222, 0x33334444, 0x55556666};
    USHORT entries[4] = {
        (3 << 12) | 0,   /* HIGHLOW at 0 */
        (2 << 12) | 4,   /* LOW at 4 */
        (1 << 12) | 10,  /* HIGH at 10 */
        (0 << 12) | 0,   /* ABSOLUTE: padding */
    };
    USHORT *end = relocate((ULONG_PTR)page, 4, entries, 0x00020003);
    CHECK_EQ("LdrProcessRelocationBlock returns the block's end", end == entries + 4, 1);
    CHECK_EQ("  HIGHLOW adds delta", page[0], 0x00421003);
    CHECK_EQ("  LOW adds delta's low half", page[1], 0x11112225);
    CHECK_EQ("  HIGH adds delta's high half", page[2], 0x33354444);
    CHECK_EQ("  untouched", page[3], 0x55556666);
    USHORT dir64 = (10 << 12) | 0;
    CHECK_EQ("  a DIR64 entry (no PE32 has one): NULL",
             relocate((ULONG_PTR)page, 1, &dir64, 1) == NULL, 1);
}

void __cdecl start(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    Map = (NT_MAP)(void *)GetProcAddress(ntdll, "NtMapViewOfSection");
    Unmap = (NT_UNMAP)(void *)GetProcAddress(ntdll, "NtUnmapViewOfSection");
    Section = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 0x1000, NULL);
    BYTE *view = NULL;
    CHECK_EQ("a view of a pagefile-backed section", MapAt(&view, 0, 0), 0);
    *(DWORD *)view = 0x12345678;
    ZeroBits();
    GivenBase(view);
    /* A one-page view leaves the rest of its 64 KiB free: AT_ROUND_TO_PAGE
     * can put a second view of the same data there. */
    RoundToPage(view);
    CHECK_EQ("the first view unmapped", Unmap(GetCurrentProcess(), view), 0);
    CloseHandle(Section);
    SharedUserData((NT_QUERY_SYSTEM)(void *)GetProcAddress(ntdll, "NtQuerySystemInformation"));
    Relocations(ntdll);
    Finish();
}
