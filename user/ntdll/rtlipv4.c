/*
 * IPv4 addresses as text, the inet_addr way Windows parses them. A
 * component is decimal, octal after a leading 0 or hex after 0x; the last
 * of one to four components fills the bytes that remain ("1.2" is 1.0.0.2,
 * "203569230" is 12.34.56.78). Strict mode wants four plain decimal
 * components. A component ends at the first character that is not one of
 * its base's digits; a value that wraps past 32 bits stops the parse at
 * the digit that wrapped it. The terminator points where parsing stopped,
 * also on failure: a component that starts with '.' consumes it; a fifth
 * '.' is left unconsumed. The Ex forms want the string to end there, or a
 * ':' and a port (non-zero, at most 65535), but store the address they
 * parsed even when what follows it is refused. Evidence: Wine's rtl.c
 * ipv4_tests (lines 1098-1195), each entry run strict and not, and
 * test_RtlIpv4AddressToString(Ex).
 */
#include "ntdll.h"

typedef struct IPV4_TEXT {
    const void *Text;
    BOOLEAN Wide;
    ULONG At;   /* index of the next character */
} IPV4_TEXT;

static ULONG Peek(const IPV4_TEXT *t, ULONG ahead)
{
    return t->Wide ? ((const WCHAR *)t->Text)[t->At + ahead]
                   : ((const unsigned char *)t->Text)[t->At + ahead];
}

static int DigitValue(ULONG c)
{
    if (c >= '0' && c <= '9') {
        return (int)(c - '0');
    }
    if (c >= 'a' && c <= 'f') {
        return (int)(c - 'a' + 10);
    }
    if (c >= 'A' && c <= 'F') {
        return (int)(c - 'A' + 10);
    }
    return -1;
}

static BOOLEAN ParseComponent(IPV4_TEXT *t, BOOLEAN strict, ULONG *value)
{
    ULONG base = 10;
    if (Peek(t, 0) == '.') {
        t->At++;
        return FALSE;
    }
    if (Peek(t, 0) == '0') {
        ULONG next = Peek(t, 1);
        if (next == 'x' || next == 'X') {
            t->At += 2;
            if (strict) {
                return FALSE;
            }
            base = 16;
        } else if (next >= '0' && next <= '9') {
            t->At++;
            if (strict) {
                return FALSE;
            }
            base = 8;
        }
    }
    BOOLEAN any = FALSE;
    ULONG current = 0;
    for (;;) {
        int digit = DigitValue(Peek(t, 0));
        if (digit < 0 || (ULONG)digit >= base) {
            break;
        }
        ULONG next = current * base + (ULONG)digit;
        if (next < current) {
            return FALSE;   /* wrapped: stop at this digit */
        }
        current = next;
        any = TRUE;
        t->At++;
    }
    if (any) {
        *value = current;
    }
    return any;
}

/* The address in network order, or an error with t->At where it stopped. */
static NTSTATUS ParseAddress(IPV4_TEXT *t, BOOLEAN strict, ULONG *address)
{
    ULONG parts[4], count = 0;
    for (;;) {
        if (!ParseComponent(t, strict, &parts[count])) {
            return STATUS_INVALID_PARAMETER;
        }
        count++;
        if (Peek(t, 0) != '.') {
            break;
        }
        if (count == 4) {
            return STATUS_INVALID_PARAMETER;
        }
        t->At++;
    }
    if (strict && count < 4) {
        return STATUS_INVALID_PARAMETER;
    }
    /* All but the last component are one byte; the last fills the rest. */
    ULONG host = 0;
    for (ULONG i = 0; i + 1 < count; i++) {
        if (parts[i] > 0xff) {
            return STATUS_INVALID_PARAMETER;
        }
        host |= parts[i] << (24 - 8 * i);
    }
    ULONG last_bits = 32 - 8 * (count - 1);
    if (last_bits < 32 && parts[count - 1] >> last_bits) {
        return STATUS_INVALID_PARAMETER;
    }
    host |= parts[count - 1];
    *address = __builtin_bswap32(host);
    return STATUS_SUCCESS;
}

static NTSTATUS ParseWithPort(IPV4_TEXT *t, BOOLEAN strict, ULONG *address, USHORT *port)
{
    if (!address || !port) {
        return STATUS_INVALID_PARAMETER;
    }
    ULONG parsed, port_value = 0;
    if (!NT_SUCCESS(ParseAddress(t, strict, &parsed))) {
        return STATUS_INVALID_PARAMETER;
    }
    /* The address is stored even when what follows it is refused. */
    *address = parsed;
    if (Peek(t, 0) == ':') {
        t->At++;
        if (!ParseComponent(t, FALSE, &port_value) || !port_value || port_value > 0xffff) {
            return STATUS_INVALID_PARAMETER;
        }
    }
    if (Peek(t, 0)) {
        return STATUS_INVALID_PARAMETER;
    }
    *port = (USHORT)__builtin_bswap16((USHORT)port_value);
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlIpv4StringToAddressA(const char *text, BOOLEAN strict, const char **terminator,
                                       ULONG *address)
{
    IPV4_TEXT t = {text, FALSE, 0};
    NTSTATUS status = ParseAddress(&t, strict, address);
    *terminator = text + t.At;
    return status;
}

NTSTATUS NTAPI RtlIpv4StringToAddressW(const WCHAR *text, BOOLEAN strict, const WCHAR **terminator,
                                       ULONG *address)
{
    IPV4_TEXT t = {text, TRUE, 0};
    NTSTATUS status = ParseAddress(&t, strict, address);
    *terminator = text + t.At;
    return status;
}

NTSTATUS NTAPI RtlIpv4StringToAddressExA(const char *text, BOOLEAN strict, ULONG *address,
                                         USHORT *port)
{
    if (!text) {
        return STATUS_INVALID_PARAMETER;
    }
    IPV4_TEXT t = {text, FALSE, 0};
    return ParseWithPort(&t, strict, address, port);
}

NTSTATUS NTAPI RtlIpv4StringToAddressExW(const WCHAR *text, BOOLEAN strict, ULONG *address,
                                         USHORT *port)
{
    if (!text) {
        return STATUS_INVALID_PARAMETER;
    }
    IPV4_TEXT t = {text, TRUE, 0};
    return ParseWithPort(&t, strict, address, port);
}

/* "a.b.c.d" and, with a port (network order, 0 for none), ":port". */
static ULONG Format(const ULONG *address, USHORT port, char *text)
{
    const BYTE *b = (const BYTE *)address;
    if (port) {
        return (ULONG)sprintf(text, "%u.%u.%u.%u:%u", b[0], b[1], b[2], b[3],
                              __builtin_bswap16(port));
    }
    return (ULONG)sprintf(text, "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
}

/* The answer points at the NUL written; with no buffer, (char *)~0. */
char *NTAPI RtlIpv4AddressToStringA(const ULONG *address, char *buffer)
{
    if (!buffer) {
        return (char *)~(ULONG_PTR)0;
    }
    return buffer + Format(address, 0, buffer);
}

WCHAR *NTAPI RtlIpv4AddressToStringW(const ULONG *address, WCHAR *buffer)
{
    if (!buffer) {
        return (WCHAR *)~(ULONG_PTR)0;
    }
    char text[24];
    ULONG n = Format(address, 0, text);
    for (ULONG i = 0; i <= n; i++) {
        buffer[i] = (BYTE)text[i];
    }
    return buffer + n;
}

/* *length is in characters, counting the NUL; too small a buffer gets
 * STATUS_INVALID_PARAMETER and the length it needs. */
static NTSTATUS FormatEx(const ULONG *address, USHORT port, void *buffer, BOOLEAN wide,
                         ULONG *length)
{
    if (!address || !buffer || !length) {
        return STATUS_INVALID_PARAMETER;
    }
    char text[24];
    ULONG needed = Format(address, port, text) + 1;
    if (*length < needed) {
        *length = needed;
        return STATUS_INVALID_PARAMETER;
    }
    for (ULONG i = 0; i < needed; i++) {
        if (wide) {
            ((WCHAR *)buffer)[i] = (BYTE)text[i];
        } else {
            ((char *)buffer)[i] = text[i];
        }
    }
    *length = needed;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlIpv4AddressToStringExA(const ULONG *address, USHORT port, char *buffer,
                                         ULONG *length)
{
    return FormatEx(address, port, buffer, FALSE, length);
}

NTSTATUS NTAPI RtlIpv4AddressToStringExW(const ULONG *address, USHORT port, WCHAR *buffer,
                                         ULONG *length)
{
    return FormatEx(address, port, buffer, TRUE, length);
}
