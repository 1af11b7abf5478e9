/* Calls a function ntmm's msvcrt does not provide: the program must be
 * refused at load time (exit 126), not crash at the call. */
#include <process.h>
#include <wchar.h>

int main(void)
{
    return _wsystem(L"echo");
}
