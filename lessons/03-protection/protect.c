/*
 * Lesson 3: protection and access violations.
 *
 * Each page has a protection; an access it does not allow is an access
 * violation (0xC0000005) delivered to the program's own exception handler
 * with two parameters: Information[0] says what the access was (0 read,
 * 1 write, 8 execute — a DEP violation) and Information[1] the address.
 * Touch() (lesson.h) makes one access under such a handler and reports.
 */
#include "../lesson.h"

static void Try(const char *what, volatile void *p, char how)
{
    printf("%-44s ", what);
    Touch(p, how);
    PrintSeen();
}

int main(void)
{
    /* Page 0: read-only; page 1: no access at all; page 2: read/write,
     * holding one instruction, ret (0xC3). */
    BYTE *p = VirtualAlloc((void *)0x20000000, 3 * 4096, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    p[2 * 4096] = 0xC3;
    DWORD old;
    VirtualProtect(p, 4096, PAGE_READONLY, &old);
    VirtualProtect(p + 4096, 4096, PAGE_NOACCESS, &old);

    Try("read PAGE_READONLY:", p, 'r');
    Try("write PAGE_READONLY:", p, 'w');
    Try("read PAGE_NOACCESS:", p + 4096, 'r');
    Try("execute PAGE_READWRITE (data is not code):", p + 2 * 4096, 'x');

    /* Make the data page executable: VirtualProtect returns the old
     * protection, and now the call works. */
    VirtualProtect(p + 2 * 4096, 4096, PAGE_EXECUTE_READ, &old);
    printf("VirtualProtect to PAGE_EXECUTE_READ: the old protection was %s\n", ProtectName(old));
    Try("execute PAGE_EXECUTE_READ:", p + 2 * 4096, 'x');
    Try("write PAGE_EXECUTE_READ:", p + 2 * 4096, 'w');

    /* The program's own code is PAGE_EXECUTE_READ (its image section's
     * protection): writing it is an access violation too. */
    MEMORY_BASIC_INFORMATION m;
    VirtualQuery((void *)Try, &m, sizeof m);
    printf("the program's code at 0x%08lX is %s\n", (DWORD)Try, ProtectName(m.Protect));
    Try("write the program's code:", (void *)Try, 'w');

    /* The first 64 KiB are never mapped: a NULL pointer always faults. */
    Try("read NULL + 8:", (void *)8, 'r');
    return 0;
}
