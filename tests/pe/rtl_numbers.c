/*
 * ntdll's numbers: integers to and from text, GUIDs as text, and 64-bit
 * arithmetic, as Windows answers (evidence: Wine's ntdll conformance tests
 * rtlstr.c and large_int.c, run on Windows; each check cites its line).
 */
#include "pe.h"
#include <winternl.h>

#define NTDLL(type, name) ((type)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), name))

typedef NTSTATUS(NTAPI *CHAR_TO_INTEGER)(const char *, ULONG, ULONG *);
typedef NTSTATUS(NTAPI *INTEGER_TO_CHAR)(ULONG, ULONG, LONG, char *);
typedef NTSTATUS(NTAPI *INTEGER_TO_UNICODE)(ULONG, ULONG, UNICODE_STRING *);
typedef LONGLONG(NTAPI *MAGIC_DIVIDE)(LONGLONG, LONGLONG, CHAR);
typedef LONGLONG(NTAPI *LONG_OP)(LONGLONG, LONGLONG);
typedef NTSTATUS(NTAPI *GUID_FROM_STRING)(const UNICODE_STRING *, GUID *);
typedef NTSTATUS(NTAPI *STRING_FROM_GUID)(const GUID *, UNICODE_STRING *);

/* _allshl and its kind take EDX:EAX and CL, and touch no stack. */
static ULONGLONG Shift(const char *name, ULONGLONG value, ULONG count)
{
    void *helper = NTDLL(void *, name);
    ULONG low = (ULONG)value, high = (ULONG)(value >> 32);
    __asm__ volatile("call *%[helper]" : "+a"(low), "+d"(high) : [helper] "r"(helper), "c"(count) : "cc", "memory");
    return (ULONGLONG)high << 32 | low;
}

static void Integers(void)
{
    CHAR_TO_INTEGER char_to_integer = NTDLL(CHAR_TO_INTEGER, "RtlCharToInteger");
    ULONG value = 0xDEADBEEF;
    /* rtlstr.c:1296: one sign only ("--214" reads nothing). */
    CHECK_EQ("CharToInteger(\"--214\")", char_to_integer("--214", 0, &value), 0);
    CHECK_EQ("  value", value, 0);
    /* rtlstr.c:1338, 1340: base 0 reads 0b; the binary digits stop at the first other one. */
    CHECK_EQ("CharToInteger(\"0b10123456789\")", char_to_integer("0b10123456789", 0, &value), 0);
    CHECK_EQ("  value", value, 5);
    /* rtlstr.c:1350: 0o reads octal. */
    char_to_integer("0o56789", 0, &value);
    CHECK_EQ("CharToInteger(\"0o56789\")", value, 0567);
    CHECK_EQ("CharToInteger(base 3)", char_to_integer("1", 3, &value), 0xC000000D);
    CHECK_EQ("CharToInteger(no value)", char_to_integer("1", 10, NULL), 0xC0000005);

    /* rtlstr.c:1531: base 0 writes decimal, unsigned; a buffer of exactly the digits
     * gets no terminator, one short is STATUS_BUFFER_OVERFLOW. */
    INTEGER_TO_CHAR to_char = NTDLL(INTEGER_TO_CHAR, "RtlIntegerToChar");
    char text[12] = "-----------";
    CHECK_EQ("IntegerToChar(0x80000000, base 0, 10 bytes)", to_char(0x80000000u, 0, 10, text), 0);
    CHECK_EQ("  last digit", text[9], '8');
    CHECK_EQ("  no terminator", text[10], '-');
    CHECK_EQ("IntegerToChar into 9 bytes", to_char(0x80000000u, 0, 9, text), 0x80000005);
    CHECK_EQ("IntegerToChar(base 1)", to_char(1, 1, 10, text), 0xC000000D);

    INTEGER_TO_UNICODE to_unicode = NTDLL(INTEGER_TO_UNICODE, "RtlIntegerToUnicodeString");
    WCHAR wide[8];
    UNICODE_STRING string = {0, 8, wide};
    /* rtlstr.c:1608 (int2str): hex digits are capitals; rtlstr.c:1746: the digits and
     * their terminator must fit, else STATUS_BUFFER_OVERFLOW. */
    CHECK_EQ("IntegerToUnicodeString(255, 16)", to_unicode(255, 16, &string), 0);
    CHECK_EQ("  Length", string.Length, 4);
    CHECK_EQ("  first digit", wide[0], 'F');
    CHECK_EQ("IntegerToUnicodeString(1234, 10) into 8 bytes", to_unicode(1234, 10, &string), 0x80000005);
}

static void Guids(void)
{
    static const GUID endian = {0x01020304, 0x0506, 0x0708, {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F, 0x10}};
    STRING_FROM_GUID from_guid = NTDLL(STRING_FROM_GUID, "RtlStringFromGUID");
    GUID_FROM_STRING to_guid = NTDLL(GUID_FROM_STRING, "RtlGUIDFromString");
    UNICODE_STRING text = {0, 0, NULL};
    /* rtlstr.c test_RtlStringFromGUID: the registry's form, braces included. */
    CHECK_EQ("StringFromGUID", from_guid(&endian, &text), 0);
    CHECK_EQ("  Length", text.Length, 76);
    CHECK_EQ("  brace", text.Buffer[0], '{');
    CHECK_EQ("  Data1's first digits", text.Buffer[1], '0');
    CHECK_EQ("  Data4's last digit", text.Buffer[36], '0');
    GUID back;
    CHECK_EQ("GUIDFromString of it", to_guid(&text, &back), 0);
    CHECK_EQ("  Data1", back.Data1, 0x01020304);
    CHECK_EQ("  Data4[7]", back.Data4[7], 0x10);
    /* rtlstr.c test_RtlGUIDFromString: without its braces it is refused. */
    UNICODE_STRING bare = {72, 72, text.Buffer + 1};
    CHECK_EQ("GUIDFromString without braces", to_guid(&bare, &back) != 0, 1);
}

void __cdecl start(void)
{
    Integers();
    Guids();

    /* large_int.c:75 (magic_divide): the high half of |a| * magic, shifted, with a's sign. */
    MAGIC_DIVIDE magic = NTDLL(MAGIC_DIVIDE, "RtlExtendedMagicDivide");
    CHECK_EQ("ExtendedMagicDivide(333333333, 0x5555...)", (LONG)magic(333333333, 0x5555555555555555ll, 0), 111111110);
    CHECK_EQ("ExtendedMagicDivide(-333333333, 0x5555...)", (LONG)magic(-333333333, 0x5555555555555555ll, 0),
             -111111110);
    CHECK_EQ("ExtendedMagicDivide(333333333, 0xAAAA..., 1)", (LONG)magic(333333333, (LONGLONG)0xAAAAAAAAAAAAAAAAull, 1),
             111111110);

    /* large_int.c:485, 503, 509: the compiler's helpers, stdcall. */
    LONG_OP alldiv = NTDLL(LONG_OP, "_alldiv"), allrem = NTDLL(LONG_OP, "_allrem");
    LONG_OP aullrem = NTDLL(LONG_OP, "_aullrem");
    CHECK_EQ("_alldiv(0x2000000040, 0x100000007)", (ULONG)alldiv(0x2000000040ll, 0x100000007ll), 0x1f);
    CHECK_EQ("_allrem(0x2000000040, 0x100000007)", (ULONG)allrem(0x2000000040ll, 0x100000007ll), 0xffffff67);
    CHECK_EQ("_aullrem(-100, 7)", (ULONG)aullrem(-100, 7), 0);
    /* large_int.c:530, 536, 554, 564: the shifts read CL alone; 64 or more leaves nothing, or the sign. */
    CHECK_EQ("_allshl(0x0123456789abcdef, 0x108) high", (ULONG)(Shift("_allshl", 0x0123456789abcdefull, 0x108) >> 32),
             0x23456789);
    CHECK_EQ("_allshl(.., 88)", Shift("_allshl", 0x0123456789abcdefull, 88) == 0, 1);
    CHECK_EQ("_allshr(0x8123456789abcdef, 88)", Shift("_allshr", 0x8123456789abcdefull, 88) == ~0ull, 1);
    CHECK_EQ("_aullshr(0x8123456789abcdef, 44)", (ULONG)Shift("_aullshr", 0x8123456789abcdefull, 44), 0x81234);
    Finish();
}
