/*
 * File mappings: CreateFileMapping, OpenFileMapping, MapViewOfFile(Ex),
 * UnmapViewOfFile, FlushViewOfFile — kernel32's wrappers of the section
 * services, as Windows writes them. A file handle maps that file;
 * INVALID_HANDLE_VALUE makes a section backed by the paging file.
 * Names go in \BaseNamedObjects ("Local\" is the same place in the one
 * session there is).
 */
#include "kernel32/kernel32.h"

#define SECTION_ALL_ACCESS  0x000F001Fu
#define FILE_MAP_COPY       0x00000001u
#define FILE_MAP_WRITE      0x00000002u
#define FILE_MAP_READ       0x00000004u
#define FILE_MAP_EXECUTE    0x00000020u
#define SEC_COMMIT          0x08000000u
#define SEC_RESERVE         0x04000000u
#define SEC_IMAGE           0x01000000u
#define PAGE_NOACCESS       0x01u
#define PAGE_READONLY       0x02u
#define PAGE_READWRITE      0x04u
#define PAGE_WRITECOPY      0x08u
#define PAGE_EXECUTE_READ   0x20u
#define PAGE_EXECUTE_READWRITE 0x40u
#define PAGE_EXECUTE_WRITECOPY 0x80u
#define ViewShare 1
#define STATUS_SECTION_PROTECTION ((NTSTATUS)0xC000004EL)
#define ERROR_ACCESS_DENIED 5

OBJECT_ATTRIBUTES *BaseFormatObjectAttributes(const WCHAR *name, WCHAR *buffer, ULONG chars,
                                         UNICODE_STRING *string, OBJECT_ATTRIBUTES *oa,
                                         ULONG attributes)
{
    static const WCHAR prefix[] = L"\\BaseNamedObjects\\";
    static const WCHAR local[] = L"Local\\";
    oa->Length = sizeof *oa;
    oa->RootDirectory = NULL;
    oa->ObjectName = NULL;
    oa->Attributes = attributes;
    oa->SecurityDescriptor = oa->SecurityQualityOfService = NULL;
    if (!name) {
        return oa;
    }
    ULONG n = 0;
    for (ULONG i = 0; prefix[i] && n + 1 < chars; i++) {
        buffer[n++] = prefix[i];
    }
    ULONG skip = 0;
    while (local[skip] && name[skip] == local[skip]) {
        skip++;
    }
    if (local[skip]) {
        skip = 0; /* not "Local\" */
    }
    for (const WCHAR *c = name + skip; *c && n + 1 < chars; c++) {
        buffer[n++] = *c;
    }
    buffer[n] = 0;
    RtlInitUnicodeString(string, buffer);
    oa->ObjectName = string;
    return oa;
}

const WCHAR *BaseWidenName(const char *name, WCHAR *buffer, ULONG chars)
{
    if (!name) {
        return NULL;
    }
    MultiByteToWideChar(0, 0, name, -1, buffer, (int)chars);
    buffer[chars - 1] = 0;
    return buffer;
}

HANDLE WINAPI CreateFileMappingW(HANDLE file, void *security, DWORD protect, DWORD maximum_high,
                                 DWORD maximum_low, const WCHAR *name)
{
    if (file == INVALID_HANDLE_VALUE) {
        file = NULL; /* the paging file backs it: NtCreateSection's NULL */
    } else if (!file) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    DWORD attributes = protect & (SEC_COMMIT | SEC_RESERVE | SEC_IMAGE);
    protect &= ~(SEC_COMMIT | SEC_RESERVE | SEC_IMAGE);
    WCHAR path[300];
    UNICODE_STRING string;
    OBJECT_ATTRIBUTES oa;
    BaseFormatObjectAttributes(name, path, 300, &string, &oa, OBJ_OPENIF | BaseInheritAttribute(security));
    LARGE_INTEGER size;
    size.u.LowPart = maximum_low;
    size.u.HighPart = (LONG)maximum_high;
    HANDLE section = NULL;
    /* A size of 0 is the file's size (kernel32 passes no size then). */
    NTSTATUS status = NtCreateSection(&section, SECTION_ALL_ACCESS, &oa,
                                      maximum_high || maximum_low ? &size : NULL, protect,
                                      attributes ? attributes : SEC_COMMIT, file);
    if (status == STATUS_OBJECT_NAME_EXISTS) {
        SetLastError(183); /* ERROR_ALREADY_EXISTS: the handle is to the existing one */
        return section;
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    SetLastError(0);
    return section;
}

HANDLE WINAPI CreateFileMappingA(HANDLE file, void *security, DWORD protect, DWORD maximum_high,
                                 DWORD maximum_low, const char *name)
{
    WCHAR wide[260];
    return CreateFileMappingW(file, security, protect, maximum_high, maximum_low,
                              BaseWidenName(name, wide, 260));
}

HANDLE WINAPI OpenFileMappingW(DWORD access, BOOL inherit, const WCHAR *name)
{
    if (!name) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return NULL;
    }
    WCHAR path[300];
    UNICODE_STRING string;
    OBJECT_ATTRIBUTES oa;
    BaseFormatObjectAttributes(name, path, 300, &string, &oa, inherit ? OBJ_INHERIT : 0);
    HANDLE section = NULL;
    NTSTATUS status = NtOpenSection(&section, access, &oa);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    return section;
}

HANDLE WINAPI OpenFileMappingA(DWORD access, BOOL inherit, const char *name)
{
    WCHAR wide[260];
    return OpenFileMappingW(access, inherit, BaseWidenName(name, wide, 260));
}

/*
 * FILE_MAP_* → the view's page protection, as kernel32 computes it:
 * FILE_MAP_EXECUTE adds execute to whatever the rest gives; FILE_MAP_COPY
 * means copy-on-write only on its own (with FILE_MAP_WRITE the view is
 * read/write, with FILE_MAP_READ read-only); anything else with neither
 * read nor write (SECTION_MAP_EXECUTE alone, say) maps nothing.
 */
DWORD BaseFileMapProtection(DWORD access)
{
    BOOL execute = (access & FILE_MAP_EXECUTE) != 0;
    access &= ~FILE_MAP_EXECUTE;
    if (access == FILE_MAP_COPY) {
        return execute ? PAGE_EXECUTE_WRITECOPY : PAGE_WRITECOPY;
    }
    if (access & FILE_MAP_WRITE) {
        return execute ? PAGE_EXECUTE_READWRITE : PAGE_READWRITE;
    }
    if (access & FILE_MAP_READ) {
        return execute ? PAGE_EXECUTE_READ : PAGE_READONLY;
    }
    return PAGE_NOACCESS;
}

PVOID WINAPI MapViewOfFileEx(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low,
                             SIZE_T bytes, PVOID base)
{
    LARGE_INTEGER offset;
    offset.u.LowPart = offset_low;
    offset.u.HighPart = (LONG)offset_high;
    SIZE_T size = bytes;
    NTSTATUS status = NtMapViewOfSection(mapping, NtCurrentProcess(), &base, 0, 0, &offset,
                                        &size, ViewShare, 0, BaseFileMapProtection(access));
    if (status == STATUS_SECTION_PROTECTION) {
        /* A view the mapping does not allow: Windows' MapViewOfFile says
         * ERROR_ACCESS_DENIED (the native status itself reads as
         * ERROR_INVALID_PARAMETER). */
        SetLastError(ERROR_ACCESS_DENIED);
        return NULL;
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return NULL;
    }
    return base;
}

PVOID WINAPI MapViewOfFile(HANDLE mapping, DWORD access, DWORD offset_high, DWORD offset_low,
                           SIZE_T bytes)
{
    return MapViewOfFileEx(mapping, access, offset_high, offset_low, bytes, NULL);
}

BOOL WINAPI UnmapViewOfFile(const void *base)
{
    NTSTATUS status = NtUnmapViewOfSection(NtCurrentProcess(), (PVOID)base);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

/* The dirty pages of a file's view go to the file now (a view of the
 * paging file has nothing to write, and succeeds). */
BOOL WINAPI FlushViewOfFile(const void *base, SIZE_T bytes)
{
    PVOID address = (PVOID)base;
    SIZE_T size = bytes;
    IO_STATUS_BLOCK io;
    NTSTATUS status = NtFlushVirtualMemory(NtCurrentProcess(), &address, &size, &io);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}

BOOL WINAPI DuplicateHandle(HANDLE source_process, HANDLE source, HANDLE target_process,
                            HANDLE *target, DWORD access, BOOL inherit, DWORD options)
{
    NTSTATUS status = NtDuplicateObject(source_process, source, target_process, target, access,
                                        inherit ? OBJ_INHERIT : 0, options);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}
