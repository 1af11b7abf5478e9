/* The child of parent.c: what it does is its first argument. */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    if (strcmp(mode, "shared") == 0) {
        /* A named section the parent created: its pages are the parent's. */
        HANDLE h = OpenFileMappingA(FILE_MAP_WRITE, FALSE, "Local\\ntmm-process-test");
        char *view = h ? MapViewOfFile(h, FILE_MAP_WRITE, 0, 0, 0) : NULL;
        if (!view || strcmp(view, "hello from the parent") != 0) {
            return 100;
        }
        strcpy(view + 100, "hello from the child");
        /* The same address as the parent's private page holds our own. */
        unsigned *mine = VirtualAlloc((void *)0x30000000, 4096, MEM_RESERVE | MEM_COMMIT,
                                      PAGE_READWRITE);
        if (mine != (unsigned *)0x30000000 || *mine != 0) {
            return 101;
        }
        *mine = 0xC0FFEE;
        return argc > 2 ? atoi(argv[2]) : 0;
    }
    if (strcmp(mode, "dup") == 0 && argc > 2) {
        /* A section handle the parent put in our table with DuplicateHandle. */
        HANDLE h = (HANDLE)(ULONG_PTR)strtoul(argv[2], NULL, 0);
        char *view = MapViewOfFile(h, FILE_MAP_READ, 0, 0, 0);
        return view && strcmp(view + 200, "duplicated") == 0 ? 11 : 102;
    }
    if (strcmp(mode, "spin") == 0) {
        for (;;) {
        }
    }
    if (strcmp(mode, "count") == 0) {
        volatile unsigned n = 0;
        for (unsigned i = 0; i < 30000000u; i++) {
            n += i;
        }
        return 33;
    }
    printf("child: unknown mode '%s'\n", mode);
    return 99;
}
