/*
 * Handle access rights are enforced. A handle grants the rights it was
 * made with; each service asks its handle for the rights it needs and
 * fails with STATUS_ACCESS_DENIED (ERROR_ACCESS_DENIED) otherwise:
 *
 * - a section handle without SECTION_MAP_READ/WRITE/EXECUTE cannot be
 *   mapped with that access (OpenFileMapping(FILE_MAP_READ) cannot map for
 *   writing);
 * - DuplicateHandle with a mask gives exactly that mask (narrower: fewer
 *   rights), with DUPLICATE_SAME_ACCESS the source's;
 * - process handles: PROCESS_VM_OPERATION for VirtualAllocEx/FreeEx/
 *   ProtectEx, PROCESS_QUERY_INFORMATION for VirtualQueryEx, the limited
 *   query right for GetExitCodeProcess, PROCESS_TERMINATE, PROCESS_VM_READ
 *   for ReadProcessMemory, PROCESS_VM_WRITE for WriteProcessMemory (a copy
 *   stopped by an inaccessible page: ERROR_PARTIAL_COPY);
 * - thread handles: THREAD_SUSPEND_RESUME, THREAD_GET_CONTEXT,
 *   THREAD_SET_CONTEXT, THREAD_TERMINATE, the limited query right for
 *   GetThreadId;
 * - file handles: FILE_READ_DATA for NtReadFile, FILE_WRITE_DATA for
 *   NtWriteFile.
 *
 * Windows' answers: Microsoft's documentation of each call's required
 * access right; Wine's kernel32 tests (virtual.c, process.c).
 */
#include "pe.h"

#define STATUS_ACCESS_DENIED 0xC0000022u

typedef LONG(NTAPI *NT_MAP)(HANDLE, HANDLE, PVOID *, ULONG_PTR, SIZE_T, LARGE_INTEGER *,
                            SIZE_T *, DWORD, ULONG, ULONG);
typedef struct {
    LONG Status;
    ULONG_PTR Information;
} IO_STATUS;
typedef LONG(NTAPI *NT_READ)(HANDLE, HANDLE, PVOID, PVOID, PVOID, PVOID, ULONG, PVOID, PVOID);

static HANDLE Dup(HANDLE h, DWORD access, DWORD options)
{
    HANDLE out = NULL;
    if (!DuplicateHandle(GetCurrentProcess(), h, GetCurrentProcess(), &out, access, FALSE, options)) {
        return NULL;
    }
    return out;
}

static void Denied(const char *what, BOOL failed)
{
    DWORD error = GetLastError();
    CHECK_EQ(what, failed, 1);
    CHECK_EQ("  ERROR_ACCESS_DENIED", error, ERROR_ACCESS_DENIED);
}

static void Sections(void)
{
    NT_MAP nt_map = (NT_MAP)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtMapViewOfSection");
    HANDLE full = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_EXECUTE_READWRITE, 0, 65536,
                                     "handle_access_section");
    CHECK_EQ("CreateFileMapping (SECTION_ALL_ACCESS)", full != NULL, 1);
    void *v = MapViewOfFile(full, FILE_MAP_ALL_ACCESS | FILE_MAP_EXECUTE, 0, 0, 0);
    CHECK_EQ("  maps read/write/execute", v != NULL, 1);
    UnmapViewOfFile(v);

    HANDLE read = Dup(full, FILE_MAP_READ, 0);
    CHECK_EQ("DuplicateHandle(FILE_MAP_READ)", read != NULL, 1);
    v = MapViewOfFile(read, FILE_MAP_READ, 0, 0, 0);
    CHECK_EQ("  maps for reading", v != NULL, 1);
    UnmapViewOfFile(v);
    v = MapViewOfFile(read, FILE_MAP_COPY, 0, 0, 0);
    CHECK_EQ("  maps copy-on-write (needs SECTION_MAP_READ only)", v != NULL, 1);
    UnmapViewOfFile(v);
    SetLastError(0);
    Denied("  cannot map for writing", MapViewOfFile(read, FILE_MAP_WRITE, 0, 0, 0) == NULL);
    Denied("  cannot map for execution", MapViewOfFile(read, FILE_MAP_READ | FILE_MAP_EXECUTE, 0, 0, 0) == NULL);
    PVOID base = NULL;
    SIZE_T size = 0;
    CHECK_EQ("  NtMapViewOfSection(PAGE_READWRITE): STATUS_ACCESS_DENIED",
             nt_map(read, GetCurrentProcess(), &base, 0, 0, NULL, &size, 1, 0, PAGE_READWRITE),
             STATUS_ACCESS_DENIED);

    HANDLE same = Dup(read, 0, DUPLICATE_SAME_ACCESS);
    Denied("DUPLICATE_SAME_ACCESS keeps the narrow rights", MapViewOfFile(same, FILE_MAP_WRITE, 0, 0, 0) == NULL);
    HANDLE none = Dup(full, 0, 0);
    CHECK_EQ("DuplicateHandle(0): a handle with no rights", none != NULL, 1);
    Denied("  cannot map at all", MapViewOfFile(none, FILE_MAP_READ, 0, 0, 0) == NULL);
    HANDLE write = Dup(full, FILE_MAP_WRITE, 0);
    v = MapViewOfFile(write, FILE_MAP_WRITE, 0, 0, 0);
    CHECK_EQ("DuplicateHandle(FILE_MAP_WRITE) maps read/write", v != NULL, 1);
    UnmapViewOfFile(v);
    Denied("  but not read-only (SECTION_MAP_READ)", MapViewOfFile(write, FILE_MAP_READ, 0, 0, 0) == NULL);

    HANDLE opened = OpenFileMappingA(FILE_MAP_READ, FALSE, "handle_access_section");
    CHECK_EQ("OpenFileMapping(FILE_MAP_READ)", opened != NULL, 1);
    Denied("  cannot map for writing", MapViewOfFile(opened, FILE_MAP_WRITE, 0, 0, 0) == NULL);
    HANDLE all = OpenFileMappingA(FILE_MAP_ALL_ACCESS, FALSE, "handle_access_section");
    v = MapViewOfFile(all, FILE_MAP_WRITE, 0, 0, 0);
    CHECK_EQ("OpenFileMapping(FILE_MAP_ALL_ACCESS) maps for writing", v != NULL, 1);
    UnmapViewOfFile(v);
    HANDLE generic = Dup(full, GENERIC_READ, 0);
    v = MapViewOfFile(generic, FILE_MAP_READ, 0, 0, 0);
    CHECK_EQ("DuplicateHandle(GENERIC_READ) maps for reading", v != NULL, 1);
    UnmapViewOfFile(v);
    Denied("  but not for writing", MapViewOfFile(generic, FILE_MAP_WRITE, 0, 0, 0) == NULL);
    CloseHandle(generic);
    CloseHandle(all);
    CloseHandle(opened);
    CloseHandle(write);
    CloseHandle(none);
    CloseHandle(same);
    CloseHandle(read);
    CloseHandle(full);
}

static void Processes(void)
{
    HANDLE query = Dup(GetCurrentProcess(), PROCESS_QUERY_INFORMATION, 0);
    CHECK_EQ("DuplicateHandle(process, PROCESS_QUERY_INFORMATION)", query != NULL, 1);
    MEMORY_BASIC_INFORMATION mbi;
    CHECK_EQ("  VirtualQueryEx", VirtualQueryEx(query, &mbi, &mbi, sizeof mbi), sizeof mbi);
    DWORD code = 0;
    CHECK_EQ("  GetExitCodeProcess (the limited right comes with it)", GetExitCodeProcess(query, &code), 1);
    CHECK_EQ("  STILL_ACTIVE", code, STILL_ACTIVE);
    Denied("  VirtualAllocEx needs PROCESS_VM_OPERATION",
           VirtualAllocEx(query, NULL, 4096, MEM_COMMIT, PAGE_READWRITE) == NULL);
    Denied("  TerminateProcess needs PROCESS_TERMINATE", !TerminateProcess(query, 9));

    HANDLE op = Dup(GetCurrentProcess(), PROCESS_VM_OPERATION, 0);
    void *p = VirtualAllocEx(op, NULL, 4096, MEM_COMMIT, PAGE_READWRITE);
    CHECK_EQ("PROCESS_VM_OPERATION: VirtualAllocEx", p != NULL, 1);
    DWORD old;
    CHECK_EQ("  VirtualProtectEx", VirtualProtectEx(op, p, 4096, PAGE_READONLY, &old), 1);
    SetLastError(0);
    Denied("  VirtualQueryEx needs PROCESS_QUERY_INFORMATION", VirtualQueryEx(op, p, &mbi, sizeof mbi) == 0);
    Denied("  GetExitCodeProcess needs a query right", !GetExitCodeProcess(op, &code));
    CHECK_EQ("  VirtualFreeEx", VirtualFreeEx(op, p, 0, MEM_RELEASE), 1);

    HANDLE same = Dup(query, 0, DUPLICATE_SAME_ACCESS);
    Denied("DUPLICATE_SAME_ACCESS keeps PROCESS_QUERY_INFORMATION only",
           VirtualAllocEx(same, NULL, 4096, MEM_COMMIT, PAGE_READWRITE) == NULL);
    HANDLE none = Dup(GetCurrentProcess(), SYNCHRONIZE, 0);
    Denied("SYNCHRONIZE only: no DuplicateHandle into it (PROCESS_DUP_HANDLE)",
           !DuplicateHandle(GetCurrentProcess(), query, none, &same, 0, FALSE, DUPLICATE_SAME_ACCESS));
    /* ReadProcessMemory needs PROCESS_VM_READ, WriteProcessMemory
     * PROCESS_VM_WRITE; a copy stopped by an unreadable page is partial. */
    static volatile DWORD source = 0x11223344, target = 0;
    DWORD value = 0;
    SIZE_T done = 99;
    Denied("  ReadProcessMemory needs PROCESS_VM_READ",
           !ReadProcessMemory(query, (void *)&source, &value, 4, &done));
    CHECK_EQ("    nothing copied", done, 0);
    HANDLE reader = Dup(GetCurrentProcess(), PROCESS_VM_READ, 0);
    CHECK_EQ("PROCESS_VM_READ: ReadProcessMemory", ReadProcessMemory(reader, (void *)&source, &value, 4, &done), 1);
    CHECK_EQ("  the value and the count", value == 0x11223344 && done == 4, 1);
    Denied("  WriteProcessMemory needs PROCESS_VM_WRITE",
           !WriteProcessMemory(reader, (void *)&target, &value, 4, &done));
    HANDLE writer = Dup(GetCurrentProcess(), PROCESS_VM_WRITE | PROCESS_VM_OPERATION, 0);
    CHECK_EQ("PROCESS_VM_WRITE: WriteProcessMemory", WriteProcessMemory(writer, (void *)&target, &value, 4, &done), 1);
    CHECK_EQ("  written", target, 0x11223344);
    BYTE *two = VirtualAlloc(NULL, 0x2000, MEM_RESERVE, PAGE_READWRITE);
    VirtualAlloc(two, 0x1000, MEM_COMMIT, PAGE_READWRITE);
    static BYTE big[0x1800];
    SetLastError(0);
    CHECK_EQ("ReadProcessMemory across into a reserved page fails",
             ReadProcessMemory(reader, two + 0x800, big, 0x1000, &done), 0);
    CHECK_EQ("  ERROR_PARTIAL_COPY", GetLastError(), ERROR_PARTIAL_COPY);
    CHECK_EQ("  the committed part was copied", done, 0x800);
    VirtualFree(two, 0, MEM_RELEASE);
    CloseHandle(writer);
    CloseHandle(reader);

    HANDLE all = Dup(query, PROCESS_ALL_ACCESS, 0);
    p = VirtualAllocEx(all, NULL, 4096, MEM_COMMIT, PAGE_READWRITE);
    CHECK_EQ("a wider mask widens: PROCESS_ALL_ACCESS allocates", p != NULL, 1);
    VirtualFreeEx(all, p, 0, MEM_RELEASE);
    CloseHandle(all);
    CloseHandle(none);
    CloseHandle(same);
    CloseHandle(op);
    CloseHandle(query);
}

static volatile LONG Spin;
static DWORD WINAPI Worker(void *arg)
{
    (void)arg;
    while (!Spin) {
        Sleep(1);
    }
    return 5;
}

static void Threads(void)
{
    DWORD id;
    HANDLE full = CreateThread(NULL, 0, Worker, NULL, CREATE_SUSPENDED, &id);
    CHECK_EQ("CreateThread (suspended)", full != NULL, 1);
    HANDLE query = OpenThread(THREAD_QUERY_INFORMATION, FALSE, id);
    CHECK_EQ("OpenThread(THREAD_QUERY_INFORMATION)", query != NULL, 1);
    CHECK_EQ("  GetThreadId", GetThreadId(query), id);
    SetLastError(0);
    Denied("  SuspendThread needs THREAD_SUSPEND_RESUME", SuspendThread(query) == (DWORD)-1);
    Denied("  ResumeThread needs THREAD_SUSPEND_RESUME", ResumeThread(query) == (DWORD)-1);
    CONTEXT context;
    context.ContextFlags = CONTEXT_CONTROL;
    Denied("  GetThreadContext needs THREAD_GET_CONTEXT", !GetThreadContext(query, &context));
    Denied("  SetThreadContext needs THREAD_SET_CONTEXT", !SetThreadContext(query, &context));
    Denied("  TerminateThread needs THREAD_TERMINATE", !TerminateThread(query, 1));

    HANDLE suspend = Dup(full, THREAD_SUSPEND_RESUME, 0);
    CHECK_EQ("DuplicateHandle(THREAD_SUSPEND_RESUME)", suspend != NULL, 1);
    CHECK_EQ("  GetThreadId needs a query right: 0", GetThreadId(suspend), 0);
    Denied("  GetThreadContext denied", !GetThreadContext(suspend, &context));
    HANDLE get = Dup(full, THREAD_GET_CONTEXT, 0);
    CHECK_EQ("DuplicateHandle(THREAD_GET_CONTEXT) reads the context", GetThreadContext(get, &context), 1);
    CHECK_EQ("  the suspended thread: ResumeThread through the narrow handle", ResumeThread(suspend), 1);
    Spin = 1;
    WaitForSingleObject(full, INFINITE);
    DWORD code = 0;
    GetExitCodeThread(full, &code);
    CHECK_EQ("  it ran and ended", code, 5);
    CloseHandle(get);
    CloseHandle(suspend);
    CloseHandle(query);
    CloseHandle(full);
}

static void Files(void)
{
    NT_READ nt_read = (NT_READ)GetProcAddress(GetModuleHandleA("ntdll.dll"), "NtReadFile");
    HANDLE file = CreateFileA("access.txt", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CHECK_EQ("CreateFile(GENERIC_READ | GENERIC_WRITE)", file != INVALID_HANDLE_VALUE, 1);
    DWORD done = 0;
    CHECK_EQ("  WriteFile", WriteFile(file, "abcd", 4, &done, NULL), 1);

    HANDLE reader = Dup(file, GENERIC_READ, 0);
    CHECK_EQ("DuplicateHandle(GENERIC_READ)", reader != NULL, 1);
    Denied("  WriteFile needs FILE_WRITE_DATA", !WriteFile(reader, "x", 1, &done, NULL));
    SetFilePointer(reader, 0, NULL, FILE_BEGIN);
    char buffer[8] = {0};
    CHECK_EQ("  ReadFile", ReadFile(reader, buffer, 4, &done, NULL) && done == 4 && buffer[0] == 'a', 1);

    HANDLE writer = Dup(file, FILE_WRITE_DATA, 0);
    CHECK_EQ("DuplicateHandle(FILE_WRITE_DATA)", writer != NULL, 1);
    Denied("  ReadFile needs FILE_READ_DATA", !ReadFile(writer, buffer, 4, &done, NULL));
    IO_STATUS iosb;
    CHECK_EQ("  NtReadFile: STATUS_ACCESS_DENIED",
             nt_read(writer, NULL, NULL, NULL, &iosb, buffer, 4, NULL, NULL), STATUS_ACCESS_DENIED);
    CHECK_EQ("  WriteFile", WriteFile(writer, "e", 1, &done, NULL), 1);
    HANDLE same = Dup(writer, 0, DUPLICATE_SAME_ACCESS);
    Denied("DUPLICATE_SAME_ACCESS keeps FILE_WRITE_DATA only", !ReadFile(same, buffer, 4, &done, NULL));
    CloseHandle(same);
    CloseHandle(writer);
    CloseHandle(reader);
    CloseHandle(file);
}

void __cdecl start(void)
{
    Sections();
    Processes();
    Threads();
    Files();
    Finish();
}
