/*
 * Mapped files, each check stating Windows' answer (Microsoft's
 * documentation of CreateFileMapping, MapViewOfFile, FlushViewOfFile and
 * SetEndOfFile; Wine's kernel32 and ntdll conformance tests):
 *
 *   basic   a section's size from its file, a section that extends its
 *           file, the refusals (empty file, read-only file, read-only
 *           section past the end); the view's contents and the zeros past
 *           the end of file; ReadFile and WriteFile coherent with a view;
 *           another process mapping the same file sees and makes the same
 *           changes; FlushViewOfFile; truncation refused while mapped;
 *           FILE_MAP_COPY leaves the file alone; NtAreMappedFilesTheSame.
 *   paged   (little RAM) pages of a file view written, pushed out by other
 *           memory and read back from the file with their data; a page
 *           trimmed clean is read from the file again, never the pagefile.
 *   inpage  (--inject-read-error 0x50000000) the file read of a view's
 *           page fails: STATUS_IN_PAGE_ERROR, and the next touch reads it.
 *   collide (--io-latency 1ms) two threads read a page of a view whose
 *           read from the file is in flight: one read, a collided fault,
 *           both see the page.
 *   child   run by basic in another process.
 *   delete  a file with a section or a view cannot be deleted: setting its
 *           disposition is STATUS_CANNOT_DELETE while a mapping handle is
 *           open or a view is mapped, and succeeds once the mapping is
 *           closed and the view unmapped (Wine's ntdll conformance test
 *           test_file_disposition_information states these four); the
 *           same through DeleteFile (ERROR_ACCESS_DENIED). Opening it with
 *           FILE_FLAG_DELETE_ON_CLOSE succeeds while the mapping is open
 *           (Wine's kernel32 test_file_sharing, on Windows; only an image
 *           mapping refuses it), and its close does not delete the file.
 *
 * tests/section/mapfile.sh runs each in a fresh root and checks the files
 * left behind and the pagefile's record with sqlite3.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>
#include "../inpageprobe.h"

#ifndef ERROR_USER_MAPPED_FILE
#define ERROR_USER_MAPPED_FILE 1224
#endif

typedef LONG(NTAPI *NT_SAME)(PVOID, PVOID);

#include "../guesttest.h"

#define PAGE 4096
#define DATA_SIZE (3 * PAGE + 100)

static HANDLE OpenData(const char *name, DWORD access, DWORD disposition)
{
    return CreateFileA(name, access, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, disposition,
                       FILE_ATTRIBUTE_NORMAL, NULL);
}

/* data.bin: page i holds 'A' + i; 100 bytes of 'D' on the fourth. */
static void MakeData(void)
{
    static char bytes[DATA_SIZE];
    for (int i = 0; i < DATA_SIZE; i++) {
        bytes[i] = (char)('A' + i / PAGE);
    }
    HANDLE f = OpenData("data.bin", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
    DWORD n = 0;
    WriteFile(f, bytes, DATA_SIZE, &n, NULL);
    CloseHandle(f);
    Check(n == DATA_SIZE, "data.bin written, 3 pages and 100 bytes");
}

static void Refusals(void)
{
    /* An empty file has nothing to map: ERROR_FILE_INVALID
     * (STATUS_MAPPED_FILE_SIZE_ZERO). */
    HANDLE empty = OpenData("empty.bin", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
    SetLastError(0);
    HANDLE m = CreateFileMappingA(empty, NULL, PAGE_READONLY, 0, 0, NULL);
    Check(m == NULL && GetLastError() == ERROR_FILE_INVALID,
          "an empty file, size 0: ERROR_FILE_INVALID");
    CloseHandle(empty);

    /* The file handle's access must cover the protection: ERROR_ACCESS_DENIED. */
    HANDLE ro = OpenData("data.bin", GENERIC_READ, OPEN_EXISTING);
    SetLastError(0);
    m = CreateFileMappingA(ro, NULL, PAGE_READWRITE, 0, 0, NULL);
    Check(m == NULL && GetLastError() == ERROR_ACCESS_DENIED,
          "PAGE_READWRITE on a GENERIC_READ file: ERROR_ACCESS_DENIED");
    SetLastError(0);
    m = CreateFileMappingA(ro, NULL, PAGE_EXECUTE_READ, 0, 0, NULL);
    Check(m == NULL && GetLastError() == ERROR_ACCESS_DENIED,
          "PAGE_EXECUTE_READ without FILE_EXECUTE: ERROR_ACCESS_DENIED");
    m = CreateFileMappingA(ro, NULL, PAGE_READONLY, 0, 0, NULL);
    Check(m != NULL, "PAGE_READONLY on a GENERIC_READ file");
    /* A read-only section cannot make its file longer: STATUS_SECTION_TOO_BIG
     * (ERROR_NOT_ENOUGH_MEMORY). */
    SetLastError(0);
    HANDLE big = CreateFileMappingA(ro, NULL, PAGE_READONLY, 0, 8 * PAGE, NULL);
    Check(big == NULL && GetLastError() == ERROR_NOT_ENOUGH_MEMORY,
          "PAGE_READONLY past the end of file: ERROR_NOT_ENOUGH_MEMORY");
    Check(GetFileSize(ro, NULL) == DATA_SIZE, "...and the file kept its size");
    CloseHandle(m);
    CloseHandle(ro);
}

static void ViewContents(char *view)
{
    Check(view[0] == 'A' && view[PAGE] == 'B' && view[2 * PAGE + 7] == 'C',
          "the view shows the file's pages");
    Check(view[3 * PAGE + 99] == 'D', "the last byte of the file");
    Check(view[3 * PAGE + 100] == 0 && view[4 * PAGE - 1] == 0,
          "past the end of file, the last page is zeros");
    MEMORY_BASIC_INFORMATION mbi;
    VirtualQuery(view, &mbi, sizeof mbi);
    Check(mbi.Type == MEM_MAPPED && mbi.RegionSize == 4 * PAGE,
          "VirtualQuery: MEM_MAPPED, 4 pages");
    Check(IsBadReadPtr(view + 4 * PAGE, 1), "past the view's last page: an access violation");
}

static void Coherence(HANDLE f, char *view)
{
    char buffer[16];
    memcpy(view + 10, "mapped", 6);
    memset(buffer, 0, sizeof buffer);
    Check(ReadAt(f, 10, buffer, 6) && memcmp(buffer, "mapped", 6) == 0,
          "ReadFile sees a write through the view (no flush)");
    Check(WriteAt(f, PAGE + 5, "written", 7), "WriteFile into the mapped range");
    Check(memcmp(view + PAGE + 5, "written", 7) == 0, "the view sees WriteFile's bytes");
}

static void OtherProcess(char *view)
{
    memcpy(view + 300, "parent", 6);
    Check(RunChild("mapfile.exe child") == 0,
          "the child mapped the file and saw our write (exit code 0)");
    Check(memcmp(view + 200, "child", 5) == 0, "the child's write through its view, in ours");
}

static int Child(void)
{
    HANDLE f = OpenData("data.bin", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING);
    HANDLE m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
    char *view = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
    Check(view != NULL, "child: a view of data.bin");
    if (!view) {
        return 1;
    }
    char buffer[8] = {0};
    Check(memcmp(view + 300, "parent", 6) == 0, "child: sees the parent's write in its view");
    Check(ReadAt(f, 300, buffer, 6) && memcmp(buffer, "parent", 6) == 0,
          "child: ReadFile sees it too");
    memcpy(view + 200, "child", 5);
    UnmapViewOfFile(view);
    CloseHandle(m);
    CloseHandle(f);
    return Failures ? 1 : 0;
}

static void Flush(char *view)
{
    /* Page 0 was written through the view; page 1 only by WriteFile (the
     * file has it already). FlushViewOfFile writes the one dirty page
     * (mapfile.sh counts it in the run record). */
    Check(FlushViewOfFile(view, 0), "FlushViewOfFile of the whole view");
    Check(FlushViewOfFile(view, 0), "FlushViewOfFile again: nothing left to write");
    Check(FlushViewOfFile(view + 2 * PAGE, 1), "FlushViewOfFile of one byte");
    char *private = VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_READWRITE);
    SetLastError(0);
    Check(!FlushViewOfFile(private, PAGE) && GetLastError() == ERROR_INVALID_ADDRESS,
          "FlushViewOfFile of private memory: ERROR_INVALID_ADDRESS");
    VirtualFree(private, 0, MEM_RELEASE);
}

static void Extend(void)
{
    HANDLE f = OpenData("grow.bin", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
    WriteAt(f, 0, "grow", 4);
    /* A writable section longer than its file extends it. */
    HANDLE m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 3 * PAGE, NULL);
    Check(m != NULL, "a PAGE_READWRITE section of 3 pages over a 4-byte file");
    Check(GetFileSize(f, NULL) == 3 * PAGE, "...makes the file 3 pages long");
    char *view = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
    Check(view && memcmp(view, "grow", 4) == 0 && view[3 * PAGE - 1] == 0,
          "the view: the old bytes, then zeros");
    if (view) {
        view[3 * PAGE - 1] = 'Z';
    }
    /* Truncation below a mapped section: ERROR_USER_MAPPED_FILE. */
    SetFilePointer(f, PAGE, NULL, FILE_BEGIN);
    SetLastError(0);
    Check(!SetEndOfFile(f) && GetLastError() == ERROR_USER_MAPPED_FILE,
          "SetEndOfFile below the view: ERROR_USER_MAPPED_FILE");
    SetLastError(0);
    HANDLE again = OpenData("grow.bin", GENERIC_READ | GENERIC_WRITE, TRUNCATE_EXISTING);
    Check(again == INVALID_HANDLE_VALUE && GetLastError() == ERROR_USER_MAPPED_FILE,
          "TRUNCATE_EXISTING on a mapped file: ERROR_USER_MAPPED_FILE");
    SetFilePointer(f, 4 * PAGE, NULL, FILE_BEGIN);
    Check(SetEndOfFile(f), "SetEndOfFile past the section: allowed");
    UnmapViewOfFile(view);
    CloseHandle(m);
    /* The last view and section gone: the dirty page went to the file,
     * and the file may be truncated. */
    char last = 0;
    Check(ReadAt(f, 3 * PAGE - 1, &last, 1) && last == 'Z',
          "the view's write reached the file at the last unmap and close");
    SetFilePointer(f, 3 * PAGE, NULL, FILE_BEGIN);
    Check(SetEndOfFile(f), "SetEndOfFile once nothing maps it");
    CloseHandle(f);
}

static void CopyOnWrite(void)
{
    HANDLE f = OpenData("copy.bin", GENERIC_READ | GENERIC_WRITE, CREATE_ALWAYS);
    WriteAt(f, 0, "original", 8);
    HANDLE m = CreateFileMappingA(f, NULL, PAGE_WRITECOPY, 0, 0, NULL);
    Check(m != NULL, "a PAGE_WRITECOPY section of copy.bin");
    char *copy = MapViewOfFile(m, FILE_MAP_COPY, 0, 0, 0);
    char *plain = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0);
    Check(copy && plain, "a FILE_MAP_COPY view and a FILE_MAP_READ view");
    if (copy && plain) {
        memcpy(copy, "changed!", 8);
        MEMORY_BASIC_INFORMATION mbi;
        VirtualQuery(copy, &mbi, sizeof mbi);
        Check(mbi.Protect == PAGE_READWRITE, "the written copy-on-write page: PAGE_READWRITE");
        Check(memcmp(plain, "original", 8) == 0, "the other view still shows the file");
        Check(FlushViewOfFile(copy, 0), "FlushViewOfFile of the copy-on-write view");
    }
    char buffer[8] = {0};
    Check(ReadAt(f, 0, buffer, 8) && memcmp(buffer, "original", 8) == 0,
          "ReadFile: the file is untouched");
    UnmapViewOfFile(copy);
    UnmapViewOfFile(plain);
    CloseHandle(m);
    CloseHandle(f);
}

static void SameFiles(HANDLE f, HANDLE m, char *view)
{
    NT_SAME same = (NT_SAME)GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                           "NtAreMappedFilesTheSame");
    Check(same != NULL, "ntdll exports NtAreMappedFilesTheSame");
    if (!same) {
        return;
    }
    Check(same(view, view + 30) == 0, "two addresses in one view: STATUS_SUCCESS");
    char *other = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0);
    Check(same(view, other) == (LONG)0xC00000D4,
          "another view of the file: STATUS_NOT_SAME_DEVICE (as Windows says)");
    UnmapViewOfFile(other);
    Check(same(view, NULL) == (LONG)0xC0000141, "NULL: STATUS_INVALID_ADDRESS");
    char *heap = VirtualAlloc(NULL, PAGE, MEM_COMMIT, PAGE_READWRITE);
    Check(same(view, heap) == (LONG)0xC0000018, "private memory: STATUS_CONFLICTING_ADDRESSES");
    VirtualFree(heap, 0, MEM_RELEASE);
    (void)f;
}

static int Basic(void)
{
    MakeData();
    Refusals();
    HANDLE f = OpenData("data.bin", GENERIC_READ | GENERIC_WRITE, OPEN_EXISTING);
    HANDLE m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, "Local\\mapfile-data");
    Check(m != NULL && GetLastError() == 0, "CreateFileMapping of data.bin, size 0 (the file's)");
    Check(GetFileSize(f, NULL) == DATA_SIZE, "...the file keeps its size");
    HANDLE opened = OpenFileMappingA(FILE_MAP_READ, FALSE, "Local\\mapfile-data");
    Check(opened != NULL, "OpenFileMapping by its name");
    char *view = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
    char *by_name = opened ? MapViewOfFile(opened, FILE_MAP_READ, 0, 0, 0) : NULL;
    Check(view != NULL && by_name != NULL, "MapViewOfFile of both");
    if (!view || !by_name) {
        return 1;
    }
    ViewContents(view);
    Coherence(f, view);
    Check(memcmp(by_name + 10, "mapped", 6) == 0, "the other view shares the page");
    SetLastError(0);
    Check(MapViewOfFile(m, FILE_MAP_READ, 0, PAGE, PAGE) == NULL &&
          GetLastError() == ERROR_MAPPED_ALIGNMENT,
          "an offset not a multiple of 64 KiB: ERROR_MAPPED_ALIGNMENT");
    OtherProcess(view);
    char buffer[8] = {0};
    Check(ReadAt(f, 200, buffer, 5) && memcmp(buffer, "child", 5) == 0,
          "ReadFile sees the child's write");
    Flush(view);
    SameFiles(f, m, view);
    UnmapViewOfFile(by_name);
    CloseHandle(opened);
    UnmapViewOfFile(view);
    CloseHandle(m);
    CloseHandle(f);
    Extend();
    CopyOnWrite();
    printf("%d failures\n", Failures);
    return Failures ? 1 : 0;
}

#define VIEW_AT ((char *)0x50000000)
#define BIG_PAGES 256

/* A file view at 0x50000000 of BIG_PAGES pages, each starting with its number. */
static char *MapBig(HANDLE *file, HANDLE *mapping)
{
    *file = OpenData("big.bin", GENERIC_READ | GENERIC_WRITE, OPEN_ALWAYS);
    if (GetFileSize(*file, NULL) == 0) {
        static char page[PAGE];
        for (DWORD i = 0; i < BIG_PAGES; i++) {
            memset(page, 0, sizeof page);
            sprintf(page, "page %lu", i);
            WriteAt(*file, i * PAGE, page, PAGE);
        }
    }
    *mapping = CreateFileMappingA(*file, NULL, PAGE_READWRITE, 0, 0, NULL);
    return MapViewOfFileEx(*mapping, FILE_MAP_WRITE, 0, 0, 0, VIEW_AT);
}

static int Paged(void)
{
    HANDLE f, m;
    char *view = MapBig(&f, &m);
    Check(view == VIEW_AT, "a view of big.bin at 0x50000000");
    if (!view) {
        return 1;
    }
    char want[32];
    Check(strcmp(view, "page 0") == 0, "page 0 read from the file");
    /* Trimmed clean, its frame reused: the next touch reads the file. */
    SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1);
    Crowd();
    Check(strcmp(view, "page 0") == 0, "page 0 again, read from the file again");
    /* Every page written, then pushed out: the mapped page writer sends
     * them to the file, and they come back from it. */
    for (DWORD i = 1; i < BIG_PAGES; i++) {
        sprintf(view + i * PAGE + 64, "written %lu", i);
    }
    SetProcessWorkingSetSize(GetCurrentProcess(), (SIZE_T)-1, (SIZE_T)-1);
    Crowd();
    int good = 1;
    for (DWORD i = 1; i < BIG_PAGES; i++) {
        sprintf(want, "written %lu", i);
        good &= strcmp(view + i * PAGE + 64, want) == 0;
        sprintf(want, "page %lu", i);
        good &= strcmp(view + i * PAGE, want) == 0;
    }
    Check(good, "every written page came back with its data");
    char buffer[16] = {0};
    Check(ReadAt(f, 100 * PAGE + 64, buffer, 11) && strcmp(buffer, "written 100") == 0,
          "ReadFile agrees");
    /* The view stays mapped: the run's exit snapshot records where each of
     * its pages is (mapfile.sh asks mapped_file_pages). */
    printf("%d failures\n", Failures);
    return Failures ? 1 : 0;
}

static int InPage(void)
{
    HANDLE f, m;
    char *view = MapBig(&f, &m);
    Check(view == VIEW_AT, "a view of big.bin at 0x50000000");
    if (!view) {
        return 1;
    }
    AddVectoredExceptionHandler(1, InPageHandler);
    unsigned value = ReadWord(view);
    Check(Seen.ExceptionCode == STATUS_IN_PAGE_ERROR, "the file read failed: STATUS_IN_PAGE_ERROR");
    Check(value == 0xDEADDEAD, "the faulting read did not complete");
    Check(Seen.NumberParameters == 3 && Seen.ExceptionInformation[0] == 0 &&
          Seen.ExceptionInformation[1] == (ULONG_PTR)view,
          "its parameters: a read, at the view's address");
    Check(Seen.ExceptionInformation[2] == 0xC000009C, "[2] = STATUS_DEVICE_DATA_ERROR");
    Check(strcmp(view, "page 0") == 0, "the next touch reads the page");
    UnmapViewOfFile(view);
    CloseHandle(m);
    CloseHandle(f);
    printf("%d failures\n", Failures);
    return Failures ? 1 : 0;
}

static HANDLE Go, Ready;
static char *CollideView;
static unsigned SecondWord;

static DWORD WINAPI CollideSecond(void *unused)
{
    (void)unused;
    static unsigned warm; /* what this thread touches comes in before the collision */
    WaitForSingleObject(Go, 0);
    warm = ReadWord(&warm);
    SetEvent(Ready);
    WaitForSingleObject(Go, INFINITE);
    SecondWord = ReadWord(CollideView + 5 * PAGE + 4);
    return 0;
}

static int Collide(void)
{
    HANDLE f, m;
    CollideView = MapBig(&f, &m);
    Check(CollideView == VIEW_AT, "a view of big.bin at 0x50000000");
    if (!CollideView) {
        return 1;
    }
    Go = CreateEventA(NULL, TRUE, FALSE, NULL);
    Ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE second = CreateThread(NULL, 0, CollideSecond, NULL, 0, NULL);
    Check(second != NULL, "CreateThread");
    WaitForSingleObject(Ready, INFINITE);
    SetEvent(Go);                                          /* ready, but this thread keeps the CPU... */
    unsigned first = ReadWord(CollideView + 5 * PAGE);     /* ...until its file read makes it wait */
    WaitForSingleObject(second, INFINITE);
    Check(memcmp(&first, "page", 4) == 0, "the first thread reads the page");
    Check(memcmp(&SecondWord, " 5", 2) == 0, "the collided thread reads it too");
    UnmapViewOfFile(CollideView);
    CloseHandle(m);
    CloseHandle(f);
    printf("%d failures\n", Failures);
    return Failures ? 1 : 0;
}

typedef struct IO_STATUS {
    LONG Status;
    ULONG_PTR Information;
} IO_STATUS;
typedef LONG(NTAPI *NT_SET_INFO)(HANDLE, IO_STATUS *, void *, ULONG, ULONG);
#define FILE_DISPOSITION_INFORMATION_CLASS 13
#define STATUS_CANNOT_DELETE_ ((LONG)0xC0000121)

/* name, created 64 KiB long through a 64 KiB PAGE_READWRITE mapping (as
 * Wine's test makes it); *view mapped (FILE_MAP_READ, 4 KiB) if view. The
 * file is shared for everything (tests/section/sharing.c checks what the
 * share mode does once the handle is closed). */
static HANDLE MapForDelete(const char *name, HANDLE *file, char **view)
{
    *file = CreateFileA(name, GENERIC_READ | GENERIC_WRITE | DELETE,
                        FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                        CREATE_ALWAYS, 0, NULL);
    HANDLE m = CreateFileMappingA(*file, NULL, PAGE_READWRITE, 0, 64 * 1024, NULL);
    if (view) {
        *view = m ? MapViewOfFile(m, FILE_MAP_READ, 0, 0, PAGE) : NULL;
    }
    return m;
}

static LONG SetDelete(NT_SET_INFO set, HANDLE file)
{
    IO_STATUS iosb;
    BOOLEAN yes = TRUE;
    return set(file, &iosb, &yes, sizeof yes, FILE_DISPOSITION_INFORMATION_CLASS);
}

static int Gone(const char *name)
{
    return GetFileAttributesA(name) == INVALID_FILE_ATTRIBUTES &&
           GetLastError() == ERROR_FILE_NOT_FOUND;
}

static int Delete(void)
{
    NT_SET_INFO set = (NT_SET_INFO)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                                          "NtSetInformationFile");
    HANDLE f, m;
    char *view;
    /* A mapping open: refused, and the file stays. */
    m = MapForDelete("del1.bin", &f, NULL);
    Check(m != NULL, "CreateFileMapping of del1.bin");
    Check(SetDelete(set, f) == STATUS_CANNOT_DELETE_,
          "FileDispositionInformation with the mapping open: STATUS_CANNOT_DELETE");
    CloseHandle(f);
    Check(!Gone("del1.bin"), "...the file is still there");
    SetLastError(0);
    Check(!DeleteFileA("del1.bin") && GetLastError() == ERROR_ACCESS_DENIED,
          "DeleteFile with the mapping open: ERROR_ACCESS_DENIED");
    SetLastError(0);
    HANDLE doc = CreateFileA("del1.bin", DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE |
                             FILE_SHARE_DELETE, NULL, OPEN_EXISTING, FILE_FLAG_DELETE_ON_CLOSE,
                             NULL);
    Check(doc != INVALID_HANDLE_VALUE, "opening it FILE_FLAG_DELETE_ON_CLOSE succeeds");
    CloseHandle(doc);
    Check(!Gone("del1.bin"), "...and closing that handle, the mapping open, leaves the file");
    CloseHandle(m);
    Check(DeleteFileA("del1.bin") && Gone("del1.bin"), "the mapping closed, DeleteFile deletes it");
    /* The mapping closed before: deleted. */
    m = MapForDelete("del2.bin", &f, NULL);
    CloseHandle(m);
    Check(SetDelete(set, f) == 0, "FileDispositionInformation, the mapping closed: STATUS_SUCCESS");
    CloseHandle(f);
    Check(Gone("del2.bin"), "...and the file is deleted at the close");
    /* A view mapped (its mapping handle closed): refused. */
    m = MapForDelete("del3.bin", &f, &view);
    Check(view != NULL, "a view of del3.bin");
    CloseHandle(m);
    Check(SetDelete(set, f) == STATUS_CANNOT_DELETE_,
          "FileDispositionInformation with a view mapped: STATUS_CANNOT_DELETE");
    CloseHandle(f);
    Check(!Gone("del3.bin"), "...the file is still there");
    SetLastError(0);
    Check(!DeleteFileA("del3.bin") && GetLastError() == ERROR_ACCESS_DENIED,
          "DeleteFile with a view mapped: ERROR_ACCESS_DENIED");
    Check(MoveFileA("del3.bin", "moved3.bin"), "renaming it is allowed");
    UnmapViewOfFile(view);
    Check(DeleteFileA("moved3.bin") && Gone("moved3.bin"), "the view unmapped, DeleteFile deletes it");
    /* Mapped and unmapped again: deleted. */
    m = MapForDelete("del4.bin", &f, &view);
    CloseHandle(m);
    UnmapViewOfFile(view);
    Check(SetDelete(set, f) == 0, "FileDispositionInformation, the view unmapped: STATUS_SUCCESS");
    CloseHandle(f);
    Check(Gone("del4.bin"), "...and the file is deleted at the close");
    printf("%d failures\n", Failures);
    return Failures ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "basic";
    if (strcmp(what, "child") == 0) {
        return Child();
    }
    if (strcmp(what, "paged") == 0) {
        return Paged();
    }
    if (strcmp(what, "inpage") == 0) {
        return InPage();
    }
    if (strcmp(what, "collide") == 0) {
        return Collide();
    }
    if (strcmp(what, "delete") == 0) {
        return Delete();
    }
    return Basic();
}
