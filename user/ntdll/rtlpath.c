/*
 * The Win32 path rules, which NT keeps in user mode: what kind of path a
 * string is, the DOS device names, the full path (the current directory
 * applied, `/` made `\`, `.` and `..` resolved lexically without climbing
 * above the root, trailing dots and spaces dropped) and the NT name the
 * kernel is given (\??\C:\...). The answers are Windows' own, from Wine's
 * conformance tests (dlls/ntdll/tests/path.c).
 *
 * The current directory lives in RTL_USER_PROCESS_PARAMETERS, with a handle
 * to the directory kept open as NT keeps it.
 */
#include "inc/ntfile.h"

#define IS_SEP(c) ((c) == '\\' || (c) == '/')
#define MAX_PATH 260
/* Longest full path built here, in WCHARs with the terminator. */
#define RTLP_PATH_MAX 32768

static WCHAR Upcase(WCHAR c)
{
    return c >= 'a' && c <= 'z' ? (WCHAR)(c - 32) : c;
}

RTL_PATH_TYPE NTAPI RtlDetermineDosPathNameType_U(const WCHAR *path)
{
    if (IS_SEP(path[0])) {
        if (!IS_SEP(path[1])) {
            return RtlPathTypeRooted;
        }
        if (path[2] != '.' && path[2] != '?') {
            return RtlPathTypeUncAbsolute;
        }
        if (IS_SEP(path[3])) {
            return RtlPathTypeLocalDevice;
        }
        return path[3] ? RtlPathTypeUncAbsolute : RtlPathTypeRootLocalDevice;
    }
    if (!path[0] || path[1] != ':') {
        return RtlPathTypeRelative;
    }
    return IS_SEP(path[2]) ? RtlPathTypeDriveAbsolute : RtlPathTypeDriveRelative;
}

/* Whether [name, name+n) is a DOS device name, case-insensitively. */
static BOOLEAN IsDeviceName(const WCHAR *name, ULONG n)
{
    static const char *const three[] = {"AUX", "CON", "NUL", "PRN"};
    if (n == 3) {
        for (int i = 0; i < 4; i++) {
            if (Upcase(name[0]) == three[i][0] && Upcase(name[1]) == three[i][1] &&
                Upcase(name[2]) == three[i][2]) {
                return TRUE;
            }
        }
        return FALSE;
    }
    if (n == 4 && name[3] >= '1' && name[3] <= '9') {
        WCHAR a = Upcase(name[0]), b = Upcase(name[1]), c = Upcase(name[2]);
        return (a == 'C' && b == 'O' && c == 'M') || (a == 'L' && b == 'P' && c == 'T');
    }
    return FALSE;
}

static BOOLEAN EqualsAscii(const WCHAR *name, ULONG n, const char *ascii)
{
    ULONG i;
    for (i = 0; i < n && ascii[i]; i++) {
        if (Upcase(name[i]) != (WCHAR)ascii[i]) {
            return FALSE;
        }
    }
    return i == n && !ascii[i];
}

/* (offset << 16) | length, in bytes, of the device name in the path; 0 if none. */
ULONG NTAPI RtlIsDosDeviceName_U(const WCHAR *path)
{
    RTL_PATH_TYPE type = RtlDetermineDosPathNameType_U(path);
    ULONG length = wcslen(path);
    if (type == RtlPathTypeLocalDevice) {
        return length == 7 && EqualsAscii(path + 4, 3, "CON") ? (8u << 16) | 6u : 0;
    }
    if (type == RtlPathTypeUncAbsolute || type == RtlPathTypeRootLocalDevice || !length) {
        return 0;
    }
    /* The last component (after a separator, or after the drive). */
    ULONG start = length;
    while (start > 0 && !IS_SEP(path[start - 1])) {
        start--;
    }
    if (start == 0 && length >= 2 && path[1] == ':') {
        start = 2;
    }
    const WCHAR *name = path + start;
    ULONG n = length - start;
    if (EqualsAscii(name, n, "CONIN$") || EqualsAscii(name, n, "CONOUT$")) {
        return (start * 2) << 16 | (n * 2);
    }
    /* Whatever follows a dot or a colon, and trailing spaces, do not count. */
    ULONG end = 0;
    while (end < n && name[end] != '.' && name[end] != ':') {
        end++;
    }
    while (end > 0 && name[end - 1] == ' ') {
        end--;
    }
    return IsDeviceName(name, end) ? (start * 2) << 16 | (end * 2) : 0;
}

static RTL_USER_PROCESS_PARAMETERS *Parameters(void)
{
    return NtCurrentPeb()->ProcessParameters;
}

/* A path being built: the root part that `..` never climbs above (C:\,
 * \\server\share\, \\.\) and the components after it. */
typedef struct PATH_BUILDER {
    WCHAR *Buffer;
    ULONG Length;        /* WCHARs used */
    ULONG Root;          /* WCHARs of the root part */
    ULONG Capacity;
    BOOLEAN Overflow;
} PATH_BUILDER;

static void Append(PATH_BUILDER *b, const WCHAR *text, ULONG n)
{
    if (b->Length + n + 1 > b->Capacity) {
        b->Overflow = TRUE;
        return;
    }
    memcpy(b->Buffer + b->Length, text, n * sizeof(WCHAR));
    b->Length += n;
    b->Buffer[b->Length] = 0;
}

static void AppendAscii(PATH_BUILDER *b, const char *text)
{
    while (*text) {
        WCHAR c = (WCHAR)*text++;
        Append(b, &c, 1);
    }
}

/* Adds the components of `rest` (separated by \ or /) to the path. */
static void AppendComponents(PATH_BUILDER *b, const WCHAR *rest, BOOLEAN *trailing)
{
    *trailing = FALSE;
    while (*rest) {
        while (IS_SEP(*rest)) {
            rest++;
        }
        const WCHAR *start = rest;
        while (*rest && !IS_SEP(*rest)) {
            rest++;
        }
        ULONG n = (ULONG)(rest - start);
        BOOLEAN last = !*rest;
        if (n == 0) {
            *trailing = TRUE; /* the path ended with a separator */
            break;
        }
        if (n == 1 && start[0] == '.') {
            *trailing = !last;
            continue;
        }
        if (n == 2 && start[0] == '.' && start[1] == '.') {
            /* Back to the previous separator, never above the root. */
            if (b->Length > b->Root) {
                ULONG at = b->Length;
                while (at > b->Root && b->Buffer[at - 1] != '\\') {
                    at--;
                }
                b->Length = at > b->Root ? at - 1 : b->Root;
                b->Buffer[b->Length] = 0;
            }
            *trailing = !last;
            continue;
        }
        if (last) {
            /* The last name loses its trailing dots and spaces. */
            while (n > 0 && (start[n - 1] == '.' || start[n - 1] == ' ')) {
                n--;
            }
            if (n == 0) {
                *trailing = TRUE;
                break;
            }
        } else if (n >= 2 && start[n - 1] == '.' && start[n - 2] != '.') {
            n--; /* "dir.\" is "dir\" */
        }
        if (b->Length > b->Root) {
            Append(b, L"\\", 1);
        }
        Append(b, start, n);
        *trailing = !last;
    }
    if (*trailing && b->Length > b->Root) {
        Append(b, L"\\", 1);
    }
}

/* The current directory split as the builder wants it: root and the rest. */
static void StartAtCurrentDirectory(PATH_BUILDER *b, BOOLEAN root_only)
{
    const UNICODE_STRING *cwd = &Parameters()->CurrentDirectoryPath;
    const WCHAR *p = cwd->Buffer;
    ULONG n = cwd->Length / 2;
    ULONG root = 3;
    if (n >= 2 && IS_SEP(p[0]) && IS_SEP(p[1])) {
        /* \\server\share\ */
        ULONG seps = 0;
        for (root = 2; root < n && seps < 2; root++) {
            if (p[root] == '\\') {
                seps++;
            }
        }
    }
    if (root > n) {
        root = n;
    }
    Append(b, p, root);
    b->Root = b->Length;
    if (!root_only && n > root) {
        Append(b, p + root, n - root - (p[n - 1] == '\\' ? 1 : 0));
    }
}

/* The full path in b; *file_part is where the last name starts (or ~0). */
static void BuildFullPath(const WCHAR *name, PATH_BUILDER *b, ULONG *file_part)
{
    BOOLEAN trailing = FALSE;
    *file_part = ~0u;
    ULONG device = RtlIsDosDeviceName_U(name);
    RTL_PATH_TYPE type = RtlDetermineDosPathNameType_U(name);
    if (device && type != RtlPathTypeLocalDevice) {
        AppendAscii(b, "\\\\.\\");
        Append(b, name + (device >> 17), (device & 0xFFFF) / 2);
        return;
    }
    switch (type) {
    case RtlPathTypeUncAbsolute: {
        /* \\server\share: `..` stays below the share. */
        AppendAscii(b, "\\\\");
        const WCHAR *p = name + 2;
        ULONG taken = 0;
        for (int part = 0; part < 2 && *p; part++) {
            const WCHAR *s = p;
            while (*p && !IS_SEP(*p)) {
                p++;
            }
            if (part) {
                Append(b, L"\\", 1);
            }
            Append(b, s, (ULONG)(p - s));
            taken++;
            if (!*p) {
                break;
            }
            p++;
            if (part == 0 && !*p) {
                Append(b, L"\\", 1);
            }
        }
        b->Root = b->Length;
        if (*p) {
            Append(b, L"\\", 1);
            b->Root = b->Length;
            AppendComponents(b, p, &trailing);
        }
        break;
    }
    case RtlPathTypeLocalDevice:
        Append(b, L"\\\\", 2);
        Append(b, name + 2, 1);
        Append(b, L"\\", 1);
        b->Root = b->Length;
        AppendComponents(b, name + 4, &trailing);
        break;
    case RtlPathTypeRootLocalDevice:
        Append(b, L"\\\\", 2);
        Append(b, name + 2, 1);
        Append(b, L"\\", 1);
        b->Root = b->Length;
        break;
    case RtlPathTypeDriveAbsolute:
        Append(b, name, 2);
        Append(b, L"\\", 1);
        b->Root = b->Length;
        AppendComponents(b, name + 3, &trailing);
        break;
    case RtlPathTypeDriveRelative: {
        const UNICODE_STRING *cwd = &Parameters()->CurrentDirectoryPath;
        if (cwd->Length >= 4 && Upcase(cwd->Buffer[0]) == Upcase(name[0]) && cwd->Buffer[1] == ':') {
            StartAtCurrentDirectory(b, FALSE);
        } else {
            /* Another drive's current directory is its root here. */
            WCHAR root[3] = {Upcase(name[0]), ':', '\\'};
            Append(b, root, 3);
            b->Root = b->Length;
        }
        AppendComponents(b, name + 2, &trailing);
        break;
    }
    case RtlPathTypeRooted:
        StartAtCurrentDirectory(b, TRUE);
        AppendComponents(b, name + 1, &trailing);
        break;
    default:
        StartAtCurrentDirectory(b, FALSE);
        AppendComponents(b, name, &trailing);
        break;
    }
    if (!b->Overflow && b->Length > b->Root && b->Buffer[b->Length - 1] != '\\') {
        ULONG at = b->Length;
        while (at > 0 && b->Buffer[at - 1] != '\\') {
            at--;
        }
        *file_part = at;
    }
}

static WCHAR *AllocateStrings(ULONG bytes)
{
    return RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, bytes);
}

static void FreeStrings(void *p)
{
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, p);
}

/* The length in bytes of the full path (not counting the terminator), or,
 * if it does not fit in `size` bytes, the size it needs; 0 on a bad name. */
ULONG NTAPI RtlGetFullPathName_U(const WCHAR *name, ULONG size, WCHAR *buffer, WCHAR **file_part)
{
    if (!name || !name[0]) {
        return 0;
    }
    PATH_BUILDER b = {AllocateStrings(RTLP_PATH_MAX * 2), 0, 0, RTLP_PATH_MAX, FALSE};
    if (!b.Buffer) {
        return 0;
    }
    b.Buffer[0] = 0;
    ULONG file;
    BuildFullPath(name, &b, &file);
    ULONG result;
    if (b.Overflow) {
        result = 0;
    } else if ((b.Length + 1) * 2 > size) {
        result = (b.Length + 1) * 2;
    } else {
        memcpy(buffer, b.Buffer, (b.Length + 1) * 2);
        if (file_part) {
            *file_part = file == ~0u ? NULL : buffer + file;
        }
        result = b.Length * 2;
    }
    FreeStrings(b.Buffer);
    return result;
}

static BOOLEAN AllSpaces(const WCHAR *s)
{
    while (*s == ' ') {
        s++;
    }
    return !*s;
}

/* Whether the first `chars` characters of a DOS path name a directory
 * that exists: a DOS device name after a directory ("C:\dir\nul") is the
 * device only there (Wine's ntdll path.c:578, run on Windows). */
static BOOLEAN DirectoryExists(const WCHAR *dos, ULONG chars)
{
    WCHAR *prefix = AllocateStrings((chars + 1) * 2);
    if (!prefix) {
        return FALSE;
    }
    memcpy(prefix, dos, chars * 2);
    prefix[chars] = 0;
    UNICODE_STRING nt = {0, 0, NULL};
    NTSTATUS status = RtlDosPathNameToNtPathName_U_WithStatus(prefix, &nt, NULL, NULL);
    FreeStrings(prefix);
    HANDLE handle = NULL;
    if (status == STATUS_SUCCESS) {
        OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL};
        IO_STATUS_BLOCK iosb;
        status = NtOpenFile(&handle, FILE_READ_ATTRIBUTES | SYNCHRONIZE, &oa, &iosb,
                            FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                            FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT);
        RtlFreeUnicodeString(&nt);
    }
    if (status == STATUS_SUCCESS) {
        NtClose(handle);
    }
    return status == STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlDosPathNameToNtPathName_U_WithStatus(const WCHAR *dos, UNICODE_STRING *nt,
                                                       WCHAR **file_part, PVOID relative)
{
    (void)relative;
    if (file_part) {
        *file_part = NULL;
    }
    if (!dos || AllSpaces(dos)) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    PATH_BUILDER b = {AllocateStrings(RTLP_PATH_MAX * 2 + 16), 0, 0, RTLP_PATH_MAX + 8, FALSE};
    if (!b.Buffer) {
        return STATUS_NO_MEMORY;
    }
    b.Buffer[0] = 0;
    ULONG file = ~0u;
    AppendAscii(&b, "\\??\\");
    if (dos[0] == '\\' && (dos[1] == '\\' || (dos[1] == '?' && dos[4])) && dos[2] == '?' &&
        dos[3] == '\\') {
        /* \\?\ and \??\ pass through untouched: the caller meant this name
         * (a bare \??\ is a rooted path like any other). */
        Append(&b, dos + 4, wcslen(dos + 4));
        if (b.Length > 4 && b.Buffer[b.Length - 1] != '\\') {
            ULONG at = b.Length;
            while (at > 4 && b.Buffer[at - 1] != '\\') {
                at--;
            }
            file = at;
        }
    } else {
        ULONG device_at = RtlIsDosDeviceName_U(dos) >> 16; /* bytes before the device's name */
        if (device_at && RtlDetermineDosPathNameType_U(dos) != RtlPathTypeLocalDevice &&
            !DirectoryExists(dos, device_at / 2)) {
            FreeStrings(b.Buffer);
            return STATUS_OBJECT_NAME_INVALID;
        }
        PATH_BUILDER full = {AllocateStrings(RTLP_PATH_MAX * 2), 0, 0, RTLP_PATH_MAX, FALSE};
        if (!full.Buffer) {
            FreeStrings(b.Buffer);
            return STATUS_NO_MEMORY;
        }
        full.Buffer[0] = 0;
        ULONG full_file;
        BuildFullPath(dos, &full, &full_file);
        ULONG skip = 0;
        if (full.Length >= 4 && full.Buffer[0] == '\\' && full.Buffer[1] == '\\' &&
            (full.Buffer[2] == '.' || full.Buffer[2] == '?') && full.Buffer[3] == '\\') {
            skip = 4; /* \\.\X → \??\X */
        } else if (full.Length >= 2 && full.Buffer[0] == '\\' && full.Buffer[1] == '\\') {
            AppendAscii(&b, "UNC\\");
            skip = 2;
        }
        Append(&b, full.Buffer + skip, full.Length - skip);
        if (full_file != ~0u) {
            file = full_file - skip + (b.Length - (full.Length - skip));
        }
        b.Overflow |= full.Overflow;
        FreeStrings(full.Buffer);
    }
    if (b.Overflow || b.Length * 2 > 0xFFFC) {
        FreeStrings(b.Buffer);
        return STATUS_NAME_TOO_LONG;
    }
    nt->Buffer = b.Buffer;
    nt->Length = (USHORT)(b.Length * 2);
    nt->MaximumLength = (USHORT)(b.Length * 2 + 2);
    if (file_part) {
        *file_part = file == ~0u ? NULL : b.Buffer + file;
    }
    return STATUS_SUCCESS;
}

BOOLEAN NTAPI RtlDosPathNameToNtPathName_U(const WCHAR *dos, UNICODE_STRING *nt, WCHAR **file_part,
                                           PVOID relative)
{
    return NT_SUCCESS(RtlDosPathNameToNtPathName_U_WithStatus(dos, nt, file_part, relative));
}

void NTAPI RtlFreeUnicodeString(UNICODE_STRING *string)
{
    if (string->Buffer) {
        FreeStrings(string->Buffer);
    }
    string->Buffer = NULL;
    string->Length = string->MaximumLength = 0;
}

/* The current directory without its trailing backslash (C:\ keeps it). */
ULONG NTAPI RtlGetCurrentDirectory_U(ULONG size, WCHAR *buffer)
{
    const UNICODE_STRING *cwd = &Parameters()->CurrentDirectoryPath;
    ULONG n = cwd->Length / 2;
    if (n > 3 && cwd->Buffer[n - 1] == '\\') {
        n--;
    }
    if ((n + 1) * 2 > size) {
        return (n + 1) * 2;
    }
    memcpy(buffer, cwd->Buffer, n * 2);
    buffer[n] = 0;
    return n * 2;
}

NTSTATUS NTAPI RtlSetCurrentDirectory_U(UNICODE_STRING *directory)
{
    RTL_USER_PROCESS_PARAMETERS *params = Parameters();
    WCHAR *name = AllocateStrings(directory->Length + 2);
    WCHAR *full = AllocateStrings(RTLP_PATH_MAX * 2);
    NTSTATUS status = name && full ? STATUS_SUCCESS : STATUS_NO_MEMORY;
    ULONG length = 0;
    if (status == STATUS_SUCCESS) {
        memcpy(name, directory->Buffer, directory->Length);
        name[directory->Length / 2] = 0;
        length = RtlGetFullPathName_U(name, RTLP_PATH_MAX * 2 - 2, full, NULL) / 2;
        if (length == 0) {
            status = STATUS_OBJECT_NAME_INVALID;
        } else if (full[length - 1] != '\\') {
            full[length++] = '\\';
            full[length] = 0;
        }
        if (status == STATUS_SUCCESS && length >= MAX_PATH - 1) {
            status = STATUS_NAME_TOO_LONG; /* the current directory is at most MAX_PATH - 2 */
        }
    }
    UNICODE_STRING nt = {0, 0, NULL};
    if (status == STATUS_SUCCESS) {
        status = RtlDosPathNameToNtPathName_U_WithStatus(full, &nt, NULL, NULL);
    }
    HANDLE handle = NULL;
    if (status == STATUS_SUCCESS) {
        OBJECT_ATTRIBUTES oa = {sizeof oa, NULL, &nt, OBJ_CASE_INSENSITIVE, NULL, NULL};
        IO_STATUS_BLOCK iosb;
        status = NtOpenFile(&handle, FILE_TRAVERSE | SYNCHRONIZE, &oa, &iosb,
                            FILE_SHARE_READ | FILE_SHARE_WRITE,
                            FILE_DIRECTORY_FILE | FILE_SYNCHRONOUS_IO_NONALERT);
        RtlFreeUnicodeString(&nt);
    }
    if (status == STATUS_SUCCESS) {
        UNICODE_STRING *cwd = &params->CurrentDirectoryPath;
        if (cwd->MaximumLength < MAX_PATH * 2) {
            /* The first change: a buffer of MAX_PATH, as NT's. */
            WCHAR *buffer = AllocateStrings(MAX_PATH * 2);
            if (!buffer) {
                NtClose(handle);
                status = STATUS_NO_MEMORY;
            } else {
                cwd->Buffer = buffer;
                cwd->MaximumLength = MAX_PATH * 2;
            }
        }
        if (status == STATUS_SUCCESS) {
            memcpy(cwd->Buffer, full, (length + 1) * 2);
            cwd->Length = (USHORT)(length * 2);
            if (params->CurrentDirectoryHandle) {
                NtClose(params->CurrentDirectoryHandle);
            }
            params->CurrentDirectoryHandle = handle;
        }
    }
    if (name) {
        FreeStrings(name);
    }
    if (full) {
        FreeStrings(full);
    }
    return status;
}
