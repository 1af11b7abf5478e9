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
