/* Copies and moves by name: CopyFileEx's progress routine (called at the
 * stream's start and after each chunk; PROGRESS_CANCEL deletes the partial
 * copy, PROGRESS_STOP keeps it, both ERROR_REQUEST_ABORTED; the cancel
 * flag; COPY_FILE_FAIL_IF_EXISTS), CopyFile2's HRESULTs, MoveFileEx's and
 * MoveFileWithProgress's flags, ReplaceFile with and without a backup,
 * CreateDirectoryEx. Each check states Windows' answer (Microsoft's
 * documentation of the calls; Wine's dlls/kernel32/tests/file.c
 * test_CopyFileEx, test_MoveFileA, test_ReplaceFileA and
 * directory.c's CreateDirectoryEx tests). */
#define _WIN32_WINNT 0x0602
#include "../guesttest.h"

static const char *Contents(const char *name, char *buffer, DWORD size)
{
    HANDLE f = CreateFileA(name, GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
    DWORD n = 0;
    buffer[0] = 0;
    if (f != INVALID_HANDLE_VALUE) {
        ReadFile(f, buffer, size - 1, &n, NULL);
        buffer[n] = 0;
        CloseHandle(f);
    }
    return buffer;
}

static void Make(const char *name, const char *text, DWORD size)
{
    HANDLE f = CreateFileA(name, GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    DWORD n;
    if (size) {
        static char block[65536];
        memset(block, 'x', sizeof block);
        for (DWORD done = 0; done < size; done += n) {
            WriteFile(f, block, size - done < sizeof block ? size - done : sizeof block, &n, NULL);
        }
    } else {
        WriteFile(f, text, (DWORD)strlen(text), &n, NULL);
    }
    CloseHandle(f);
}

static BOOL Exists(const char *name)
{
    return GetFileAttributesA(name) != INVALID_FILE_ATTRIBUTES;
}

typedef struct CALLS {
    int Switches, Chunks;
    LONGLONG Last, Total;
    BOOL HandlesGiven;
    DWORD AnswerAt; /* the chunk (1...) after which Answer is given; 0 at the start */
    DWORD Answer;
    BOOL *Cancel;   /* set after the first chunk, if given */
} CALLS;

static DWORD CALLBACK Progress(LARGE_INTEGER total, LARGE_INTEGER done, LARGE_INTEGER stream_total,
                               LARGE_INTEGER stream_done, DWORD stream, DWORD reason, HANDLE in,
                               HANDLE out, void *data)
{
    CALLS *calls = data;
    (void)stream_total;
    (void)stream_done;
    calls->HandlesGiven = calls->HandlesGiven && stream == 1 && in && out &&
                          in != INVALID_HANDLE_VALUE && out != INVALID_HANDLE_VALUE;
    calls->Total = total.QuadPart;
    calls->Last = done.QuadPart;
    if (reason == CALLBACK_STREAM_SWITCH) {
        calls->Switches++;
        return calls->AnswerAt == 0 ? calls->Answer : PROGRESS_CONTINUE;
    }
    calls->Chunks++;
    if (calls->Cancel) {
        *calls->Cancel = TRUE;
    }
    return calls->AnswerAt == (DWORD)calls->Chunks ? calls->Answer : PROGRESS_CONTINUE;
}

static void CopyEx(void)
{
    char text[64];
    Make("C:\\big", NULL, 200000);
    CALLS calls = {0, 0, 0, 0, TRUE, 99, PROGRESS_CONTINUE, NULL};
    Check(CopyFileExA("C:\\big", "C:\\copy", Progress, &calls, NULL, 0), "CopyFileExA");
    Check(calls.Switches == 1 && calls.Chunks >= 1, "the progress routine: one stream switch, then chunks");
    Check(calls.Total == 200000 && calls.Last == 200000, "the last report: every byte of 200000");
    Check(calls.HandlesGiven, "the routine is given stream 1 and both files' handles");
    WIN32_FILE_ATTRIBUTE_DATA a, b;
    Check(GetFileAttributesExA("C:\\big", GetFileExInfoStandard, &a) &&
              GetFileAttributesExA("C:\\copy", GetFileExInfoStandard, &b) && b.nFileSizeLow == 200000 &&
              CompareFileTime(&a.ftLastWriteTime, &b.ftLastWriteTime) == 0,
          "the copy: its size and the source's last-write time");

    CALLS cancel = {0, 0, 0, 0, TRUE, 0, PROGRESS_CANCEL, NULL};
    DeleteFileA("C:\\copy");
    SetLastError(0xdeadbeef);
    Check(!CopyFileExA("C:\\big", "C:\\copy", Progress, &cancel, NULL, 0) &&
              GetLastError() == ERROR_REQUEST_ABORTED && cancel.Chunks == 0,
          "PROGRESS_CANCEL at the start: ERROR_REQUEST_ABORTED");
    Check(!Exists("C:\\copy"), "PROGRESS_CANCEL: the copy deleted");

    CALLS stop = {0, 0, 0, 0, TRUE, 1, PROGRESS_STOP, NULL};
    SetLastError(0xdeadbeef);
    Check(!CopyFileExA("C:\\big", "C:\\copy", Progress, &stop, NULL, 0) &&
              GetLastError() == ERROR_REQUEST_ABORTED && stop.Chunks == 1,
          "PROGRESS_STOP after a chunk: ERROR_REQUEST_ABORTED");
    Check(Exists("C:\\copy"), "PROGRESS_STOP: the partial copy kept for a restart");

    BOOL flag = FALSE;
    CALLS flagged = {0, 0, 0, 0, TRUE, 99, PROGRESS_CONTINUE, &flag};
    SetLastError(0xdeadbeef);
    Check(!CopyFileExA("C:\\big", "C:\\copy2", Progress, &flagged, &flag, 0) &&
              GetLastError() == ERROR_REQUEST_ABORTED && flagged.Chunks == 1 && !Exists("C:\\copy2"),
          "the cancel flag set during the copy: ERROR_REQUEST_ABORTED, the copy deleted");

    CALLS quiet = {0, 0, 0, 0, TRUE, 0, PROGRESS_QUIET, NULL};
    Check(CopyFileExA("C:\\big", "C:\\copy", Progress, &quiet, NULL, 0) && quiet.Switches == 1 &&
              quiet.Chunks == 0,
          "PROGRESS_QUIET: the copy made, the routine not called again");

    Make("C:\\small", "small", 0);
    SetLastError(0xdeadbeef);
    Check(!CopyFileExA("C:\\small", "C:\\copy", NULL, NULL, NULL, COPY_FILE_FAIL_IF_EXISTS) &&
              GetLastError() == ERROR_FILE_EXISTS,
          "COPY_FILE_FAIL_IF_EXISTS onto a file: ERROR_FILE_EXISTS");
    Check(CopyFileExW(L"C:\\small", L"C:\\copy", NULL, NULL, NULL, 0) &&
              strcmp(Contents("C:\\copy", text, sizeof text), "small") == 0,
          "CopyFileExW over a file: replaced");
    SetLastError(0xdeadbeef);
    Check(!CopyFileExA("C:\\nothing", "C:\\copy", NULL, NULL, NULL, 0) &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "no source: ERROR_FILE_NOT_FOUND");
    SetLastError(0xdeadbeef);
    Check(!CopyFileA("C:\\small", "C:\\small", FALSE) && GetLastError() == ERROR_SHARING_VIOLATION,
          "a file onto itself: ERROR_SHARING_VIOLATION");
    Check(SetFileAttributesA("C:\\small", FILE_ATTRIBUTE_READONLY) && CopyFileA("C:\\small", "C:\\ro", FALSE) &&
              (GetFileAttributesA("C:\\ro") & FILE_ATTRIBUTE_READONLY),
          "the copy has the source's attributes: read-only");
    SetLastError(0xdeadbeef);
    Check(!CopyFileA("C:\\big", "C:\\ro", FALSE) && GetLastError() == ERROR_ACCESS_DENIED,
          "onto a read-only file: ERROR_ACCESS_DENIED");
    SetFileAttributesA("C:\\small", FILE_ATTRIBUTE_NORMAL);
    SetFileAttributesA("C:\\ro", FILE_ATTRIBUTE_NORMAL);
}

static COPYFILE2_MESSAGE_ACTION CALLBACK Progress2(const COPYFILE2_MESSAGE *message, void *context)
{
    int *seen = context;
    if (message->Type == COPYFILE2_CALLBACK_STREAM_STARTED &&
        message->Info.StreamStarted.uliTotalFileSize.QuadPart == 200000) {
        seen[0]++;
    }
    if (message->Type == COPYFILE2_CALLBACK_CHUNK_FINISHED) {
        seen[1]++;
        seen[2] = (int)message->Info.ChunkFinished.uliTotalBytesTransferred.QuadPart;
        return seen[3] ? COPYFILE2_PROGRESS_CANCEL : COPYFILE2_PROGRESS_CONTINUE;
    }
    return COPYFILE2_PROGRESS_CONTINUE;
}

static void Copy2(void)
{
    int seen[4] = {0, 0, 0, 0};
    COPYFILE2_EXTENDED_PARAMETERS parameters;
    memset(&parameters, 0, sizeof parameters);
    parameters.dwSize = sizeof parameters;
    parameters.pProgressRoutine = Progress2;
    parameters.pvCallbackContext = seen;
    Check(CopyFile2(L"C:\\big", L"C:\\copy3", &parameters) == S_OK && seen[0] == 1 && seen[1] >= 1 &&
              seen[2] == 200000,
          "CopyFile2: S_OK, a stream started, chunks to the last byte");
    parameters.dwCopyFlags = COPY_FILE_FAIL_IF_EXISTS;
    Check(CopyFile2(L"C:\\big", L"C:\\copy3", &parameters) == HRESULT_FROM_WIN32(ERROR_FILE_EXISTS),
          "CopyFile2 onto a file, COPY_FILE_FAIL_IF_EXISTS: HRESULT_FROM_WIN32(ERROR_FILE_EXISTS)");
    parameters.dwCopyFlags = 0;
    seen[3] = 1;
    Check(CopyFile2(L"C:\\big", L"C:\\copy4", &parameters) == HRESULT_FROM_WIN32(ERROR_REQUEST_ABORTED) &&
              !Exists("C:\\copy4"),
          "COPYFILE2_PROGRESS_CANCEL: HRESULT_FROM_WIN32(ERROR_REQUEST_ABORTED)");
    Check(CopyFile2(L"C:\\small", L"C:\\copy5", NULL) == S_OK && Exists("C:\\copy5"),
          "CopyFile2 without parameters");
    parameters.dwSize = 4;
    Check(CopyFile2(L"C:\\small", L"C:\\copy6", &parameters) == E_INVALIDARG,
          "a wrong dwSize: E_INVALIDARG");
}

static void Moves(void)
{
    char text[64];
    Make("C:\\m1", "one", 0);
    Make("C:\\m2", "two", 0);
    SetLastError(0xdeadbeef);
    Check(!MoveFileA("C:\\m1", "C:\\m2") && GetLastError() == ERROR_ALREADY_EXISTS,
          "MoveFile onto a file: ERROR_ALREADY_EXISTS");
    SetLastError(0xdeadbeef);
    Check(!MoveFileExA("C:\\m1", "C:\\m2", MOVEFILE_COPY_ALLOWED) && GetLastError() == ERROR_ALREADY_EXISTS,
          "MOVEFILE_COPY_ALLOWED alone does not replace");
    Check(MoveFileExA("C:\\m1", "C:\\m2", MOVEFILE_REPLACE_EXISTING) && !Exists("C:\\m1") &&
              strcmp(Contents("C:\\m2", text, sizeof text), "one") == 0,
          "MOVEFILE_REPLACE_EXISTING: replaced");
    CALLS calls = {0, 0, 0, 0, TRUE, 99, PROGRESS_CONTINUE, NULL};
    Check(MoveFileWithProgressA("C:\\m2", "C:\\m3", Progress, &calls, MOVEFILE_COPY_ALLOWED) &&
              !Exists("C:\\m2") && Exists("C:\\m3"),
          "MoveFileWithProgressA");
    Check(MoveFileWithProgressW(L"C:\\m3", L"C:\\m4", NULL, NULL, 0) && Exists("C:\\m4"),
          "MoveFileWithProgressW without a routine");
    SetLastError(0xdeadbeef);
    Check(!MoveFileExA("C:\\m4", "C:\\m5", MOVEFILE_DELAY_UNTIL_REBOOT) &&
              GetLastError() == ERROR_ACCESS_DENIED && Exists("C:\\m4"),
          "MOVEFILE_DELAY_UNTIL_REBOOT, not an administrator: ERROR_ACCESS_DENIED");
    SetLastError(0xdeadbeef);
    Check(!MoveFileExA("C:\\m4", "C:\\m5", MOVEFILE_DELAY_UNTIL_REBOOT | MOVEFILE_COPY_ALLOWED) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "MOVEFILE_DELAY_UNTIL_REBOOT with MOVEFILE_COPY_ALLOWED: ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    Check(!MoveFileA("C:\\m9", "C:\\m5") && GetLastError() == ERROR_FILE_NOT_FOUND,
          "no source: ERROR_FILE_NOT_FOUND");
    CreateDirectoryA("C:\\md", NULL);
    Check(MoveFileA("C:\\m4", "C:\\md\\m4") && Exists("C:\\md\\m4"), "into a directory");
    Check(MoveFileA("C:\\md", "C:\\md2") && Exists("C:\\md2\\m4"), "a directory moved, with what is in it");
}

static void Replace(void)
{
    char text[64];
    Make("C:\\r-old", "old", 0);
    Make("C:\\r-new", "new", 0);
    SetFileAttributesA("C:\\r-new", FILE_ATTRIBUTE_READONLY);
    Check(ReplaceFileA("C:\\r-old", "C:\\r-new", "C:\\r-bak", 0, NULL, NULL), "ReplaceFileA with a backup");
    Check(strcmp(Contents("C:\\r-old", text, sizeof text), "new") == 0 && !Exists("C:\\r-new") &&
              strcmp(Contents("C:\\r-bak", text, sizeof text), "old") == 0,
          "the replacement under the replaced name, the replaced file the backup");
    Check(GetFileAttributesA("C:\\r-old") == FILE_ATTRIBUTE_ARCHIVE,
          "the replacement (read-only) takes the replaced file's attributes (not)");
    Make("C:\\r-new", "newer", 0);
    Check(ReplaceFileW(L"C:\\r-old", L"C:\\r-new", NULL, 0, NULL, NULL) &&
              strcmp(Contents("C:\\r-old", text, sizeof text), "newer") == 0 && !Exists("C:\\r-new"),
          "ReplaceFileW without a backup");
    SetLastError(0xdeadbeef);
    Check(!ReplaceFileA("C:\\r-gone", "C:\\r-old", NULL, 0, NULL, NULL) &&
              GetLastError() == ERROR_FILE_NOT_FOUND && Exists("C:\\r-old"),
          "no replaced file: ERROR_FILE_NOT_FOUND");
    SetLastError(0xdeadbeef);
    Check(!ReplaceFileA("C:\\r-old", "C:\\r-gone", NULL, 0, NULL, NULL) &&
              GetLastError() == ERROR_FILE_NOT_FOUND,
          "no replacement: ERROR_FILE_NOT_FOUND");
}

static void Directories(void)
{
    CreateDirectoryA("C:\\tmpl", NULL);
    SetFileAttributesA("C:\\tmpl", FILE_ATTRIBUTE_HIDDEN);
    Check(CreateDirectoryExA("C:\\tmpl", "C:\\made", NULL) &&
              (GetFileAttributesA("C:\\made") & FILE_ATTRIBUTE_DIRECTORY),
          "CreateDirectoryExA: a directory");
    SetLastError(0xdeadbeef);
    Check(!CreateDirectoryExA("C:\\tmpl", "C:\\made", NULL) && GetLastError() == ERROR_ALREADY_EXISTS,
          "again: ERROR_ALREADY_EXISTS");
    SetLastError(0xdeadbeef);
    Check(!CreateDirectoryExW(L"C:\\no-template", L"C:\\made2", NULL) &&
              GetLastError() == ERROR_FILE_NOT_FOUND && !Exists("C:\\made2"),
          "no template: ERROR_FILE_NOT_FOUND, nothing made");
    Check(CreateDirectoryExW(L"C:\\tmpl", L"C:\\made2", NULL) && Exists("C:\\made2"), "CreateDirectoryExW");
}

int main(void)
{
    CopyEx();
    Copy2();
    Moves();
    Replace();
    Directories();
    printf("%d failures\n", Failures);
    return Failures;
}
