/*
 * What the parts of ntmm-bench share: the clock and the goal lines printed
 * at the end.
 */
#ifndef NTMM_BENCH_H
#define NTMM_BENCH_H

#include <stdbool.h>

/* Seconds on the monotonic clock. */
double BenchNow(void);

/* Records a goal for the closing lines: met if value <= target (at_most)
 * or >= target. */
void BenchGoal(const char *name, double value, double target, bool at_most, const char *unit);

/* Adds a row to the Measured table that `ntmm-bench --table FILE` writes
 * (bench/measured.sh puts it into README.md): what was measured, and the
 * result as a printf format. */
void BenchRow(const char *what, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Goal 6: real programs from the corpus (build/corpus, tests/corpus) under
 * `ntmm run` and natively, integer-heavy and floating-point-heavy apart. */
void BenchRealPrograms(void);

#endif
