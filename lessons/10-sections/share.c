/*
 * Lesson 10: sections and prototype PTEs — one page, two processes, one
 * frame.
 *
 * The parent creates a named section (pagefile-backed, one page), maps a
 * view and writes into it, then starts a second copy of itself ("child")
 * that opens the section by name, maps its own view, reads what the
 * parent wrote and appends to it. Both views show the same physical page.
 */
#include "../lesson.h"
#include <string.h>

#define NAME "Local\\lesson10"
/* Both views at the same, fixed address, so the queries can name it;
 * MapViewOfFile (no Ex) would let each process's memory manager choose. */
#define VIEW ((void *)0x30000000)

static void Describe(const char *who, const char *view)
{
    MEMORY_BASIC_INFORMATION m;
    VirtualQuery(view, &m, sizeof m);
    printf("%s: view at 0x%08lX, %s %s\n", who, (DWORD)view,
           m.Type == MEM_MAPPED ? "MEM_MAPPED" : m.Type == MEM_PRIVATE ? "MEM_PRIVATE" : "MEM_IMAGE",
           ProtectName(m.Protect));
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        HANDLE section = OpenFileMappingA(FILE_MAP_WRITE, FALSE, NAME);
        char *view = MapViewOfFileEx(section, FILE_MAP_WRITE, 0, 0, 0, VIEW);
        Describe("child ", view);
        printf("child : reads \"%s\"\n", view);
        strcat(view, " and the child's");
        return 0;
    }
    HANDLE section = CreateFileMappingA(INVALID_HANDLE_VALUE, NULL, PAGE_READWRITE, 0, 4096, NAME);
    char *view = MapViewOfFileEx(section, FILE_MAP_WRITE, 0, 0, 0, VIEW);
    Describe("parent", view);
    strcpy(view, "the parent's words");
    fflush(stdout); /* before the child's lines */

    STARTUPINFOA si = {.cb = sizeof si};
    PROCESS_INFORMATION pi;
    char command[] = "share.exe child";
    if (!CreateProcessA(NULL, command, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        printf("CreateProcess failed: %lu\n", GetLastError());
        return 1;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    printf("parent: after the child, the view says \"%s\"\n", view);
    return 0;
}
