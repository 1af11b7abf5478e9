/* What the files of ntdll share. */
#ifndef NTMM_NTDLL_H
#define NTMM_NTDLL_H

#include "inc/ntguest.h"

void NTAPI RtlRaiseStatus(NTSTATUS status);
void RtlpInitializeProcessHeap(PEB *peb);
void RtlpInitializeNlsTables(PEB *peb);
void RtlpRaiseNoncontinuable(NTSTATUS code, EXCEPTION_RECORD *original);
BOOLEAN RtlpCallVectoredHandlers(EXCEPTION_RECORD *record, CONTEXT *context);
void RtlpCallVectoredContinueHandlers(EXCEPTION_RECORD *record, CONTEXT *context);
void RtlpGetStackLimits(ULONG *low, ULONG *high);
BOOLEAN RtlpIsValidFrame(EXCEPTION_REGISTRATION_RECORD *frame, ULONG low, ULONG high);
EXCEPTION_DISPOSITION RtlpExecuteHandlerForUnwind(EXCEPTION_RECORD *record,
                                                  EXCEPTION_REGISTRATION_RECORD *frame,
                                                  CONTEXT *context, PVOID *dispatcher_context);

/* start.c and thread.c */
ULONG RtlpCallEntry(PVOID fn, ULONG arg_count, ULONG a1, ULONG a2, ULONG a3);
ULONG RtlpCallInFrame(PVOID fn, ULONG a1, ULONG a2, ULONG a3, PEXCEPTION_ROUTINE handler);
void RtlpResumeAfterCall(EXCEPTION_REGISTRATION_RECORD *frame) __attribute__((noreturn));
void RtlpCallTlsCallbacks(PVOID base, ULONG reason);
void RtlpShieldTlsCallbacks(PVOID base, ULONG reason);
void LdrpInitializeThread(void);

/* ldrapi.c and ldrshut.c: the loader lock; a call no exception escapes
 * (it returns 0 then); whether process shutdown has begun. */
void LdrpInitializeLoaderLock(void);
void LdrpLockLoader(void);
void LdrpUnlockLoader(void);
ULONG RtlpCallShielded(PVOID fn, ULONG a1, ULONG a2, ULONG a3);
BOOLEAN LdrpShutdownInProgress(void);
/* unloadtr.c: the unload event trace */
void LdrpRecordUnload(const LDR_DATA_TABLE_ENTRY *entry);

/* LDR_DATA_TABLE_ENTRY.Flags: its DllMain returned TRUE for
 * DLL_PROCESS_ATTACH and has not yet been told DLL_PROCESS_DETACH. */
#define LDRP_PROCESS_ATTACH_CALLED 0x00080000u
/* LDR_DATA_TABLE_ENTRY.Flags: DisableThreadLibraryCalls was called for it. */
#define LDRP_DONT_CALL_FOR_THREADS 0x00040000u

static inline LDR_DATA_TABLE_ENTRY *LdrpModuleOfInitLink(LIST_ENTRY *link)
{
    return (LDR_DATA_TABLE_ENTRY *)((BYTE *)link -
                                    __builtin_offsetof(LDR_DATA_TABLE_ENTRY,
                                                       InInitializationOrderLinks));
}
/* The calling thread's own auto-reset event (SRW and condition-variable
 * waits), made when first needed; closed when the thread exits. */
HANDLE RtlpThreadWaitEvent(void);
/* The calling thread's (or fiber's) fiber-local storage block, or NULL (fls.c). */
PVOID RtlpCurrentFlsData(void);

#endif
