/*
 * Integers to and from text: RtlCharToInteger and RtlUnicodeStringToInteger
 * read, RtlIntegerToChar, RtlLargeIntegerToChar, RtlIntegerToUnicodeString
 * and RtlInt64ToUnicodeString write. Bases are 2, 8, 10 and 16; base 0
 * reads a 0b, 0o or 0x prefix (else decimal) and writes decimal. Reading
 * skips leading blanks (every character up to ' '), takes one sign and
 * stops at the first character that is not a digit of the base; the value
 * wraps modulo 2^32 as NT's does. Digits above 9 are written in capitals.
 */
#include "inc/ntguest.h"

static BOOLEAN ValidBase(ULONG base)
{
    return base == 2 || base == 8 || base == 10 || base == 16;
}

static int DigitValue(WCHAR c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'z') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A' + 10;
    }
    return 99;
}

/* The reader both callers share, over `count` characters fetched by
 * index (a CHAR string ends at its NUL, a UNICODE_STRING at its Length). */
typedef WCHAR (*CHAR_AT)(const void *text, ULONG index);

static NTSTATUS ReadInteger(const void *text, ULONG count, CHAR_AT at, ULONG base, ULONG *value)
{
    ULONG i = 0;
    while (i < count && at(text, i) != 0 && at(text, i) <= ' ') {
        i++;
    }
    BOOLEAN negative = FALSE;
    if (i < count && (at(text, i) == '+' || at(text, i) == '-')) {
        negative = at(text, i++) == '-';
    }
    if (base == 0) {
        base = 10;
        if (i + 1 < count && at(text, i) == '0') {
            WCHAR prefix = at(text, i + 1);
            base = prefix == 'b' ? 2 : prefix == 'o' ? 8 : prefix == 'x' ? 16 : 10;
            if (base != 10) {
                i += 2;
            }
        }
    } else if (!ValidBase(base)) {
        return STATUS_INVALID_PARAMETER;
    }
    if (!value) {
        return STATUS_ACCESS_VIOLATION;
    }
    ULONG total = 0;
    for (; i < count; i++) {
        int digit = DigitValue(at(text, i));
        if (digit >= (int)base) {
            break;
        }
        total = total * base + (ULONG)digit;
    }
    *value = negative ? 0u - total : total;
    return STATUS_SUCCESS;
}

static WCHAR AnsiAt(const void *text, ULONG index)
{
    return (UCHAR)((const CHAR *)text)[index];
}

static WCHAR WideAt(const void *text, ULONG index)
{
    return ((const WCHAR *)text)[index];
}

NTSTATUS NTAPI RtlCharToInteger(const CHAR *string, ULONG base, ULONG *value)
{
    return ReadInteger(string, strlen(string), AnsiAt, base, value);
}

NTSTATUS NTAPI RtlUnicodeStringToInteger(const UNICODE_STRING *string, ULONG base, ULONG *value)
{
    return ReadInteger(string->Buffer, string->Length / 2, WideAt, base, value);
}

/* The digits of value, most significant first, at the end of buf[65];
 * the first digit's index. */
static ULONG WriteDigits(ULONGLONG value, ULONG base, CHAR buf[65])
{
    ULONG i = 64;
    buf[64] = 0;
    do {
        ULONG digit = (ULONG)(value % base);
        buf[--i] = (CHAR)(digit < 10 ? '0' + digit : 'A' + digit - 10);
        value /= base;
    } while (value);
    return i;
}

/* Into a byte buffer of `length`: terminated if there is room past the
 * digits, STATUS_BUFFER_OVERFLOW if the digits themselves do not fit. */
static NTSTATUS ToChar(ULONGLONG value, ULONG base, LONG length, CHAR *string)
{
    if (base == 0) {
        base = 10;
    } else if (!ValidBase(base)) {
        return STATUS_INVALID_PARAMETER;
    }
    CHAR buf[65];
    ULONG first = WriteDigits(value, base, buf), digits = 64 - first;
    if (length < (LONG)digits) {
        return STATUS_BUFFER_OVERFLOW;
    }
    if (!string) {
        return STATUS_ACCESS_VIOLATION;
    }
    memcpy(string, buf + first, digits);
    if (length > (LONG)digits) {
        string[digits] = 0;
    }
    return STATUS_SUCCESS;
}

/* Into a UNICODE_STRING, always terminated: Length is the digits' even
 * when they and the terminator do not fit (STATUS_BUFFER_OVERFLOW). */
static NTSTATUS ToUnicode(ULONGLONG value, ULONG base, UNICODE_STRING *string)
{
    if (base == 0) {
        base = 10;
    } else if (!ValidBase(base)) {
        return STATUS_INVALID_PARAMETER;
    }
    CHAR buf[65];
    ULONG first = WriteDigits(value, base, buf), digits = 64 - first;
    string->Length = (USHORT)(digits * 2);
    if (string->Length >= string->MaximumLength) {
        return STATUS_BUFFER_OVERFLOW;
    }
    for (ULONG i = 0; i <= digits; i++) {
        string->Buffer[i] = (UCHAR)buf[first + i];
    }
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlIntegerToChar(ULONG value, ULONG base, LONG length, CHAR *string)
{
    return ToChar(value, base, length, string);
}

NTSTATUS NTAPI RtlLargeIntegerToChar(const ULONGLONG *value, ULONG base, LONG length, CHAR *string)
{
    return ToChar(*value, base, length, string);
}

NTSTATUS NTAPI RtlIntegerToUnicodeString(ULONG value, ULONG base, UNICODE_STRING *string)
{
    return ToUnicode(value, base, string);
}

NTSTATUS NTAPI RtlInt64ToUnicodeString(ULONGLONG value, ULONG base, UNICODE_STRING *string)
{
    return ToUnicode(value, base, string);
}
