/*
 * Share access ends when a file object's last handle is closed (NT's
 * IRP_MJ_CLEANUP), not when the file object goes: a section keeps its file
 * object but holds no share access. Each check states Windows' answer
 * (Wine's kernel32 conformance test test_file_sharing, which opens the file
 * with share mode 0, maps it and closes the file handle before opening it
 * again; Microsoft's documentation of CreateFile, DuplicateHandle and
 * LockFileEx):
 *
 *   - with the file's handle open and share mode 0, a second open is
 *     ERROR_SHARING_VIOLATION;
 *   - once that handle is closed, a PAGE_READONLY or PAGE_WRITECOPY
 *     mapping, or a view of it, does not stop an open with share mode 0,
 *     for any access;
 *   - a PAGE_READWRITE mapping (or a writable view of one) writes the
 *     file: an open that does not share writing is
 *     ERROR_SHARING_VIOLATION, one that does succeeds; CREATE_ALWAYS is
 *     ERROR_USER_MAPPED_FILE;
 *   - an image mapping refuses an open for write (ERROR_SHARING_VIOLATION)
 *     and nothing else;
 *   - DeleteFile of a file with a view mapped is ERROR_ACCESS_DENIED, not
 *     a sharing violation, though the handle had not shared deleting;
 *   - a handle duplicated (DuplicateHandle) or inherited by a cloned
 *     process names the same file object: its share access lasts until
 *     the last of them is closed, and so does FILE_FLAG_DELETE_ON_CLOSE;
 *   - a byte-range lock goes with the handle's close, though a section
 *     still holds the file object.
 *
 * tests/section/mapfile.sh runs it in a fresh root holding image.exe (a
 * copy of this program) and checks what is left.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#define STATUS_PROCESS_CLONED 0x00000129L

typedef struct RTL_USER_PROCESS_INFORMATION {
    ULONG Length;
    HANDLE ProcessHandle;
    HANDLE ThreadHandle;
    ULONG ClientId[2];
    UCHAR ImageInformation[0x30];
} RTL_USER_PROCESS_INFORMATION;

typedef LONG(NTAPI *CLONE)(ULONG, PVOID, PVOID, HANDLE, RTL_USER_PROCESS_INFORMATION *);

#ifndef ERROR_USER_MAPPED_FILE
#define ERROR_USER_MAPPED_FILE 1224
#endif

#define ALL_SHARE (FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE)

#include "../guesttest.h"

/* name, 8 KiB of 'x', opened GENERIC_READ | GENERIC_WRITE with share mode 0. */
static HANDLE MakeFile(const char *name)
{
    HANDLE f = CreateFileA(name, GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    static char bytes[8192];
    memset(bytes, 'x', sizeof bytes);
    DWORD done = 0;
    if (f != INVALID_HANDLE_VALUE) {
        WriteFile(f, bytes, sizeof bytes, &done, NULL);
    }
    return f;
}

/* An open's answer: 0 if it succeeded (the handle closed again), else its error. */
static DWORD TryOpen(const char *name, DWORD access, DWORD share, DWORD disposition)
{
    SetLastError(0xdeadbeef);
    HANDLE h = CreateFileA(name, access, share, NULL, disposition, 0, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        return GetLastError();
    }
    CloseHandle(h);
    return 0;
}

static DWORD Open(const char *name, DWORD access, DWORD share)
{
    return TryOpen(name, access, share, OPEN_EXISTING);
}

static void HandleOpen(void)
{
    HANDLE f = MakeFile("open.bin");
    Check(f != INVALID_HANDLE_VALUE, "open.bin created, share mode 0");
    Check(Open("open.bin", GENERIC_READ, ALL_SHARE) == ERROR_SHARING_VIOLATION,
          "its handle open: a second open is ERROR_SHARING_VIOLATION");
    HANDLE m = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
    Check(m != NULL, "a PAGE_READONLY mapping of it");
    Check(Open("open.bin", GENERIC_READ, ALL_SHARE) == ERROR_SHARING_VIOLATION,
          "the mapping and the handle open: still ERROR_SHARING_VIOLATION");
    CloseHandle(f);
    Check(Open("open.bin", GENERIC_READ | GENERIC_WRITE | DELETE, 0) == 0,
          "the handle closed, the mapping open: an open for everything, share mode 0, succeeds");
    CloseHandle(m);
}

static void ReadOnlyMappings(void)
{
    static const DWORD protections[] = {PAGE_READONLY, PAGE_WRITECOPY};
    for (int i = 0; i < 2; i++) {
        char what[160];
        const char *p = i ? "PAGE_WRITECOPY" : "PAGE_READONLY";
        HANDLE f = MakeFile("ro.bin");
        HANDLE m = CreateFileMappingA(f, NULL, protections[i], 0, 0, NULL);
        CloseHandle(f);
        snprintf(what, sizeof what, "%s mapping, its file's handle closed", p);
        Check(m != NULL, what);
        static const DWORD accesses[] = {0, GENERIC_READ, GENERIC_WRITE, DELETE,
                                         GENERIC_READ | GENERIC_WRITE | DELETE};
        int good = 1;
        for (int a = 0; a < 5; a++) {
            good &= Open("ro.bin", accesses[a], 0) == 0;
        }
        snprintf(what, sizeof what, "%s mapping: opens of any access with share mode 0 succeed", p);
        Check(good, what);
        char *view = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0);
        CloseHandle(m);
        snprintf(what, sizeof what, "%s: a view, its mapping closed: an open with share mode 0 succeeds", p);
        Check(view && view[100] == 'x' && Open("ro.bin", GENERIC_READ | GENERIC_WRITE, 0) == 0,
              what);
        SetLastError(0);
        snprintf(what, sizeof what,
                 "%s: DeleteFile with the view mapped: ERROR_ACCESS_DENIED (no sharing violation)", p);
        Check(!DeleteFileA("ro.bin") && GetLastError() == ERROR_ACCESS_DENIED, what);
        UnmapViewOfFile(view);
        Check(DeleteFileA("ro.bin"), "the view unmapped, DeleteFile deletes it");
    }
}

static void WritableMapping(void)
{
    HANDLE f = MakeFile("rw.bin");
    HANDLE m = CreateFileMappingA(f, NULL, PAGE_READWRITE, 0, 0, NULL);
    CloseHandle(f);
    Check(m != NULL, "PAGE_READWRITE mapping, its file's handle closed");
    int refused = 1, allowed = 1;
    static const DWORD accesses[] = {0, FILE_READ_ATTRIBUTES, GENERIC_READ, GENERIC_WRITE, DELETE};
    for (int a = 0; a < 5; a++) {
        refused &= Open("rw.bin", accesses[a], FILE_SHARE_READ | FILE_SHARE_DELETE) ==
                   ERROR_SHARING_VIOLATION;
        allowed &= Open("rw.bin", accesses[a], FILE_SHARE_READ | FILE_SHARE_WRITE) == 0;
    }
    Check(refused, "an open of any access not sharing writing: ERROR_SHARING_VIOLATION");
    Check(allowed, "an open of any access sharing writing succeeds");
    Check(TryOpen("rw.bin", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, CREATE_ALWAYS) ==
              ERROR_USER_MAPPED_FILE,
          "CREATE_ALWAYS over the mapping: ERROR_USER_MAPPED_FILE");
    char *view = MapViewOfFile(m, FILE_MAP_WRITE, 0, 0, 0);
    CloseHandle(m);
    Check(view && Open("rw.bin", GENERIC_READ, FILE_SHARE_READ) == ERROR_SHARING_VIOLATION,
          "a writable view, its mapping closed: still ERROR_SHARING_VIOLATION");
    UnmapViewOfFile(view);
    Check(Open("rw.bin", GENERIC_READ | GENERIC_WRITE, 0) == 0,
          "the view unmapped: an open with share mode 0 succeeds");
    Check(DeleteFileA("rw.bin"), "rw.bin deleted");
}

static void ImageMapping(void)
{
    HANDLE f = CreateFileA("image.exe", GENERIC_READ, 0, NULL, OPEN_EXISTING, 0, NULL);
    HANDLE m = CreateFileMappingA(f, NULL, PAGE_READONLY | SEC_IMAGE, 0, 0, NULL);
    CloseHandle(f);
    Check(m != NULL, "SEC_IMAGE mapping of image.exe, its file's handle closed");
    Check(Open("image.exe", GENERIC_READ | DELETE, 0) == 0,
          "the image mapping: an open for reading, share mode 0, succeeds");
    Check(Open("image.exe", GENERIC_WRITE, ALL_SHARE) == ERROR_SHARING_VIOLATION,
          "the image mapping: an open for write is ERROR_SHARING_VIOLATION (the section's answer)");
    void *view = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0);
    Check(view != NULL, "a view of the image");
    CloseHandle(m);
    Check(Open("image.exe", GENERIC_WRITE, ALL_SHARE) == ERROR_SHARING_VIOLATION,
          "a view of the image, its mapping closed: still ERROR_SHARING_VIOLATION");
    UnmapViewOfFile(view);
}

static void Duplicated(void)
{
    HANDLE f = MakeFile("dup.bin"), copy = NULL;
    Check(DuplicateHandle(GetCurrentProcess(), f, GetCurrentProcess(), &copy, 0, FALSE,
                          DUPLICATE_SAME_ACCESS),
          "DuplicateHandle of dup.bin's handle");
    CloseHandle(f);
    Check(Open("dup.bin", GENERIC_READ, ALL_SHARE) == ERROR_SHARING_VIOLATION,
          "the first handle closed, its duplicate open: ERROR_SHARING_VIOLATION");
    CloseHandle(copy);
    Check(Open("dup.bin", GENERIC_READ | GENERIC_WRITE, 0) == 0,
          "the duplicate closed too: an open with share mode 0 succeeds");

    /* FILE_FLAG_DELETE_ON_CLOSE: "after all of its handles are closed,
     * which includes the specified handle and any other open or
     * duplicated handles". */
    f = CreateFileA("dup.bin", DELETE, ALL_SHARE, NULL, OPEN_EXISTING, FILE_FLAG_DELETE_ON_CLOSE,
                    NULL);
    Check(f != INVALID_HANDLE_VALUE && DuplicateHandle(GetCurrentProcess(), f, GetCurrentProcess(),
                                                       &copy, 0, FALSE, DUPLICATE_SAME_ACCESS),
          "dup.bin opened FILE_FLAG_DELETE_ON_CLOSE, its handle duplicated");
    CloseHandle(f);
    Check(GetFileAttributesA("dup.bin") != INVALID_FILE_ATTRIBUTES,
          "the first handle closed: dup.bin is still there");
    CloseHandle(copy);
    SetLastError(0);
    Check(GetFileAttributesA("dup.bin") == INVALID_FILE_ATTRIBUTES &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "the duplicate closed: dup.bin is deleted");
}

/* RtlCloneUserProcess: the clone's table holds the same file objects. */
static void Inherited(void)
{
    CLONE clone = (CLONE)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"),
                                                "RtlCloneUserProcess");
    HANDLE f = MakeFile("inherit.bin");
    RTL_USER_PROCESS_INFORMATION info = {0};
    LONG status = clone(0, NULL, NULL, NULL, &info);
    if (status == STATUS_PROCESS_CLONED) {
        /* The clone: both processes hold the handle. */
        int ok = Open("inherit.bin", GENERIC_READ, ALL_SHARE) == ERROR_SHARING_VIOLATION;
        CloseHandle(f);
        ok &= Open("inherit.bin", GENERIC_READ, ALL_SHARE) == ERROR_SHARING_VIOLATION;
        ExitProcess(ok ? 0 : 1);
    }
    Check(status == 0, "RtlCloneUserProcess");
    DWORD code = 99;
    WaitForSingleObject(info.ProcessHandle, INFINITE);
    GetExitCodeProcess(info.ProcessHandle, &code);
    Check(code == 0, "the clone: ERROR_SHARING_VIOLATION before and after closing its copy of the handle");
    Check(Open("inherit.bin", GENERIC_READ, ALL_SHARE) == ERROR_SHARING_VIOLATION,
          "the clone gone, the parent's handle open: ERROR_SHARING_VIOLATION");
    CloseHandle(f);
    Check(Open("inherit.bin", GENERIC_READ | GENERIC_WRITE, 0) == 0,
          "the parent's handle closed: an open with share mode 0 succeeds");
    CloseHandle(info.ProcessHandle);
    CloseHandle(info.ThreadHandle);
}

static void Locks(void)
{
    HANDLE f = CreateFileA("lock.bin", GENERIC_READ | GENERIC_WRITE,
                           FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD done;
    WriteFile(f, "0123456789", 10, &done, NULL);
    Check(LockFile(f, 0, 0, 10, 0), "LockFile of lock.bin's first 10 bytes");
    HANDLE m = CreateFileMappingA(f, NULL, PAGE_READONLY, 0, 0, NULL);
    HANDLE other = CreateFileA("lock.bin", GENERIC_READ | GENERIC_WRITE,
                               FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, 0, NULL);
    SetLastError(0);
    Check(!LockFile(other, 0, 0, 10, 0) && GetLastError() == ERROR_LOCK_VIOLATION,
          "another handle's LockFile of the range: ERROR_LOCK_VIOLATION");
    CloseHandle(f);
    Check(m != NULL && LockFile(other, 0, 0, 10, 0),
          "the locking handle closed (its mapping open): the range can be locked");
    CloseHandle(other);
    CloseHandle(m);
}

int main(void)
{
    HandleOpen();
    ReadOnlyMappings();
    WritableMapping();
    ImageMapping();
    Duplicated();
    Inherited();
    Locks();
    printf("%d failures\n", Failures);
    return Failures ? 1 : 0;
}
