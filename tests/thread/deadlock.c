/* Two threads each hold a mutex and wait for the other's, and the first
 * thread waits for them: nothing can ever run again. ntmm ends the run
 * with one line naming who waits for what (exit status 125), never hangs. */
#include <windows.h>

static HANDLE a, b, ready_a, ready_b;

static DWORD WINAPI First(void *p)
{
    (void)p;
    WaitForSingleObject(a, INFINITE);
    SetEvent(ready_a);
    WaitForSingleObject(ready_b, INFINITE);
    return WaitForSingleObject(b, INFINITE);
}

static DWORD WINAPI Second(void *p)
{
    (void)p;
    WaitForSingleObject(b, INFINITE);
    SetEvent(ready_b);
    WaitForSingleObject(ready_a, INFINITE);
    return WaitForSingleObject(a, INFINITE);
}

int main(void)
{
    a = CreateMutexA(NULL, FALSE, NULL);
    b = CreateMutexA(NULL, FALSE, NULL);
    ready_a = CreateEventA(NULL, TRUE, FALSE, NULL);
    ready_b = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE t[2] = {CreateThread(NULL, 0, First, NULL, 0, NULL),
                   CreateThread(NULL, 0, Second, NULL, 0, NULL)};
    WaitForMultipleObjects(2, t, TRUE, INFINITE);
    return 0;
}
