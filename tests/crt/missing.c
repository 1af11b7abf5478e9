/* Calls functions ntmm's msvcrt does not provide (_heapwalk and
 * _getdiskfree): the program must be refused at load time (exit 126), every
 * missing import named, not crash at the call. */
#include <direct.h>
#include <malloc.h>

int main(int argc, char **argv)
{
    (void)argv;
    if (argc > 5) {
        _HEAPINFO info = {0};
        return _heapwalk(&info);
    }
    struct _diskfree_t free_space;
    return (int)_getdiskfree(3, &free_space);
}
