/*
 * What kernel32's console calls share: every one is a request to the
 * console behind a handle (ke/consvc.c), made here.
 */
#ifndef NTMM_KERNEL32_CONAPI_H
#define NTMM_KERNEL32_CONAPI_H

#include "kernel32/kernel32.h"
#include "ke/condrv.h"

#define ERROR_INVALID_ACCESS 12
#define ERROR_HANDLE_EOF     38
#ifndef STATUS_INVALID_DEVICE_REQUEST
#define STATUS_INVALID_DEVICE_REQUEST ((NTSTATUS)0xC0000010L)
#endif
#ifndef STATUS_OBJECT_TYPE_MISMATCH
#define STATUS_OBJECT_TYPE_MISMATCH ((NTSTATUS)0xC0000024L)
#endif

/* The request on handle h; its output's length into *returned (may be
 * NULL). FALSE with the last error set when it failed: a handle that is
 * not a console's, or not of the kind the request needs, is
 * ERROR_INVALID_HANDLE. */
BOOL BaseConsoleRequest(HANDLE h, ULONG function, const void *in, ULONG in_length, void *out,
                        ULONG out_length, ULONG *returned);
/* The process's connection to its console, NULL when it has none. */
HANDLE BaseConsoleConnection(void);
/* The Ctrl handlers the program registered go (AttachConsole). */
void BaseResetCtrlHandlers(void);

#endif
