/* SetUnhandledExceptionFilter: the second-chance path asks the program's
 * filter; EXCEPTION_EXECUTE_HANDLER ends the process with the exception's
 * code. */
#include <windows.h>
#include <stdio.h>

static LONG WINAPI Filter(EXCEPTION_POINTERS *info)
{
    printf("filter: %08lX\n", info->ExceptionRecord->ExceptionCode);
    fflush(stdout);
    return EXCEPTION_EXECUTE_HANDLER;
}

int main(void)
{
    SetUnhandledExceptionFilter(Filter);
    printf("raising\n");
    fflush(stdout);
    RaiseException(0xE0000042, 0, 0, NULL);
    printf("not reached\n");
    return 0;
}
