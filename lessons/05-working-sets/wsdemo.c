/*
 * Lesson 5: working sets.
 *
 * Eight rounds. Each round the program touches its 32 "hot" pages, then
 * 96 of its 384 "cold" pages — a different quarter of them each round, so
 * a cold page is touched every fourth round. The working-set manager
 * keeps the pages used recently (the CPU's Accessed bit says which) and
 * trims the others; a trimmed page touched again comes back by a soft
 * (transition) fault.
 *
 * The program watches its own working set as a Windows program can: its
 * limits (GetProcessWorkingSetSize), its size and fault count
 * (GetProcessMemoryInfo) and which of its pages are in it
 * (QueryWorkingSetEx), after every round. At the end it lowers its own
 * maximum (SetProcessWorkingSetSize). It also leaves a marker in the fault
 * log at the start of each round (Marker, lesson.h), so that the queries
 * can read the faults round by round.
 */
#include "../lesson.h"
#include <psapi.h>

#define HOT ((volatile char *)0x20000000)   /* 32 pages */
#define COLD ((volatile char *)0x21000000)  /* 384 pages */
#define HOT_PAGES 32
#define COLD_PAGES 384
#define COLD_PER_ROUND 96
#define ROUNDS 8

/* One entry per hot and cold page, for QueryWorkingSetEx. */
static PSAPI_WORKING_SET_EX_INFORMATION Pages[HOT_PAGES + COLD_PAGES];

/* The working set's size in pages, and the faults since the last call. */
static void PrintWorkingSet(const char *when)
{
    static DWORD last_faults;
    PROCESS_MEMORY_COUNTERS pmc;
    GetProcessMemoryInfo(GetCurrentProcess(), &pmc, sizeof pmc);
    printf("%-9s working set %3lu pages, %3lu faults", when,
           (unsigned long)(pmc.WorkingSetSize / 4096), pmc.PageFaultCount - last_faults);
    last_faults = pmc.PageFaultCount;
}

/* How many hot and cold pages are in the working set (valid) now. */
static void PrintResident(void)
{
    QueryWorkingSetEx(GetCurrentProcess(), Pages, sizeof Pages);
    int hot = 0, cold = 0;
    for (int i = 0; i < HOT_PAGES + COLD_PAGES; i++) {
        if (Pages[i].VirtualAttributes.Valid) {
            i < HOT_PAGES ? hot++ : cold++;
        }
    }
    printf("; in it: %2d of %d hot, %3d of %d cold\n", hot, HOT_PAGES, cold, COLD_PAGES);
}

int main(void)
{
    SIZE_T minimum, maximum;
    GetProcessWorkingSetSize(GetCurrentProcess(), &minimum, &maximum);
    printf("working-set limits: minimum %lu pages, maximum %lu pages\n",
           (unsigned long)(minimum / 4096), (unsigned long)(maximum / 4096));
    VirtualAlloc((void *)HOT, HOT_PAGES * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    VirtualAlloc((void *)COLD, COLD_PAGES * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    for (int i = 0; i < HOT_PAGES + COLD_PAGES; i++) {
        Pages[i].VirtualAddress = (void *)(i < HOT_PAGES ? HOT + i * 4096
                                                         : COLD + (i - HOT_PAGES) * 4096);
    }
    PrintWorkingSet("start:");
    PrintResident();
    unsigned sum = 0;
    for (int round = 1; round <= ROUNDS; round++) {
        Marker(round);
        for (int i = 0; i < HOT_PAGES; i++) {
            sum += HOT[i * 4096]++;
        }
        int first = (round - 1) % (COLD_PAGES / COLD_PER_ROUND) * COLD_PER_ROUND;
        for (int i = first; i < first + COLD_PER_ROUND; i++) {
            sum += COLD[i * 4096]++;
        }
        char name[16];
        snprintf(name, sizeof name, "round %d:", round);
        PrintWorkingSet(name);
        PrintResident();
    }
    Marker(ROUNDS + 1);
    /* A program may steer its own working set: a maximum of 64 pages. */
    SetProcessWorkingSetSize(GetCurrentProcess(), minimum, 64 * 4096);
    PrintWorkingSet("max 64:");
    PrintResident();
    printf("%d rounds over %d hot and %d cold pages, checksum %u\n", ROUNDS, HOT_PAGES, COLD_PAGES,
           sum);
    return 0;
}
