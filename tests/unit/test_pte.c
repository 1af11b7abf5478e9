/* NT's PTE formats: every kind encodes and decodes as Windows Internals
 * describes the PAE layout. */
#include <check.h>

#include "tests/unit/checkmain.h"
#include <stdlib.h>

#include "mm/mi.h"

START_TEST(zero_pte_is_nothing)
{
    MMPTE pte = 0;
    ck_assert(!MiPteIsValid(pte));
    ck_assert(!MiPteIsTransition(pte));
    ck_assert_uint_eq(MiPteProtection(pte), MM_ZERO_ACCESS);
    ck_assert_uint_eq(MiPtePageFileHigh(pte), 0);
}
END_TEST

START_TEST(demand_zero_pte)
{
    for (uint32_t protection = 1; protection < 32; protection++) {
        MMPTE pte = MiMakeDemandZeroPte(protection);
        ck_assert(!MiPteIsValid(pte));
        ck_assert(!MiPteIsTransition(pte));
        ck_assert(!(pte & MM_PTE_PROTOTYPE));
        ck_assert_uint_eq(MiPteProtection(pte), protection);
        ck_assert_uint_eq(MiPtePageFileHigh(pte), 0); /* PageFileHigh 0: demand zero */
        ck_assert_uint_eq(pte >> 10, 0);             /* nothing above the protection */
    }
    /* Protection lives in bits 5-9. */
    ck_assert_uint_eq(MiMakeDemandZeroPte(MM_READWRITE), 4u << 5);
    ck_assert_uint_eq(MiMakeDemandZeroPte(MM_NOACCESS), 0x18u << 5);
}
END_TEST

START_TEST(transition_pte)
{
    MMPTE pte = MiMakeTransitionPte(0x12345, MM_EXECUTE_READ);
    ck_assert(!MiPteIsValid(pte));
    ck_assert(MiPteIsTransition(pte));
    ck_assert_uint_eq(MiPteFrame(pte), 0x12345);
    ck_assert_uint_eq(MiPteProtection(pte), MM_EXECUTE_READ);
    ck_assert(pte & (1ull << 11));
}
END_TEST

START_TEST(pagefile_pte)
{
    MMPTE pte = MiMakePageFilePte(0xABCDEF01u, MM_READONLY);
    ck_assert(!MiPteIsValid(pte));
    ck_assert(!MiPteIsTransition(pte));
    ck_assert_uint_eq(MiPtePageFileHigh(pte), 0xABCDEF01u);
    ck_assert_uint_eq(MiPteProtection(pte), MM_READONLY);
    ck_assert_uint_eq((uint32_t)pte & 0xFFFFF000u, 0); /* no frame bits */
}
END_TEST

START_TEST(valid_pte_hardware_bits)
{
    MMPTE rw = MiMakeValidPte(0x42, MM_READWRITE);
    ck_assert(MiPteIsValid(rw));
    ck_assert_uint_eq(MiPteFrame(rw), 0x42);
    ck_assert(rw & MM_PTE_WRITE);
    ck_assert(rw & MM_PTE_OWNER);
    ck_assert(rw & MM_PTE_NO_EXECUTE);

    MMPTE rx = MiMakeValidPte(0x42, MM_EXECUTE_READ);
    ck_assert(!(rx & MM_PTE_WRITE));
    ck_assert(!(rx & MM_PTE_NO_EXECUTE));

    MMPTE wc = MiMakeValidPte(0x42, MM_WRITECOPY);
    ck_assert(!(wc & MM_PTE_WRITE));          /* the first write faults */
    ck_assert(wc & MM_PTE_COPY_ON_WRITE);
    ck_assert(wc & MM_PTE_NO_EXECUTE);

    MMPTE ro = MiMakeValidPte(0x42, MM_READONLY);
    ck_assert(!(ro & MM_PTE_WRITE));
    ck_assert(ro & MM_PTE_NO_EXECUTE);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("pte");
    TCase *tc = tcase_create("formats");
    tcase_add_test(tc, zero_pte_is_nothing);
    tcase_add_test(tc, demand_zero_pte);
    tcase_add_test(tc, transition_pte);
    tcase_add_test(tc, pagefile_pte);
    tcase_add_test(tc, valid_pte_hardware_bits);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
