/*
 * PAGE_NOCACHE and PAGE_WRITECOMBINE are attributes of a whole private
 * allocation: given when it is reserved, every page has them; VirtualQuery
 * reports them with the protection and the AllocationProtect; a later
 * commit or VirtualProtect neither adds nor removes them (the request's
 * cache bits are ignored), so they never split a region — only a different
 * protection does. (Windows' answers: Wine's kernel32 virtual tests, whose
 * NOCACHE allocation keeps PAGE_NOCACHE through a VirtualProtect and
 * reports it in the old protection.)
 */
#include "pe.h"

static MEMORY_BASIC_INFORMATION Query(void *p)
{
    MEMORY_BASIC_INFORMATION mbi;
    VirtualQuery(p, &mbi, sizeof mbi);
    return mbi;
}

static void Attribute(const char *name, DWORD cache)
{
    Print(name);
    Print(":\n");
    BYTE *p = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE | cache);
    CHECK_EQ("  allocated", p != NULL, 1);
    CHECK_EQ("  Protect", Query(p).Protect, PAGE_READWRITE | cache);
    CHECK_EQ("  AllocationProtect", Query(p).AllocationProtect, PAGE_READWRITE | cache);
    CHECK_EQ("  one region", Query(p).RegionSize, 0x10000);
    p[0x1000] = 7;
    CHECK_EQ("  the memory works", p[0x1000], 7);

    DWORD old = 0;
    CHECK_EQ("  VirtualProtect(PAGE_READONLY) on one page", VirtualProtect(p + 0x1000, 0x1000, PAGE_READONLY, &old), 1);
    CHECK_EQ("    old protection carries the attribute", old, PAGE_READWRITE | cache);
    CHECK_EQ("    the page keeps it", Query(p + 0x1000).Protect, PAGE_READONLY | cache);
    CHECK_EQ("    the protection splits the region", Query(p).RegionSize, 0x1000);
    CHECK_EQ("  VirtualProtect back to PAGE_READWRITE", VirtualProtect(p + 0x1000, 0x1000, PAGE_READWRITE, &old), 1);
    CHECK_EQ("    old", old, PAGE_READONLY | cache);
    CHECK_EQ("    one region again", Query(p).RegionSize, 0x10000);
    CHECK_EQ("    Protect", Query(p).Protect, PAGE_READWRITE | cache);
    DWORD other = cache == PAGE_NOCACHE ? PAGE_WRITECOMBINE : PAGE_NOCACHE;
    CHECK_EQ("  VirtualProtect asking the other attribute", VirtualProtect(p, 0x1000, PAGE_READWRITE | other, &old), 1);
    CHECK_EQ("    changes nothing", Query(p).Protect, PAGE_READWRITE | cache);
    CHECK_EQ("    and splits nothing", Query(p).RegionSize, 0x10000);
    CHECK_EQ("  VirtualProtect(PAGE_READWRITE) cannot remove it", VirtualProtect(p, 0x10000, PAGE_READWRITE, &old), 1);
    CHECK_EQ("    Protect", Query(p + 0x8000).Protect, PAGE_READWRITE | cache);

    CHECK_EQ("  decommit a page", VirtualFree(p + 0x2000, 0x1000, MEM_DECOMMIT), 1);
    CHECK_EQ("  commit it again with plain PAGE_READONLY", VirtualAlloc(p + 0x2000, 0x1000, MEM_COMMIT, PAGE_READONLY) == p + 0x2000, 1);
    CHECK_EQ("    the allocation's attribute", Query(p + 0x2000).Protect, PAGE_READONLY | cache);
    VirtualFree(p, 0, MEM_RELEASE);

    BYTE *r = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE | cache);
    CHECK_EQ("  reserved with it", Query(r).AllocationProtect, PAGE_READWRITE | cache);
    CHECK_EQ("  committed without it", VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_READWRITE) == r, 1);
    CHECK_EQ("    has it", Query(r).Protect, PAGE_READWRITE | cache);
    VirtualFree(r, 0, MEM_RELEASE);
}

void __cdecl start(void)
{
    Attribute("PAGE_NOCACHE", PAGE_NOCACHE);
    Attribute("PAGE_WRITECOMBINE", PAGE_WRITECOMBINE);

    Print("a cached allocation:\n");
    BYTE *q = VirtualAlloc(NULL, 0x10000, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    DWORD old = 0;
    CHECK_EQ("  VirtualProtect(PAGE_READWRITE | PAGE_NOCACHE) on a page", VirtualProtect(q, 0x1000, PAGE_READWRITE | PAGE_NOCACHE, &old), 1);
    CHECK_EQ("    old", old, PAGE_READWRITE);
    CHECK_EQ("    cannot add it", Query(q).Protect, PAGE_READWRITE);
    CHECK_EQ("    no split", Query(q).RegionSize, 0x10000);
    CHECK_EQ("  VirtualProtect(PAGE_READONLY | PAGE_WRITECOMBINE)", VirtualProtect(q, 0x1000, PAGE_READONLY | PAGE_WRITECOMBINE, &old), 1);
    CHECK_EQ("    the protection changes, the attribute is not added", Query(q).Protect, PAGE_READONLY);
    VirtualFree(q, 0, MEM_RELEASE);
    BYTE *r = VirtualAlloc(NULL, 0x10000, MEM_RESERVE, PAGE_READWRITE);
    CHECK_EQ("  reserved without, committed with PAGE_NOCACHE",
             VirtualAlloc(r, 0x1000, MEM_COMMIT, PAGE_READWRITE | PAGE_NOCACHE) == r, 1);
    CHECK_EQ("    plain PAGE_READWRITE", Query(r).Protect, PAGE_READWRITE);
    VirtualFree(r, 0, MEM_RELEASE);
    Finish();
}
