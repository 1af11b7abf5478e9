/* Runs a Check suite and turns the result into an exit status. */
#ifndef NTMM_CHECKMAIN_H
#define NTMM_CHECKMAIN_H

#include <check.h>
#include <stdlib.h>

static inline int RunSuite(Suite *suite)
{
    SRunner *runner = srunner_create(suite);
    srunner_run_all(runner, CK_NORMAL);
    int failed = srunner_ntests_failed(runner);
    srunner_free(runner);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
