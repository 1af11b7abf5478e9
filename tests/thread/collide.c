/*
 * Collided page faults: two threads touch a page whose pagefile read is
 * in flight. Run with --ram 4M --ws-max 64 (and a latency long enough for
 * the second thread to arrive while the first waits):
 *
 *   collide read    the main thread reads the page back from the pagefile
 *                   (a hard fault: it waits for the read); the second
 *                   thread, woken just before, reads it too and takes a
 *                   collided fault on the same read. Both see the page's
 *                   contents.
 *   collide error   the same with --inject-read-error 0x20000000: the one
 *                   read fails, and both threads get STATUS_IN_PAGE_ERROR
 *                   (0xC0000006) with [0] their own access (the second
 *                   thread writes), [1] the address, [2] the read's status
 *                   (STATUS_DEVICE_DATA_ERROR); touching the page again
 *                   reads it.
 *
 * The fault log has the first thread's hard (or in-page-error) fault and
 * the second's collided one, with the same frame and slot.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define WATCHED ((unsigned *)0x20000000)
#define WATCHED_PAGES 16
#define PAGE_WORDS 1024

static int Failures;
static void Check(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL: %s\n", what);
        Failures++;
    }
}

static unsigned Pattern(unsigned i, unsigned w) { return 0xC0DE0000u + i * 4096 + w; }

/* What each thread saw: [0] the main thread, [1] the second. */
static EXCEPTION_RECORD Seen[2];
static DWORD MainThreadId;
static HANDLE Go, Ready;
static int ErrorMode;

static LONG CALLBACK InPageHandler(EXCEPTION_POINTERS *info)
{
    if (info->ExceptionRecord->ExceptionCode != STATUS_IN_PAGE_ERROR) {
        return EXCEPTION_CONTINUE_SEARCH;
    }
    Seen[GetCurrentThreadId() == MainThreadId ? 0 : 1] = *info->ExceptionRecord;
    info->ContextRecord->Eax = 0xDEADDEAD;
    info->ContextRecord->Eip += 2;      /* movl (%ecx), %eax or movl %eax, (%ecx) */
    return EXCEPTION_CONTINUE_EXECUTION;
}

static unsigned ReadWord(const unsigned *p)
{
    unsigned value;
    __asm__ volatile("movl (%%ecx), %%eax" : "=a"(value) : "c"(p) : "memory");
    return value;
}

static void WriteWord(unsigned *p, unsigned value)
{
    __asm__ volatile("movl %%eax, (%%ecx)" : : "a"(value), "c"(p) : "memory");
}

static unsigned SecondValue;

static DWORD WINAPI Second(void *unused)
{
    (void)unused;
    /* Every page on the way to the collision comes in now, so that
     * nothing but the watched page makes this thread wait later. */
    static unsigned warm;
    WaitForSingleObject(Go, 0);
    WriteWord(&warm, ReadWord(&warm));
    SetEvent(Ready);
    WaitForSingleObject(Go, INFINITE);
    if (ErrorMode) {
        WriteWord(WATCHED + 1, 0x5EC0D);  /* collides with the main thread's read */
    } else {
        SecondValue = ReadWord(WATCHED + 1);
    }
    return 0;
}

static void CheckError(const EXCEPTION_RECORD *r, unsigned access, const char *who)
{
    char what[128];
    snprintf(what, sizeof what, "%s: STATUS_IN_PAGE_ERROR raised", who);
    Check(r->ExceptionCode == 0xC0000006, what);
    snprintf(what, sizeof what, "%s: three parameters", who);
    Check(r->NumberParameters == 3, what);
    snprintf(what, sizeof what, "%s: [0] = %u, its access", who, access);
    Check(r->ExceptionInformation[0] == access, what);
    snprintf(what, sizeof what, "%s: [1] = the address it touched", who);
    Check(r->ExceptionInformation[1] == (ULONG_PTR)(WATCHED + access), what);
    snprintf(what, sizeof what, "%s: [2] = STATUS_DEVICE_DATA_ERROR", who);
    Check(r->ExceptionInformation[2] == 0xC000009C, what);
}

/*
 * redirty: the modified page writer's write is in flight when another
 * thread writes the page again. The main thread dirties REDIRTY_PAGES
 * pages and empties its working set: they go to the Modified list, and
 * the writer, run by the next fault, writes them down to its target,
 * the last cluster still in flight (it takes --io-latency). The main
 * thread then waits for the second, which writes every page again: those
 * of the cluster in flight are taken back with a write (the fault log's
 * redirtied kind), and when the write completes it is already stale (a
 * redirtied event); the pages keep the second thread's data.
 */
#define REDIRTY_PAGES 256
static unsigned *Redirty;

static HANDLE RewriteReady, RewriteGo;

static DWORD WINAPI Rewriter(void *unused)
{
    (void)unused;
    SetEvent(RewriteReady);
    WaitForSingleObject(RewriteGo, INFINITE);
    for (unsigned i = 0; i < REDIRTY_PAGES; i++) {
        Redirty[i * PAGE_WORDS + 7] = 0xBEEF0000u + i;
    }
    return 0;
}

static int RedirtyMode(void)
{
    Redirty = VirtualAlloc(NULL, REDIRTY_PAGES * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    Check(Redirty != NULL, "VirtualAlloc");
    if (!Redirty) {
        return 1;
    }
    for (unsigned i = 0; i < REDIRTY_PAGES; i++) {
        for (unsigned w = 0; w < PAGE_WORDS; w += 64) {
            Redirty[i * PAGE_WORDS + w] = Pattern(i, w);
        }
    }
    /* The second thread starts now and waits: its start-up (code of
     * ntdll's not run since the process began, perhaps read back from the
     * image) is behind it before the write is in flight. */
    RewriteReady = CreateEventA(NULL, TRUE, FALSE, NULL);
    RewriteGo = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE second = CreateThread(NULL, 0, Rewriter, NULL, 0, NULL);
    Check(second != NULL, "CreateThread");
    WaitForSingleObject(RewriteReady, INFINITE);
    Check(SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1),
          "SetProcessWorkingSetSize(-1, -1) empties the working set");
    SetEvent(RewriteGo);
    WaitForSingleObject(second, INFINITE);
    for (unsigned i = 0; i < REDIRTY_PAGES; i++) {
        Check(Redirty[i * PAGE_WORDS] == Pattern(i, 0), "the first thread's data stays");
        if (Redirty[i * PAGE_WORDS + 7] != 0xBEEF0000u + i) {
            Check(0, "the second thread's write stays");
            break;
        }
    }
    printf("collide redirty: %d failures\n", Failures);
    return Failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "redirty") == 0) {
        return RedirtyMode();
    }
    if (strcmp(mode, "read") != 0 && strcmp(mode, "error") != 0) {
        printf("usage: collide read|error|redirty\n");
        return 2;
    }
    ErrorMode = strcmp(mode, "error") == 0;
    MainThreadId = GetCurrentThreadId();
    unsigned *a = VirtualAlloc(WATCHED, WATCHED_PAGES * 4096, MEM_RESERVE | MEM_COMMIT,
                               PAGE_READWRITE);
    Check(a == WATCHED, "VirtualAlloc at 0x20000000");
    if (!a) {
        return 1;
    }
    for (unsigned i = 0; i < WATCHED_PAGES; i++) {
        for (unsigned w = 0; w < PAGE_WORDS; w++) {
            a[i * PAGE_WORDS + w] = Pattern(i, w);
        }
    }
    /* 12 MiB through 4 MiB of RAM: the watched pages go to the pagefile. */
    unsigned *crowd = VirtualAlloc(NULL, 3000 * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    Check(crowd != NULL, "VirtualAlloc of the crowd");
    for (unsigned i = 0; crowd && i < 3000; i++) {
        crowd[i * PAGE_WORDS] = i;
    }
    AddVectoredExceptionHandler(1, InPageHandler);
    Go = CreateEventA(NULL, TRUE, FALSE, NULL);
    Ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE second = CreateThread(NULL, 0, Second, NULL, 0, NULL);
    Check(second != NULL, "CreateThread");
    WaitForSingleObject(Ready, INFINITE); /* the second thread waits for Go */

    SetEvent(Go);                        /* ready, but this thread keeps the CPU... */
    unsigned first = ReadWord(a);        /* ...until this hard fault makes it wait */
    WaitForSingleObject(second, INFINITE);

    if (ErrorMode) {
        CheckError(&Seen[0], 0, "the first thread");
        CheckError(&Seen[1], 1, "the collided thread");
        Check(first == 0xDEADDEAD, "the first thread's read did not complete");
        /* The page is still in the pagefile: touching it again reads it. */
        Check(a[0] == Pattern(0, 0) && a[1] == Pattern(0, 1) &&
              a[PAGE_WORDS - 1] == Pattern(0, PAGE_WORDS - 1),
              "the page reads correctly after the in-page error");
    } else {
        Check(Seen[0].ExceptionCode == 0 && Seen[1].ExceptionCode == 0, "no exception");
        Check(first == Pattern(0, 0), "the first thread sees the page's contents");
        Check(SecondValue == Pattern(0, 1), "the collided thread sees the same page");
        for (unsigned w = 0; w < PAGE_WORDS; w++) {
            if (a[w] != Pattern(0, w)) {
                Check(0, "the whole page came back");
                break;
            }
        }
    }
    printf("collide %s: %d failures\n", mode, Failures);
    return Failures ? 1 : 0;
}
