/*
 * RtlCreateUnicodeStringFromAsciiz: a UNICODE_STRING of a NUL-terminated
 * ANSI string, its buffer (with a terminating NUL) from the process heap,
 * to be freed with RtlFreeUnicodeString. Each byte becomes the character
 * of the same value: exact for ASCII; bytes 0x80-0x9F, which the ANSI code
 * page (1252, kernel32's nls.c) maps elsewhere, come out as Latin-1's
 * controls (ntdll has no code page tables). FALSE when it would not fit a
 * UNICODE_STRING (more than 32766 characters) or memory runs out.
 */
#include "ntdll/ntdll.h"

BOOLEAN NTAPI RtlCreateUnicodeStringFromAsciiz(UNICODE_STRING *target, const char *source)
{
    ULONG length = (ULONG)strlen(source);
    if (length > 0x7FFE) {
        return FALSE;
    }
    WCHAR *buffer = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, (length + 1) * sizeof(WCHAR));
    if (!buffer) {
        return FALSE;
    }
    for (ULONG i = 0; i <= length; i++) {
        buffer[i] = (UCHAR)source[i];
    }
    target->Buffer = buffer;
    target->Length = (USHORT)(length * sizeof(WCHAR));
    target->MaximumLength = (USHORT)((length + 1) * sizeof(WCHAR));
    return TRUE;
}
