/* malloc/calloc/realloc/free under a long random workload: every block is
 * filled with its own pattern and checked before it is resized or freed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 1500
#define OPERATIONS 20000

static unsigned seed = 12345;
static unsigned Next(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
}

int main(void)
{
    static unsigned char *block[SLOTS];
    static size_t size[SLOTS];
    static unsigned char tag[SLOTS];
    unsigned long mismatches = 0, allocated = 0, checksum = 0;
    for (int op = 0; op < OPERATIONS; op++) {
        int i = (int)(Next() % SLOTS);
        if (block[i]) {
            for (size_t k = 0; k < size[i]; k++) {
                if (block[i][k] != (unsigned char)(tag[i] + k)) {
                    mismatches++;
                    break;
                }
            }
            checksum += size[i] ^ tag[i];
        }
        unsigned what = Next() % 8;
        /* Mostly small blocks; one in 128 is a large one (its own region). */
        size_t n = (Next() % 128 == 0) ? 100000 + Next() % 200000 : Next() % 2048;
        if (what < 3) {
            free(block[i]);
            block[i] = NULL;
            continue;
        }
        if (what < 6 && block[i]) {
            unsigned char *grown = realloc(block[i], n + 1);
            if (!grown) {
                printf("realloc failed\n");
                return 1;
            }
            block[i] = grown;
            size[i] = n + 1;
        } else {
            free(block[i]);
            block[i] = what == 6 ? calloc(n + 1, 1) : malloc(n + 1);
            if (!block[i]) {
                printf("allocation failed\n");
                return 1;
            }
            if (what == 6) {
                for (size_t k = 0; k <= n; k++) {
                    if (block[i][k]) {
                        mismatches++;
                        break;
                    }
                }
            }
            size[i] = n + 1;
            allocated++;
        }
        tag[i] = (unsigned char)Next();
        for (size_t k = 0; k < size[i]; k++) {
            block[i][k] = (unsigned char)(tag[i] + k);
        }
    }
    for (int i = 0; i < SLOTS; i++) {
        free(block[i]);
    }
    printf("malloc stress: %d operations, %lu allocations, %lu mismatches, checksum %lu\n", OPERATIONS,
           allocated, mismatches, checksum);
    return mismatches != 0;
}
