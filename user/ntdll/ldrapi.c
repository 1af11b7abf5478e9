/*
 * LdrLoadDll and LdrUnloadDll: the guest half of loading a DLL at run time.
 * The host half (ke/ldrapi.c, through the ntmm-private NtmmLoadDll and
 * NtmmUnloadDll) finds the file, maps it and what it imports, binds the
 * imports, sets up static TLS and links the PEB's loader lists; this half
 * runs the code, in the calling thread, as NT's loader does: for each new
 * module, dependencies first, its TLS callbacks and then its DllMain with
 * DLL_PROCESS_ATTACH (lpReserved NULL: a dynamic load); one that returns
 * TRUE is marked LDRP_PROCESS_ATTACH_CALLED, so FreeLibrary or the end of
 * the process (ldrshut.c) tells it DLL_PROCESS_DETACH. A DllMain that
 * returns FALSE hears DLL_PROCESS_DETACH at once, the modules initialized
 * before it in this load hear it too (in reverse), and all of them are
 * unloaded: STATUS_DLL_INIT_FAILED. The loader lock serializes loads and
 * unloads between threads (a DllMain may itself load or free libraries).
 */
#include "ntdll/ntdll.h"

#define DLL_PROCESS_DETACH 0
#define DLL_PROCESS_ATTACH 1
#define LDRP_MAX_INIT 64

typedef struct LDRP_INIT_LIST {
    ULONG Count;
    ULONG Base[LDRP_MAX_INIT];
} LDRP_INIT_LIST;

static RTL_CRITICAL_SECTION LoaderLock;

void LdrpInitializeLoaderLock(void)
{
    RtlInitializeCriticalSection(&LoaderLock);
}

void LdrpLockLoader(void)
{
    RtlEnterCriticalSection(&LoaderLock);
}

void LdrpUnlockLoader(void)
{
    RtlLeaveCriticalSection(&LoaderLock);
}

/*
 * LdrLockLoaderLock: the loader lock for code that walks the module lists
 * itself. Flag 1 raises the failure status instead of returning it, flag 2
 * only tries (result 1 taken, 2 busy); the cookie names the owning thread
 * so that LdrUnlockLoaderLock can refuse another thread's. Windows' order
 * of checks (Wine's rtl.c test_LdrLockLoaderLock, lines 2446-2490): the
 * outputs are zeroed first; unknown flags are parameter 1, a try without
 * somewhere to say whether it succeeded parameter 2, no cookie parameter 3.
 */
#define LDR_LOCK_RAISE_ON_ERROR 0x1u
#define LDR_LOCK_TRY_ONLY 0x2u
#define LDR_LOCK_ACQUIRED 1
#define LDR_LOCK_BUSY 2

static LONG LockSequence;

static NTSTATUS LockFailure(ULONG flags, NTSTATUS status)
{
    if (flags & LDR_LOCK_RAISE_ON_ERROR) {
        RtlRaiseStatus(status);
    }
    return status;
}

static ULONG_PTR LockCookie(void)
{
    ULONG sequence = (ULONG)__atomic_add_fetch(&LockSequence, 1, __ATOMIC_RELAXED);
    return (TebRead(TEB_THREAD_ID) & 0xfff) << 16 | (sequence & 0xffff);
}

NTSTATUS NTAPI LdrLockLoaderLock(ULONG flags, ULONG *result, ULONG_PTR *cookie)
{
    if (result) {
        *result = 0;
    }
    if (cookie) {
        *cookie = 0;
    }
    if (flags & ~(LDR_LOCK_RAISE_ON_ERROR | LDR_LOCK_TRY_ONLY)) {
        return LockFailure(flags, STATUS_INVALID_PARAMETER_1);
    }
    if ((flags & LDR_LOCK_TRY_ONLY) && !result) {
        return LockFailure(flags, STATUS_INVALID_PARAMETER_2);
    }
    if (!cookie) {
        return LockFailure(flags, STATUS_INVALID_PARAMETER_3);
    }
    if (flags & LDR_LOCK_TRY_ONLY) {
        if (!RtlTryEnterCriticalSection(&LoaderLock)) {
            *result = LDR_LOCK_BUSY;
            return STATUS_SUCCESS;
        }
    } else {
        RtlEnterCriticalSection(&LoaderLock);
    }
    if (result) {
        *result = LDR_LOCK_ACQUIRED;
    }
    *cookie = LockCookie();
    return STATUS_SUCCESS;
}

/* A zero cookie (a try that found the lock busy) unlocks nothing; a
 * cookie from another thread is parameter 2 and unlocks nothing. */
NTSTATUS NTAPI LdrUnlockLoaderLock(ULONG flags, ULONG_PTR cookie)
{
    if (flags & ~LDR_LOCK_RAISE_ON_ERROR) {
        return LockFailure(flags, STATUS_INVALID_PARAMETER_1);
    }
    if (!cookie) {
        return STATUS_SUCCESS;
    }
    if ((cookie >> 16 & 0xfff) != (TebRead(TEB_THREAD_ID) & 0xfff)) {
        return LockFailure(flags, STATUS_INVALID_PARAMETER_2);
    }
    RtlLeaveCriticalSection(&LoaderLock);
    return STATUS_SUCCESS;
}

static LDR_DATA_TABLE_ENTRY *EntryOf(ULONG base)
{
    LIST_ENTRY *head = &NtCurrentPeb()->Ldr->InLoadOrderModuleList;
    for (LIST_ENTRY *link = head->Flink; link != head; link = link->Flink) {
        LDR_DATA_TABLE_ENTRY *entry = (LDR_DATA_TABLE_ENTRY *)link;
        if ((ULONG)entry->DllBase == base) {
            return entry;
        }
    }
    return NULL;
}

/* DLL_PROCESS_DETACH (lpReserved NULL: FreeLibrary or a failed load) for
 * a module whose DllMain returned TRUE for DLL_PROCESS_ATTACH — or, with
 * failed, for the one that just returned FALSE ("the system immediately
 * calls your entry-point function with DLL_PROCESS_DETACH", Microsoft's
 * DllMain documentation). The flag goes first, so a DllMain that calls
 * ExitProcess here is not told twice (Wine's test_ExitProcess phase 2). */
static void Detach(ULONG base, BOOLEAN failed)
{
    LDR_DATA_TABLE_ENTRY *entry = EntryOf(base);
    if (!entry || !entry->EntryPoint ||
        (!failed && !(entry->Flags & LDRP_PROCESS_ATTACH_CALLED))) {
        return;
    }
    entry->Flags &= ~LDRP_PROCESS_ATTACH_CALLED;
    RtlpCallTlsCallbacks((PVOID)base, DLL_PROCESS_DETACH);   /* first, as LdrUnloadDll */
    RtlpCallEntry(entry->EntryPoint, 3, base, DLL_PROCESS_DETACH, 0);
}

/* Takes one reference from base; at zero, the modules that go hear
 * DLL_PROCESS_DETACH (unless detached already) and are unmapped. */
static NTSTATUS Unload(PVOID base, BOOLEAN detach)
{
    LDRP_INIT_LIST list;
    NTSTATUS status = NtmmUnloadDll(base, 0, &list);
    if (status != STATUS_SUCCESS || list.Count == 0) {
        return status;
    }
    for (ULONG i = 0; detach && i < list.Count; i++) {
        Detach(list.Base[i], FALSE);
    }
    for (ULONG i = 0; i < list.Count; i++) {
        LDR_DATA_TABLE_ENTRY *entry = EntryOf(list.Base[i]);
        if (entry) {
            LdrpRecordUnload(entry);
        }
    }
    return NtmmUnloadDll(base, 1, &list);
}

NTSTATUS NTAPI LdrLoadDll(const WCHAR *search_path, ULONG *flags, UNICODE_STRING *name,
                          PVOID *base)
{
    UNICODE_STRING path;
    if (search_path) {
        RtlInitUnicodeString(&path, search_path);
    }
    LDRP_INIT_LIST list;
    PVOID handle = NULL;
    RtlEnterCriticalSection(&LoaderLock);
    NTSTATUS status = NtmmLoadDll(name, flags ? *flags : 0, search_path ? &path : NULL, &handle,
                                   &list);
    for (ULONG i = 0; status == STATUS_SUCCESS && i < list.Count; i++) {
        LDR_DATA_TABLE_ENTRY *entry = EntryOf(list.Base[i]);
        if (!entry || !entry->EntryPoint) {
            continue;   /* no entry point, or DONT_RESOLVE_DLL_REFERENCES */
        }
        RtlpCallTlsCallbacks((PVOID)list.Base[i], DLL_PROCESS_ATTACH);
        if (RtlpCallEntry(entry->EntryPoint, 3, list.Base[i], DLL_PROCESS_ATTACH, 0)) {
            entry->Flags |= LDRP_PROCESS_ATTACH_CALLED;
            continue;
        }
        /* Failed: it and the ones before it are told, then all go. */
        Detach(list.Base[i], TRUE);
        while (i-- > 0) {
            Detach(list.Base[i], FALSE);
        }
        Unload(handle, FALSE);
        status = STATUS_DLL_INIT_FAILED;
    }
    RtlLeaveCriticalSection(&LoaderLock);
    *base = status == STATUS_SUCCESS ? handle : NULL;
    return status;
}

/*
 * LdrAddRefDll: one more reference to a loaded module, so that it takes
 * one more FreeLibrary to unload; LDR_ADDREF_DLL_PIN keeps it until the
 * process ends (Wine's rtl.c test_LdrAddRefDll, lines 2397-2444: after an
 * addref the module survives one FreeLibrary, pinned it survives four).
 * The count lives with the kernel's loader, which LdrLoadDll of the
 * module's own path raises (or pins), as GetModuleHandleEx does. A base
 * that is no loaded module is STATUS_INVALID_PARAMETER, as are unknown
 * flags.
 */
#define LDR_ADDREF_DLL_PIN 0x1u
#define LDRP_PIN_MODULE 0x80000000u   /* LdrLoadDll: pin (ke/ldrapi.c) */

NTSTATUS NTAPI LdrAddRefDll(ULONG flags, PVOID base)
{
    if (flags & ~LDR_ADDREF_DLL_PIN) {
        return STATUS_INVALID_PARAMETER;
    }
    RtlEnterCriticalSection(&LoaderLock);
    LDR_DATA_TABLE_ENTRY *entry = EntryOf((ULONG)base);
    NTSTATUS status = entry ? STATUS_SUCCESS : STATUS_INVALID_PARAMETER;
    if (entry && entry->LoadCount != 0xFFFF) {   /* 0xFFFF: pinned already */
        ULONG load_flags = (flags & LDR_ADDREF_DLL_PIN) ? LDRP_PIN_MODULE : 0;
        PVOID loaded;
        status = LdrLoadDll(NULL, &load_flags, &entry->FullDllName, &loaded);
    }
    RtlLeaveCriticalSection(&LoaderLock);
    return status;
}

/* Once process shutdown has begun nothing is unloaded: a DllMain's
 * FreeLibrary in DLL_PROCESS_DETACH leaves the module mapped (Wine's
 * test_ExitProcess: "winver.exe should not be unloaded"). */
NTSTATUS NTAPI LdrUnloadDll(PVOID base)
{
    if (LdrpShutdownInProgress()) {
        return STATUS_SUCCESS;
    }
    RtlEnterCriticalSection(&LoaderLock);
    NTSTATUS status = Unload(base, TRUE);
    RtlLeaveCriticalSection(&LoaderLock);
    return status;
}
