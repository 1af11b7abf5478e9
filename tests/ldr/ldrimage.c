/*
 * Image pages read from their files (issue #13); ldrimage.sh runs each
 * scenario and reads the run record with sqlite3.
 *
 *   paged    (--ram 4M) imgpage.dll is loaded relocated (its base is
 *            reserved first); every pointer of its table is relocated, a
 *            copy of the whole image is kept, memory is churned until the
 *            image's pages are trimmed and their frames reused, and the
 *            image read again from the file is byte for byte the copy.
 *   where    prints the address of a page of Probe (read-only data of this
 *            program that nothing touches before `inpage`).
 *   inpage   (--inject-read-error at that page) reading it raises
 *            STATUS_IN_PAGE_ERROR (a read, at that address, with the read's
 *            status STATUS_DEVICE_DATA_ERROR), and the next touch reads it.
 *   private  a write to imgpage.dll's .data is this process's own: a child
 *            process loading the DLL sees the file's value.
 *   child    run by private.
 *   write    (C:\imgpage.dll) while it is loaded, opening it for write is
 *            a sharing violation, as on Windows; after FreeLibrary it is not.
 *   collide  (--io-latency) two threads on an image page being read: one
 *            read, a collided fault (collide-error: both get the error).
 *   where2   the address of the page collide uses.
 *   secimage CreateFileMapping(SEC_IMAGE) on C:\imgpage.dll and
 *            NtMapViewOfSection: an image view (MEM_IMAGE, each section's
 *            protection), relocated (STATUS_IMAGE_NOT_AT_BASE) when its base
 *            is taken; a file that is not PE: ERROR_BAD_EXE_FORMAT.
 *   delete   (run as C:\ldrimage.exe) the running program and a loaded DLL
 *            (C:\imgpage.dll) cannot be deleted: DeleteFile is
 *            ERROR_ACCESS_DENIED, FileDispositionInformation and NtDeleteFile
 *            STATUS_CANNOT_DELETE, opening with FILE_FLAG_DELETE_ON_CLOSE
 *            ERROR_ACCESS_DENIED (NT's MmFlushImageSection(MmFlushForDelete);
 *            Microsoft's DeleteFile documentation: it fails for a file open
 *            as a memory-mapped file); renaming the loaded DLL is allowed;
 *            after FreeLibrary the DLL's unused image section is purged and
 *            DeleteFile deletes it.
 *
 * Windows' answers for the image views are those Wine's conformance tests
 * state (dlls/kernel32/tests/loader.c, mapping test images with
 * NtMapViewOfSection): Type MEM_IMAGE (SEC_IMAGE), AllocationProtect
 * PAGE_EXECUTE_WRITECOPY, each section's pages with its protection, and a
 * second view of the same image elsewhere STATUS_IMAGE_NOT_AT_BASE.
 */
#include <windows.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../inpageprobe.h"

#define IMG_BASE 0x13570000u
#define PAGE 4096

#include "imgentry.h"

#include "../guesttest.h"

static int Done(void)
{
    printf("%d failures\n", Failures);
    return Failures ? 1 : 0;
}

__attribute__((aligned(PAGE))) static const unsigned char Probe[3 * PAGE] = {
    'p', 'r', 'o', 'b', 'e', [PAGE] = 'p', 'a', 'g', 'e', ' ', '1', [2 * PAGE] = '2'};

static DWORD ImageSize(const unsigned char *base)
{
    const IMAGE_NT_HEADERS32 *nt =
        (const IMAGE_NT_HEADERS32 *)(base + ((const IMAGE_DOS_HEADER *)base)->e_lfanew);
    return nt->OptionalHeader.SizeOfImage;
}

static int TableRelocated(const IMG_ENTRY *table, const int *target)
{
    for (int i = 0; i < 4096; i++) {
        if (table[i].Pointer != target || memcmp(table[i].Pad, "img", 3) != 0) {
            printf("     entry %d at %p: %p, expected %p\n", i, (void *)&table[i],
                   (void *)table[i].Pointer, (void *)target);
            return 0;
        }
    }
    return 1;
}

static int Paged(void)
{
    VirtualAlloc((void *)IMG_BASE, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
    HMODULE dll = LoadLibraryA("imgpage.dll");
    Check(dll != NULL, "LoadLibrary(imgpage.dll)");
    if (!dll) {
        return Done();
    }
    const unsigned char *base = (const unsigned char *)dll;
    const IMG_ENTRY *table = (const IMG_ENTRY *)(void *)GetProcAddress(dll, "ImgTable");
    const int *target = (const int *)(void *)GetProcAddress(dll, "ImgTarget");
    printf("imgpage base 0x%08lx table 0x%08lx\n", (unsigned long)base, (unsigned long)table);
    Check((DWORD)base != IMG_BASE, "imgpage.dll is relocated (its base is reserved)");
    Check(table && target && TableRelocated(table, target),
          "every pointer of its table is relocated, those across page edges too");
    DWORD size = ImageSize(base);
    unsigned char *copy = malloc(size);
    memcpy(copy, base, size);
    /* 24 MiB touched twice in 4 MiB of RAM: every frame is reused. */
    SIZE_T churn = 24u << 20;
    unsigned char *memory = VirtualAlloc(NULL, churn, MEM_COMMIT, PAGE_READWRITE);
    Check(memory != NULL, "24 MiB to churn");
    for (int pass = 0; memory && pass < 2; pass++) {
        for (SIZE_T at = 0; at < churn; at += PAGE) {
            memory[at] = (unsigned char)(at >> 12);
        }
    }
    Check(memcmp(copy, base, size) == 0, "the image read again from its file is the same, byte for byte");
    Check(table && target && TableRelocated(table, target), "and its table still relocated");
    return Done();
}

static int InPage(void)
{
    const unsigned char *page = Probe + PAGE;
    AddVectoredExceptionHandler(1, InPageHandler);
    unsigned value = ReadWord(page);
    Check(Seen.ExceptionCode == STATUS_IN_PAGE_ERROR, "the image page's read failed: STATUS_IN_PAGE_ERROR");
    Check(value == 0xDEADDEAD, "the faulting read did not complete");
    Check(Seen.NumberParameters == 3 && Seen.ExceptionInformation[0] == 0 &&
          Seen.ExceptionInformation[1] == (ULONG_PTR)page,
          "its parameters: a read, at the page's address");
    Check(Seen.ExceptionInformation[2] == 0xC000009C, "[2] = STATUS_DEVICE_DATA_ERROR");
    /* (Through the instruction: the compiler knows what Probe holds.) */
    value = ReadWord(page);
    Check(memcmp(&value, "page", 4) == 0, "the next touch reads the page from the file");
    return Done();
}

/*
 * collide (--io-latency 1ms; error: and --inject-read-error at Probe's
 * third page): two threads touch an image page whose read from the file is
 * in flight; the second takes a collided fault on the first one's read.
 * Both see the page, or both get STATUS_IN_PAGE_ERROR.
 */
static DWORD MainThreadId;
static EXCEPTION_RECORD SeenBy[2];
static HANDLE Go, Ready;
static unsigned SecondValue;

static LONG CALLBACK CollideHandler(EXCEPTION_POINTERS *info)
{
    if (info->ExceptionRecord->ExceptionCode != STATUS_IN_PAGE_ERROR) {
        return EXCEPTION_CONTINUE_SEARCH;
    }
    SeenBy[GetCurrentThreadId() == MainThreadId ? 0 : 1] = *info->ExceptionRecord;
    info->ContextRecord->Eax = 0xDEADDEAD;
    info->ContextRecord->Eip += 2; /* movl (%ecx), %eax */
    return EXCEPTION_CONTINUE_EXECUTION;
}

static DWORD WINAPI Second(void *unused)
{
    (void)unused;
    static unsigned warm; /* what this thread touches comes in before the collision */
    WaitForSingleObject(Go, 0);
    warm = ReadWord(&warm);
    SetEvent(Ready);
    WaitForSingleObject(Go, INFINITE);
    SecondValue = ReadWord(Probe + 2 * PAGE);
    return 0;
}

static int Collide(int error)
{
    MainThreadId = GetCurrentThreadId();
    AddVectoredExceptionHandler(1, CollideHandler);
    Go = CreateEventA(NULL, TRUE, FALSE, NULL);
    Ready = CreateEventA(NULL, TRUE, FALSE, NULL);
    HANDLE second = CreateThread(NULL, 0, Second, NULL, 0, NULL);
    Check(second != NULL, "CreateThread");
    WaitForSingleObject(Ready, INFINITE);
    SetEvent(Go);                                 /* ready, but this thread keeps the CPU... */
    unsigned first = ReadWord(Probe + 2 * PAGE);  /* ...until its read from the file makes it wait */
    WaitForSingleObject(second, INFINITE);
    if (error) {
        for (int t = 0; t < 2; t++) {
            Check(SeenBy[t].ExceptionCode == STATUS_IN_PAGE_ERROR &&
                  SeenBy[t].ExceptionInformation[1] == (ULONG_PTR)(Probe + 2 * PAGE) &&
                  SeenBy[t].ExceptionInformation[2] == 0xC000009C,
                  t ? "the collided thread: STATUS_IN_PAGE_ERROR, the read's status"
                    : "the first thread: STATUS_IN_PAGE_ERROR, the read's status");
        }
        Check(first == 0xDEADDEAD && SecondValue == 0xDEADDEAD, "neither read completed");
        Check((ReadWord(Probe + 2 * PAGE) & 0xFF) == '2', "touched again, the page is read");
    } else {
        Check((first & 0xFF) == '2' && (SecondValue & 0xFF) == '2', "both threads see the page");
    }
    return Done();
}

static int Child(void)
{
    HMODULE dll = LoadLibraryA("imgpage.dll");
    int *data = dll ? (int *)(void *)GetProcAddress(dll, "ImgData") : NULL;
    Check(data && *data == 1234, "the child sees the file's ImgData, not the parent's write");
    return Done();
}

static int Private(void)
{
    HMODULE dll = LoadLibraryA("imgpage.dll");
    int *data = dll ? (int *)(void *)GetProcAddress(dll, "ImgData") : NULL;
    Check(data && *data == 1234, "ImgData is the file's 1234");
    if (!data) {
        return Done();
    }
    *data = 5678;
    Check(*data == 5678, "the write is seen by this process");
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    char line[] = "ldrimage.exe child";
    Check(CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi), "CreateProcess");
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(pi.hProcess, &code);
    Check(code == 0, "the child saw the original value");
    Check(*data == 5678, "the parent still has its own");
    return Done();
}

static int Write(void)
{
    HMODULE dll = LoadLibraryA("C:\\imgpage.dll");
    Check(dll != NULL, "LoadLibrary(C:\\imgpage.dll)");
    HANDLE f = CreateFileA("C:\\imgpage.dll", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING, 0, NULL);
    Check(f == INVALID_HANDLE_VALUE && GetLastError() == ERROR_SHARING_VIOLATION,
          "while it is mapped, opening it for write: ERROR_SHARING_VIOLATION");
    f = CreateFileA("C:\\imgpage.dll", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL,
                    OPEN_EXISTING, 0, NULL);
    Check(f != INVALID_HANDLE_VALUE, "opening it to read is allowed");
    CloseHandle(f);
    /* Its times may change (FILE_WRITE_ATTRIBUTES is not writing it), and
     * its pages still come from it: the table's last page, untouched until
     * now, is read after SetFileTime. */
    f = CreateFileA("C:\\imgpage.dll", FILE_WRITE_ATTRIBUTES, FILE_SHARE_READ | FILE_SHARE_DELETE,
                    NULL, OPEN_EXISTING, 0, NULL);
    Check(f != INVALID_HANDLE_VALUE, "opening it for FILE_WRITE_ATTRIBUTES is allowed");
    FILETIME when = {0x12345678, 0x01D00000};
    Check(SetFileTime(f, NULL, NULL, &when), "SetFileTime(its last-write time)");
    CloseHandle(f);
    const IMG_ENTRY *table = dll ? (const IMG_ENTRY *)(void *)GetProcAddress(dll, "ImgTable") : NULL;
    const int *target = dll ? (const int *)(void *)GetProcAddress(dll, "ImgTarget") : NULL;
    Check(table && target && table[4095].Pointer == target, "a page read after it: the same file");
    Check(FreeLibrary(dll), "FreeLibrary");
    f = CreateFileA("C:\\imgpage.dll", GENERIC_WRITE, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    Check(f != INVALID_HANDLE_VALUE, "unmapped, it can be opened for write");
    CloseHandle(f);
    return Done();
}

typedef struct IO_STATUS {
    LONG Status;
    ULONG_PTR Information;
} IO_STATUS;
typedef struct NT_NAME {
    USHORT Length, MaximumLength;
    WCHAR *Buffer;
} NT_NAME;
typedef struct NT_ATTRIBUTES {
    ULONG Length;
    HANDLE RootDirectory;
    NT_NAME *ObjectName;
    ULONG Attributes;
    void *SecurityDescriptor, *SecurityQualityOfService;
} NT_ATTRIBUTES;
typedef LONG(NTAPI *NT_SET_INFO)(HANDLE, IO_STATUS *, void *, ULONG, ULONG);
typedef LONG(NTAPI *NT_DELETE)(NT_ATTRIBUTES *);
#define STATUS_CANNOT_DELETE_ ((LONG)0xC0000121)

/* Every way to delete name is refused (the file is a mapped image). */
static void DeleteRefused(const char *name, const WCHAR *nt_name)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    NT_SET_INFO set = (NT_SET_INFO)(void *)GetProcAddress(ntdll, "NtSetInformationFile");
    NT_DELETE nt_delete = (NT_DELETE)(void *)GetProcAddress(ntdll, "NtDeleteFile");
    char what[200];
    SetLastError(0);
    snprintf(what, sizeof what, "DeleteFile(%s): ERROR_ACCESS_DENIED", name);
    Check(!DeleteFileA(name) && GetLastError() == ERROR_ACCESS_DENIED, what);
    HANDLE f = CreateFileA(name, DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
                           NULL, OPEN_EXISTING, 0, NULL);
    IO_STATUS iosb;
    BOOLEAN yes = TRUE;
    snprintf(what, sizeof what, "FileDispositionInformation: STATUS_CANNOT_DELETE");
    Check(f != INVALID_HANDLE_VALUE && set(f, &iosb, &yes, sizeof yes, 13) == STATUS_CANNOT_DELETE_,
          what);
    CloseHandle(f);
    NT_NAME string = {(USHORT)(wcslen(nt_name) * 2), (USHORT)(wcslen(nt_name) * 2),
                      (WCHAR *)nt_name};
    NT_ATTRIBUTES attributes = {sizeof attributes, NULL, &string, 0x40 /* OBJ_CASE_INSENSITIVE */,
                                NULL, NULL};
    Check(nt_delete(&attributes) == STATUS_CANNOT_DELETE_, "NtDeleteFile: STATUS_CANNOT_DELETE");
    SetLastError(0);
    f = CreateFileA(name, DELETE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                    OPEN_EXISTING, FILE_FLAG_DELETE_ON_CLOSE, NULL);
    Check(f == INVALID_HANDLE_VALUE && GetLastError() == ERROR_ACCESS_DENIED,
          "opening it FILE_FLAG_DELETE_ON_CLOSE: ERROR_ACCESS_DENIED");
    Check(GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES, "...and it is still there");
}

static int Delete(void)
{
    DeleteRefused("C:\\ldrimage.exe", L"\\??\\C:\\ldrimage.exe");
    HMODULE dll = LoadLibraryA("C:\\imgpage.dll");
    Check(dll != NULL, "LoadLibrary(C:\\imgpage.dll)");
    DeleteRefused("C:\\imgpage.dll", L"\\??\\C:\\imgpage.dll");
    Check(MoveFileA("C:\\imgpage.dll", "C:\\renamed.dll"), "renaming the loaded DLL is allowed");
    Check(MoveFileA("C:\\renamed.dll", "C:\\imgpage.dll"), "...and back");
    const int *data = dll ? (const int *)(void *)GetProcAddress(dll, "ImgData") : NULL;
    Check(data && *data == 1234, "the DLL still reads its pages from the file");
    Check(FreeLibrary(dll), "FreeLibrary");
    Check(DeleteFileA("C:\\imgpage.dll"), "unloaded, DeleteFile deletes it");
    Check(GetFileAttributesA("C:\\imgpage.dll") == INVALID_FILE_ATTRIBUTES &&
          GetLastError() == ERROR_FILE_NOT_FOUND, "...and it is gone");
    Check(LoadLibraryA("C:\\imgpage.dll") == NULL && GetLastError() == ERROR_MOD_NOT_FOUND,
          "LoadLibrary of it now: ERROR_MOD_NOT_FOUND");
    return Done();
}

typedef LONG(NTAPI *NT_MAP)(HANDLE, HANDLE, void **, ULONG_PTR, SIZE_T, LARGE_INTEGER *, SIZE_T *,
                            DWORD, ULONG, ULONG);
typedef LONG(NTAPI *NT_UNMAP)(HANDLE, void *);

/* An export's address in a mapped image, found through its export directory. */
static void *Export(unsigned char *base, const char *name)
{
    IMAGE_NT_HEADERS32 *nt = (IMAGE_NT_HEADERS32 *)(base + ((IMAGE_DOS_HEADER *)base)->e_lfanew);
    IMAGE_DATA_DIRECTORY dir = nt->OptionalHeader.DataDirectory[IMAGE_DIRECTORY_ENTRY_EXPORT];
    IMAGE_EXPORT_DIRECTORY *exports = (IMAGE_EXPORT_DIRECTORY *)(base + dir.VirtualAddress);
    DWORD *names = (DWORD *)(base + exports->AddressOfNames);
    WORD *ordinals = (WORD *)(base + exports->AddressOfNameOrdinals);
    DWORD *functions = (DWORD *)(base + exports->AddressOfFunctions);
    for (DWORD i = 0; i < exports->NumberOfNames; i++) {
        if (strcmp((char *)base + names[i], name) == 0) {
            return base + functions[ordinals[i]];
        }
    }
    return NULL;
}

static int SecImage(void)
{
    HMODULE ntdll = GetModuleHandleA("ntdll.dll");
    NT_MAP map = (NT_MAP)(void *)GetProcAddress(ntdll, "NtMapViewOfSection");
    NT_UNMAP unmap = (NT_UNMAP)(void *)GetProcAddress(ntdll, "NtUnmapViewOfSection");
    HANDLE f = CreateFileA("C:\\imgpage.dll", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING,
                           0, NULL);
    Check(f != INVALID_HANDLE_VALUE, "open C:\\imgpage.dll to read");
    HANDLE m = CreateFileMappingA(f, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL);
    Check(m != NULL, "CreateFileMapping(PAGE_READONLY | SEC_IMAGE)");
    unsigned char *view = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0);
    Check(view == (unsigned char *)IMG_BASE, "MapViewOfFile: the image at its base");
    MEMORY_BASIC_INFORMATION mbi;
    if (view) {
        Check(memcmp(view, "MZ", 2) == 0, "its headers");
        VirtualQuery(view, &mbi, sizeof mbi);
        Check(mbi.Type == MEM_IMAGE && mbi.Protect == PAGE_READONLY &&
              mbi.AllocationProtect == PAGE_EXECUTE_WRITECOPY,
              "MEM_IMAGE; headers PAGE_READONLY; allocated PAGE_EXECUTE_WRITECOPY");
        int *data = Export(view, "ImgData");
        VirtualQuery(data, &mbi, sizeof mbi);
        Check(data && *data == 1234 && mbi.Protect == PAGE_WRITECOPY, ".data: the file's value, PAGE_WRITECOPY");
        VirtualQuery(view + 0x1000, &mbi, sizeof mbi);
        Check(mbi.Protect == PAGE_EXECUTE_READ, ".text: PAGE_EXECUTE_READ");
        Check(UnmapViewOfFile(view), "UnmapViewOfFile");
    }
    /* The base taken: NtMapViewOfSection relocates it and says so. */
    VirtualAlloc((void *)IMG_BASE, 0x10000, MEM_RESERVE, PAGE_NOACCESS);
    void *moved = NULL;
    SIZE_T size = 0;
    LONG status = map(m, GetCurrentProcess(), &moved, 0, 0, NULL, &size, 1 /* ViewShare */, 0,
                      PAGE_READONLY);
    Check(status == 0x40000003, "NtMapViewOfSection elsewhere: STATUS_IMAGE_NOT_AT_BASE");
    Check(moved != NULL, "...and the base it went to written back");
    if (moved) {
        unsigned char *at = moved;
        const IMG_ENTRY *table = Export(at, "ImgTable");
        const int *target = Export(at, "ImgTarget");
        Check(at != (unsigned char *)IMG_BASE && size == ImageSize(at), "at another base, the image's size");
        Check(table && target && TableRelocated(table, target), "its pointers relocated for that base");
        Check(unmap(GetCurrentProcess(), moved) == 0, "NtUnmapViewOfSection");
    }
    CloseHandle(m);
    CloseHandle(f);
    f = CreateFileA("C:\\notpe.dll", GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    Check(f != INVALID_HANDLE_VALUE, "open C:\\notpe.dll");
    SetLastError(0);
    m = CreateFileMappingA(f, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL);
    Check(m == NULL && GetLastError() == ERROR_BAD_EXE_FORMAT,
          "a file that is not PE: ERROR_BAD_EXE_FORMAT (STATUS_INVALID_IMAGE_NOT_MZ)");
    CloseHandle(f);
    return Done();
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "paged";
    if (strcmp(what, "where") == 0) {
        printf("0x%08lx\n", (unsigned long)(Probe + PAGE));
        return 0;
    }
    if (strcmp(what, "inpage") == 0) {
        return InPage();
    }
    if (strcmp(what, "private") == 0) {
        return Private();
    }
    if (strcmp(what, "child") == 0) {
        return Child();
    }
    if (strcmp(what, "write") == 0) {
        return Write();
    }
    if (strcmp(what, "collide") == 0 || strcmp(what, "collide-error") == 0) {
        return Collide(what[7] != 0);
    }
    if (strcmp(what, "where2") == 0) {
        printf("0x%08lx\n", (unsigned long)(Probe + 2 * PAGE));
        return 0;
    }
    if (strcmp(what, "secimage") == 0) {
        return SecImage();
    }
    if (strcmp(what, "delete") == 0) {
        return Delete();
    }
    return Paged();
}
