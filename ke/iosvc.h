/*
 * What the file services (iosvc.c names and opens, iorw.c moves bytes and
 * locks them, ioinfo.c describes files, directories and volumes) share:
 * capturing names, the IO_STATUS_BLOCK, and the file behind a handle.
 */
#ifndef NTMM_KE_IOSVC_H
#define NTMM_KE_IOSVC_H

#include "io/io.h"
#include "ke/ki.h"

/* NtCreateFile's CreateOptions bit for unbuffered I/O (io.h has the rest). */
#ifndef FILE_NO_INTERMEDIATE_BUFFERING
#define FILE_NO_INTERMEDIATE_BUFFERING 0x00000008u
#endif

/* Longest name a UNICODE_STRING holds: 32767 UTF-16 units. */
#define KI_PATH_UNITS 32767

/* The volume the process's machine has as C:. */
IO_VOLUME *KiIoVolume(KPROCESS *process);
/* UTF-16 to UTF-8 (a surrogate pair is one 4-byte character), in a new
 * string the caller frees. A NUL inside a name is no name. */
NTSTATUS KiUtf16ToUtf8(const uint16_t *wide, uint32_t units, char **out);
/* A UNICODE_STRING in user memory as a UTF-8 string the caller frees. */
NTSTATUS KiCaptureFileName(KPROCESS *process, uint32_t string_va, char **out);
/* An IO_STATUS_BLOCK the service will be able to fill: probed first. */
NTSTATUS KiProbeIoStatus(KPROCESS *process, uint32_t iosb);
/* Fills IO_STATUS_BLOCK {Status, Information}; returns the status (or the
 * fault writing it). */
NTSTATUS KiCompleteIo(KPROCESS *process, uint32_t iosb, NTSTATUS status, uint32_t information);
/* Whether a status completes a request (success, a warning, end of file). */
bool KiIoCompletes(NTSTATUS status);
/* The file object behind a handle, with a reference the caller drops, once
 * the IO_STATUS_BLOCK (if any) is known to be writable. */
EX_FILE *KiReferenceFile(KPROCESS *process, uint32_t handle, uint32_t iosb, NTSTATUS *status);

/* iorw.c: ProbeForRead / ProbeForWrite of a whole buffer, before a byte moves. */
NTSTATUS KiProbeIoBuffer(KPROCESS *process, uint32_t va, uint32_t length, bool write);
/* What a request that completed inside the service returns: a disk file
 * opened for overlapped, unbuffered I/O (FILE_NO_INTERMEDIATE_BUFFERING)
 * goes to the disk, so since Vista its requests that succeed return
 * STATUS_PENDING, their IO_STATUS_BLOCK already final (Wine's ntdll
 * file.c:770, kernel32 file.c:4811). */
NTSTATUS KiUnbufferedIoPends(const EX_FILE *file, NTSTATUS status);

#endif
