/*
 * What the kernel's own small file systems share — the named-pipe file
 * system (npfs.c) and the mailslot file system (msfs.c): recognizing
 * their names in an NT path, the rights their file objects are opened
 * with, and giving a new file object to the caller as a handle.
 */
#include "ke/iosvc.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define OBJ_INHERIT 0x2u /* the handle attribute: inherited by child processes */

const char *KiDeviceFileName(const char *path, const char *device, const char *dos)
{
    char prefixes[4][48];
    snprintf(prefixes[0], sizeof prefixes[0], "\\Device\\%s", device);
    snprintf(prefixes[1], sizeof prefixes[1], "\\??\\%s", dos);
    snprintf(prefixes[2], sizeof prefixes[2], "\\DosDevices\\%s", dos);
    snprintf(prefixes[3], sizeof prefixes[3], "\\GLOBAL??\\%s", dos);
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (strncasecmp(path, prefixes[i], n) == 0 && (path[n] == '\\' || path[n] == 0)) {
            return path[n] ? path + n + 1 : path + n;
        }
    }
    return NULL;
}

uint32_t KiDeviceFileAccess(uint32_t desired)
{
    uint32_t access = ExMapGenericAccess(ExObjectFile, desired);
    return access & IO_MAXIMUM_ALLOWED ? FILE_ALL_ACCESS : access;
}

NTSTATUS KiReturnFileHandle(KPROCESS *process, EX_FILE *file, uint32_t attributes,
                            uint32_t handle_va)
{
    uint32_t handle;
    NTSTATUS status = ExCreateHandleWithAccess(&process->Handles, &file->Header, file->Access,
                                               &handle);
    ExDereferenceObject(&file->Header); /* the handle holds it now, or nothing does */
    if (status != STATUS_SUCCESS) {
        return status;
    }
    ExSetHandleAttributes(&process->Handles, handle,
                          (attributes & OBJ_INHERIT) ? EX_HANDLE_INHERIT : 0);
    status = MmCopyToUser(process->Mm, handle_va, &handle, sizeof handle);
    if (status != STATUS_SUCCESS) {
        ExCloseHandle(&process->Handles, handle);
    }
    return status;
}
