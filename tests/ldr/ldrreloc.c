/* ldrreloc.dll: linked at 0x12340000, which ldrtest.exe reserves first, so
 * the loader must relocate it; its data holds absolute addresses. */
#include <windows.h>

static int target = 1234;
static int *pointer = &target;     /* a HIGHLOW relocation in .data */

__declspec(dllexport) int LdrRelocCheck(void)
{
    return pointer == &target && *pointer == 1234;
}

__declspec(dllexport) int *LdrRelocTarget(void)
{
    return &target;
}
