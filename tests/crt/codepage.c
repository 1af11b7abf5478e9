/*
 * Code pages, as Windows converts them: the ANSI code page is 1252 (0x80
 * is the euro sign; the five bytes 1252 leaves unassigned map to the C1
 * controls), the OEM code page is 437 (0x80 is Ç, 0xDB the full block),
 * a character the code page lacks becomes the default character, and a
 * code page that is not installed is ERROR_INVALID_PARAMETER.
 */
#include <stdio.h>
#include <windows.h>

static void ToWide(UINT codepage, const char *name, unsigned char byte)
{
    WCHAR w[2] = {0};
    int n = MultiByteToWideChar(codepage, 0, (const char *)&byte, 1, w, 2);
    printf("%-6s 0x%02X -> %d U+%04X\n", name, byte, n, w[0]);
}

static void ToBytes(UINT codepage, const char *name, WCHAR c)
{
    char out[4] = {0};
    BOOL defaulted = FALSE;
    /* UTF-8 takes no default character, nor a flag for one. */
    int n = WideCharToMultiByte(codepage, 0, &c, 1, out, 4, NULL, codepage == CP_UTF8 ? NULL : &defaulted);
    printf("%-6s U+%04X -> %d 0x%02X%s\n", name, c, n, (unsigned char)out[0],
           defaulted ? " (default character)" : "");
}

int main(void)
{
    printf("GetACP %u, GetOEMCP %u\n", GetACP(), GetOEMCP());
    ToWide(CP_ACP, "ACP", 0x41);
    ToWide(CP_ACP, "ACP", 0x80);
    ToWide(CP_ACP, "ACP", 0x81);
    ToWide(CP_ACP, "ACP", 0x9F);
    ToWide(CP_ACP, "ACP", 0xE9);
    ToWide(CP_OEMCP, "OEM", 0x80);
    ToWide(CP_OEMCP, "OEM", 0xDB);
    ToWide(CP_OEMCP, "OEM", 0xFF);
    ToWide(28591, "28591", 0x80);
    ToBytes(CP_ACP, "ACP", 0x20AC);
    ToBytes(CP_ACP, "ACP", 0x00E9);
    ToBytes(CP_ACP, "ACP", 0x4E00); /* no best fit either */
    ToBytes(CP_OEMCP, "OEM", 0x03B1);
    ToBytes(CP_OEMCP, "OEM", 0x00E9);
    ToBytes(CP_OEMCP, "OEM", 0x4E00);
    ToBytes(CP_UTF8, "UTF8", 0x20AC);
    WCHAR w[2];
    SetLastError(0);
    int n = MultiByteToWideChar(12345, 0, "a", 1, w, 2);
    printf("code page 12345: %d, error %lu\n", n, GetLastError());
    return 0;
}
