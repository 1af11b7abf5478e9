/*
 * DbgPrint and its kind: text for a debugger. Windows formats it (at most
 * 512 bytes, as its own buffer holds) and, when the process is being
 * debugged, raises DBG_PRINTEXCEPTION_C with two parameters, the length
 * counting the NUL and the text, exactly as OutputDebugStringA does, and
 * catches the exception itself whatever the handlers say. Without a
 * debugger Windows hands the text to the kernel debugger; ntmm has none,
 * so it goes nowhere, as OutputDebugString's does. Every call answers
 * STATUS_SUCCESS.
 *
 * The level filter: a level of 0-31 names one bit, a larger value is a
 * mask of them; by default only DPFLTR_ERROR_LEVEL (bit 0) is shown.
 * Evidence: Wine's rtl.c test_DbgPrint (lines 3602-3671): no exception
 * when not debugged; with BeingDebugged set, one per DbgPrint whether the
 * vectored handler returns EXECUTE_HANDLER, CONTINUE_EXECUTION or
 * CONTINUE_SEARCH; DbgPrintEx at the error level and at 0xFFFFFFFF yes,
 * at the warning level (1 or its mask bit) no; the prefix is prepended.
 */
#include "ntdll.h"

#define DBG_PRINTEXCEPTION_C 0x40010006u
#define DPFLTR_MASK 0x80000000u
#define DPFLTR_ERROR_LEVEL 0
#define DBG_PRINT_MAX 512

static EXCEPTION_DISPOSITION PrintHandler(EXCEPTION_RECORD *record,
                                          struct EXCEPTION_REGISTRATION_RECORD *frame,
                                          CONTEXT *context, PVOID dispatcher_context)
{
    (void)frame;
    (void)context;
    (void)dispatcher_context;
    if (!(record->ExceptionFlags & (EXCEPTION_UNWINDING | EXCEPTION_EXIT_UNWIND)) &&
        record->ExceptionCode == DBG_PRINTEXCEPTION_C) {
        return ExceptionContinueExecution;
    }
    return ExceptionContinueSearch;
}

static BOOLEAN LevelEnabled(ULONG level)
{
    ULONG mask = level <= 31 ? 1u << level : level;
    return (mask & (1u << DPFLTR_ERROR_LEVEL)) != 0;
}

/* Raise with our own frame on the chain, so the exception ends here even
 * when every other handler declines. */
static void RaisePrint(const char *text)
{
    EXCEPTION_RECORD record;
    memset(&record, 0, sizeof(record));
    record.ExceptionCode = (NTSTATUS)DBG_PRINTEXCEPTION_C;
    record.NumberParameters = 2;
    record.ExceptionInformation[0] = strlen(text) + 1;
    record.ExceptionInformation[1] = (ULONG_PTR)text;
    EXCEPTION_REGISTRATION_RECORD frame;
    frame.Next = (EXCEPTION_REGISTRATION_RECORD *)TebRead(TEB_EXCEPTION_LIST);
    frame.Handler = PrintHandler;
    TebWrite(TEB_EXCEPTION_LIST, (ULONG)&frame);
    record.ExceptionAddress = (PVOID)RaisePrint;
    RtlRaiseException(&record);
    TebWrite(TEB_EXCEPTION_LIST, (ULONG)frame.Next);
}

NTSTATUS NTAPI vDbgPrintExWithPrefix(const char *prefix, ULONG component, ULONG level,
                                     const char *format, va_list args)
{
    (void)component;   /* every component has the default filter */
    if (!LevelEnabled(level)) {
        return STATUS_SUCCESS;
    }
    char text[DBG_PRINT_MAX];
    size_t used = 0;
    if (prefix) {
        used = strlen(prefix);
        if (used > DBG_PRINT_MAX - 1) {
            used = DBG_PRINT_MAX - 1;
        }
        memcpy(text, prefix, used);
    }
    int n = _vsnprintf(text + used, DBG_PRINT_MAX - 1 - used, format, args);
    /* _vsnprintf leaves no NUL when the text fills the buffer. */
    text[n < 0 ? DBG_PRINT_MAX - 1 : used + (size_t)n] = 0;
    if (NtCurrentPeb()->BeingDebugged) {
        RaisePrint(text);
    }
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI vDbgPrintEx(ULONG component, ULONG level, const char *format, va_list args)
{
    return vDbgPrintExWithPrefix("", component, level, format, args);
}

NTSTATUS CDECL DbgPrintEx(ULONG component, ULONG level, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    NTSTATUS status = vDbgPrintExWithPrefix("", component, level, format, args);
    va_end(args);
    return status;
}

/* DbgPrint prints at the error level of the default component. */
NTSTATUS CDECL DbgPrint(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    NTSTATUS status = vDbgPrintExWithPrefix("", (ULONG)-1, DPFLTR_MASK | 1u << DPFLTR_ERROR_LEVEL,
                                            format, args);
    va_end(args);
    return status;
}
