/* Calls functions ntmm's msvcrt does not provide (the exec and spawn
 * families): the program must be refused at load time (exit 126), every
 * missing import named, not crash at the call. */
#include <process.h>

int main(int argc, char **argv)
{
    if (argc > 5) {
        return (int)_spawnvp(0, argv[0], (const char *const *)argv);
    }
    return (int)_execvp(argv[0], (const char *const *)argv);
}
