/*
 * The unload event trace: the last 64 DLLs unloaded, a ring that ntdll
 * keeps for debuggers (RtlGetUnloadEventTrace, and the element size, count
 * and array through RtlGetUnloadEventTraceEx). Each entry has the image's
 * base and size, a sequence number, the PE header's time stamp and
 * checksum, and the DLL's base name (up to 31 characters). Version stays
 * zero: the version resource is not read. Unused entries are zero, so a
 * reader stops at the first with no BaseAddress. (Wine's
 * ntdll/tests/exception.c, test_unload_trace.)
 */
#include "ntdll/ntdll.h"

#define UNLOAD_TRACE_NUMBER 64

typedef struct RTL_UNLOAD_EVENT_TRACE {
    PVOID BaseAddress;
    SIZE_T SizeOfImage;
    ULONG Sequence;
    ULONG TimeDateStamp;
    ULONG CheckSum;
    WCHAR ImageName[32];
    ULONG Version[2];
} RTL_UNLOAD_EVENT_TRACE;

static RTL_UNLOAD_EVENT_TRACE Trace[UNLOAD_TRACE_NUMBER];
static RTL_UNLOAD_EVENT_TRACE *TracePointer = Trace;
static ULONG TraceElementSize = sizeof(RTL_UNLOAD_EVENT_TRACE);
static ULONG TraceElementCount = UNLOAD_TRACE_NUMBER;
static ULONG Sequence;

/* Called with the loader lock held, before the image is unmapped. */
void LdrpRecordUnload(const LDR_DATA_TABLE_ENTRY *entry)
{
    RTL_UNLOAD_EVENT_TRACE *e = &Trace[Sequence % UNLOAD_TRACE_NUMBER];
    memset(e, 0, sizeof *e);
    e->BaseAddress = entry->DllBase;
    e->SizeOfImage = entry->SizeOfImage;
    e->Sequence = Sequence++;
    const BYTE *nt = (const BYTE *)RtlImageNtHeader(entry->DllBase);
    if (nt) {
        memcpy(&e->TimeDateStamp, nt + 8, 4);
        memcpy(&e->CheckSum, nt + 0x58, 4);
    }
    ULONG length = entry->BaseDllName.Length / sizeof(WCHAR);
    if (length > 31) {
        length = 31;
    }
    memcpy(e->ImageName, entry->BaseDllName.Buffer, length * sizeof(WCHAR));
}

PVOID NTAPI RtlGetUnloadEventTrace(void)
{
    return Trace;
}

void NTAPI RtlGetUnloadEventTraceEx(ULONG **element_size, ULONG **element_count, PVOID *event_trace)
{
    *element_size = &TraceElementSize;
    *element_count = &TraceElementCount;
    *event_trace = &TracePointer;
}
