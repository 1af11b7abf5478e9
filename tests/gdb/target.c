/*
 * The program tests/gdb/gdb.sh debugs: pages in every state a PTE can
 * describe when it reaches checkpoint() (run with --ram small enough that
 * `paged` goes out to the pagefile), a variable to watch, a function to
 * break at, and an access violation a vectored handler turns into exit
 * code 7.
 */
#include <stdio.h>
#include <windows.h>

char *demand_zero;   /* committed, never touched */
char *valid;         /* touched after the working set was emptied */
char *transition;    /* touched, then trimmed: on the standby or modified list */
char *paged;         /* the first page of a region far larger than RAM */
volatile int counter;

#define PAGED_BYTES (16u << 20)

/* External, so gdb finds them by name at a stable address. */
void checkpoint(void);
int add(int a, int b);
void crash(void);

__attribute__((noinline)) void checkpoint(void)
{
    __asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) int add(int a, int b)
{
    return a + b;
}

static LONG CALLBACK OnException(EXCEPTION_POINTERS *info)
{
    if (info->ExceptionRecord->ExceptionCode == EXCEPTION_ACCESS_VIOLATION) {
        printf("handler: access violation at %p\n", (void *)info->ExceptionRecord->ExceptionInformation[1]);
        fflush(stdout);
        ExitProcess(7);
    }
    return EXCEPTION_CONTINUE_SEARCH;
}

__attribute__((noinline)) void crash(void)
{
    *(volatile int *)16 = 1;
}

int main(void)
{
    demand_zero = VirtualAlloc(NULL, 65536, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    paged = VirtualAlloc(NULL, PAGED_BYTES, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    for (unsigned i = 0; i < PAGED_BYTES; i += 4096) {
        paged[i] = (char)(i >> 12 | 1);
    }
    transition = VirtualAlloc(NULL, 65536, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    valid = VirtualAlloc(NULL, 65536, MEM_COMMIT | MEM_RESERVE, PAGE_READWRITE);
    transition[0] = 'T';
    valid[0] = 'V';
    SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1);
    valid[0] = 'v';
    checkpoint();
    for (int i = 1; i <= 3; i++) {
        counter = add(counter, i);
    }
    printf("counter %d\n", counter);
    fflush(stdout);
    AddVectoredExceptionHandler(1, OnException);
    crash();
    return 0;
}
