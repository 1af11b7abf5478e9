/*
 * An EXE linked without NX_COMPAT (-Wl,--disable-nxcompat) starts with DEP
 * off, as Windows' default opt-in policy runs it: ProcessExecuteFlags is
 * MEM_EXECUTE_OPTION_ENABLE, GetProcessDEPPolicy says 0 and not permanent,
 * and code written to a PAGE_READWRITE page runs. SetProcessDEPPolicy
 * (PROCESS_DEP_ENABLE) turns DEP on for good: a data page no longer runs
 * (STATUS_ACCESS_VIOLATION, an execute fault), and the policy cannot be
 * changed again (ERROR_ACCESS_DENIED).
 */
#include "pe.h"

typedef DWORD(__cdecl *CODE)(void);

static volatile DWORD Faults, FaultKind;
static DWORD ReturnTo;

static LONG CALLBACK Handler(EXCEPTION_POINTERS *info)
{
    if (info->ExceptionRecord->ExceptionCode != STATUS_ACCESS_VIOLATION) {
        return EXCEPTION_CONTINUE_SEARCH;
    }
    Faults++;
    FaultKind = info->ExceptionRecord->ExceptionInformation[0];
    /* The fault is at the call's target: return to the caller. */
    info->ContextRecord->Eip = *(DWORD *)info->ContextRecord->Esp;
    info->ContextRecord->Esp += 4;
    info->ContextRecord->Eax = 0xDEAD;
    (void)ReturnTo;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static CODE MakeCode(void)
{
    BYTE *page = VirtualAlloc(NULL, 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    /* mov eax, 0x600D ; ret */
    static const BYTE code[] = {0xB8, 0x0D, 0x60, 0x00, 0x00, 0xC3};
    for (DWORD i = 0; i < sizeof code; i++) {
        page[i] = code[i];
    }
    return (CODE)(void *)page;
}

void __cdecl start(void)
{
    AddVectoredExceptionHandler(1, Handler);
    DWORD flags = 0xFF;
    BOOL permanent = TRUE;
    CHECK_EQ("GetProcessDEPPolicy", GetProcessDEPPolicy(GetCurrentProcess(), &flags, &permanent), 1);
    CHECK_EQ("  DEP off", flags, 0);
    CHECK_EQ("  not permanent", permanent, 0);
    CHECK_EQ("code on a PAGE_READWRITE page runs", MakeCode()(), 0x600D);
    CHECK_EQ("  no fault", Faults, 0);

    CHECK_EQ("SetProcessDEPPolicy(PROCESS_DEP_ENABLE)", SetProcessDEPPolicy(PROCESS_DEP_ENABLE), 1);
    CHECK_EQ("GetProcessDEPPolicy", GetProcessDEPPolicy(GetCurrentProcess(), &flags, &permanent), 1);
    CHECK_EQ("  PROCESS_DEP_ENABLE", flags, PROCESS_DEP_ENABLE);
    CHECK_EQ("  permanent", permanent, 1);
    CHECK_EQ("code on a fresh data page: refused", MakeCode()(), 0xDEAD);
    CHECK_EQ("  one access violation", Faults, 1);
    CHECK_EQ("  an execute fault (8)", FaultKind, 8);
    SetLastError(0);
    CHECK_EQ("SetProcessDEPPolicy(0) now fails", SetProcessDEPPolicy(0), 0);
    CHECK_EQ("  ERROR_ACCESS_DENIED", GetLastError(), ERROR_ACCESS_DENIED);
    Finish();
}
