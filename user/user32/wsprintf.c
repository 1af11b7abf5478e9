/*
 * wsprintf and wvsprintf, A and W: wformat.c's engine into a buffer
 * Windows takes to hold 1024 characters with the NUL. The answer is the
 * characters written without the NUL; output that fills the 1024 is cut
 * (and terminated) there and answers 1024, as Windows does.
 */
#include "user32/user32.h"
#include "user32/wformat.h"

#define WSPRINTF_MAX 1024

int WINAPI wvsprintfA(char *buffer, const char *format, va_list args)
{
    int n = WformatV(FALSE, buffer, WSPRINTF_MAX, format, args);
    return n < 0 ? WSPRINTF_MAX : n;
}

int WINAPI wvsprintfW(WCHAR *buffer, const WCHAR *format, va_list args)
{
    int n = WformatV(TRUE, buffer, WSPRINTF_MAX, format, args);
    return n < 0 ? WSPRINTF_MAX : n;
}

int __cdecl wsprintfA(char *buffer, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = wvsprintfA(buffer, format, args);
    va_end(args);
    return n;
}

int __cdecl wsprintfW(WCHAR *buffer, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = wvsprintfW(buffer, format, args);
    va_end(args);
    return n;
}
