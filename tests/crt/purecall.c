/*
 * A pure virtual call: msvcrt's _purecall calls the handler the program
 * set with _set_purecall_handler, then ends the program with runtime
 * error R6025 (Wine's _purecall; Microsoft's _set_purecall_handler docs),
 * exit status 255 as ntmm's _amsg_exit gives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <windows.h>

/* mingw's import library has no _set_purecall_handler: ask the DLL. */
typedef void (__cdecl *PURECALL_HANDLER)(void);
__declspec(dllimport) void __cdecl _purecall(void);

static void __cdecl Handler(void)
{
    printf("purecall handler called\n");
    fflush(stdout);
}

int main(void)
{
    PURECALL_HANDLER (__cdecl *set_handler)(PURECALL_HANDLER) =
        (void *)GetProcAddress(GetModuleHandleA("msvcrt.dll"), "_set_purecall_handler");
    if (!set_handler || set_handler(Handler) != NULL || set_handler(Handler) != Handler) {
        printf("FAIL _set_purecall_handler's previous handler\n");
    }
    _purecall();
    printf("FAIL _purecall returned\n");
    return 0;
}
