/* Three threads append their letters to one buffer with no lock while
 * the instruction quantum preempts them; the run-length summary of the
 * buffer is the interleaving. ntmm's scheduler is deterministic, so the
 * same program prints the same summary (and leaves the same fault log)
 * on every run: interleave.sh runs it twice. Each thread also touches
 * fresh pages, so the fault log has every thread in it. */
#include <windows.h>
#include <stdio.h>

#define PER_THREAD 3000
static char buffer[3 * PER_THREAD + 1];
static volatile LONG next;

static DWORD WINAPI Writer(void *p)
{
    char letter = (char)(ULONG_PTR)p;
    char *pages = VirtualAlloc(NULL, 16 * 4096, MEM_COMMIT, PAGE_READWRITE);
    for (int i = 0; i < PER_THREAD; i++) {
        buffer[InterlockedIncrement(&next) - 1] = letter;
        pages[(i % 16) * 4096] = letter;       /* demand-zero faults, this thread's */
        for (volatile int k = 0; k < 300; k++) {
        }
    }
    return 0;
}

int main(void)
{
    HANDLE t[3];
    for (int i = 0; i < 3; i++) {
        t[i] = CreateThread(NULL, 0, Writer, (void *)(ULONG_PTR)('A' + i), 0, NULL);
    }
    WaitForMultipleObjects(3, t, TRUE, INFINITE);
    int runs = 0;
    for (int i = 0; i < next;) {
        int j = i;
        while (j < next && buffer[j] == buffer[i]) {
            j++;
        }
        printf("%c%d ", buffer[i], j - i);
        runs++;
        i = j;
    }
    printf("\n%d runs\n", runs);
    return runs > 3 ? 0 : 1; /* the threads did interleave */
}
