/*
 * errno and _doserrno, the Win32 error → errno mapping msvcrt applies
 * (its _dosmaperr table), and the messages: strerror, _strerror, perror,
 * _sys_errlist. errno and _doserrno are the calling thread's, in its
 * per-thread block (tidata.c), as msvcrt keeps them in its _tiddata:
 * _errno() and __doserrno() return their addresses, which is what the
 * headers' errno and _doserrno macros read and write.
 */
#include "msvcrt/crtfill.h"

int *CDECL _errno(void) { return &CrtThreadData()->Errno; }
unsigned long *CDECL __doserrno(void) { return &CrtThreadData()->DosErrno; }

int CrtSetErrno(int value, unsigned long doserror)
{
    CRT_THREAD_DATA *data = CrtThreadData();
    data->Errno = value;
    data->DosErrno = doserror;
    return -1;
}

/* msvcrt's table: the Win32 errors it names; the rest by range below. */
static const struct {
    unsigned short Win32;
    unsigned char Errno;
} ErrorTable[] = {
    {1, EINVAL},     {2, ENOENT},     {3, ENOENT},     {4, EMFILE},     {5, EACCES},
    {6, EBADF},      {7, ENOMEM},     {8, ENOMEM},     {9, ENOMEM},     {10, E2BIG},
    {11, ENOEXEC},   {12, EINVAL},    {13, EINVAL},    {15, ENOENT},    {16, EACCES},
    {17, EXDEV},     {18, ENOENT},    {33, EACCES},    {53, ENOENT},    {65, EACCES},
    {67, ENOENT},    {80, EEXIST},    {82, EACCES},    {83, EACCES},    {87, EINVAL},
    {89, EAGAIN},    {108, EACCES},   {109, EPIPE},    {112, ENOSPC},   {114, EBADF},
    {128, ECHILD},   {129, ECHILD},   {130, EBADF},    {131, EINVAL},   {132, EACCES},
    {145, ENOTEMPTY}, {158, EACCES},  {161, ENOENT},   {164, EAGAIN},   {167, EACCES},
    {183, EEXIST},   {206, ENOENT},   {215, EAGAIN},   {1816, ENOMEM},
};

void CDECL _dosmaperr(unsigned long error)
{
    CRT_THREAD_DATA *data = CrtThreadData();
    data->DosErrno = error;
    for (size_t i = 0; i < sizeof ErrorTable / sizeof ErrorTable[0]; i++) {
        if (ErrorTable[i].Win32 == error) {
            data->Errno = ErrorTable[i].Errno;
            return;
        }
    }
    if (error >= 19 && error <= 36) {            /* ERROR_WRITE_PROTECT .. ERROR_SHARING_BUFFER_EXCEEDED */
        data->Errno = EACCES;
    } else if (error >= 188 && error <= 202) {   /* the bad-executable errors */
        data->Errno = ENOEXEC;
    } else {
        data->Errno = EINVAL;
    }
}

/* msvcrt's _sys_errlist: 43 messages, "Unknown error" for the gaps. */
char *_sys_errlist[] = {
    "No error", "Operation not permitted", "No such file or directory", "No such process",
    "Interrupted function call", "Input/output error", "No such device or address",
    "Arg list too long", "Exec format error", "Bad file descriptor", "No child processes",
    "Resource temporarily unavailable", "Not enough space", "Permission denied", "Bad address",
    "Unknown error", "Resource device", "File exists", "Improper link", "No such device",
    "Not a directory", "Is a directory", "Invalid argument", "Too many open files in system",
    "Too many open files", "Inappropriate I/O control operation", "Unknown error",
    "File too large", "No space left on device", "Invalid seek", "Read-only file system",
    "Too many links", "Broken pipe", "Domain error", "Result too large", "Unknown error",
    "Resource deadlock avoided", "Unknown error", "Filename too long", "No locks available",
    "Function not implemented", "Directory not empty", "Illegal byte sequence", "Unknown error",
};
int _sys_nerr = 43;

int *CDECL __sys_nerr(void) { return &_sys_nerr; }
char **CDECL __sys_errlist(void) { return _sys_errlist; }

static const char *Message(int error)
{
    return error >= 0 && error < _sys_nerr ? _sys_errlist[error] : _sys_errlist[_sys_nerr];
}

char *CDECL strerror(int error)
{
    return (char *)Message(error);
}

/* _strerror(prefix): "prefix: message\n", or "message\n" (errno's), in
 * the calling thread's buffer. */
char *CDECL _strerror(const char *prefix)
{
    char *text = CrtThreadData()->StrerrorText;
    const size_t size = sizeof CrtThreadData()->StrerrorText;
    const char *message = Message(errno);
    if (prefix && *prefix) {
        _snprintf(text, size - 1, "%.94s: %s\n", prefix, message);
    } else {
        _snprintf(text, size - 1, "%s\n", message);
    }
    text[size - 1] = 0;
    return text;
}

/* perror writes straight to descriptor 2, past stderr's buffer, as msvcrt does. */
void CDECL perror(const char *prefix)
{
    const char *message = Message(errno);
    if (prefix && *prefix) {
        _write(2, prefix, (unsigned int)strlen(prefix));
        _write(2, ": ", 2);
    }
    _write(2, message, (unsigned int)strlen(message));
    _write(2, "\n", 1);
}
