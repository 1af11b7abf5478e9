/*
 * msvcrt's strtoul, strtol and _strtoi64 at their edges, as Wine's msvcrt
 * conformance tests (dlls/msvcrt/tests/string.c) record Windows' answers:
 *   - strtoul saturates at ULONG_MAX with ERANGE, then a minus sign
 *     negates it: "-4294967296" is 1 (string.c:1814-1817); wcstoul the
 *     same (string.c:3549, 3569);
 *   - a 0x prefix is taken whatever follows: "-0x" reads no digits, so
 *     the end is the start (string.c:1821-1824);
 *   - _strtoi64 below _I64_MIN: _I64_MIN and ERANGE (string.c:1895-1899);
 *   - itoa takes any radix: itoa(100, buf, 100) is "10" (string.c:2552).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "../guesttest.h"

int main(void)
{
    errno = 0;
    Check(strtoul("-4294967295", NULL, 0) == 1 && errno == 0, "strtoul(\"-4294967295\") is 1, no errno");
    errno = 0;
    Check(strtoul("-4294967296", NULL, 0) == 1 && errno == ERANGE, "strtoul(\"-4294967296\") is 1, ERANGE");
    Check(wcstoul(L"-4294967296", NULL, 10) == 1, "wcstoul(L\"-4294967296\") is 1");
    static char neg[] = "-0x";
    char *end = NULL;
    errno = 0;
    Check(strtol(neg, &end, 0) == 0 && end == neg && errno == 0, "strtol(\"-0x\"): 0, nothing read");
    errno = 0;
    Check(_strtoi64("-99999999999999999999", &end, 10) == (-0x7FFFFFFFFFFFFFFFLL - 1) && errno == ERANGE,
          "_strtoi64 below _I64_MIN: _I64_MIN, ERANGE");
    char buffer[16];
    Check(!strcmp(_itoa(100, buffer, 100), "10"), "itoa(100, 100) is \"10\"");
    printf("%d failures\n", Failures);
    return Failures;
}
