/*
 * An image's headers and its base relocations, as a loader outside ntdll
 * needs them: RtlImageNtHeader finds the NT headers of a mapped image and
 * LdrProcessRelocationBlock applies one block of its .reloc section (a
 * program that maps an image itself, as Wine's virtual.c test maps a
 * second copy of ntdll with SEC_IMAGE, relocates it with these).
 */
#include "ntdll/ntdll.h"

#define IMAGE_DOS_SIGNATURE 0x5A4Du      /* "MZ" */
#define IMAGE_NT_SIGNATURE  0x00004550u  /* "PE\0\0" */

/* Base relocation types (the high 4 bits of each entry). */
#define IMAGE_REL_BASED_ABSOLUTE 0   /* padding: nothing to do */
#define IMAGE_REL_BASED_HIGH     1
#define IMAGE_REL_BASED_LOW      2
#define IMAGE_REL_BASED_HIGHLOW  3
#define IMAGE_REL_BASED_HIGHADJ  4   /* takes the next entry as the low half */

/* The NT headers of the image at base, or NULL when base does not start
 * with an MZ header whose e_lfanew leads to a "PE\0\0" signature (NT also
 * refuses an e_lfanew of 256 MB or more). NULL and INVALID_HANDLE_VALUE
 * are no image either. The image is the caller's memory: an unreadable one
 * faults in the caller, as on Windows. */
IMAGE_NT_HEADERS *NTAPI RtlImageNtHeader(PVOID base)
{
    const BYTE *image = base;
    USHORT magic;
    ULONG nt_offset, signature;
    if (!image || image == (const BYTE *)-1) {
        return NULL;
    }
    memcpy(&magic, image, 2);
    if (magic != IMAGE_DOS_SIGNATURE) {
        return NULL;
    }
    memcpy(&nt_offset, image + 0x3C, 4);
    if (nt_offset >= 0x10000000u) {
        return NULL;
    }
    memcpy(&signature, image + nt_offset, 4);
    return signature == IMAGE_NT_SIGNATURE ? (IMAGE_NT_HEADERS *)(image + nt_offset) : NULL;
}

static void Add16(BYTE *at, USHORT delta)
{
    USHORT v;
    memcpy(&v, at, 2);
    v = (USHORT)(v + delta);
    memcpy(at, &v, 2);
}

/* Applies count relocation entries to the page at page_va, moving each
 * address by delta. Returns where the next block starts (just past the
 * entries), or NULL at an entry type a 32-bit image cannot hold, as NT's
 * loader answers (it then refuses the image). */
IMAGE_BASE_RELOCATION *NTAPI LdrProcessRelocationBlock(ULONG_PTR page_va, ULONG count,
                                                       USHORT *entries, LONG delta)
{
    BYTE *page = (BYTE *)page_va;
    for (ULONG i = 0; i < count; i++) {
        BYTE *at = page + (entries[i] & 0x0FFF);
        ULONG v;
        switch (entries[i] >> 12) {
        case IMAGE_REL_BASED_ABSOLUTE:
            break;
        case IMAGE_REL_BASED_HIGH:
            Add16(at, (USHORT)((ULONG)delta >> 16));
            break;
        case IMAGE_REL_BASED_LOW:
            Add16(at, (USHORT)delta);
            break;
        case IMAGE_REL_BASED_HIGHLOW:
            memcpy(&v, at, 4);
            v += (ULONG)delta;
            memcpy(at, &v, 4);
            break;
        case IMAGE_REL_BASED_HIGHADJ: {
            /* The high half of a 32-bit value whose low half is the next
             * entry; the sum is rounded to carry into the high half. */
            if (i + 1 >= count) {
                return NULL;
            }
            USHORT high;
            memcpy(&high, at, 2);
            v = ((ULONG)high << 16) + (ULONG)(LONG)(short)entries[++i] + (ULONG)delta + 0x8000u;
            high = (USHORT)(v >> 16);
            memcpy(at, &high, 2);
            break;
        }
        default:   /* IMAGE_REL_BASED_DIR64 and the rest: not in a PE32 image */
            return NULL;
        }
    }
    return (IMAGE_BASE_RELOCATION *)(entries + count);
}
