/* msvcrt's threads: _beginthreadex's routine returns the exit code,
 * _endthreadex ends the thread with its code, _beginthread's routine runs
 * and its handle is closed by msvcrt when it ends. */
#include <windows.h>
#include <process.h>
#include <stdio.h>

static int failures;
#define CHECK(cond, what)                                                      \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL: %s (line %d)\n", what, __LINE__);                    \
            failures++;                                                        \
        }                                                                      \
    } while (0)

static HANDLE done;
static volatile LONG ran;

static unsigned __stdcall Returns(void *p)
{
    return (unsigned)(ULONG_PTR)p * 2;
}

static unsigned __stdcall Ends(void *p)
{
    (void)p;
    _endthreadex(55);
    return 1;
}

static void __cdecl Plain(void *p)
{
    InterlockedExchange(&ran, (LONG)(ULONG_PTR)p);
    SetEvent(done);
}

int main(void)
{
    unsigned id = 0;
    HANDLE h = (HANDLE)_beginthreadex(NULL, 0, Returns, (void *)21, 0, &id);
    CHECK(h != NULL && id != 0, "_beginthreadex");
    WaitForSingleObject(h, INFINITE);
    DWORD code = 0;
    CHECK(GetExitCodeThread(h, &code) && code == 42, "the routine's return is the exit code");
    CloseHandle(h);

    h = (HANDLE)_beginthreadex(NULL, 0, Ends, NULL, CREATE_SUSPENDED, &id);
    CHECK(WaitForSingleObject(h, 10) == WAIT_TIMEOUT, "created suspended");
    ResumeThread(h);
    WaitForSingleObject(h, INFINITE);
    CHECK(GetExitCodeThread(h, &code) && code == 55, "_endthreadex(55)");
    CloseHandle(h);

    done = CreateEventA(NULL, TRUE, FALSE, NULL);
    CHECK(_beginthread(Plain, 0, (void *)7) != (uintptr_t)-1, "_beginthread");
    WaitForSingleObject(done, INFINITE);
    CHECK(ran == 7, "its routine ran with its argument");

    printf("%s\n", failures ? "crtthread: FAILED" : "crtthread: ok");
    return failures;
}
