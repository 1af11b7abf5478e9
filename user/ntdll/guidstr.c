/*
 * GUIDs as text, in the registry's form {XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}:
 * RtlStringFromGUID writes it (capitals, on the heap, freed with
 * RtlFreeUnicodeString); RtlGUIDFromString reads exactly that shape, the
 * braces included, in either case, and answers STATUS_INVALID_PARAMETER
 * for anything else.
 */
#include "inc/ntguest.h"

#define GUID_CHARS 38

/* Where each of the 16 bytes' two digits start, in the order the bytes
 * make Data1 (big-endian in the text), Data2, Data3, then Data4. */
static const UCHAR DigitAt[16] = {1, 3, 5, 7, 10, 12, 15, 17, 20, 22, 25, 27, 29, 31, 33, 35};

static int HexValue(WCHAR c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

NTSTATUS NTAPI RtlGUIDFromString(const UNICODE_STRING *string, GUID *guid)
{
    const WCHAR *s = string->Buffer;
    if (string->Length != GUID_CHARS * 2 || s[0] != '{' || s[9] != '-' || s[14] != '-' || s[19] != '-' ||
        s[24] != '-' || s[37] != '}') {
        return STATUS_INVALID_PARAMETER;
    }
    UCHAR bytes[16];
    for (int i = 0; i < 16; i++) {
        int high = HexValue(s[DigitAt[i]]), low = HexValue(s[DigitAt[i] + 1]);
        if (high < 0 || low < 0) {
            return STATUS_INVALID_PARAMETER;
        }
        bytes[i] = (UCHAR)(high << 4 | low);
    }
    guid->Data1 = (ULONG)bytes[0] << 24 | (ULONG)bytes[1] << 16 | (ULONG)bytes[2] << 8 | bytes[3];
    guid->Data2 = (USHORT)(bytes[4] << 8 | bytes[5]);
    guid->Data3 = (USHORT)(bytes[6] << 8 | bytes[7]);
    memcpy(guid->Data4, bytes + 8, 8);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlStringFromGUID(const GUID *guid, UNICODE_STRING *string)
{
    static const char Hex[] = "0123456789ABCDEF";
    WCHAR *s = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, (GUID_CHARS + 1) * 2);
    if (!s) {
        return STATUS_NO_MEMORY;
    }
    UCHAR bytes[16] = {
        (UCHAR)(guid->Data1 >> 24), (UCHAR)(guid->Data1 >> 16), (UCHAR)(guid->Data1 >> 8), (UCHAR)guid->Data1,
        (UCHAR)(guid->Data2 >> 8), (UCHAR)guid->Data2, (UCHAR)(guid->Data3 >> 8), (UCHAR)guid->Data3,
    };
    memcpy(bytes + 8, guid->Data4, 8);
    s[0] = '{', s[9] = s[14] = s[19] = s[24] = '-', s[37] = '}', s[38] = 0;
    for (int i = 0; i < 16; i++) {
        s[DigitAt[i]] = (WCHAR)Hex[bytes[i] >> 4];
        s[DigitAt[i] + 1] = (WCHAR)Hex[bytes[i] & 15];
    }
    string->Buffer = s;
    string->Length = GUID_CHARS * 2;
    string->MaximumLength = (GUID_CHARS + 1) * 2;
    return STATUS_SUCCESS;
}
