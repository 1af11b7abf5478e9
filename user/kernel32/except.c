/* RaiseException: a software exception through ntdll's dispatcher. */
#include "kernel32/kernel32.h"

void WINAPI RaiseException(DWORD code, DWORD flags, DWORD count, const ULONG_PTR *arguments)
{
    EXCEPTION_RECORD record;
    memset(&record, 0, sizeof record);
    record.ExceptionCode = (NTSTATUS)code;
    record.ExceptionFlags = flags & EXCEPTION_NONCONTINUABLE;
    record.ExceptionAddress = (PVOID)RaiseException;
    if (arguments) {
        /* More than EXCEPTION_MAXIMUM_PARAMETERS are silently cut, as Windows does. */
        record.NumberParameters = count > EXCEPTION_MAXIMUM_PARAMETERS ? EXCEPTION_MAXIMUM_PARAMETERS
                                                                        : count;
        for (ULONG i = 0; i < record.NumberParameters; i++) {
            record.ExceptionInformation[i] = arguments[i];
        }
    }
    RtlRaiseException(&record);
}

/*
 * The unhandled-exception filter: ntdll's last frame asks kernel32's
 * UnhandledExceptionFilter, which asks the program's filter. With none, or
 * if it says EXCEPTION_EXECUTE_HANDLER or EXCEPTION_CONTINUE_SEARCH, the
 * process ends with the exception's code; EXCEPTION_CONTINUE_EXECUTION
 * resumes.
 */
typedef LONG (WINAPI *TOP_LEVEL_FILTER)(EXCEPTION_POINTERS *info);
static TOP_LEVEL_FILTER ProgramFilter;

LONG WINAPI UnhandledExceptionFilter(EXCEPTION_POINTERS *info)
{
    if (ProgramFilter) {
        LONG verdict = ProgramFilter(info);
        if (verdict == EXCEPTION_CONTINUE_EXECUTION) {
            return EXCEPTION_CONTINUE_EXECUTION;
        }
    }
    return 1; /* EXCEPTION_EXECUTE_HANDLER: the process ends */
}

PVOID WINAPI SetUnhandledExceptionFilter(PVOID filter)
{
    TOP_LEVEL_FILTER previous = ProgramFilter;
    ProgramFilter = (TOP_LEVEL_FILTER)filter;
    RtlSetUnhandledExceptionFilter((PVOID)UnhandledExceptionFilter);
    return (PVOID)previous;
}

/* FatalAppExit: Windows shows the message in a hard-error box, then ends
 * the process with ExitProcess(0). ntmm has no message box: the message
 * goes to standard error, on a line of its own. */
void WINAPI FatalAppExitW(UINT action, const WCHAR *message)
{
    (void)action;
    char text[1024];
    int n = message ? WideCharToMultiByte(CP_ACP, 0, message, -1, text, (int)sizeof text - 2, NULL, NULL) : 0;
    n = n > 0 ? n - 1 : 0;
    text[n++] = '\r';
    text[n++] = '\n';
    DWORD written;
    WriteFile(GetStdHandle((DWORD)-12), text, (DWORD)n, &written, NULL);
    ExitProcess(0);
}

void WINAPI FatalAppExitA(UINT action, const char *message)
{
    WCHAR *wide = message ? BaseAnsiToHeap(message) : NULL;
    FatalAppExitW(action, wide);
}
