/*
 * The console's input buffer as INPUT_RECORDs: ReadConsoleInput (waits
 * for an event), PeekConsoleInput (leaves them), WriteConsoleInput (a
 * program's own events, after those waiting), GetNumberOfConsoleInputEvents
 * and FlushConsoleInputBuffer. The keys the host types arrive as key
 * events (ke/conkeys.c); when the host's input has ended and the buffer
 * is empty, ReadConsoleInput fails with ERROR_HANDLE_EOF instead of
 * waiting for ever. The A calls' characters are in the input code page.
 */
#include "kernel32/conapi.h"

static BOOL Read(HANDLE h, INPUT_RECORD *records, DWORD count, DWORD *read, ULONG flags, BOOL wide)
{
    if (!read || (count && !records)) {
        SetLastError(ERROR_INVALID_ACCESS);
        return FALSE;
    }
    if (count > 0x1000000 / sizeof *records) {
        count = 0x1000000 / sizeof *records;
    }
    ULONG request[2] = {count, flags}, got = 0;
    if (!BaseConsoleRequest(h, CondrvReadInput, request, sizeof request, records, count * sizeof *records, &got)) {
        *read = 0;
        return FALSE;
    }
    *read = got / sizeof *records;
    for (DWORD i = 0; !wide && i < *read; i++) {
        if (records[i].EventType == KEY_EVENT) {
            WCHAR w = records[i].Event.KeyEvent.uChar.UnicodeChar;
            char c = 0;
            if (w) {
                WideCharToMultiByte(GetConsoleCP(), 0, &w, 1, &c, 1, NULL, NULL);
            }
            records[i].Event.KeyEvent.uChar.UnicodeChar = 0;
            records[i].Event.KeyEvent.uChar.AsciiChar = c;
        }
    }
    return TRUE;
}

BOOL WINAPI ReadConsoleInputW(HANDLE h, INPUT_RECORD *records, DWORD count, DWORD *read)
{
    return Read(h, records, count, read, 0, TRUE);
}

BOOL WINAPI ReadConsoleInputA(HANDLE h, INPUT_RECORD *records, DWORD count, DWORD *read)
{
    return Read(h, records, count, read, 0, FALSE);
}

BOOL WINAPI PeekConsoleInputW(HANDLE h, INPUT_RECORD *records, DWORD count, DWORD *read)
{
    return Read(h, records, count, read, 1, TRUE);
}

BOOL WINAPI PeekConsoleInputA(HANDLE h, INPUT_RECORD *records, DWORD count, DWORD *read)
{
    return Read(h, records, count, read, 1, FALSE);
}

static BOOL Write(HANDLE h, const INPUT_RECORD *records, DWORD count, DWORD *written, BOOL wide)
{
    if (!written || (count && !records)) {
        SetLastError(ERROR_INVALID_ACCESS);
        return FALSE;
    }
    *written = 0;
    if (count > 0x10000) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    ULONG length = 4 + count * sizeof *records;
    BYTE *request = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, length);
    if (!request) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    ULONG front = 0, done = 0;
    memcpy(request, &front, 4);
    INPUT_RECORD *copy = (INPUT_RECORD *)(request + 4);
    memcpy(copy, records, count * sizeof *records);
    for (DWORD i = 0; !wide && i < count; i++) {
        if (copy[i].EventType == KEY_EVENT) {
            char c = records[i].Event.KeyEvent.uChar.AsciiChar;
            WCHAR w = (unsigned char)c;
            if (c) {
                MultiByteToWideChar(GetConsoleCP(), 0, &c, 1, &w, 1);
            }
            copy[i].Event.KeyEvent.uChar.UnicodeChar = w;
        }
    }
    BOOL ok = BaseConsoleRequest(h, CondrvWriteInput, request, length, &done, sizeof done, NULL);
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, request);
    *written = ok ? done : 0;
    return ok;
}

BOOL WINAPI WriteConsoleInputW(HANDLE h, const INPUT_RECORD *records, DWORD count, DWORD *written)
{
    return Write(h, records, count, written, TRUE);
}

BOOL WINAPI WriteConsoleInputA(HANDLE h, const INPUT_RECORD *records, DWORD count, DWORD *written)
{
    return Write(h, records, count, written, FALSE);
}

BOOL WINAPI GetNumberOfConsoleInputEvents(HANDLE h, DWORD *count)
{
    ULONG n;
    if (!BaseConsoleRequest(h, CondrvCountInput, NULL, 0, &n, sizeof n, NULL)) {
        return FALSE;
    }
    if (!count) {
        SetLastError(ERROR_INVALID_ACCESS);
        return FALSE;
    }
    *count = n;
    return TRUE;
}

BOOL WINAPI FlushConsoleInputBuffer(HANDLE h)
{
    return BaseConsoleRequest(h, CondrvFlushInput, NULL, 0, NULL, 0, NULL);
}
