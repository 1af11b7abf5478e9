/*
 * msvcrt's narrow string extras, each against the answer msvcrt.dll gives
 * (the sources in the comments): strtok's place per thread, the in-place
 * case, fill and reverse functions, _memicmp, _memccpy, _swab, the
 * rotations and hypot.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

static int Failures;

static void Expect(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

static char *ThreadToken;

static DWORD WINAPI OtherThread(void *unused)
{
    (void)unused;
    /* A new thread's strtok has no place yet: NULL (msvcrt keeps it in
     * the thread's own data, Wine's msvcrt/string.c strtok). */
    ThreadToken = strtok(NULL, " ");
    char text[] = "alpha beta";
    char *first = strtok(text, " ");
    return first && strcmp(first, "alpha") == 0;
}

int main(void)
{
    /* Wine's msvcrt tests (string.c, test_strtok): the token offsets. */
    char red[] = "red cabernet";
    char *t1 = strtok(red, " ");
    char *t2 = strtok(NULL, " ");
    char *t3 = strtok(NULL, " ");
    Expect(t1 == red && t2 == red + 4 && t3 == NULL, "strtok \"red cabernet\": 0, 4, end");
    char pale[] = " pale cream sherry";
    t1 = strtok(pale, "e ");
    t2 = strtok(NULL, "e ");
    t3 = strtok(NULL, "e ");
    Expect(t1 == pale + 1 && t2 == pale + 6 && t3 == pale + 9, "strtok \" pale cream sherry\" by \"e \": 1, 6, 9");
    Expect(strcmp(t1, "pal") == 0 && strcmp(t2, "cr") == 0 && strcmp(t3, "am") == 0, "strtok's tokens: pal, cr, am");
    char spaces[] = "   ";
    Expect(strtok(spaces, " ") == NULL && strtok(NULL, " ") == NULL, "strtok of delimiters only: NULL, NULL");

    /* The place is the thread's: another thread neither sees nor moves it. */
    char words[] = "one two three";
    strtok(words, " ");
    HANDLE thread = CreateThread(NULL, 0, OtherThread, NULL, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    DWORD code = 0;
    GetExitCodeThread(thread, &code);
    CloseHandle(thread);
    Expect(ThreadToken == NULL && code == 1, "strtok(NULL) in a new thread: NULL; its own string tokenizes");
    char *next = strtok(NULL, " ");
    Expect(next && strcmp(next, "two") == 0, "main thread's strtok goes on: two");

    char mixed[] = "Hello, World 42";
    Expect(_strlwr(mixed) == mixed && strcmp(mixed, "hello, world 42") == 0, "_strlwr");
    Expect(_strupr(mixed) == mixed && strcmp(mixed, "HELLO, WORLD 42") == 0, "_strupr");
    char rev[] = "abcde";
    Expect(strcmp(_strrev(rev), "edcba") == 0, "_strrev odd length");
    char rev2[] = "ab";
    Expect(strcmp(_strrev(rev2), "ba") == 0, "_strrev even length");
    char set[] = "abcdef";
    Expect(strcmp(_strset(set, 'x'), "xxxxxx") == 0, "_strset");
    char nset[] = "abcdef";
    Expect(strcmp(_strnset(nset, '*', 3), "***def") == 0, "_strnset 3");
    char nset2[] = "ab";
    Expect(strcmp(_strnset(nset2, '*', 10), "**") == 0, "_strnset stops at the terminator");

    /* _memicmp: the difference of the lowered bytes. */
    Expect(_memicmp("ABCd", "abcD", 4) == 0, "_memicmp equal ignoring case");
    Expect(_memicmp("abc", "abd", 3) < 0 && _memicmp("abd", "ABC", 3) > 0, "_memicmp ordering");
    Expect(_memicmp("abc", "xyz", 0) == 0, "_memicmp of 0 bytes: 0");

    char dst[16];
    memset(dst, '.', sizeof dst);
    char *after = _memccpy(dst, "hello world", ' ', 11);
    Expect(after == dst + 6 && memcmp(dst, "hello .", 7) == 0, "_memccpy stops after the space");
    memset(dst, '.', sizeof dst);
    Expect(_memccpy(dst, "hello", 'z', 5) == NULL && memcmp(dst, "hello.", 6) == 0, "_memccpy without c: NULL, n copied");

    char swapped[8];
    memset(swapped, '.', sizeof swapped);
    _swab("ABCDE", swapped, 5);
    Expect(memcmp(swapped, "BADC..", 6) == 0, "_swab: pairs swapped, odd byte not copied");

    Expect(_rotl(0x80000001u, 1) == 3 && _rotr(3, 1) == 0x80000001u, "_rotl/_rotr by 1");
    Expect(_rotl(0x12345678u, 32) == 0x12345678u && _rotl(0x12345678u, 36) == 0x23456781u, "_rotl modulo 32");
    Expect(_lrotl(1, 31) == 0x80000000ul && _lrotr(1, 1) == 0x80000000ul, "_lrotl/_lrotr");
    Expect(hypot(3.0, 4.0) == 5.0 && _hypot(5.0, 12.0) == 13.0, "hypot and _hypot");

    printf("%d failures\n", Failures);
    return Failures;
}
