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
/* threadpool.c: a thread of this process running start(parameter), its
 * handle kept in *handle and its ids given to client_id (either may be
 * NULL); a callback routine(a, b) queued to the thread pool's workers. */
NTSTATUS RtlpStartThread(ULONG(NTAPI *start)(PVOID), PVOID parameter, HANDLE *handle,
                         ULONG client_id[2]);
NTSTATUS RtlpQueueWork(void (*routine)(PVOID a, PVOID b), PVOID a, PVOID b);
/* timerq.c: the time in milliseconds the thread pool's timeouts count. */
ULONGLONG RtlpNowMs(void);
/* The calling thread's own auto-reset event (SRW and condition-variable
 * waits), made when first needed; closed when the thread exits. */
HANDLE RtlpThreadWaitEvent(void);
/* The calling thread's (or fiber's) fiber-local storage block, or NULL (fls.c). */
PVOID RtlpCurrentFlsData(void);

/* ntdll's own C-library answers under names msvcrt also defines with its
 * own answers (so they cannot be in inc/ntguest.h, which msvcrt includes):
 * crtctype.c, crtnum.c, crtsort.c, crtprint.c, crtscan.c, and _strnicmp
 * in crtstr.c. */
#include <stdarg.h>
int CDECL _strnicmp(const char *a, const char *b, size_t n);
int CDECL isalnum(int c);
int CDECL isalpha(int c);
int CDECL iscntrl(int c);
int CDECL isdigit(int c);
int CDECL isgraph(int c);
int CDECL islower(int c);
int CDECL isprint(int c);
int CDECL ispunct(int c);
int CDECL isspace(int c);
int CDECL isupper(int c);
int CDECL isxdigit(int c);
int CDECL __isascii(int c);
int CDECL __iscsym(int c);
int CDECL __iscsymf(int c);
int CDECL __toascii(int c);
int CDECL iswctype(WCHAR c, USHORT mask);
int CDECL iswalpha(WCHAR c);
int CDECL iswdigit(WCHAR c);
int CDECL iswlower(WCHAR c);
int CDECL iswspace(WCHAR c);
int CDECL iswxdigit(WCHAR c);
WCHAR CDECL towlower(WCHAR c);
WCHAR CDECL towupper(WCHAR c);
int CDECL tolower(int c);
int CDECL toupper(int c);
LONGLONG CDECL _atoi64(const char *s);
int CDECL _wtoi(const WCHAR *s);
LONG CDECL _wtol(const WCHAR *s);
LONGLONG CDECL _wtoi64(const WCHAR *s);
LONG CDECL strtol(const char *s, char **end, int base);
ULONG CDECL strtoul(const char *s, char **end, int base);
LONG CDECL wcstol(const WCHAR *s, WCHAR **end, int base);
ULONG CDECL wcstoul(const WCHAR *s, WCHAR **end, int base);
void CDECL qsort(void *base, size_t count, size_t width, int(CDECL *compare)(const void *, const void *));
int CDECL sprintf(char *buffer, const char *format, ...);
int CDECL vsprintf(char *buffer, const char *format, va_list args);
int CDECL _snprintf(char *buffer, size_t count, const char *format, ...);
int CDECL _vsnprintf(char *buffer, size_t count, const char *format, va_list args);
int CDECL _snprintf_s(char *buffer, size_t size, size_t count, const char *format, ...);
int CDECL _vsnprintf_s(char *buffer, size_t size, size_t count, const char *format, va_list args);
int CDECL sprintf_s(char *buffer, size_t size, const char *format, ...);
int CDECL vsprintf_s(char *buffer, size_t size, const char *format, va_list args);
int CDECL swprintf(WCHAR *buffer, const WCHAR *format, ...);
int CDECL _swprintf(WCHAR *buffer, const WCHAR *format, ...);
int CDECL _vswprintf(WCHAR *buffer, const WCHAR *format, va_list args);
int CDECL _snwprintf(WCHAR *buffer, size_t count, const WCHAR *format, ...);
int CDECL _vsnwprintf(WCHAR *buffer, size_t count, const WCHAR *format, va_list args);
int CDECL _snwprintf_s(WCHAR *buffer, size_t size, size_t count, const WCHAR *format, ...);
int CDECL _vsnwprintf_s(WCHAR *buffer, size_t size, size_t count, const WCHAR *format, va_list args);
int CDECL swprintf_s(WCHAR *buffer, size_t size, const WCHAR *format, ...);
int CDECL vswprintf_s(WCHAR *buffer, size_t size, const WCHAR *format, va_list args);
int CDECL sscanf(const char *text, const char *format, ...);

#endif
