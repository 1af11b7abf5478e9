/*
 * What the C runtime asks for at start-up: the command line, the startup
 * information, and loading DLLs (only those the process
 * already has: ntmm's loader maps every DLL before the program starts).
 */
#include "kernel32/kernel32.h"

void WINAPI GetStartupInfoA(STARTUPINFOA *info)
{
    RTL_USER_PROCESS_PARAMETERS *params = NtCurrentPeb()->ProcessParameters;
    memset(info, 0, sizeof *info);
    info->cb = sizeof *info;
    info->hStdInput = params->StandardInput;
    info->hStdOutput = params->StandardOutput;
    info->hStdError = params->StandardError;
    /* What the creator's STARTUPINFO said: its flags, and its lpReserved2
     * (the C runtime's descriptors), kept as RuntimeData. */
    info->dwFlags = params->WindowFlags;
    info->cbReserved2 = params->RuntimeData.Length;
    info->lpReserved2 = params->RuntimeData.Length ? (BYTE *)params->RuntimeData.Buffer : NULL;
}

void WINAPI GetStartupInfoW(STARTUPINFOA *info)
{
    GetStartupInfoA(info); /* the same layout; no strings are filled in */
}

/* The ANSI command line, converted once from the UTF-16 one. */
char *WINAPI GetCommandLineA(void)
{
    static char *line;
    if (!line) {
        UNICODE_STRING *w = &NtCurrentPeb()->ProcessParameters->CommandLine;
        ULONG n = w->Length / 2;
        line = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, n + 1);
        if (!line) {
            return (char *)"";
        }
        for (ULONG i = 0; i < n; i++) {
            line[i] = w->Buffer[i] < 0x100 ? (char)w->Buffer[i] : '?';
        }
        line[n] = 0;
    }
    return line;
}

WCHAR *WINAPI GetCommandLineW(void)
{
    return NtCurrentPeb()->ProcessParameters->CommandLine.Buffer;
}

HMODULE WINAPI GetModuleHandleW(const WCHAR *name)
{
    if (!name) {
        return GetModuleHandleA(NULL);
    }
    char narrow[260];
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof narrow; i++) {
        narrow[i] = name[i] < 0x80 ? (char)name[i] : '?';
    }
    narrow[i] = 0;
    return GetModuleHandleA(narrow);
}

