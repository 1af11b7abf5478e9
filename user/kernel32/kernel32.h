/* What the files of kernel32 share. */
#ifndef NTMM_KERNEL32_H
#define NTMM_KERNEL32_H

#include "inc/ntguest.h"

/* Records the Win32 error for a failed native call; returns the error. */
ULONG BaseSetLastNtError(NTSTATUS status);
DWORD WINAPI GetLastError(void);
DWORD WINAPI GetCurrentThreadId(void);
HMODULE WINAPI GetModuleHandleA(const char *name);
void WINAPI SetLastError(DWORD error);
int WINAPI MultiByteToWideChar(unsigned int codepage, DWORD flags, const char *src, int srclen,
                               WCHAR *dst, int dstlen);

#define ERROR_INVALID_HANDLE    6
#define ERROR_NOT_ENOUGH_MEMORY 8
#define ERROR_INVALID_PARAMETER 87
#define ERROR_MOD_NOT_FOUND     126
#define ERROR_PROC_NOT_FOUND    127
#define ERROR_NOACCESS          998

#endif
