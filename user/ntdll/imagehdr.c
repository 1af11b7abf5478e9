/*
 * RtlImageNtHeader: the NT headers of the image mapped at base, or NULL
 * when base is not an image: no "MZ", an e_lfanew that points too far
 * (NT's RtlImageNtHeaderEx refuses 256 MiB and beyond), or no "PE\0\0"
 * there. NULL and INVALID_HANDLE_VALUE are no image either. The optional
 * header's magic is not checked: Windows answers with the headers of a
 * PE32+ image too, and the caller reads OptionalHeader.Magic itself.
 */
#include "ntdll/ntdll.h"

PVOID NTAPI RtlImageNtHeader(PVOID base)
{
    const BYTE *image = base;
    if (!image || image == (const BYTE *)-1 || image[0] != 'M' || image[1] != 'Z') {
        return NULL;
    }
    ULONG lfanew;
    memcpy(&lfanew, image + 0x3C, sizeof lfanew);
    if (lfanew >= 0x10000000u) {
        return NULL;
    }
    const BYTE *nt = image + lfanew;
    return nt[0] == 'P' && nt[1] == 'E' && !nt[2] && !nt[3] ? (PVOID)nt : NULL;
}
