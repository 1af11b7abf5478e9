/*
 * Copying and moving with progress: CopyFileEx (and CopyFile, CopyFile2
 * over it), MoveFileWithProgress (and MoveFileEx over it). A copy is the
 * file's one data stream in 64 KiB chunks, then its attributes and
 * last-write time; between chunks the caller's progress routine may
 * cancel (the partial copy deleted) or stop (the partial copy left for a
 * restart), and its cancel flag is looked at. A move is a rename; it is a
 * copy and a delete only where a rename cannot be, which on ntmm's one
 * volume never happens.
 */
#include "kernel32/fileapi.h"

#define CREATE_NEW    1
#define CREATE_ALWAYS 2
#define OPEN_EXISTING 3

#define ERROR_REQUEST_ABORTED 1235
#define ERROR_NOT_SAME_DEVICE 17

#define COPY_CHUNK 65536

typedef struct COPY {
    LPPROGRESS_ROUTINE Progress;
    void *Data;
    BOOL *Cancel;
    BOOL Quiet; /* PROGRESS_QUIET: no more calls */
} COPY;

/* The progress routine's word on the copy so far: TRUE to go on; FALSE
 * with *keep saying whether the partial copy stays (PROGRESS_STOP). */
static BOOL Report(COPY *copy, LARGE_INTEGER total, LARGE_INTEGER done, DWORD reason, HANDLE in,
                   HANDLE out, BOOL *keep)
{
    *keep = FALSE;
    if (copy->Cancel && *copy->Cancel) {
        return FALSE;
    }
    if (!copy->Progress || copy->Quiet) {
        return TRUE;
    }
    switch (copy->Progress(total, done, total, done, 1, reason, in, out, copy->Data)) {
    case PROGRESS_CONTINUE:
        return TRUE;
    case PROGRESS_QUIET:
        copy->Quiet = TRUE;
        return TRUE;
    case PROGRESS_STOP:
        *keep = TRUE;
        return FALSE;
    default: /* PROGRESS_CANCEL */
        return FALSE;
    }
}

/* The chunks, through `buffer`, with the progress reports. */
static BOOL CopyChunks(COPY *copy, HANDLE in, HANDLE out, LARGE_INTEGER total, char *buffer, BOOL *keep)
{
    LARGE_INTEGER done = {.QuadPart = 0};
    if (!Report(copy, total, done, CALLBACK_STREAM_SWITCH, in, out, keep)) {
        SetLastError(ERROR_REQUEST_ABORTED);
        return FALSE;
    }
    for (;;) {
        DWORD got, put;
        if (!ReadFile(in, buffer, COPY_CHUNK, &got, NULL)) {
            return FALSE;
        }
        if (!got) {
            return TRUE;
        }
        if (!WriteFile(out, buffer, got, &put, NULL)) {
            return FALSE;
        }
        done.QuadPart += got;
        if (!Report(copy, total, done, CALLBACK_CHUNK_FINISHED, in, out, keep)) {
            SetLastError(ERROR_REQUEST_ABORTED);
            return FALSE;
        }
    }
}

/* The bytes from `in` to `out`, with the progress reports; each copy has
 * its own buffer (threads may copy at once). */
static BOOL CopyData(COPY *copy, HANDLE in, HANDLE out, LARGE_INTEGER total, BOOL *keep)
{
    HANDLE heap = NtCurrentPeb()->ProcessHeap;
    char *buffer = RtlAllocateHeap(heap, 0, COPY_CHUNK);
    if (!buffer) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return FALSE;
    }
    BOOL ok = CopyChunks(copy, in, out, total, buffer, keep);
    RtlFreeHeap(heap, 0, buffer);
    return ok;
}

BOOL WINAPI CopyFileExW(const WCHAR *source, const WCHAR *target, LPPROGRESS_ROUTINE progress,
                        void *data, BOOL *cancel, DWORD flags)
{
    COPY copy = {progress, data, cancel, FALSE};
    HANDLE in = CreateFileW(source, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL,
                            OPEN_EXISTING, 0, NULL);
    if (in == INVALID_HANDLE_VALUE) {
        return FALSE;
    }
    FILE_BASIC_INFORMATION basic;
    FILE_STANDARD_INFORMATION standard;
    IO_STATUS_BLOCK iosb;
    NTSTATUS status = NtQueryInformationFile(in, &iosb, &basic, sizeof basic, FileBasicInformation);
    if (NT_SUCCESS(status)) {
        status = NtQueryInformationFile(in, &iosb, &standard, sizeof standard, FileStandardInformation);
    }
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        CloseHandle(in);
        return FALSE;
    }
    /* The copy is made writable; the source's attributes go on at the end. */
    HANDLE out = CreateFileW(target, GENERIC_WRITE | DELETE, 0, NULL,
                             (flags & COPY_FILE_FAIL_IF_EXISTS) ? CREATE_NEW : CREATE_ALWAYS,
                             basic.FileAttributes & ~FILE_ATTRIBUTE_READONLY, NULL);
    if (out == INVALID_HANDLE_VALUE) {
        CloseHandle(in);
        return FALSE;
    }
    BOOL keep = FALSE; /* a failed copy goes, unless PROGRESS_STOP keeps it */
    BOOL ok = CopyData(&copy, in, out, standard.EndOfFile, &keep);
    if (ok) {
        FILE_BASIC_INFORMATION times;
        memset(&times, 0, sizeof times);
        times.LastWriteTime = basic.LastWriteTime;
        times.FileAttributes = basic.FileAttributes;
        status = NtSetInformationFile(out, &iosb, &times, sizeof times, FileBasicInformation);
        ok = NT_SUCCESS(status) || (BaseSetLastNtError(status), FALSE);
    }
    DWORD error = GetLastError();
    if (!ok && !keep) {
        BOOLEAN yes = TRUE; /* the partial copy goes at the close */
        NtSetInformationFile(out, &iosb, &yes, sizeof yes, FileDispositionInformation);
    }
    CloseHandle(in);
    CloseHandle(out);
    SetLastError(ok ? ERROR_SUCCESS : error);
    return ok;
}

BOOL WINAPI CopyFileExA(const char *source, const char *target, LPPROGRESS_ROUTINE progress,
                        void *data, BOOL *cancel, DWORD flags)
{
    WCHAR *wide_source = BaseNameFromAnsi(source);
    WCHAR *wide_target = wide_source ? BaseNameFromAnsi(target) : NULL;
    BOOL ok = wide_target && CopyFileExW(wide_source, wide_target, progress, data, cancel, flags);
    BaseFreeName(wide_source);
    BaseFreeName(wide_target);
    return ok;
}

BOOL WINAPI CopyFileW(const WCHAR *source, const WCHAR *target, BOOL fail_if_exists)
{
    return CopyFileExW(source, target, NULL, NULL, NULL, fail_if_exists ? COPY_FILE_FAIL_IF_EXISTS : 0);
}

BOOL WINAPI CopyFileA(const char *source, const char *target, BOOL fail_if_exists)
{
    return CopyFileExA(source, target, NULL, NULL, NULL, fail_if_exists ? COPY_FILE_FAIL_IF_EXISTS : 0);
}

/* CopyFile2's progress routine speaks COPYFILE2_MESSAGE; its answers are
 * COPYFILE2_MESSAGE_ACTION, numbered as PROGRESS_* are. */
typedef struct COPY2 {
    PCOPYFILE2_PROGRESS_ROUTINE Routine;
    void *Context;
} COPY2;

static DWORD CALLBACK Copy2Progress(LARGE_INTEGER total, LARGE_INTEGER done, LARGE_INTEGER stream_total,
                                    LARGE_INTEGER stream_done, DWORD stream, DWORD reason, HANDLE in,
                                    HANDLE out, void *data)
{
    COPY2 *copy = data;
    COPYFILE2_MESSAGE message;
    memset(&message, 0, sizeof message);
    if (reason == CALLBACK_STREAM_SWITCH) {
        message.Type = COPYFILE2_CALLBACK_STREAM_STARTED;
        message.Info.StreamStarted.dwStreamNumber = stream;
        message.Info.StreamStarted.hSourceFile = in;
        message.Info.StreamStarted.hDestinationFile = out;
        message.Info.StreamStarted.uliStreamSize.QuadPart = (ULONGLONG)stream_total.QuadPart;
        message.Info.StreamStarted.uliTotalFileSize.QuadPart = (ULONGLONG)total.QuadPart;
    } else {
        message.Type = COPYFILE2_CALLBACK_CHUNK_FINISHED;
        message.Info.ChunkFinished.dwStreamNumber = stream;
        message.Info.ChunkFinished.hSourceFile = in;
        message.Info.ChunkFinished.hDestinationFile = out;
        message.Info.ChunkFinished.uliChunkSize.QuadPart = COPY_CHUNK;
        message.Info.ChunkFinished.uliStreamSize.QuadPart = (ULONGLONG)stream_total.QuadPart;
        message.Info.ChunkFinished.uliStreamBytesTransferred.QuadPart = (ULONGLONG)stream_done.QuadPart;
        message.Info.ChunkFinished.uliTotalFileSize.QuadPart = (ULONGLONG)total.QuadPart;
        message.Info.ChunkFinished.uliTotalBytesTransferred.QuadPart = (ULONGLONG)done.QuadPart;
    }
    return copy->Routine(&message, copy->Context);
}

/* CopyFile2: CopyFileEx with an HRESULT, HRESULT_FROM_WIN32 of the error. */
HRESULT WINAPI CopyFile2(const WCHAR *source, const WCHAR *target,
                         COPYFILE2_EXTENDED_PARAMETERS *parameters)
{
    COPY2 copy = {NULL, NULL};
    BOOL *cancel = NULL;
    DWORD flags = 0;
    if (parameters) {
        if (parameters->dwSize != sizeof *parameters) {
            return HRESULT_FROM_WIN32(ERROR_INVALID_PARAMETER);
        }
        copy.Routine = parameters->pProgressRoutine;
        copy.Context = parameters->pvCallbackContext;
        cancel = parameters->pfCancel;
        flags = parameters->dwCopyFlags;
    }
    if (CopyFileExW(source, target, copy.Routine ? Copy2Progress : NULL, &copy, cancel, flags)) {
        return S_OK;
    }
    return HRESULT_FROM_WIN32(GetLastError());
}

BOOL WINAPI MoveFileWithProgressW(const WCHAR *source, const WCHAR *target,
                                  LPPROGRESS_ROUTINE progress, void *data, DWORD flags)
{
    if (flags & MOVEFILE_DELAY_UNTIL_REBOOT) {
        /* The pending renames are HKLM's, which only an administrator may
         * write; ntmm's programs never are one. */
        SetLastError((flags & MOVEFILE_COPY_ALLOWED) ? ERROR_INVALID_PARAMETER : ERROR_ACCESS_DENIED);
        return FALSE;
    }
    if (!target) {
        return DeleteFileW(source);
    }
    BOOL replace = (flags & MOVEFILE_REPLACE_EXISTING) != 0;
    if (BaseNameFile(source, DELETE, target, replace, FileRenameInformation)) {
        return TRUE;
    }
    if (GetLastError() != ERROR_NOT_SAME_DEVICE || !(flags & MOVEFILE_COPY_ALLOWED)) {
        return FALSE;
    }
    /* Another volume: a copy, then the source deleted. */
    if (!CopyFileExW(source, target, progress, data, NULL, replace ? 0 : COPY_FILE_FAIL_IF_EXISTS)) {
        return FALSE;
    }
    return DeleteFileW(source);
}

BOOL WINAPI MoveFileWithProgressA(const char *source, const char *target,
                                  LPPROGRESS_ROUTINE progress, void *data, DWORD flags)
{
    WCHAR *wide_source = BaseNameFromAnsi(source);
    if (!wide_source) {
        return FALSE;
    }
    WCHAR *wide_target = NULL;
    if (target && !(wide_target = BaseNameFromAnsi(target))) {
        BaseFreeName(wide_source);
        return FALSE;
    }
    BOOL ok = MoveFileWithProgressW(wide_source, wide_target, progress, data, flags);
    BaseFreeName(wide_source);
    BaseFreeName(wide_target);
    return ok;
}

BOOL WINAPI MoveFileExW(const WCHAR *source, const WCHAR *target, DWORD flags)
{
    return MoveFileWithProgressW(source, target, NULL, NULL, flags);
}

BOOL WINAPI MoveFileExA(const char *source, const char *target, DWORD flags)
{
    return MoveFileWithProgressA(source, target, NULL, NULL, flags);
}

BOOL WINAPI MoveFileW(const WCHAR *source, const WCHAR *target)
{
    return MoveFileWithProgressW(source, target, NULL, NULL, MOVEFILE_COPY_ALLOWED);
}

BOOL WINAPI MoveFileA(const char *source, const char *target)
{
    return MoveFileWithProgressA(source, target, NULL, NULL, MOVEFILE_COPY_ALLOWED);
}
