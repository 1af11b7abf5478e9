/* The VAD tree against a plain sorted array, under random operations. */
#include <check.h>

#include "tests/unit/checkmain.h"
#include <stdlib.h>
#include <string.h>

#include "mm/mi.h"

#define MAX_VADS 4096

typedef struct RANGE {
    uint32_t Start, End;
    MMVAD *Vad;
} RANGE;

static RANGE Ref[MAX_VADS];
static int RefCount;
static uint64_t Seed = 0x9E3779B97F4A7C15ull;

static uint32_t Random(uint32_t n)
{
    Seed ^= Seed << 13;
    Seed ^= Seed >> 7;
    Seed ^= Seed << 17;
    return (uint32_t)(Seed % n);
}

static int RefFind(uint32_t vpn)
{
    for (int i = 0; i < RefCount; i++) {
        if (vpn >= Ref[i].Start && vpn <= Ref[i].End) {
            return i;
        }
    }
    return -1;
}

static bool RefFree(uint32_t start, uint32_t end)
{
    for (int i = 0; i < RefCount; i++) {
        if (start <= Ref[i].End && Ref[i].Start <= end) {
            return false;
        }
    }
    return true;
}

static MMVAD *NewVad(uint32_t start, uint32_t end)
{
    MMVAD *vad = calloc(1, sizeof *vad);
    vad->StartingVpn = start;
    vad->EndingVpn = end;
    return vad;
}

static void RefAdd(MM_AVL_TABLE *t, uint32_t start, uint32_t end)
{
    MMVAD *vad = NewVad(start, end);
    MiInsertVad(t, vad);
    Ref[RefCount++] = (RANGE){start, end, vad};
}

static void RefRemove(MM_AVL_TABLE *t, int i)
{
    MiRemoveVad(t, Ref[i].Vad);
    free(Ref[i].Vad);
    Ref[i] = Ref[--RefCount];
}

/* The reference answer for MiFindEmptyAddressRange, by brute force over gaps. */
static uint32_t RefFindEmpty(uint32_t pages, uint32_t align, uint32_t low, uint32_t high,
                             bool top_down)
{
    if (!top_down) {
        for (uint64_t s = (low + align - 1) / align * align; s + pages - 1 <= high; s += align) {
            if (s && RefFree((uint32_t)s, (uint32_t)(s + pages - 1))) {
                return (uint32_t)s;
            }
        }
        return 0;
    }
    if ((uint64_t)high + 1 < pages) {
        return 0;
    }
    for (int64_t s = ((int64_t)high + 1 - pages) / align * align; s >= (int64_t)low; s -= align) {
        if (s && RefFree((uint32_t)s, (uint32_t)(s + pages - 1))) {
            return (uint32_t)s;
        }
    }
    return 0;
}

START_TEST(basics_and_edges)
{
    MM_AVL_TABLE t = {0};
    RefCount = 0;
    RefAdd(&t, 0x10, 0x1F);
    RefAdd(&t, 0x30, 0x30);
    ck_assert_ptr_eq(MiLocateAddress(&t, 0x10), Ref[0].Vad);
    ck_assert_ptr_eq(MiLocateAddress(&t, 0x1F), Ref[0].Vad);
    ck_assert_ptr_null(MiLocateAddress(&t, 0x20));
    /* Touching is not a conflict; overlapping by one page is. */
    ck_assert_ptr_null(MiCheckForConflictingVad(&t, 0x20, 0x2F));
    ck_assert_ptr_eq(MiCheckForConflictingVad(&t, 0x20, 0x30), Ref[1].Vad);
    ck_assert_ptr_eq(MiCheckForConflictingVad(&t, 0x1F, 0x20), Ref[0].Vad);
    /* Gaps, 16-page (64 KiB) aligned. */
    /* The gap 0x20-0x2F is exactly 16 pages. */
    ck_assert_uint_eq(MiFindEmptyAddressRange(&t, 0x10, 0x10, 0x10, 0x7FFEF, false), 0x20);
    ck_assert_uint_eq(MiFindEmptyAddressRange(&t, 0x11, 0x10, 0x10, 0x7FFEF, false), 0x40);
    ck_assert_uint_eq(MiFindEmptyAddressRange(&t, 0x10, 0x10, 0x10, 0x2E, false), 0);
    ck_assert_uint_eq(MiFindEmptyAddressRange(&t, 0x2, 0x1, 0x21, 0x3F, false), 0x21);
    ck_assert_uint_eq(MiFindEmptyAddressRange(&t, 0x10, 0x10, 0x10, 0x7FFEF, true), 0x7FFE0);
    ck_assert_int_ge(MiVerifyVadTree(&t), 1);
    while (RefCount) {
        RefRemove(&t, 0);
    }
    ck_assert_ptr_null(t.Root);
}
END_TEST

START_TEST(random_against_reference)
{
    MM_AVL_TABLE t = {0};
    RefCount = 0;
    const uint32_t space = 0x4000; /* vpns 0x10..0x400F */
    for (int op = 0; op < 200000; op++) {
        uint32_t choice = Random(100);
        if (choice < 35 && RefCount < MAX_VADS) {
            uint32_t start = 0x10 + Random(space), end = start + Random(16);
            if (RefFree(start, end)) {
                ck_assert_ptr_null(MiCheckForConflictingVad(&t, start, end));
                RefAdd(&t, start, end);
            } else {
                ck_assert_ptr_nonnull(MiCheckForConflictingVad(&t, start, end));
            }
        } else if (choice < 60 && RefCount) {
            RefRemove(&t, (int)Random((uint32_t)RefCount));
        } else if (choice < 70 && RefCount) {
            /* split: one VAD becomes two */
            int i = (int)Random((uint32_t)RefCount);
            uint32_t s = Ref[i].Start, e = Ref[i].End;
            if (e > s) {
                uint32_t mid = s + Random(e - s);
                RefRemove(&t, i);
                RefAdd(&t, s, mid);
                RefAdd(&t, mid + 1, e);
            }
        } else if (choice < 75 && RefCount) {
            /* merge: a VAD and the one right after it, if adjacent */
            int i = (int)Random((uint32_t)RefCount);
            MMVAD *next = MiGetNextVad(Ref[i].Vad);
            if (next && next->StartingVpn == Ref[i].End + 1) {
                uint32_t s = Ref[i].Start, e = next->EndingVpn;
                int j = RefFind(next->StartingVpn);
                RefRemove(&t, i);
                RefRemove(&t, RefFind(next->StartingVpn) >= 0 ? RefFind(next->StartingVpn) : j);
                RefAdd(&t, s, e);
            }
        } else if (choice < 95) {
            uint32_t vpn = Random(space + 0x20);
            int i = RefFind(vpn);
            MMVAD *vad = MiLocateAddress(&t, vpn);
            ck_assert_ptr_eq(vad, i >= 0 ? Ref[i].Vad : NULL);
        } else {
            uint32_t pages = 1 + Random(64), align = Random(2) ? 16 : 1;
            uint32_t low = 0x10 + Random(space / 2), high = low + Random(space);
            bool top = Random(2);
            ck_assert_uint_eq(MiFindEmptyAddressRange(&t, pages, align, low, high, top),
                              RefFindEmpty(pages, align, low, high, top));
        }
        if (op % 1000 == 0) {
            int h = MiVerifyVadTree(&t);
            ck_assert_int_ge(h, 0);
            ck_assert_uint_eq(t.NumberGenericTableElements, (uint32_t)RefCount);
            /* AVL height bound: 1.44 log2(n + 2) */
            double bound = 1.45 * __builtin_log2((double)RefCount + 2) + 1;
            ck_assert_msg(h <= bound, "height %d for %d nodes", h, RefCount);
            /* In-order traversal agrees with the reference count. */
            int n = 0;
            for (MMVAD *v = MiGetFirstVad(&t); v; v = MiGetNextVad(v)) {
                MMVAD *p = MiGetPreviousVad(v);
                ck_assert(p == NULL || p->EndingVpn < v->StartingVpn);
                n++;
            }
            ck_assert_int_eq(n, RefCount);
        }
    }
    while (RefCount) {
        RefRemove(&t, RefCount - 1);
    }
    ck_assert_int_eq(MiVerifyVadTree(&t), 0);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("vadtree");
    TCase *tc = tcase_create("avl");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, basics_and_edges);
    tcase_add_test(tc, random_against_reference);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
