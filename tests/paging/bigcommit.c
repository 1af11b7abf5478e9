/*
 * Far more memory than RAM: 256 MiB committed (run with --ram 8M), a
 * distinct pattern written to every page, all of it read back, then 200,000
 * pseudo-random read-modify-writes checked against a host-side record of
 * what each word should hold. Every mismatch is counted; the program exits
 * with 0 only if there were none.
 */
#include <windows.h>
#include <stdio.h>

#define SIZE (256u << 20)
#define PAGES (SIZE / 4096u)
#define WORDS_PER_PAGE 1024u
#define UPDATES 200000u

static unsigned seed = 20261202;
static unsigned Next(void)
{
    seed = seed * 1664525u + 1013904223u;
    return seed;
}

/* The value the first pass writes at word w of page p. */
static unsigned Pattern(unsigned p, unsigned w)
{
    return (p * 0x9E3779B1u) ^ (w * 0x85EBCA77u) ^ 0xA5A5A5A5u;
}

/* The read-modify-writes change one word per update; this remembers the
 * last value written to each (page, word) touched, in a small hash. */
#define TABLE (1u << 19)
static unsigned KeyOf[TABLE], ValueOf[TABLE];

static unsigned *Slot(unsigned key)
{
    unsigned h = (key * 2654435761u) & (TABLE - 1);
    while (KeyOf[h] && KeyOf[h] != key) {
        h = (h + 1) & (TABLE - 1);
    }
    KeyOf[h] = key;
    return &ValueOf[h];
}

int main(void)
{
    unsigned *memory = VirtualAlloc(NULL, SIZE, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    if (!memory) {
        printf("VirtualAlloc of 256 MiB failed: error %lu\n", GetLastError());
        return 1;
    }
    unsigned long mismatches = 0;
    for (unsigned p = 0; p < PAGES; p++) {
        for (unsigned w = 0; w < WORDS_PER_PAGE; w += 64) {
            memory[p * WORDS_PER_PAGE + w] = Pattern(p, w);
        }
    }
    for (unsigned p = 0; p < PAGES; p++) {
        for (unsigned w = 0; w < WORDS_PER_PAGE; w++) {
            unsigned want = w % 64 == 0 ? Pattern(p, w) : 0;
            if (memory[p * WORDS_PER_PAGE + w] != want) {
                mismatches++;
            }
        }
    }
    printf("written and read back: %u pages, %lu mismatches\n", PAGES, mismatches);

    unsigned long rmw_mismatches = 0;
    for (unsigned i = 0; i < UPDATES; i++) {
        unsigned p = Next() % PAGES;
        unsigned w = (Next() >> 4) % (WORDS_PER_PAGE / 64) * 64;
        unsigned *word = &memory[p * WORDS_PER_PAGE + w];
        unsigned *expected = Slot(p * WORDS_PER_PAGE + w + 1);
        unsigned want = *expected ? *expected : Pattern(p, w);
        if (*word != want) {
            rmw_mismatches++;
        }
        *word = want * 3u + i;
        *expected = want * 3u + i;
        if (*expected == 0) {
            *expected = *word = 1; /* 0 means "not yet updated" in the table */
        }
    }
    /* And every updated word once more, at the end. */
    for (unsigned h = 0; h < TABLE; h++) {
        if (KeyOf[h] && memory[KeyOf[h] - 1] != ValueOf[h]) {
            rmw_mismatches++;
        }
    }
    printf("read-modify-writes: %u, %lu mismatches\n", UPDATES, rmw_mismatches);
    return mismatches || rmw_mismatches ? 2 : 0;
}
