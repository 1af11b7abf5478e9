/*
 * Data execution prevention, as a process sees it: ProcessExecuteFlags
 * (NtQueryInformationProcess / NtSetInformationProcess, class 34) and the
 * mm switch behind it. An image linked NX-compatible (every mingw-w64
 * program by default) runs with DEP on for good — NX enforced, ATL thunk
 * emulation off, permanent — as Windows runs it; any other image starts
 * with DEP off (readable pages may run) and may turn it on, once and for
 * all, with SetProcessDEPPolicy. Only the calling process can be asked or
 * told, as on Windows.
 */
#include "ke/ki.h"

#define MEM_EXECUTE_OPTION_DISABLE 0x1u
#define MEM_EXECUTE_OPTION_ENABLE 0x2u
#define MEM_EXECUTE_OPTION_DISABLE_THUNK_EMULATION 0x4u
#define MEM_EXECUTE_OPTION_PERMANENT 0x8u
#define MEM_EXECUTE_OPTION_VALID 0xFu
#define IMAGE_DLLCHARACTERISTICS_NX_COMPAT 0x0100u

static void Apply(KPROCESS *process, uint32_t options)
{
    process->ExecuteOptions = options;
    if (process->Mm) {
        MmSetExecuteEnable(process->Mm, !(options & MEM_EXECUTE_OPTION_DISABLE));
    }
}

void KiInitializeExecuteOptions(KPROCESS *process)
{
    /* The EXE's DllCharacteristics, read from its mapped headers. */
    uint32_t lfanew = 0;
    uint16_t characteristics = 0;
    MMPROCESS *mm = process->Mm;
    if (MmCopyFromUser(mm, &lfanew, process->ImageBase + 0x3C, sizeof lfanew) != STATUS_SUCCESS ||
        lfanew > 0x1000 ||
        MmCopyFromUser(mm, &characteristics, process->ImageBase + lfanew + 0x5E,
                       sizeof characteristics) != STATUS_SUCCESS) {
        characteristics = IMAGE_DLLCHARACTERISTICS_NX_COMPAT; /* unreadable: DEP on */
    }
    Apply(process, (characteristics & IMAGE_DLLCHARACTERISTICS_NX_COMPAT)
                       ? MEM_EXECUTE_OPTION_DISABLE | MEM_EXECUTE_OPTION_DISABLE_THUNK_EMULATION |
                             MEM_EXECUTE_OPTION_PERMANENT
                       : MEM_EXECUTE_OPTION_ENABLE);
}

NTSTATUS KiQueryExecuteOptions(KPROCESS *process, const uint32_t *a)
{
    if (a[0] != NT_CURRENT_PROCESS) {
        return STATUS_INVALID_PARAMETER; /* the caller's own only */
    }
    if (a[3] != sizeof(uint32_t)) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    NTSTATUS status = MmCopyToUser(process->Mm, a[2], &process->ExecuteOptions, sizeof(uint32_t));
    if (status == STATUS_SUCCESS && a[4]) {
        uint32_t length = sizeof(uint32_t);
        status = MmCopyToUser(process->Mm, a[4], &length, sizeof length);
    }
    return status;
}

NTSTATUS KiSetExecuteOptions(KPROCESS *process, const uint32_t *a)
{
    if (a[0] != NT_CURRENT_PROCESS) {
        return STATUS_INVALID_PARAMETER;
    }
    if (a[3] != sizeof(uint32_t)) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    uint32_t options;
    NTSTATUS status = MmCopyFromUser(process->Mm, &options, a[2], sizeof options);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if ((options & ~MEM_EXECUTE_OPTION_VALID) ||
        !(options & (MEM_EXECUTE_OPTION_DISABLE | MEM_EXECUTE_OPTION_ENABLE)) ||
        (options & MEM_EXECUTE_OPTION_DISABLE && options & MEM_EXECUTE_OPTION_ENABLE)) {
        return STATUS_INVALID_PARAMETER;
    }
    if (process->ExecuteOptions & MEM_EXECUTE_OPTION_PERMANENT) {
        return STATUS_ACCESS_DENIED; /* fixed for the life of the process */
    }
    Apply(process, options);
    return STATUS_SUCCESS;
}
