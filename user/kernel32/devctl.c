/*
 * DeviceIoControl: a control code to a file or device. As Windows'
 * kernel32 does, a code of the file-system device type (FSCTL_*) goes to
 * NtFsControlFile, any other (IOCTL_*) to NtDeviceIoControlFile; the
 * count of output bytes comes back in *returned. ntmm answers
 * FSCTL_PIPE_PEEK and FSCTL_SET_SPARSE (ke/fsctl.c); anything else is
 * ERROR_INVALID_FUNCTION, a file system's answer to a request it does not
 * know. I/O is synchronous here, so an OVERLAPPED, when given, is
 * complete on return.
 */
#include "kernel32/kernel32.h"

#define FILE_DEVICE_FILE_SYSTEM 0x9u
#define STATUS_PENDING ((NTSTATUS)0x00000103L)

BOOL WINAPI DeviceIoControl(HANDLE file, DWORD code, void *in, DWORD in_size, void *out,
                            DWORD out_size, DWORD *returned, OVERLAPPED *overlapped)
{
    IO_STATUS_BLOCK io = {0, 0};
    NTSTATUS status = (code >> 16) == FILE_DEVICE_FILE_SYSTEM
                          ? NtFsControlFile(file, NULL, NULL, NULL, &io, code, in, in_size, out, out_size)
                          : NtDeviceIoControlFile(file, NULL, NULL, NULL, &io, code, in, in_size, out, out_size);
    if (overlapped) {
        overlapped->Internal = (ULONG_PTR)status;
        overlapped->InternalHigh = io.Information;
    }
    if (returned) {
        *returned = (DWORD)io.Information;
    }
    if (!NT_SUCCESS(status) || status == STATUS_PENDING) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    return TRUE;
}
