/*
 * RtlDllShutdownInProgress: whether the process has begun to end
 * (LdrShutdownProcess is running its DLLs' and the exiting thread's
 * fiber-local storage callbacks). Wine's kernel32 fiber.c expects TRUE in
 * an FLS callback run by ExitProcess (fls_exit_deadlock_callback, line
 * 801). Windows also answers FALSE in DLL_PROCESS_DETACH when ExitProcess
 * had to end other threads still running (Wine's kernel32 loader.c,
 * test_ExitProcess phases 0 and 1, lines 2471-2475); that distinction is
 * not modelled here: the answer is TRUE from the start of shutdown on.
 */
#include "ntdll/ntdll.h"

BOOLEAN NTAPI RtlDllShutdownInProgress(void)
{
    return LdrpShutdownInProgress();
}
