/*
 * The wide scanf family, on scanf.c's scanner (CrtScanWide): wide input,
 * a wide format, %s and %c storing wide characters unless h or S/C say
 * narrow. msvcrt.dll has no v-forms of these.
 */
#include "msvcrt/crtfill.h"

int CDECL fwscanf(FILE *file, const WCHAR *format, ...)
{
    if (!file || !format) {
        return CrtSetErrno(EINVAL, 0);
    }
    va_list args;
    va_start(args, format);
    _lock_file(file);
    int n = CrtScanWide(file, NULL, 0, format, 0, args);
    _unlock_file(file);
    va_end(args);
    return n;
}

int CDECL wscanf(const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    _lock_file(crt_stdin);
    int n = CrtScanWide(crt_stdin, NULL, 0, format, 0, args);
    _unlock_file(crt_stdin);
    va_end(args);
    return n;
}

int CDECL swscanf(const WCHAR *text, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = CrtScanWide(NULL, text, (size_t)-1, format, 0, args);
    va_end(args);
    return n;
}

/* _snwscanf: at most `length` characters of text. */
int CDECL _snwscanf(const WCHAR *text, size_t length, const WCHAR *format, ...)
{
    va_list args;
    va_start(args, format);
    int n = CrtScanWide(NULL, text, length, format, 0, args);
    va_end(args);
    return n;
}
