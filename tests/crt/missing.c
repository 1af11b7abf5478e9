/* Calls functions ntmm's msvcrt does not provide (_inp and _outp, port
 * I/O, which a Windows program in user mode cannot do either): the program
 * must be refused at load time (exit 126), every missing import named,
 * not crash at the call. */
#include <conio.h>

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 5) {
        _outp(0x80, 1);
    }
    return _inp(0x60);
}
