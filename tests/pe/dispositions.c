/*
 * A handler returning a disposition that is not one of the four makes the
 * dispatcher raise STATUS_INVALID_DISPOSITION (0xC0000026), non-continuable,
 * with the original as its ExceptionRecord; an outer handler sees it.
 */
#include "pe.h"

static DWORD OuterCode, OuterFlags, OuterOriginal;

static EXCEPTION_DISPOSITION __cdecl Bad(EXCEPTION_RECORD *record, void *frame, CONTEXT *context,
                                         void *dispatcher)
{
    (void)frame;
    (void)context;
    (void)dispatcher;
    if (record->ExceptionCode == (DWORD)EXCEPTION_ACCESS_VIOLATION) {
        return (EXCEPTION_DISPOSITION)7;
    }
    return ExceptionContinueSearch;
}

static EXCEPTION_DISPOSITION __cdecl Outer(EXCEPTION_RECORD *record, void *frame, CONTEXT *context,
                                           void *dispatcher)
{
    (void)frame;
    (void)context;
    (void)dispatcher;
    if (record->ExceptionCode == (DWORD)STATUS_INVALID_DISPOSITION) {
        OuterCode = record->ExceptionCode;
        OuterFlags = record->ExceptionFlags;
        OuterOriginal = record->ExceptionRecord ? record->ExceptionRecord->ExceptionCode : 0;
        CHECK_EQ("STATUS_INVALID_DISPOSITION", OuterCode, 0xC0000026);
        CHECK_EQ("  non-continuable", OuterFlags & EXCEPTION_NONCONTINUABLE, EXCEPTION_NONCONTINUABLE);
        CHECK_EQ("  ExceptionRecord is the access violation", OuterOriginal, 0xC0000005);
        Finish(); /* non-continuable: report and end here */
    }
    return ExceptionContinueSearch;
}

void __cdecl start(void)
{
    SEH_FRAME outer, inner;
    SehPush(&outer, Outer);
    SehPush(&inner, Bad);
    ReadAt(0);
    Print("FAIL: resumed after an invalid disposition\n");
    ExitProcess(3);
}
