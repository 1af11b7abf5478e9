/*
 * Check: the guest test programs' one-line report of a check, "ok" or
 * "FAIL" with the thread's last error, counting the failures (the program
 * exits with their count). Included as "../guestcheck.h".
 */
#ifndef NTMM_TESTS_GUESTCHECK_H
#define NTMM_TESTS_GUESTCHECK_H

#include <stdio.h>
#include <windows.h>

static int Failures;

static void Check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (!ok) {
        printf("     (last error %lu)\n", GetLastError());
        Failures++;
    }
}

#endif
