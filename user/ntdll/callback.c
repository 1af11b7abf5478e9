/*
 * NtCallbackReturn ends a kernel-to-user callback (KeUserModeCallback, the
 * way win32k calls a window procedure). ntmm's kernel makes no such
 * callbacks, so there is never one to return from: the answer is NT's for
 * a thread outside any callback, STATUS_NO_CALLBACK_ACTIVE (Wine's
 * ntdll/tests/exception.c, test_user_callback).
 */
#include "ntdll/ntdll.h"

#define STATUS_NO_CALLBACK_ACTIVE ((NTSTATUS)0xC0000258L)

NTSTATUS NTAPI NtCallbackReturn(PVOID result, ULONG length, NTSTATUS status)
{
    (void)result;
    (void)length;
    (void)status;
    return STATUS_NO_CALLBACK_ACTIVE;
}
