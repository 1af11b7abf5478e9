/* The checked build's failed ASSERT (ex/exassert.h). */
#include "ex/exassert.h"

#include <stdio.h>
#include <stdlib.h>

#ifdef NTMM_CHECKED
_Noreturn void ExAssertionFailed(const char *expression, const char *file, int line)
{
    fprintf(stderr, "ntmm: assertion failed: %s (%s:%d)\n", expression, file, line);
    fflush(stderr);
    abort();
}
#endif
