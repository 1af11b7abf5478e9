/*
 * Lesson 12: a mapped file's pages. A 32-page file, ledger.dat, is mapped
 * at 0x50000000 and read through the view (its pages come from the file),
 * written through the view and with WriteFile (each sees the other),
 * flushed, and left mapped at exit. With "pressure", a dirty page and the
 * clean ones are pushed out by other memory and come back from the file.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define PAGE 4096
#define PAGES 32

int main(int argc, char **argv)
{
    int pressure = argc > 1 && strcmp(argv[1], "pressure") == 0;
    HANDLE f = CreateFileA("ledger.dat", GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL,
                           CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, NULL);
    static char page[PAGE];
    DWORD n;
    for (int i = 0; i < PAGES; i++) {
        memset(page, 0, sizeof page);
        sprintf(page, "page %d", i);
        WriteFile(f, page, PAGE, &n, NULL);
    }
    HANDLE m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
    char *view = MapViewOfFileEx(m, FILE_MAP_WRITE, 0, 0, 0, (void *)0x50000000);
    printf("ledger.dat mapped at %p, %d pages\n", (void *)view, PAGES);

    int sum = 0;
    for (int i = 0; i < PAGES; i++) {
        sum += view[i * PAGE];
    }
    printf("read every page in order: \"%s\" ... \"%s\"\n", view, view + (PAGES - 1) * PAGE);

    strcpy(view + 3 * PAGE + 16, "written through the view");
    strcpy(view + 7 * PAGE + 16, "this one too");
    char buffer[32] = {0};
    OVERLAPPED at = {0};
    at.Offset = 3 * PAGE + 16;
    ReadFile(f, buffer, 24, &n, &at);
    printf("ReadFile at 0x%lx, before any flush: \"%s\"\n", at.Offset, buffer);
    at.Offset = 9 * PAGE + 16;
    WriteFile(f, "written by WriteFile", 21, &n, &at);
    printf("the view at 0x%p after WriteFile: \"%s\"\n", (void *)(view + 9 * PAGE + 16),
           view + 9 * PAGE + 16);
    printf("FlushViewOfFile: %s\n", FlushViewOfFile(view, 0) ? "TRUE" : "FALSE");
    SetFilePointer(f, PAGE, NULL, FILE_BEGIN);
    BOOL cut = SetEndOfFile(f);
    printf("SetEndOfFile at 4 KiB while mapped: %s, GetLastError() = %lu\n",
           cut ? "TRUE" : "FALSE", GetLastError());

    if (pressure) {
        strcpy(view + 20 * PAGE + 16, "dirty when it was trimmed");
        SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1);
        SIZE_T size = 8 << 20;
        char *other = VirtualAlloc(NULL, size, MEM_COMMIT, PAGE_READWRITE);
        for (SIZE_T i = 0; i < size; i += PAGE) {
            other[i] = 1;
        }
        printf("after 8 MiB of other memory: \"%s\", \"%s\"\n", view, view + 20 * PAGE + 16);
    }
    strcpy(view + 12 * PAGE + 16, "written when the view went");
    printf("exit with the view mapped (checksum %d)\n", sum);
    return 0;
}
