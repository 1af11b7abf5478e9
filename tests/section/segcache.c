/*
 * A data file's pages stay cached after its last close, as Windows keeps a
 * file's control area while its pages are on Standby: mapping the file
 * again finds them in memory. What the guest sees is Windows' answer in
 * each case (Microsoft's documentation of CreateFileMapping, SetEndOfFile
 * and DeleteFile: once every view is unmapped and every handle closed, the
 * file is an ordinary file again — truncated, deleted, opened without
 * sharing — and a mapping sees what WriteFile wrote). segcache.sh asks the
 * run record how each round's pages came in.
 *
 *   reuse    cache.bin's 16 pages read through a view at 0x50000000, every
 *            handle and view closed; mapped again and read by another
 *            process at 0x51000000, then by this one at 0x54000000
 *            (segcache.sh: transition faults, no read); the file opened
 *            with no sharing at all; page 5 rewritten with WriteFile, the
 *            file mapped again at 0x52000000: the new bytes, and a write
 *            through the view: ReadFile has it after the last close;
 *            truncated by SetEndOfFile, then deleted. Made again, mapped
 *            at 0x55000000 and closed: CREATE_ALWAYS over it (mapped at
 *            0x56000000: read again), and FILE_FLAG_DELETE_ON_CLOSE.
 *   pressure (little RAM) the pages read at 0x50000000, everything closed,
 *            12 MiB of other memory touched; mapped again at 0x51000000:
 *            the right bytes, read from the file again (segcache.sh).
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "../guesttest.h"

#define PAGE 4096
#define PAGES 16
#define NAME "cache.bin"

/* cache.bin: page i begins "page i". */
static void MakeFile(void)
{
    HANDLE f = CreateFileA(NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    static char page[PAGE];
    DWORD total = 0;
    for (int i = 0; i < PAGES; i++) {
        DWORD n = 0;
        memset(page, 0, sizeof page);
        sprintf(page, "page %d", i);
        WriteFile(f, page, PAGE, &n, NULL);
        total += n;
    }
    CloseHandle(f);
    Check(total == PAGES * PAGE, "cache.bin written, 16 pages");
}

/* The file opened without FILE_SHARE_DELETE, mapped at `at`, every page
 * read (and checked), then the view, the mapping and the file closed. */
static int MapAndRead(char *at, DWORD access, const char *page5)
{
    HANDLE f = CreateFileA(NAME, GENERIC_READ | GENERIC_WRITE, FILE_SHARE_READ, NULL,
                           OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    HANDLE m = f != INVALID_HANDLE_VALUE
                   ? CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL)
                   : NULL;
    char *view = m ? MapViewOfFileEx(m, access, 0, 0, 0, at) : NULL;
    int good = view == at;
    for (int i = 0; good && i < PAGES; i++) {
        char want[32];
        sprintf(want, "page %d", i);
        good &= strcmp(view + i * PAGE, i == 5 && page5 ? page5 : want) == 0;
    }
    if (good && (access & FILE_MAP_WRITE)) {
        strcpy(view + 9 * PAGE + 100, "through the view");
    }
    if (view) {
        UnmapViewOfFile(view);
    }
    if (m) {
        CloseHandle(m);
    }
    if (f != INVALID_HANDLE_VALUE) {
        CloseHandle(f);
    }
    return good;
}

/* Another process maps the file and reads it (the rounds at 0x51000000). */
static void InChild(void)
{
    Check(RunChild("segcache.exe child") == 0,
          "the child mapped the file at 0x51000000 and read the same pages");
}

static int Reuse(void)
{
    MakeFile();
    Check(MapAndRead((char *)0x50000000, FILE_MAP_READ, NULL),
          "mapped at 0x50000000: every page read, then everything closed");
    InChild();
    Check(MapAndRead((char *)0x54000000, FILE_MAP_READ, NULL),
          "mapped again at 0x54000000: the same pages");
    /* Nothing of the file is open: no sharing at all is granted. */
    HANDLE f = CreateFileA(NAME, GENERIC_READ | GENERIC_WRITE | DELETE, 0, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    Check(f != INVALID_HANDLE_VALUE, "opened with no sharing: every view and handle is gone");
    DWORD n = 0;
    char news[] = "rewritten by WriteFile";
    SetFilePointer(f, 5 * PAGE, NULL, FILE_BEGIN);
    Check(WriteFile(f, news, sizeof news, &n, NULL) && n == sizeof news,
          "page 5 rewritten with WriteFile");
    CloseHandle(f);
    Check(MapAndRead((char *)0x52000000, FILE_MAP_WRITE, news),
          "mapped at 0x52000000: WriteFile's bytes in page 5, and a write through the view");
    f = CreateFileA(NAME, GENERIC_READ | GENERIC_WRITE, 0, NULL, OPEN_EXISTING,
                    FILE_ATTRIBUTE_NORMAL, NULL);
    char buffer[32] = {0};
    Check(ReadAt(f, 9 * PAGE + 100, buffer, 17) && strcmp(buffer, "through the view") == 0,
          "ReadFile after the last close: the view's write");
    SetFilePointer(f, PAGE, NULL, FILE_BEGIN);
    SetLastError(0);
    Check(SetEndOfFile(f), "SetEndOfFile to one page after the last close: TRUE");
    Check(GetFileSize(f, NULL) == PAGE, "...the file is one page long");
    CloseHandle(f);
    Check(DeleteFileA(NAME), "DeleteFile after the last close: TRUE");
    Check(GetFileAttributesA(NAME) == INVALID_FILE_ATTRIBUTES &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "...and the file is gone");
    /* Made again, mapped and closed: created again over it (CREATE_ALWAYS
     * truncates it), then opened delete-on-close. */
    MakeFile();
    Check(MapAndRead((char *)0x55000000, FILE_MAP_READ, NULL), "made again, mapped at 0x55000000");
    MakeFile(); /* its Check: CREATE_ALWAYS after the last close succeeds */
    Check(MapAndRead((char *)0x56000000, FILE_MAP_READ, NULL), "mapped at 0x56000000");
    f = CreateFileA(NAME, DELETE, 0, NULL, OPEN_EXISTING, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    Check(f != INVALID_HANDLE_VALUE, "opened FILE_FLAG_DELETE_ON_CLOSE after the last close");
    CloseHandle(f);
    Check(GetFileAttributesA(NAME) == INVALID_FILE_ATTRIBUTES &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "...and the file is gone at its close");
    printf("%d failures\n", Failures);
    return Failures ? 1 : 0;
}

static int Pressure(void)
{
    MakeFile();
    Check(MapAndRead((char *)0x50000000, FILE_MAP_WRITE, NULL),
          "mapped at 0x50000000: every page read, page 9 written, then everything closed");
    Crowd();
    Check(MapAndRead((char *)0x51000000, FILE_MAP_READ, NULL),
          "after 12 MiB of other memory, mapped again at 0x51000000: the same pages");
    HANDLE f = CreateFileA(NAME, GENERIC_READ, 0, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL,
                           NULL);
    char buffer[32] = {0};
    Check(ReadAt(f, 9 * PAGE + 100, buffer, 17) && strcmp(buffer, "through the view") == 0,
          "the view's write reached the file");
    CloseHandle(f);
    printf("%d failures\n", Failures);
    return Failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "reuse";
    if (strcmp(what, "child") == 0) {
        Check(MapAndRead((char *)0x51000000, FILE_MAP_READ, NULL),
              "child: mapped at 0x51000000, the same pages");
        return Failures ? 1 : 0;
    }
    if (strcmp(what, "pressure") == 0) {
        return Pressure();
    }
    return Reuse();
}
