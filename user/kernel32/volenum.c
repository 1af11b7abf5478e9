/*
 * Enumerating volumes (FindFirstVolumeW, FindNextVolumeW, FindVolumeClose):
 * the machine has one volume, C:, named as the mount manager names a volume,
 * "\\?\Volume{GUID}\". ntmm has no mount manager to keep a GUID, so the
 * volume's GUID is made from what identifies it, its serial number:
 * {SSSSSSSS-0000-0000-0000-000000000000}. libstdc++'s std::filesystem
 * imports these.
 */
#include "kernel32/kernel32.h"

#define ERROR_NO_MORE_FILES 18
#define ERROR_FILENAME_EXCED_RANGE 206
#define VOLUME_NAME_CHARS 50   /* \\?\Volume{8-4-4-4-12}\ and the null */

BOOL WINAPI GetVolumeInformationW(const WCHAR *root, WCHAR *label, DWORD label_size, DWORD *serial,
                                  DWORD *max_component, DWORD *flags, WCHAR *fs_name,
                                  DWORD fs_name_size);

typedef struct VOLUME_FIND {
    ULONG Magic;
} VOLUME_FIND;

#define VOLUME_FIND_MAGIC 0x566F6C46u /* "FloV" */

static void PutHex(WCHAR *out, ULONG value, int digits)
{
    for (int i = digits - 1; i >= 0; i--, value >>= 4) {
        out[i] = (WCHAR)"0123456789abcdef"[value & 15];
    }
}

static BOOL VolumeName(WCHAR *name, DWORD length)
{
    static const WCHAR prefix[] = L"\\\\?\\Volume{";
    static const WCHAR tail[] = L"-0000-0000-0000-000000000000}\\";
    DWORD serial;
    if (!GetVolumeInformationW(L"C:\\", NULL, 0, &serial, NULL, NULL, NULL, 0)) {
        return FALSE;
    }
    if (length < VOLUME_NAME_CHARS) {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return FALSE;
    }
    memcpy(name, prefix, sizeof prefix - sizeof(WCHAR));
    PutHex(name + 11, serial, 8);
    memcpy(name + 19, tail, sizeof tail);
    return TRUE;
}

HANDLE WINAPI FindFirstVolumeW(WCHAR *name, DWORD length)
{
    if (!VolumeName(name, length)) {
        return INVALID_HANDLE_VALUE;
    }
    VOLUME_FIND *find = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, sizeof *find);
    if (!find) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return INVALID_HANDLE_VALUE;
    }
    find->Magic = VOLUME_FIND_MAGIC; /* C: is the first volume and the last */
    return (HANDLE)find;
}

static VOLUME_FIND *Find(HANDLE handle)
{
    VOLUME_FIND *find = (VOLUME_FIND *)handle;
    if (!find || handle == INVALID_HANDLE_VALUE || find->Magic != VOLUME_FIND_MAGIC) {
        SetLastError(ERROR_INVALID_HANDLE);
        return NULL;
    }
    return find;
}

BOOL WINAPI FindNextVolumeW(HANDLE handle, WCHAR *name, DWORD length)
{
    VOLUME_FIND *find = Find(handle);
    if (!find) {
        return FALSE;
    }
    (void)name;
    (void)length;
    SetLastError(ERROR_NO_MORE_FILES);
    return FALSE;
}

BOOL WINAPI FindVolumeClose(HANDLE handle)
{
    VOLUME_FIND *find = Find(handle);
    if (!find) {
        return FALSE;
    }
    find->Magic = 0;
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, find);
    return TRUE;
}

/* The A forms: the names are ASCII. */
static void Narrow(const WCHAR *wide, char *name)
{
    while ((*name++ = (char)*wide++)) {
    }
}

HANDLE WINAPI FindFirstVolumeA(char *name, DWORD length)
{
    WCHAR wide[VOLUME_NAME_CHARS];
    HANDLE find = FindFirstVolumeW(wide, length < VOLUME_NAME_CHARS ? length : VOLUME_NAME_CHARS);
    if (find != INVALID_HANDLE_VALUE) {
        Narrow(wide, name);
    }
    return find;
}

BOOL WINAPI FindNextVolumeA(HANDLE handle, char *name, DWORD length)
{
    WCHAR wide[VOLUME_NAME_CHARS];
    (void)name;
    return FindNextVolumeW(handle, wide, length < VOLUME_NAME_CHARS ? length : VOLUME_NAME_CHARS);
}
