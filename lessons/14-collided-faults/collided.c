/*
 * Lesson 14: two threads touch one page whose only copy is in the
 * pagefile. 16 pages at 0x20000000 are written, then 12 MiB of other
 * pages push them out of 4 MiB of RAM. A second thread is started and
 * waits; the main thread lets it go and reads the first watched page —
 * a hard fault: it waits for the read, and the second thread, now on
 * the CPU, reads the same page: a collided fault, waiting for the same
 * read. Each thread records what it saw (the value, or the exception and
 * its parameters, caught by its own handler); the main thread prints both
 * when the second has ended.
 */
#include <windows.h>
#include <stdio.h>

#include "../lesson.h"

#define WATCHED ((volatile unsigned char *)0x20000000)

static HANDLE Go, Ready;

/* What a thread saw: the byte, or the exception and its parameters. Each
 * thread records its own; the main thread prints both at the end. */
typedef struct SAW {
    DWORD Thread, Code, Information[3];
    volatile unsigned char *Address;
    unsigned char Value;
} SAW;
static SAW Saw[2];

static void Read(SAW *saw, volatile unsigned char *p)
{
    saw->Thread = GetCurrentThreadId();
    saw->Address = p;
    saw->Code = Touch(p, 'r');
    if (saw->Code == 0) {
        saw->Value = *p;
    } else {
        for (int i = 0; i < 3; i++) {
            saw->Information[i] = Seen.Information[i];
        }
    }
}

static void Report(const char *who, const SAW *saw)
{
    if (saw->Code == 0) {
        printf("%s thread %lu: read 0x%08lx: 0x%02x\n", who, saw->Thread,
               (unsigned long)saw->Address, saw->Value);
    } else {
        printf("%s thread %lu: read 0x%08lx: exception 0x%08lx [%lu, 0x%08lx, 0x%08lx]\n", who,
               saw->Thread, (unsigned long)saw->Address, saw->Code, saw->Information[0],
               saw->Information[1], saw->Information[2]);
    }
}

static DWORD WINAPI Second(void *unused)
{
    (void)unused;
    /* Everything on this thread's way is brought in now: later, only
     * the watched page can make it wait. */
    static volatile unsigned char warm;
    Touch(&warm, 'r');
    WaitForSingleObject(Go, 0);
    SetEvent(Ready);
    WaitForSingleObject(Go, INFINITE);
    Read(&Saw[1], WATCHED + 1);
    return 0;
}

int main(void)
{
    unsigned char *a = VirtualAlloc((void *)WATCHED, 16 * 4096, MEM_RESERVE | MEM_COMMIT,
                                    PAGE_READWRITE);
    unsigned char *crowd = VirtualAlloc(NULL, 3000 * 4096, MEM_RESERVE | MEM_COMMIT,
                                        PAGE_READWRITE);
    if (!a || !crowd) {
        printf("VirtualAlloc failed\n");
        return 1;
    }
    for (unsigned i = 0; i < 16 * 4096; i++) {
        a[i] = (unsigned char)(0x40 + i % 7);
    }
    for (unsigned i = 0; i < 3000; i++) {
        crowd[i * 4096] = 1;
    }
    Go = CreateEventA(NULL, TRUE, FALSE, NULL);
    Ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE second = CreateThread(NULL, 0, Second, NULL, 0, NULL);
    WaitForSingleObject(Ready, INFINITE);
    SetEvent(Go);
    Read(&Saw[0], WATCHED);
    WaitForSingleObject(second, INFINITE);
    Report("main", &Saw[0]);
    Report("second", &Saw[1]);
    return 0;
}
