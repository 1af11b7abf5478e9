/*
 * A runaway guest: writes its way round 16 MiB forever (with --ram 4M,
 * every lap pages the whole buffer out and back in). Only --timeout,
 * --max-instructions or a signal ends it.
 */
#include <windows.h>

int main(void)
{
    volatile char *p = VirtualAlloc(NULL, 16u << 20, MEM_COMMIT, PAGE_READWRITE);
    if (!p) {
        return 1;
    }
    for (unsigned i = 0;; i++) {
        p[(i * 4096u) % (16u << 20)] = (char)i;
    }
}
