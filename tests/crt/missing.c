/* Calls functions ntmm's msvcrt does not provide (the wide exec and spawn
 * families): the program must be refused at load time (exit 126), every
 * missing import named, not crash at the call. */
#include <process.h>

int main(int argc, wchar_t **argv)
{
    if (argc > 5) {
        return (int)_wspawnvp(0, argv[0], (const wchar_t *const *)argv);
    }
    return (int)_wexecvp(argv[0], (const wchar_t *const *)argv);
}
