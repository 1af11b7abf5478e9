/*
 * Code pages, over ntdll's: the ANSI and OEM code pages are the tables
 * the PEB's AnsiCodePageData and OemCodePageData hold (1252 and 437,
 * single-byte both, so no byte is a DBCS lead byte), read with
 * RtlInitCodePageTable and converted with RtlCustomCPToUnicodeN and
 * RtlUnicodeToCustomCPN, as Windows' kernel32 does; CP_UTF8 goes through
 * RtlUTF8ToUnicodeN and RtlUnicodeToUTF8N. 28591 (ISO 8859-1) needs no
 * table: every byte is the code point of the same value. Other code
 * pages (20127 among them) are not installed: ERROR_INVALID_PARAMETER,
 * and IsValidCodePage says FALSE. A character a code page lacks becomes
 * the default character ('?', or the caller's); Windows first tries a
 * "best fit" (Ā → A), which ntdll's tables do not have, so
 * WC_NO_BEST_FIT_CHARS changes nothing here.
 */
#include "kernel32/kernel32.h"

#define ERROR_NO_UNICODE_TRANSLATION 1113
#define CP_LATIN1 28591

static CPTABLEINFO AnsiCp, OemCp;

/* The PEB's tables, read once (rereading them is harmless). */
static void InitCodePages(void)
{
    if (!AnsiCp.CodePage) {
        RtlInitCodePageTable(NtCurrentPeb()->OemCodePageData, &OemCp);
        RtlInitCodePageTable(NtCurrentPeb()->AnsiCodePageData, &AnsiCp);
    }
}

unsigned int WINAPI GetACP(void) { InitCodePages(); return AnsiCp.CodePage; }
unsigned int WINAPI GetOEMCP(void) { InitCodePages(); return OemCp.CodePage; }
BOOL WINAPI IsDBCSLeadByteEx(unsigned int codepage, BYTE c) { (void)codepage; (void)c; return FALSE; }
BOOL WINAPI IsDBCSLeadByte(BYTE c) { (void)c; return FALSE; }

/* The table of a code page: NULL for ISO 8859-1 (the identity) and for
 * CP_UTF8; *known false if the code page is not installed. */
static CPTABLEINFO *CodePageTable(unsigned int codepage, BOOL *known)
{
    InitCodePages();
    *known = TRUE;
    if (codepage == CP_ACP || codepage == CP_THREAD_ACP || codepage == AnsiCp.CodePage) {
        return &AnsiCp;
    }
    if (codepage == CP_OEMCP || codepage == OemCp.CodePage) {
        return &OemCp;
    }
    *known = codepage == CP_LATIN1 || codepage == CP_UTF8;
    return NULL;
}

/* UTF-8 goes through ntdll's converters, as Windows' kernel32 does: an
 * ill-formed sequence is U+FFFD (an unpaired surrogate EF BF BD the other
 * way), or ERROR_NO_UNICODE_TRANSLATION when the caller asks for errors. */
#define MB_PRECOMPOSED 0x01
#define MB_COMPOSITE 0x02
#define MB_USEGLYPHCHARS 0x04
#define MB_ERR_INVALID_CHARS 0x08
#define WC_COMPOSITECHECK 0x200
#define WC_DISCARDNS 0x10
#define WC_SEPCHARS 0x20
#define WC_DEFAULTCHAR 0x40
#define WC_ERR_INVALID_CHARS 0x80
#define WC_NO_BEST_FIT_CHARS 0x400

static int ConvertUtf8(BOOL to_wide, DWORD flags, const void *src, int srclen, void *dst, int dstlen)
{
    ULONG bytes = 0;
    NTSTATUS status = to_wide ? RtlUTF8ToUnicodeN(NULL, 0, &bytes, src, (ULONG)srclen)
                              : RtlUnicodeToUTF8N(NULL, 0, &bytes, src, (ULONG)srclen * sizeof(WCHAR));
    int units = (int)(to_wide ? bytes / sizeof(WCHAR) : bytes);
    if (dstlen) {
        if (units > dstlen) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
            return 0;
        }
        if (to_wide) {
            RtlUTF8ToUnicodeN(dst, (ULONG)dstlen * sizeof(WCHAR), &bytes, src, (ULONG)srclen);
        } else {
            RtlUnicodeToUTF8N(dst, (ULONG)dstlen, &bytes, src, (ULONG)srclen * sizeof(WCHAR));
        }
    }
    /* Asked for errors, Windows fails the call but has written the text. */
    if (status == STATUS_SOME_NOT_MAPPED && (flags & (to_wide ? MB_ERR_INVALID_CHARS : WC_ERR_INVALID_CHARS))) {
        SetLastError(ERROR_NO_UNICODE_TRANSLATION);
        return 0;
    }
    return units;
}

int WINAPI MultiByteToWideChar(unsigned int codepage, DWORD flags, const char *src, int srclen,
                               WCHAR *dst, int dstlen)
{
    BOOL known;
    CPTABLEINFO *table = CodePageTable(codepage, &known);
    if (!known || !src || !srclen || dstlen < 0 || (dstlen && !dst)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    /* Flags it does not know: ERROR_INVALID_FLAGS (codepage.c:221-223). */
    if (flags & ~(MB_PRECOMPOSED | MB_COMPOSITE | MB_USEGLYPHCHARS | MB_ERR_INVALID_CHARS)) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (srclen < 0) {
        srclen = (int)strlen(src) + 1;
    }
    if (codepage == CP_UTF8) {
        return ConvertUtf8(TRUE, flags, src, srclen, dst, dstlen);
    }
    /* Single-byte: a character a byte. A byte the code page leaves
     * undefined reads as its Unicode default character; asked for errors,
     * that fails the call. */
    if (table && (flags & MB_ERR_INVALID_CHARS)) {
        for (int i = 0; i < srclen; i++) {
            if (table->MultiByteTable[(BYTE)src[i]] == table->UniDefaultChar && (BYTE)src[i] != table->DefaultChar) {
                SetLastError(ERROR_NO_UNICODE_TRANSLATION);
                return 0;
            }
        }
    }
    if (!dstlen) {
        return srclen;
    }
    int n = srclen < dstlen ? srclen : dstlen;
    if (table) {
        ULONG written;
        RtlCustomCPToUnicodeN(table, dst, (ULONG)n * sizeof(WCHAR), &written, src, (ULONG)n);
    } else {
        for (int i = 0; i < n; i++) {
            dst[i] = (BYTE)src[i];
        }
    }
    if (srclen > dstlen) {
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    return srclen;
}

/* A single-byte code page: ntdll converts, and a byte that does not
 * convert back to its character is the default character. */
static void EncodeSingleByte(CPTABLEINFO *table, const WCHAR *src, int n, char *out, const char *default_char,
                             BOOL *used_default)
{
    if (table) {
        ULONG written;
        RtlUnicodeToCustomCPN(table, out, (ULONG)n, &written, src, (ULONG)n * sizeof(WCHAR));
    }
    for (int i = 0; i < n; i++) {
        BOOL mapped = table ? table->MultiByteTable[(BYTE)out[i]] == src[i] : src[i] < 0x100;
        if (!table && mapped) {
            out[i] = (char)src[i];
        }
        if (!mapped) {
            out[i] = default_char ? *default_char : (char)(table ? table->DefaultChar : '?');
            if (used_default) {
                *used_default = TRUE;
            }
        }
    }
}

int WINAPI WideCharToMultiByte(unsigned int codepage, DWORD flags, const WCHAR *src, int srclen,
                               char *dst, int dstlen, const char *default_char, BOOL *used_default)
{
    BOOL known;
    CPTABLEINFO *table = CodePageTable(codepage, &known);
    if (!known || !src || !srclen || dstlen < 0 || (dstlen && !dst)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    /* UTF-8 has no default character to use (codepage.c:305-312); other
     * flags it does not know are ERROR_INVALID_FLAGS (codepage.c:213-219). */
    if (codepage == CP_UTF8 && (default_char || used_default)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    if (flags & ~(WC_COMPOSITECHECK | WC_DISCARDNS | WC_SEPCHARS | WC_DEFAULTCHAR | WC_ERR_INVALID_CHARS |
                  WC_NO_BEST_FIT_CHARS)) {
        SetLastError(ERROR_INVALID_FLAGS);
        return 0;
    }
    if (srclen < 0) {
        srclen = (int)wcslen(src) + 1;
    }
    if (used_default) {
        *used_default = FALSE;
    }
    if (codepage == CP_UTF8) {
        return ConvertUtf8(FALSE, flags, src, srclen, dst, dstlen);
    }
    /* Measuring still says whether a default character was needed, so it
     * converts into a scratch buffer, a piece at a time. */
    /* Converting a piece into scratch space first lets the text overlap
     * the buffer it goes to (codepage.c:316-329). */
    char scratch[256];
    for (int i = 0; i < srclen;) {
        int n = srclen - i < (int)sizeof scratch ? srclen - i : (int)sizeof scratch;
        if (dstlen) {
            if (i >= dstlen) {
                SetLastError(ERROR_INSUFFICIENT_BUFFER);
                return 0;
            }
            n = n < dstlen - i ? n : dstlen - i;
        }
        EncodeSingleByte(table, src + i, n, scratch, default_char, used_default);
        if (dstlen) {
            memcpy(dst + i, scratch, (size_t)n);
        }
        i += n;
    }
    return srclen;
}

/* CPINFO: the longest character in bytes, the default character, the
 * DBCS lead-byte ranges (none: no code page here has lead bytes). */
BOOL WINAPI GetCPInfo(UINT codepage, CPINFO *info)
{
    BOOL known;
    CPTABLEINFO *table = CodePageTable(codepage, &known);
    if (!known || !info) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    memset(info, 0, sizeof *info);
    info->MaxCharSize = table ? table->MaximumCharacterSize : codepage == CP_UTF8 ? 4 : 1;
    info->DefaultChar[0] = table ? (BYTE)table->DefaultChar : '?';
    if (table) {
        memcpy(info->LeadByte, table->LeadByte, sizeof info->LeadByte);
    }
    return TRUE;
}

/* GetCPInfo's answer, and the code page's number and name as Windows'
 * words it (the pseudo code pages name the one they stand for). */
BOOL WINAPI GetCPInfoExW(UINT codepage, DWORD flags, CPINFOEXW *info)
{
    static const struct {
        UINT CodePage;
        const char *Name;
    } Names[] = {
        {1252, "1252  (ANSI - Latin I)"},
        {437, "437   (OEM - United States)"},
        {CP_LATIN1, "28591 (ISO 8859-1 Latin I)"},
        {CP_UTF8, "65001 (UTF-8)"},
    };
    (void)flags;
    CPINFO basic;
    if (!info || !GetCPInfo(codepage, &basic)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    BOOL known;
    CPTABLEINFO *table = CodePageTable(codepage, &known);
    memset(info, 0, sizeof *info);
    info->MaxCharSize = basic.MaxCharSize;
    memcpy(info->DefaultChar, basic.DefaultChar, sizeof info->DefaultChar);
    memcpy(info->LeadByte, basic.LeadByte, sizeof info->LeadByte);
    info->CodePage = table ? table->CodePage : codepage;
    info->UnicodeDefaultChar = table ? table->UniDefaultChar : codepage == CP_UTF8 ? 0xFFFD : '?';
    for (SIZE_T i = 0; i < sizeof Names / sizeof Names[0]; i++) {
        if (Names[i].CodePage == info->CodePage) {
            for (SIZE_T k = 0; Names[i].Name[k]; k++) {
                info->CodePageName[k] = (BYTE)Names[i].Name[k];
            }
        }
    }
    return TRUE;
}

BOOL WINAPI GetCPInfoExA(UINT codepage, DWORD flags, CPINFOEXA *info)
{
    CPINFOEXW wide;
    if (!info || !GetCPInfoExW(codepage, flags, &wide)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    info->MaxCharSize = wide.MaxCharSize;
    memcpy(info->DefaultChar, wide.DefaultChar, sizeof info->DefaultChar);
    memcpy(info->LeadByte, wide.LeadByte, sizeof info->LeadByte);
    info->UnicodeDefaultChar = wide.UnicodeDefaultChar;
    info->CodePage = wide.CodePage;
    WideCharToMultiByte(CP_ACP, 0, wide.CodePageName, -1, info->CodePageName, MAX_PATH, NULL, NULL);
    return TRUE;
}

/* The pseudo code pages (CP_ACP, CP_OEMCP, CP_MACCP, CP_THREAD_ACP) name
 * no code page: FALSE, as Windows answers; the rest, whether installed. */
BOOL WINAPI IsValidCodePage(UINT codepage)
{
    BOOL known;
    if (codepage <= CP_THREAD_ACP) {
        return FALSE;
    }
    CodePageTable(codepage, &known);
    return known;
}

/* An ANSI string as a UTF-16 one on the process heap (NULL: no memory). */
WCHAR *BaseAnsiToHeap(const char *s)
{
    if (!s) {
        return NULL;
    }
    int n = MultiByteToWideChar(CP_ACP, 0, s, -1, NULL, 0);
    WCHAR *wide = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, (SIZE_T)n * sizeof(WCHAR));
    if (wide) {
        MultiByteToWideChar(CP_ACP, 0, s, -1, wide, n);
    }
    return wide;
}
