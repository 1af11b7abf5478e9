/*
 * msvcrt's errno and _doserrno are per thread (Microsoft's "errno,
 * _doserrno, _sys_errlist, and _sys_nerr": "errno and _doserrno are
 * thread-local"; msvcrt keeps them in its per-thread data). Windows'
 * answers:
 *  - a new thread's errno and _doserrno read 0;
 *  - what one thread sets, or a failing call sets for it (_open of a file
 *    that is not there: ENOENT, _doserrno ERROR_FILE_NOT_FOUND), the other
 *    does not see; &errno differs from thread to thread;
 *  - _strerror reports the calling thread's errno;
 *  - reaching errno leaves the thread's last error alone (msvcrt's
 *    per-thread lookup keeps GetLastError, Wine's msvcrt_get_thread_data:
 *    "need to preserve last error"), so a program may read both after a
 *    failed call.
 * The two threads take turns through events, never time.
 */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "../guesttest.h"

static HANDLE ToOther, ToMain;
static int *OtherErrnoAddress;
static int OtherStartErrno = -1;
static unsigned long OtherStartDos = 1;
static int OtherKept, OtherOpenFailed, OtherLastErrorKept;
static char OtherMessage[64];

static DWORD WINAPI Other(void *parameter)
{
    (void)parameter;
    OtherStartErrno = errno;
    OtherStartDos = _doserrno;
    OtherErrnoAddress = &errno;
    OtherOpenFailed = _open("C:\\no such file.txt", _O_RDONLY) == -1 && errno == ENOENT &&
                      _doserrno == ERROR_FILE_NOT_FOUND;
    snprintf(OtherMessage, sizeof OtherMessage, "%s", _strerror(NULL));
    errno = ERANGE;
    _doserrno = 1234;
    SetEvent(ToMain);
    WaitForSingleObject(ToOther, INFINITE);
    OtherKept = errno == ERANGE && _doserrno == 1234;
    SetLastError(4321);
    errno = 0;
    OtherLastErrorKept = GetLastError() == 4321;
    return 0;
}

int main(void)
{
    ToOther = CreateEventA(NULL, FALSE, FALSE, NULL);
    ToMain = CreateEventA(NULL, FALSE, FALSE, NULL);
    errno = EDOM;
    _doserrno = 5;
    HANDLE other = CreateThread(NULL, 0, Other, NULL, 0, NULL);
    WaitForSingleObject(ToMain, INFINITE);

    Check(OtherStartErrno == 0 && OtherStartDos == 0, "a new thread's errno and _doserrno are 0");
    Check(OtherOpenFailed, "its failed _open: ENOENT, _doserrno ERROR_FILE_NOT_FOUND");
    printf("     its _strerror(NULL): %s", OtherMessage);
    Check(strcmp(OtherMessage, "No such file or directory\n") == 0,
          "_strerror reports that thread's errno");
    Check(errno == EDOM && _doserrno == 5, "this thread's errno and _doserrno unchanged");
    Check(OtherErrnoAddress != &errno, "&errno differs between the threads");
    Check(strcmp(_strerror(NULL), "Domain error\n") == 0, "_strerror here: this thread's");

    SetEvent(ToOther);
    WaitForSingleObject(other, INFINITE);
    CloseHandle(other);
    Check(OtherKept, "the other thread's ERANGE and _doserrno kept while this one ran");
    Check(errno == EDOM, "and its changes never reached this thread");
    Check(OtherLastErrorKept, "errno leaves GetLastError alone");

    SetLastError(ERROR_ACCESS_DENIED);
    int *address = &errno;
    Check(*address == EDOM && GetLastError() == ERROR_ACCESS_DENIED,
          "here too: GetLastError kept across errno");
    printf("%d failures\n", Failures);
    return Failures;
}
