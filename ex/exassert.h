/*
 * ASSERT: an invariant the code relies on, checked in checked builds.
 *
 * NT's checked build stops in RtlAssert when an ASSERT fails; its free
 * build compiles the checks away. ntmm does the same: the Debug and
 * sanitizer builds define NTMM_CHECKED, and a failed ASSERT there names the
 * expression and its place and aborts, so the test that reached it fails
 * at the broken invariant and not somewhere later. In the release build
 * the expression is not evaluated, so it may be as costly as it needs to
 * be, and code after an ASSERT must still do something safe when the
 * invariant does not hold (the free build has no check).
 */
#ifndef NTMM_EXASSERT_H
#define NTMM_EXASSERT_H

#include <stdbool.h>

#ifdef NTMM_CHECKED
_Noreturn void ExAssertionFailed(const char *expression, const char *file, int line);
#define ASSERT(e) ((e) ? (void)0 : ExAssertionFailed(#e, __FILE__, __LINE__))
#define NTMM_CHECKED_BUILD true
#else
#define ASSERT(e) ((void)sizeof(!(e)))
#define NTMM_CHECKED_BUILD false
#endif

#endif
