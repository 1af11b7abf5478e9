/*
 * The ntmm command's host heap on transparent huge pages.
 *
 * A run of a small program is mostly start-up, and start-up on a virtual
 * machine is mostly first touches of fresh host memory: each fresh 4 KiB
 * page costs a host page fault and the hypervisor backing it, 10-15 us
 * here, and `ntmm run hello.exe` touched about 1,100 of them — Unicorn's
 * translation-block hash table and TCG context, SQLite's page cache and
 * parser, the loader's buffers, all from malloc. A 2 MiB transparent huge
 * page costs about 0.2 ms in all (0.3 us per 4 KiB of it).
 *
 * So the heap's first 16 MiB are made a huge-page region before the
 * machine is built: the heap is grown once by a generous top pad, the part
 * of it from its first 2 MiB boundary on is marked MADV_HUGEPAGE (the part
 * below is one block never touched), and the pad goes back to glibc's
 * default, so that later growth (a long run's) is ordinary; the trim
 * threshold is raised so that the region is not handed back and grown
 * again. Measured on hello.exe: 1,100 host page faults per run became
 * 160, and 10-13 ms of CPU time went (bench/README.md). Nothing
 * changes in what is allocated or freed; where the host does not allow
 * huge pages (or malloc is not glibc's, as under ASan) the heap is simply
 * the usual one.
 *
 * What the heap's first pad now holds is resident in 2 MiB steps as it is
 * touched, and calloc clears memory it takes from it (glibc trusts only
 * memory fresh from the kernel to be zero): tables that must cost host
 * memory only where they are touched, because they grow with --ram (the
 * PFN database), are mapped by their owners instead of allocated here.
 */
#include "tools/tools.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define HOST_HUGE_PAGE (2u << 20)
#define HOST_HEAP_HUGE_REGION (16u << 20)
#define GLIBC_DEFAULT_TOP_PAD (128u << 10)
#define HOST_HEAP_TRIM (64u << 20)

void NtmmUseHugePageHeap(void)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__GLIBC__) == 0
    /* ASan's allocator, or not glibc's: nothing of this applies. */
#else
    char *before = sbrk(0);
    if (before == (char *)-1 || !mallopt(M_TOP_PAD, HOST_HEAP_HUGE_REGION)) {
        return;
    }
    /* The first block makes the heap (glibc's own bookkeeping first), and
     * grows it by the pad. */
    char *first = malloc(16); /* freed at the end */
    char *after = sbrk(0);
    uintptr_t from = ((uintptr_t)first + 4096 + HOST_HUGE_PAGE - 1) & ~(uintptr_t)(HOST_HUGE_PAGE - 1);
    if (first && after != (char *)-1 && after > before && (char *)from < after) {
        /* What lies below the first 2 MiB boundary cannot be a huge page:
         * it is handed out in one block that is never touched (nor freed,
         * which would give it back to be carved up), so that what the run
         * allocates comes from the huge-page region. glibc writes the
         * header of the rest just past the block, below the boundary (a
         * page touched above it would keep its 2 MiB from being one). */
        void *volatile kept = malloc(from - (uintptr_t)first - 4096);
        if (kept) {
            madvise((void *)from, (size_t)(after - (char *)from), MADV_HUGEPAGE);
        }
    }
    free(first);
    mallopt(M_TOP_PAD, GLIBC_DEFAULT_TOP_PAD);
    /* Else the first free that leaves 128 KiB at the top gives the region
     * back to the kernel, and the heap grows again in ordinary pages. */
    mallopt(M_TRIM_THRESHOLD, HOST_HEAP_TRIM);
#endif
}
