/*
 * ntdll's counted strings, case and code pages, as Windows answers (the
 * evidence is Wine's ntdll conformance test rtlstr.c, run on Windows; the
 * line cited is the check that states each answer).
 */
#include "pe.h"
#include <winternl.h>

#define NTDLL(type, name) ((type)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), name))

typedef NTSTATUS(NTAPI *TO_ANSI)(ANSI_STRING *, const UNICODE_STRING *, BOOLEAN);
typedef NTSTATUS(NTAPI *APPEND_STRING)(STRING *, const STRING *);
typedef NTSTATUS(NTAPI *INIT_EX)(UNICODE_STRING *, const WCHAR *);
typedef WCHAR(NTAPI *UPCASE_CHAR)(WCHAR);
typedef CHAR(NTAPI *UPPER_CHAR)(CHAR);
typedef NTSTATUS(NTAPI *UTF8_TO_UNICODE)(WCHAR *, ULONG, ULONG *, const char *, ULONG);
typedef NTSTATUS(NTAPI *UNICODE_TO_UTF8)(char *, ULONG, ULONG *, const WCHAR *, ULONG);
typedef NTSTATUS(NTAPI *DUPLICATE_STRING)(ULONG, const UNICODE_STRING *, UNICODE_STRING *);
typedef NTSTATUS(NTAPI *FIND_CHAR)(ULONG, const UNICODE_STRING *, const UNICODE_STRING *, USHORT *);
typedef NTSTATUS(NTAPI *HASH)(const UNICODE_STRING *, BOOLEAN, ULONG, ULONG *);
typedef LONG(NTAPI *COMPARE)(const UNICODE_STRING *, const UNICODE_STRING *, BOOLEAN);

static WCHAR Text[40000];

static void Utf8(void)
{
    UTF8_TO_UNICODE to_unicode = NTDLL(UTF8_TO_UNICODE, "RtlUTF8ToUnicodeN");
    UNICODE_TO_UTF8 to_utf8 = NTDLL(UNICODE_TO_UTF8, "RtlUnicodeToUTF8N");
    /* 'X', U+0080, U+10000 (a surrogate pair). */
    static const char special[] = {'X', (char)0xC2, (char)0x80, (char)0xF0, (char)0x90, (char)0x80, (char)0x80};
    WCHAR out[8];
    ULONG bytes = 0x55555555;
    /* rtlstr.c:2518: a cut sequence is U+FFFD and STATUS_SOME_NOT_MAPPED. */
    CHECK_EQ("UTF8ToUnicodeN of X and a cut 2-byte sequence", to_unicode(NULL, 0, &bytes, special, 2),
             0x00000107);
    CHECK_EQ("  counts two characters", bytes, 4);
    /* rtlstr.c:2539: 3 WCHARs of room take X, U+0080 and the pair's high half. */
    CHECK_EQ("UTF8ToUnicodeN into 6 bytes", to_unicode(out, 6, &bytes, special, sizeof special), 0xC0000023);
    CHECK_EQ("  writes 6 bytes", bytes, 6);
    CHECK_EQ("  the third is the high surrogate", out[2], 0xD800);
    /* rtlstr.c:2481-2485: no source is STATUS_INVALID_PARAMETER_4, no count STATUS_INVALID_PARAMETER. */
    CHECK_EQ("UTF8ToUnicodeN(NULL source)", to_unicode(NULL, 0, &bytes, NULL, 0), 0xC00000F2);
    CHECK_EQ("UTF8ToUnicodeN(no count)", to_unicode(NULL, 0, NULL, "", 0), 0xC000000D);
    /* rtlstr.c:2180: an odd byte count with an output buffer is STATUS_INVALID_PARAMETER_5. */
    static const WCHAR empty[1] = {0};
    char narrow[8];
    CHECK_EQ("UnicodeToUTF8N of an odd byte count", to_utf8(narrow, 8, &bytes, empty, 1), 0xC00000F3);
    /* rtlstr.c:2128: an unpaired surrogate is EF BF BD, STATUS_SOME_NOT_MAPPED. */
    static const WCHAR lone[2] = {'X', 0xD800};
    CHECK_EQ("UnicodeToUTF8N of X and a lone surrogate", to_utf8(narrow, 8, &bytes, lone, 4), 0x00000107);
    CHECK_EQ("  4 bytes", bytes, 4);
    CHECK_EQ("  the replacement's last byte", (BYTE)narrow[3], 0xBD);
    /* rtlstr.c:2347: an encoded surrogate is two U+FFFDs: the lead takes the
     * out-of-range second byte with it, the third byte stands alone. */
    static const char surrogate[] = {'-', (char)0xED, (char)0xA0, (char)0x80, '-'};
    CHECK_EQ("UTF8ToUnicodeN of an encoded surrogate", to_unicode(out, sizeof out, &bytes, surrogate, 5),
             0x00000107);
    CHECK_EQ("  four characters", bytes, 8);
    CHECK_EQ("  the second U+FFFD", out[2], 0xFFFD);
    /* rtlstr.c:2612-2620: kernel32 converts the same way; asked for errors, it fails
     * with ERROR_NO_UNICODE_TRANSLATION (having written the text). */
    CHECK_EQ("MultiByteToWideChar(CP_UTF8) of it", MultiByteToWideChar(CP_UTF8, 0, surrogate, 5, out, 8), 4);
    SetLastError(0xdeadbeef);
    CHECK_EQ("MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS)",
             MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, surrogate, 5, out, 8), 0);
    CHECK_EQ("  ERROR_NO_UNICODE_TRANSLATION", GetLastError(), 1113);
    CHECK_EQ("WideCharToMultiByte(CP_UTF8) of a lone surrogate",
             WideCharToMultiByte(CP_UTF8, 0, lone, 2, narrow, 8, NULL, NULL), 4);
    CHECK_EQ("  EF BF BD", (BYTE)narrow[1] == 0xEF && (BYTE)narrow[3] == 0xBD, 1);
}

void __cdecl start(void)
{
    /* rtlstr.c:852 (test 4): a destination with no room is told the length it would take. */
    TO_ANSI to_ansi = NTDLL(TO_ANSI, "RtlUnicodeStringToAnsiString");
    WCHAR abcdef[6] = {'a', 'b', 'c', 'd', 'e', 'f'};
    UNICODE_STRING uni = {12, 12, abcdef};
    char buffer[16];
    ANSI_STRING ansi = {0, 0, buffer};
    CHECK_EQ("UnicodeStringToAnsiString into no room", to_ansi(&ansi, &uni, FALSE), 0x80000005);
    CHECK_EQ("  Length", ansi.Length, 6);
    ansi.MaximumLength = 3;
    CHECK_EQ("UnicodeStringToAnsiString into 3 bytes", to_ansi(&ansi, &uni, FALSE), 0x80000005);
    CHECK_EQ("  Length", ansi.Length, 2);
    CHECK_EQ("  terminated after \"ab\"", buffer[2], 0);

    /* rtlstr.c:954 (test 4): an empty append succeeds even when dst's Length passes its room. */
    APPEND_STRING append = NTDLL(APPEND_STRING, "RtlAppendStringToString");
    STRING dst = {5, 0, buffer}, src = {0, 0, NULL};
    CHECK_EQ("AppendStringToString of nothing", append(&dst, &src), 0);
    /* rtlstr.c:953: one that does not fit is STATUS_BUFFER_TOO_SMALL. */
    char tail[5] = {'t', 'r', 'i', 'n', 'g'};
    STRING more = {5, 5, tail};
    dst.MaximumLength = 9;
    CHECK_EQ("AppendStringToString past the room", append(&dst, &more), 0xC0000023);

    /* rtlstr.c:252: a string too long for a UNICODE_STRING is STATUS_NAME_TOO_LONG. */
    INIT_EX init_ex = NTDLL(INIT_EX, "RtlInitUnicodeStringEx");
    for (int i = 0; i < 39999; i++) {
        Text[i] = 'X';
    }
    UNICODE_STRING s = {12345, 12345, NULL};
    CHECK_EQ("InitUnicodeStringEx of 39999 characters", init_ex(&s, Text), 0xC0000106);
    CHECK_EQ("  leaves Length", s.Length, 12345);

    /* rtlstr.c:598 and 527-533: Unicode upcasing maps ÿ to Ÿ; RtlUpperChar touches ASCII only. */
    UPCASE_CHAR upcase = NTDLL(UPCASE_CHAR, "RtlUpcaseUnicodeChar");
    CHECK_EQ("UpcaseUnicodeChar(0xFF)", upcase(0xFF), 0x178);
    CHECK_EQ("UpcaseUnicodeChar(0xF7, the division sign)", upcase(0xF7), 0xF7);
    CHECK_EQ("UpcaseUnicodeChar(0xE9)", upcase(0xE9), 0xC9);
    UPPER_CHAR upper = NTDLL(UPPER_CHAR, "RtlUpperChar");
    CHECK_EQ("UpperChar('q')", (BYTE)upper('q'), 'Q');
    CHECK_EQ("UpperChar(0xE9)", (BYTE)upper((CHAR)0xE9), 0xE9);

    /* rtlstr.c:337 (dupl_ustr): flags 2 alone are invalid; 3 makes an
     * empty source a terminated empty string. */
    DUPLICATE_STRING duplicate = NTDLL(DUPLICATE_STRING, "RtlDuplicateUnicodeString");
    UNICODE_STRING empty = {0, 0, NULL}, copy;
    CHECK_EQ("DuplicateUnicodeString(flags 2)", duplicate(2, &uni, &copy), 0xC000000D);
    CHECK_EQ("DuplicateUnicodeString(flags 3, empty)", duplicate(3, &empty, &copy), 0);
    CHECK_EQ("  MaximumLength", copy.MaximumLength, 2);
    CHECK_EQ("  terminated", copy.Buffer && copy.Buffer[0] == 0, 1);

    /* rtlstr.c:1176 (find_ch_in_ustr): forward gives the offset after the match, backward its own. */
    FIND_CHAR find = NTDLL(FIND_CHAR, "RtlFindCharInUnicodeString");
    WCHAR set_text[1] = {'c'};
    UNICODE_STRING set = {2, 2, set_text};
    USHORT position = 0xFFFF;
    CHECK_EQ("FindCharInUnicodeString forward", find(0, &uni, &set, &position), 0);
    CHECK_EQ("  position", position, 6);
    CHECK_EQ("FindCharInUnicodeString backward, not in set", find(3, &uni, &set, &position), 0);
    CHECK_EQ("  position", position, 10);
    WCHAR none_text[1] = {'z'};
    UNICODE_STRING none = {2, 2, none_text};
    CHECK_EQ("FindCharInUnicodeString with no match", find(0, &uni, &none, &position), 0xC0000225);
    CHECK_EQ("FindCharInUnicodeString(flags 4)", find(4, &uni, &set, &position), 0xC000000D);

    /* rtlstr.c:1989 (hash_test): X65599 of "TEST"; an unknown algorithm is refused. */
    HASH hash = NTDLL(HASH, "RtlHashUnicodeString");
    WCHAR t_text[4] = {'T', 'E', 'S', 'T'};
    UNICODE_STRING t = {8, 8, t_text};
    ULONG h = 0;
    CHECK_EQ("HashUnicodeString(TEST, X65599)", hash(&t, FALSE, 1, &h), 0);
    CHECK_EQ("  hash", h, 0x6689c132);
    CHECK_EQ("HashUnicodeString(algorithm 2)", hash(&t, FALSE, 2, &h), 0xC000000D);

    /* rtlstr.c test_RtlCompareUnicodeString: the first difference, then the length. */
    COMPARE compare = NTDLL(COMPARE, "RtlCompareUnicodeString");
    WCHAR lower_text[4] = {'t', 'e', 's', 't'};
    UNICODE_STRING lower = {8, 8, lower_text}, shorter = {6, 8, lower_text};
    CHECK_EQ("CompareUnicodeString(TEST, test, ignoring case)", compare(&t, &lower, TRUE), 0);
    CHECK_EQ("CompareUnicodeString(TEST, test) < 0", compare(&t, &lower, FALSE) < 0, 1);
    CHECK_EQ("CompareUnicodeString(test, tes) > 0", compare(&lower, &shorter, FALSE) > 0, 1);

    Utf8();
    Finish();
}
