/*
 * Names of the volume and of DOS devices: GetVolumePathName (the mount
 * point a path is on), GetVolumeNameForVolumeMountPoint and
 * GetVolumePathNamesForVolumeName (between "C:\" and the volume's GUID
 * name), QueryDosDevice (what the \GLOBAL?? links of ntmm's namespace
 * name). The machine has one volume, C:, mounted at the root of the
 * drive and nowhere else.
 */
#include "kernel32/fileapi.h"

#define ERROR_NOT_A_REPARSE_POINT 4390

static BOOL VolumeGuidName(WCHAR *name, DWORD size);

static BOOL IsLetter(WCHAR c)
{
    return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static BOOL Fail(DWORD error)
{
    SetLastError(error);
    return FALSE;
}

/* The root given back: all of it when it fits with the null, without its
 * last "\" when that is what is short (Wine's volume tests on Windows). */
static BOOL PutRoot(const WCHAR *root, WCHAR *out, DWORD size)
{
    DWORD n = lstrlenW(root);
    if (size > n) {
        memcpy(out, root, (n + 1) * sizeof(WCHAR));
        return TRUE;
    }
    if (size == n && n >= 3) {
        memcpy(out, root, (n - 1) * sizeof(WCHAR));
        out[n - 1] = 0;
        return TRUE;
    }
    return Fail(ERROR_FILENAME_EXCED_RANGE);
}

BOOL WINAPI GetVolumePathNameW(const WCHAR *name, WCHAR *out, DWORD size)
{
    if (!name || !*name || !out || !size) {
        return Fail(ERROR_INVALID_PARAMETER);
    }
    WCHAR root[8];
    if (name[0] == '\\' && name[1] == '\\' && name[2] == '?' && name[3] == '\\') {
        /* \\?\C:\... keeps its prefix and its case, and the volume's
         * own GUID name is its mount point; nothing else after \\?\ is a
         * volume of this machine. */
        WCHAR guid[64];
        DWORD n = VolumeGuidName(guid, 64) ? (DWORD)lstrlenW(guid) : 0;
        if (n && (DWORD)lstrlenW(name) >= n - 1 && !memcmp(name, guid, 11 * sizeof(WCHAR))) {
            WCHAR given[64];
            memcpy(given, name, (n - 1) * sizeof(WCHAR));
            given[n - 1] = 0;
            guid[n - 1] = 0;
            if (!lstrcmpiW(given, guid) && (name[n - 1] == 0 || name[n - 1] == '\\')) {
                guid[n - 1] = '\\';
                return PutRoot(guid, out, size);
            }
        }
        if (!IsLetter(name[4]) || name[5] != ':') {
            return Fail(ERROR_INVALID_NAME);
        }
        if ((name[4] | 0x20) != 'c') {
            return Fail(ERROR_FILE_NOT_FOUND);
        }
        memcpy(root, name, 6 * sizeof(WCHAR));
        root[6] = '\\';
        root[7] = 0;
        return PutRoot(root, out, size);
    }
    if ((name[0] == '\\' || name[0] == '/') && (name[1] == '\\' || name[1] == '/')) {
        return Fail(ERROR_INVALID_NAME); /* a UNC name: no network here */
    }
    if (name[1] == ':' && name[0] != '\\') {
        if ((name[0] | 0x20) != 'c') {
            return Fail(ERROR_FILE_NOT_FOUND); /* no such drive */
        }
    }
    /* A drive path, a rooted or relative one, \??\...: the current
     * directory's drive, which is C:. */
    static const WCHAR c_root[] = L"C:\\";
    return PutRoot(c_root, out, size);
}

/* An ANSI call over the wide one: the name in, the answer (ASCII) out. */
static BOOL NarrowAnswer(const WCHAR *wide, char *out, DWORD size)
{
    DWORD n = lstrlenW(wide);
    for (DWORD i = 0; i <= n && i < size; i++) {
        out[i] = (char)wide[i];
    }
    return TRUE;
}

BOOL WINAPI GetVolumePathNameA(const char *name, char *out, DWORD size)
{
    if (!name || !*name || !out || !size) {
        return Fail(ERROR_INVALID_PARAMETER);
    }
    WCHAR *wide = BaseNameFromAnsi(name);
    WCHAR answer[MAX_PATH];
    if (!wide) {
        return FALSE;
    }
    BOOL ok = GetVolumePathNameW(wide, answer, size < MAX_PATH ? size : MAX_PATH);
    BaseFreeName(wide);
    return ok && NarrowAnswer(answer, out, size);
}

/* "\\?\Volume{GUID}\", the name volenum.c gives the volume. */
static BOOL VolumeGuidName(WCHAR *name, DWORD size)
{
    HANDLE find = FindFirstVolumeW(name, size);
    if (find == INVALID_HANDLE_VALUE) {
        return FALSE;
    }
    FindVolumeClose(find);
    return TRUE;
}

BOOL WINAPI GetVolumeNameForVolumeMountPointW(const WCHAR *mount_point, WCHAR *name, DWORD size)
{
    if (!mount_point || !name || !size) {
        return Fail(ERROR_INVALID_PARAMETER);
    }
    DWORD n = lstrlenW(mount_point);
    if (!n || mount_point[n - 1] != '\\') {
        return Fail(ERROR_INVALID_NAME); /* a mount point ends in "\" */
    }
    const WCHAR *path = mount_point;
    if (n > 4 && path[0] == '\\' && path[1] == '\\' && path[2] == '?' && path[3] == '\\') {
        path += 4;
        n -= 4;
    }
    if (n == 3 && IsLetter(path[0]) && path[1] == ':') {
        if ((path[0] | 0x20) != 'c') {
            return Fail(ERROR_FILE_NOT_FOUND);
        }
        return VolumeGuidName(name, size);
    }
    /* Any other directory: no volume is mounted there (an existing one is
     * no reparse point; one that is not there is not found). */
    DWORD attributes = GetFileAttributesW(mount_point);
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        return FALSE;
    }
    return Fail(ERROR_NOT_A_REPARSE_POINT);
}

BOOL WINAPI GetVolumeNameForVolumeMountPointA(const char *mount_point, char *name, DWORD size)
{
    if (!mount_point || !name || !size) {
        return Fail(ERROR_INVALID_PARAMETER);
    }
    WCHAR *wide = BaseNameFromAnsi(mount_point);
    WCHAR answer[MAX_PATH];
    if (!wide) {
        return FALSE;
    }
    BOOL ok = GetVolumeNameForVolumeMountPointW(wide, answer, size < MAX_PATH ? size : MAX_PATH);
    BaseFreeName(wide);
    return ok && NarrowAnswer(answer, name, size);
}

/* "C:\" and a second null: the one mount point of the one volume. */
BOOL WINAPI GetVolumePathNamesForVolumeNameW(const WCHAR *volume, WCHAR *names, DWORD size,
                                             DWORD *returned)
{
    WCHAR own[64];
    if (!volume || !*volume) {
        return Fail(ERROR_INVALID_NAME);
    }
    if (!VolumeGuidName(own, sizeof own / sizeof own[0])) {
        return FALSE;
    }
    if (lstrcmpiW(volume, own) != 0) {
        /* Another volume's GUID name is not found; anything else is no name. */
        BOOL guid_name = lstrlenW(volume) == lstrlenW(own) && !memcmp(volume, own, 11 * sizeof(WCHAR));
        return Fail(guid_name ? ERROR_FILE_NOT_FOUND : ERROR_INVALID_NAME);
    }
    static const WCHAR list[5] = L"C:\\\0";
    if (returned) {
        *returned = 5;
    }
    if (!names || size < 5) {
        return Fail(ERROR_MORE_DATA);
    }
    memcpy(names, list, sizeof list);
    return TRUE;
}

BOOL WINAPI GetVolumePathNamesForVolumeNameA(const char *volume, char *names, DWORD size,
                                             DWORD *returned)
{
    if (!volume || !*volume) {
        return Fail(ERROR_INVALID_NAME);
    }
    WCHAR *wide = BaseNameFromAnsi(volume);
    WCHAR list[5];
    if (!wide) {
        return FALSE;
    }
    BOOL ok = GetVolumePathNamesForVolumeNameW(wide, size >= 5 ? list : NULL, size, returned);
    BaseFreeName(wide);
    if (ok) {
        for (int i = 0; i < 5; i++) {
            names[i] = (char)list[i];
        }
    }
    return ok;
}

/*
 * The DOS devices of ntmm's namespace and the NT names their links hold:
 * the drive, the raw disk and the volume under their DOS names, the null
 * device, the console's three names (Windows 8's console driver) and the
 * named-pipe file system.
 */
typedef struct DOS_DEVICE {
    const WCHAR *Name, *Target;
} DOS_DEVICE;

static const DOS_DEVICE Devices[] = {
    {L"C:", L"\\Device\\HarddiskVolume1"},
    {L"CON", L"\\Device\\ConDrv\\Console"},
    {L"CONIN$", L"\\Device\\ConDrv\\CurrentIn"},
    {L"CONOUT$", L"\\Device\\ConDrv\\CurrentOut"},
    {L"HarddiskVolume1", L"\\Device\\HarddiskVolume1"},
    {L"NUL", L"\\Device\\Null"},
    {L"PhysicalDrive0", L"\\Device\\Harddisk0\\DR0"},
    {L"PIPE", L"\\Device\\NamedPipe"},
};

#define DEVICE_COUNT (sizeof Devices / sizeof Devices[0])

/* Appends s and its null at *at if it fits in size; counts it anyway. */
static void Append(WCHAR *out, DWORD size, DWORD *at, const WCHAR *s)
{
    DWORD n = lstrlenW(s) + 1;
    if (out && *at + n <= size) {
        memcpy(out + *at, s, n * sizeof(WCHAR));
    }
    *at += n;
}

/* The volume's GUID name as a device: "Volume{GUID}" → the volume. */
static BOOL VolumeDeviceName(WCHAR *name, DWORD size)
{
    WCHAR guid[64];
    if (!VolumeGuidName(guid, sizeof guid / sizeof guid[0]) || size < 64) {
        return FALSE;
    }
    DWORD n = lstrlenW(guid) - 5; /* without "\\?\" and the last "\" */
    memcpy(name, guid + 4, n * sizeof(WCHAR));
    name[n] = 0;
    return TRUE;
}

/* The multi-string answer: the chars stored, both nulls counted; 0 with
 * ERROR_INSUFFICIENT_BUFFER if they do not fit. */
DWORD WINAPI QueryDosDeviceW(const WCHAR *device, WCHAR *out, DWORD size)
{
    WCHAR volume[64];
    BOOL have_volume = VolumeDeviceName(volume, sizeof volume / sizeof volume[0]);
    DWORD at = 0;
    if (!device) {
        for (DWORD i = 0; i < DEVICE_COUNT; i++) {
            Append(out, size, &at, Devices[i].Name);
        }
        if (have_volume) {
            Append(out, size, &at, volume);
        }
    } else {
        const WCHAR *target = NULL;
        for (DWORD i = 0; i < DEVICE_COUNT && !target; i++) {
            if (!lstrcmpiW(device, Devices[i].Name)) {
                target = Devices[i].Target;
            }
        }
        if (!target && have_volume && !lstrcmpiW(device, volume)) {
            target = Devices[0].Target;
        }
        if (!target) {
            SetLastError(ERROR_FILE_NOT_FOUND);
            return 0;
        }
        Append(out, size, &at, target);
    }
    if (at + 1 > size || !out) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    out[at++] = 0;
    return at;
}

DWORD WINAPI QueryDosDeviceA(const char *device, char *out, DWORD size)
{
    WCHAR *wide = NULL;
    if (device && !(wide = BaseNameFromAnsi(device))) {
        return 0;
    }
    HANDLE heap = NtCurrentPeb()->ProcessHeap;
    WCHAR *answer = size ? RtlAllocateHeap(heap, 0, size * sizeof(WCHAR)) : NULL;
    DWORD n = 0;
    if (size && !answer) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    } else {
        n = QueryDosDeviceW(wide, answer, size);
        for (DWORD i = 0; i < n; i++) {
            out[i] = (char)answer[i]; /* the names are ASCII */
        }
    }
    if (answer) {
        RtlFreeHeap(heap, 0, answer);
    }
    BaseFreeName(wide);
    return n;
}
