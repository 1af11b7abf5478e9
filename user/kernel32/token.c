/*
 * The two token calls kernel32 exports (since Windows 7 they live in
 * kernel32 and kernelbase; advapi32's names forward here): a process's
 * token, and a thread's, which is never there (no thread impersonates:
 * ERROR_NO_TOKEN). ke/token.c says what a token holds.
 */
#include "kernel32/kernel32.h"

BOOL WINAPI OpenProcessToken(HANDLE process, DWORD access, HANDLE *token)
{
    NTSTATUS status = NtOpenProcessToken(process, access, token);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI OpenThreadToken(HANDLE thread, DWORD access, BOOL open_as_self, HANDLE *token)
{
    NTSTATUS status = NtOpenThreadToken(thread, access, (BOOLEAN)(open_as_self != 0), token);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}
