/* GetModuleFileName names the program by its place under the root (C:\),
 * as Windows names it by its place on the drive. */
#include <stdio.h>
#include <windows.h>

int main(void)
{
    char path[MAX_PATH];
    DWORD n = GetModuleFileNameA(NULL, path, sizeof path);
    printf("%s %lu\n", path, n);
    return 0;
}
