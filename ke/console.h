/*
 * The console (console.c): what conhost.exe keeps for a console on
 * Windows 8 and later, kept by the kernel here. A console has one input
 * buffer of INPUT_RECORDs and any number of screen buffers, one of them
 * active; its handles are file objects, as \Device\ConDrv's are: the
 * input, a screen buffer, or the connection a process holds in
 * ProcessParameters->ConsoleHandle. kernel32 asks for everything through
 * NtDeviceIoControlFile (consvc.c) with the requests of docs/guest-abi.md;
 * NtReadFile and NtWriteFile on a console handle read and write it as
 * ReadConsoleA and WriteConsoleA do.
 *
 * The host side: the console's input is fed from the host's standard
 * input (conkeys.c turns the bytes into key events), and what is written
 * to its active screen buffer goes to the host's standard output as well.
 */
#ifndef NTMM_KE_CONSOLE_H
#define NTMM_KE_CONSOLE_H

#include "ke/ki.h"

typedef struct KI_CONSOLE KI_CONSOLE;

/* A new console (one reference, the caller's); NULL when out of memory.
 * It is shown on the host's standard output, whatever that is: a
 * terminal shows its cells and cursor, a pipe or a file gets the text
 * written to it. Its keyboard is the host's standard input when that is
 * a terminal or streams_are_console (ntmm run --console); else it has none. */
KI_CONSOLE *KiCreateConsole(bool streams_are_console);
/* Whether the host's standard stream fd is the console's (a terminal, or
 * any stream with --console): the guest's standard handle is a console
 * handle then, otherwise the host's stream as it is (redirected). */
bool KiIsConsoleStream(int fd, bool streams_are_console);
void KiReferenceConsole(KI_CONSOLE *console);
void KiReleaseConsole(KI_CONSOLE *console);

/* A new, unreferenced file object for a handle: the console's input
 * buffer (CONIN$), its active screen buffer (CONOUT$), or the connection. */
typedef enum { KiConsoleInput, KiConsoleOutput, KiConsoleConnection } KI_CONSOLE_FILE_KIND;
EX_FILE *KiOpenConsoleFile(KI_CONSOLE *console, KI_CONSOLE_FILE_KIND kind, uint32_t access);
bool KiIsConsoleFile(const EX_FILE *file);

/* NtReadFile / NtWriteFile on a console handle: bytes in the console's
 * code pages, read as ReadConsoleA reads (a line, with line input) and
 * written as WriteConsoleA writes. */
NTSTATUS KiConsoleReadWrite(KPROCESS *process, EX_FILE *file, bool write, uint32_t buffer,
                            uint32_t length, uint32_t *done);
/* NtFlushBuffersFile on a console handle: the input's events go, as
 * FlushConsoleInputBuffer; a screen buffer is STATUS_INVALID_HANDLE. */
NTSTATUS KiConsoleFlush(EX_FILE *file);
/* NtDeviceIoControlFile on a console handle (consvc.c). */
NTSTATUS KiConsoleControl(KPROCESS *process, EX_FILE *file, const uint32_t *a);
/* Whether the console's input has an event waiting (a wait on CONIN$). */
bool KiConsoleInputReady(EX_FILE *file);

/* Every thread waits and none has a deadline: if one waits for a
 * console's input that the host may still type, wait for the host's
 * next keys and let the waits see them (true); false when none does. */
bool KiWaitForConsoleKeys(KSYSTEM *system);

/* A file NtCreateFile opened on \??\CON, CONIN$ or CONOUT$ (a host
 * stream from io/): the same on the process's console, or NULL with
 * STATUS_INVALID_HANDLE when it has none. Drops the io/ file. */
EX_FILE *KiConsoleFromHostStream(KPROCESS *process, EX_FILE *stream, NTSTATUS *status);

#endif
