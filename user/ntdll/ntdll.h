/* What the files of ntdll share. */
#ifndef NTMM_NTDLL_H
#define NTMM_NTDLL_H

#include "inc/ntguest.h"

void NTAPI RtlRaiseStatus(NTSTATUS status);
void RtlpInitializeProcessHeap(PEB *peb);
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
void RtlpCallTlsCallbacks(PVOID base, ULONG reason);
void LdrpInitializeThread(void);
void LdrpInitializeLoaderLock(void);
/* The calling thread's own auto-reset event (SRW and condition-variable
 * waits), made when first needed; closed when the thread exits. */
HANDLE RtlpThreadWaitEvent(void);

#endif
