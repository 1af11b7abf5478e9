/*
 * msvcrt's memory and string routines (ntdll's, forwarded), which move
 * words at a time: each against a byte-at-a-time reference, for every
 * size to 64 and every alignment of source and destination, overlapping
 * both ways for memmove; and strlen on strings that end at the last byte
 * of a page with no access after it (it must read no further). The
 * routines are called through volatile pointers so that the compiler
 * cannot inline them.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>

static void *(*volatile Copy)(void *, const void *, size_t) = memcpy;
static void *(*volatile Move)(void *, const void *, size_t) = memmove;
static void *(*volatile Set)(void *, int, size_t) = memset;
static int (*volatile Compare)(const void *, const void *, size_t) = memcmp;
static size_t (*volatile Length)(const char *) = strlen;

static unsigned char A[256], B[256], Want[256];
static int Failures;

static void Fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (unsigned char)(seed + i * 7);
    }
}

static void Check(int ok, const char *what, size_t n, size_t x, size_t y)
{
    if (!ok && Failures++ < 10) {
        printf("FAIL %s n=%u at %u, %u\n", what, (unsigned)n, (unsigned)x, (unsigned)y);
    }
}

int main(void)
{
    for (size_t n = 0; n <= 64; n++) {
        for (size_t d = 0; d < 8; d++) {
            for (size_t s = 0; s < 8; s++) {
                Fill(A, sizeof A, 1), Fill(B, sizeof B, 99);
                memcpy(Want, B, sizeof B);
                for (size_t i = 0; i < n; i++) {
                    Want[64 + d + i] = A[s + i];
                }
                Check(Copy(B + 64 + d, A + s, n) == B + 64 + d && memcmp(B, Want, sizeof B) == 0,
                      "memcpy", n, d, s);
                /* memmove within one buffer: the ranges overlap unless far apart */
                for (int way = 0; way < 2; way++) {
                    size_t from = way ? 64 + s : 64 + d + 8, to = way ? 64 + d + 8 : 64 + s;
                    Fill(A, sizeof A, 3);
                    memcpy(Want, A, sizeof A);
                    for (size_t i = 0; i < n; i++) {
                        Want[to + i] = A[from + i];
                    }
                    Check(Move(A + to, A + from, n) == A + to && memcmp(A, Want, sizeof A) == 0,
                          way ? "memmove down" : "memmove up", n, d, s);
                }
            }
            Fill(B, sizeof B, 5);
            memcpy(Want, B, sizeof B);
            for (size_t i = 0; i < n; i++) {
                Want[d + i] = 0xA5;
            }
            Check(Set(B + d, 0x1A5, n) == B + d && memcmp(B, Want, sizeof B) == 0, "memset", n, d, 0);
            /* memcmp: equal, then one byte differing at each place, both signs */
            Fill(A, sizeof A, 9), Fill(B, sizeof B, 9);
            Check(Compare(A + d, B + d, n) == 0, "memcmp equal", n, d, 0);
            for (size_t at = 0; at < n; at++) {
                B[d + at] = (unsigned char)(A[d + at] + 1);
                Check(Compare(A + d, B + d, n) < 0 && Compare(B + d, A + d, n) > 0, "memcmp order", n,
                      d, at);
                B[d + at] = A[d + at];
            }
            Check(n == 0 || Compare(A + d, B + d, n - 1) == 0, "memcmp prefix", n, d, 0);
            memset(A, 'x', sizeof A);
            A[d + n] = 0;
            Check(Length((char *)A + d) == n, "strlen", n, d, 0);
        }
    }
    /* 0x80 bytes are not zero bytes */
    Check(Length("\x80\x80\x80\x80\x81\xFF\x7F") == 7, "strlen high bytes", 7, 0, 0);

    SYSTEM_INFO info;
    GetSystemInfo(&info);
    size_t page = info.dwPageSize;
    unsigned char *two = VirtualAlloc(NULL, 2 * page, MEM_RESERVE, PAGE_NOACCESS);
    unsigned char *one = VirtualAlloc(two, page, MEM_COMMIT, PAGE_READWRITE);
    Check(one == two, "VirtualAlloc", page, 0, 0);
    for (size_t n = 0; n < 12; n++) {
        char *s = (char *)one + page - 1 - n;
        memset(s, 'y', n);
        s[n] = 0;
        Check(Length(s) == n, "strlen at the page end", n, 0, 0);
        Check(Compare(s, s, n + 1) == 0, "memcmp at the page end", n, 0, 0);
        Copy(one, s, n + 1);
        Move(s, one, n + 1);
        Set(s, 'z', n + 1);
    }
    printf("%s\n", Failures ? "some checks failed" : "memory and string routines: all checks passed");
    return Failures != 0;
}
