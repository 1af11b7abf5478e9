/*
 * msvcrt's descriptor table as programs read it through the __pioinfo
 * export: blocks of 32 entries, each the handle, the flags (FOPEN 0x01,
 * FPIPE 0x08, ...), look-ahead bytes, more flags and a lock, 36 bytes
 * (Wine's msvcrt tests file.c:55-61 and 2560-2592: an _open_osfhandle'd
 * file is FOPEN, a pipe FOPEN|FPIPE, a closed descriptor
 * INVALID_HANDLE_VALUE with no flags).
 */
#include <io.h>
#include <stdio.h>
#include <windows.h>
#include "../guesttest.h"

typedef struct {
    HANDLE handle;
    unsigned char wxflag;
    char lookahead[3];
    int exflag;
    CRITICAL_SECTION crit;
} IOINFO;

int main(void)
{
    IOINFO **pioinfo = (IOINFO **)GetProcAddress(GetModuleHandleA("msvcrt.dll"), "__pioinfo");
    Check(pioinfo != NULL && pioinfo[0] != NULL, "msvcrt exports __pioinfo, its first block there");
    HANDLE h = CreateFileA("pioinfo.tst", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    int fd = _open_osfhandle((intptr_t)h, 0);
    IOINFO *info = &pioinfo[fd / 32][fd % 32];
    Check(fd > 2 && info->handle == h && info->wxflag == 1, "a file: its handle, FOPEN (file.c:2571-2575)");
    _close(fd);
    Check(info->handle == INVALID_HANDLE_VALUE && info->wxflag == 0,
          "closed: INVALID_HANDLE_VALUE, no flags (file.c:2577-2578)");
    DeleteFileA("pioinfo.tst");
    HANDLE reader, writer;
    CreatePipe(&reader, &writer, NULL, 0);
    fd = _open_osfhandle((intptr_t)reader, 0);
    info = &pioinfo[fd / 32][fd % 32];
    Check(info->handle == reader && info->wxflag == 9, "a pipe: FOPEN|FPIPE (file.c:2586-2590)");
    _close(fd);
    CloseHandle(writer);
    printf("%d failures\n", Failures);
    return Failures;
}
