/* ex/handle: an object's Cleanup runs when its last handle goes (in any
 * table, a duplicated table's too), its Close when its last reference
 * does; a reference without a handle holds off Close, never Cleanup. */
#include <check.h>

#include "tests/unit/checkmain.h"

#include "ex/handle.h"

typedef struct TEST_OBJECT {
    EX_OBJECT Header;
    int Cleanups, Closes;
} TEST_OBJECT;

static TEST_OBJECT Object;

static void Cleanup(EX_OBJECT *object)
{
    ck_assert_ptr_eq(object, &Object.Header);
    ck_assert_uint_eq(object->HandleCount, 0);
    ck_assert_uint_gt(object->References, 0); /* the handle's reference is still held */
    Object.Cleanups++;
}

static void Close(EX_OBJECT *object)
{
    ck_assert_ptr_eq(object, &Object.Header);
    Object.Closes++;
}

static void Reset(void)
{
    Object = (TEST_OBJECT){.Header = {.Type = ExObjectEvent, .Close = Close, .Cleanup = Cleanup}};
}

START_TEST(cleanup_at_the_last_handle)
{
    Reset();
    EX_HANDLE_TABLE table = {0};
    uint32_t a, b;
    ck_assert_int_eq(ExCreateHandle(&table, &Object.Header, &a), STATUS_SUCCESS);
    ck_assert_int_eq(ExCreateHandle(&table, &Object.Header, &b), STATUS_SUCCESS);
    ck_assert_uint_eq(Object.Header.HandleCount, 2);
    ExReferenceObject(&Object.Header); /* a section's reference: no handle */
    ck_assert_int_eq(ExCloseHandle(&table, a), STATUS_SUCCESS);
    ck_assert_int_eq(Object.Cleanups, 0);
    ck_assert_int_eq(ExCloseHandle(&table, b), STATUS_SUCCESS);
    ck_assert_int_eq(Object.Cleanups, 1);
    ck_assert_int_eq(Object.Closes, 0);
    ExDereferenceObject(&Object.Header);
    ck_assert_int_eq(Object.Closes, 1);
    ck_assert_int_eq(Object.Cleanups, 1);
    ExDestroyHandleTable(&table);
}
END_TEST

START_TEST(a_duplicated_table_holds_the_handles_too)
{
    Reset();
    EX_HANDLE_TABLE parent = {0}, child = {0};
    uint32_t h;
    ck_assert_int_eq(ExCreateHandle(&parent, &Object.Header, &h), STATUS_SUCCESS);
    ck_assert_int_eq(ExDuplicateHandleTable(&parent, &child), STATUS_SUCCESS);
    ck_assert_uint_eq(Object.Header.HandleCount, 2);
    ExDestroyHandleTable(&child);
    ck_assert_int_eq(Object.Cleanups, 0);
    ck_assert_int_eq(ExCloseHandle(&parent, h), STATUS_SUCCESS);
    ck_assert_int_eq(Object.Cleanups, 1);
    ck_assert_int_eq(Object.Closes, 1);
    ExDestroyHandleTable(&parent);
}
END_TEST

START_TEST(no_cleanup_without_a_handle)
{
    Reset();
    ExReferenceObject(&Object.Header);
    ExDereferenceObject(&Object.Header);
    ck_assert_int_eq(Object.Cleanups, 0); /* the object's own Close does what cleanup there is */
    ck_assert_int_eq(Object.Closes, 1);
}
END_TEST

/* NT's OBJ_PROTECT_CLOSE: NtClose refuses the handle (a cloned table
 * keeps the attribute); tearing the table down still drops it. */
START_TEST(a_protected_handle_is_not_closed)
{
    Reset();
    EX_HANDLE_TABLE table = {0}, child = {0};
    uint32_t h;
    ck_assert_int_eq(ExCreateHandle(&table, &Object.Header, &h), STATUS_SUCCESS);
    ck_assert_uint_eq(ExGetHandleAttributes(&table, h), 0);
    ck_assert_int_eq(ExSetHandleAttributes(&table, h, EX_HANDLE_PROTECT_CLOSE | EX_HANDLE_INHERIT), STATUS_SUCCESS);
    ck_assert_uint_eq(ExGetHandleAttributes(&table, h), EX_HANDLE_PROTECT_CLOSE | EX_HANDLE_INHERIT);
    ck_assert_int_eq(ExSetHandleAttributes(&table, h + 4, 0), STATUS_INVALID_HANDLE);
    ck_assert_int_eq(ExCloseHandle(&table, h), STATUS_HANDLE_NOT_CLOSABLE);
    ck_assert_uint_eq(Object.Header.HandleCount, 1);
    ck_assert_int_eq(ExDuplicateHandleTable(&table, &child), STATUS_SUCCESS);
    ck_assert_int_eq(ExCloseHandle(&child, h), STATUS_HANDLE_NOT_CLOSABLE);
    ExDestroyHandleTable(&child);
    ck_assert_int_eq(ExSetHandleAttributes(&table, h, EX_HANDLE_INHERIT), STATUS_SUCCESS);
    ck_assert_int_eq(ExCloseHandle(&table, h), STATUS_SUCCESS);
    ck_assert_int_eq(Object.Cleanups, 1);
    uint32_t again;
    ck_assert_int_eq(ExCreateHandle(&table, &Object.Header, &again), STATUS_SUCCESS);
    ck_assert_uint_eq(ExGetHandleAttributes(&table, again), 0); /* a new handle has none */
    ExDestroyHandleTable(&table);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("handle");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, cleanup_at_the_last_handle);
    tcase_add_test(tc, a_duplicated_table_holds_the_handles_too);
    tcase_add_test(tc, no_cleanup_without_a_handle);
    tcase_add_test(tc, a_protected_handle_is_not_closed);
    suite_add_tcase(s, tc);
    return RunSuite(s);
}
