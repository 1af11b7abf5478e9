/*
 * FormatMessageA/W: the system's messages for the Win32 errors ntmm's
 * kernel32 and ntdll report (English, as Windows' en-US message table words
 * them, each ending in CR LF), or a template of the caller's, expanded
 * by ntdll's RtlFormatMessage as Windows' kernel32 has it expanded (the
 * inserts, escapes and line widths are described there). Here: where the
 * template comes from (FROM_STRING, FROM_SYSTEM), the buffer
 * (ALLOCATE_BUFFER with LocalAlloc, or the caller's), and the ANSI side.
 */
#include <stdarg.h>
#include "kernel32/kernel32.h"

#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x0100
#define FORMAT_MESSAGE_IGNORE_INSERTS  0x0200
#define FORMAT_MESSAGE_FROM_STRING     0x0400
#define FORMAT_MESSAGE_FROM_HMODULE    0x0800
#define FORMAT_MESSAGE_FROM_SYSTEM     0x1000
#define FORMAT_MESSAGE_ARGUMENT_ARRAY  0x2000
#define FORMAT_MESSAGE_MAX_WIDTH_MASK  0x00FF
#define ERROR_INSUFFICIENT_BUFFER 122
#define ERROR_MR_MID_NOT_FOUND 317
#define ERROR_NO_WORK_DONE 235
#define FORMAT_MESSAGE_ANSI_LIMIT 32767u /* characters, the terminator not counted */
#define FORMAT_MESSAGE_MAX_CHARS (1u << 20) /* the most any message is given */
#define ERROR_RESOURCE_LANG_NOT_FOUND 15100
#define CP_ACP 0

static const struct {
    USHORT Id;
    const char *Text;
} Messages[] = {
    {0, "The operation completed successfully."},
    {1, "Incorrect function."},
    {2, "The system cannot find the file specified."},
    {3, "The system cannot find the path specified."},
    {4, "The system cannot open the file."},
    {5, "Access is denied."},
    {6, "The handle is invalid."},
    {8, "Not enough memory resources are available to process this command."},
    {14, "Not enough memory resources are available to complete this operation."},
    {17, "The system cannot move the file to a different disk drive."},
    {18, "There are no more files."},
    {19, "The media is write protected."},
    {24, "The program issued a command but the command length is incorrect."},
    {32, "The process cannot access the file because it is being used by another process."},
    {33, "The process cannot access the file because another process has locked a portion of the file."},
    {38, "Reached the end of the file."},
    {50, "The request is not supported."},
    {53, "The network path was not found."},
    {59, "An unexpected network error occurred."},
    {67, "The network name cannot be found."},
    {80, "The file exists."},
    {87, "The parameter is incorrect."},
    {111, "The file name is too long."},
    {112, "There is not enough space on the disk."},
    {120, "This function is not supported on this system."},
    {122, "The data area passed to a system call is too small."},
    {123, "The filename, directory name, or volume label syntax is incorrect."},
    {126, "The specified module could not be found."},
    {127, "The specified procedure could not be found."},
    {131, "An attempt was made to move the file pointer before the beginning of the file."},
    {145, "The directory is not empty."},
    {157, "The segment is already discarded and cannot be locked."},
    {158, "The segment is already unlocked."},
    {161, "The specified path is invalid."},
    {183, "Cannot create a file when that file already exists."},
    {193, "%1 is not a valid Win32 application."},
    {203, "The system could not find the environment option that was entered."},
    {206, "The filename or extension is too long."},
    {234, "More data is available."},
    {259, "No more data is available."},
    {267, "The directory name is invalid."},
    {307, "A requested file lock operation cannot be processed due to an invalid byte range."},
    {317, "The system cannot find message text for message number 0x%1 in the message file for %2."},
    {487, "Attempt to access invalid address."},
    {997, "Overlapped I/O operation is in progress."},
    {998, "Invalid access to memory location."},
    {1004, "Invalid flags."},
    {1113, "No mapping for the Unicode character exists in the target multi-byte code page."},
    {1132, "The base address or the file offset specified does not have the proper alignment."},
    {1455, "The paging file is too small for this operation to complete."},
};

static BOOL KnownLanguage(DWORD language)
{
    /* Neutral, user or system default, and English. */
    return language == 0 || language == 0x400 || language == 0x800 || (language & 0x3FF) == 0x09;
}

/* The template, as UTF-16 in heap memory (the caller frees it), or NULL. */
static WCHAR *Template(DWORD flags, const void *source, DWORD id, DWORD language, BOOL ansi)
{
    PVOID heap = NtCurrentPeb()->ProcessHeap;
    if (flags & FORMAT_MESSAGE_FROM_STRING) {
        if (!source) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return NULL;
        }
        if (ansi) {
            int n = MultiByteToWideChar(CP_ACP, 0, source, -1, NULL, 0);
            WCHAR *w = RtlAllocateHeap(heap, 0, (SIZE_T)n * sizeof(WCHAR));
            if (w) MultiByteToWideChar(CP_ACP, 0, source, -1, w, n);
            return w;
        }
        SIZE_T n = wcslen(source) + 1;
        WCHAR *w = RtlAllocateHeap(heap, 0, n * sizeof(WCHAR));
        if (w) memcpy(w, source, n * sizeof(WCHAR));
        return w;
    }
    if (!(flags & FORMAT_MESSAGE_FROM_SYSTEM)) {
        SetLastError(ERROR_MR_MID_NOT_FOUND);    /* no message tables in our modules */
        return NULL;
    }
    if (!KnownLanguage(language)) {
        SetLastError(ERROR_RESOURCE_LANG_NOT_FOUND);
        return NULL;
    }
    for (SIZE_T i = 0; i < sizeof Messages / sizeof Messages[0]; i++) {
        if (Messages[i].Id == id) {
            SIZE_T n = strlen(Messages[i].Text);
            WCHAR *w = RtlAllocateHeap(heap, 0, (n + 3) * sizeof(WCHAR));
            if (w) {
                for (SIZE_T k = 0; k < n; k++) w[k] = (BYTE)Messages[i].Text[k];
                w[n] = '\r';
                w[n + 1] = '\n';
                w[n + 2] = 0;
            }
            return w;
        }
    }
    SetLastError(ERROR_MR_MID_NOT_FOUND);
    return NULL;
}

/* The template expanded by ntdll's RtlFormatMessage, the one engine, into
 * a heap buffer it is given more room for until the text fits; the Win32
 * error, 0 when *text holds it. The arguments of a va_list are read from
 * a copy each time and the caller's list moves past the ones used, as
 * when Windows' reads them in place. */
static DWORD Expand(WCHAR **text, const WCHAR *t, DWORD flags, PVOID args, BOOL ansi)
{
    PVOID heap = NtCurrentPeb()->ProcessHeap;
    BOOLEAN array = (flags & FORMAT_MESSAGE_ARGUMENT_ARRAY) != 0;
    for (ULONG capacity = 256;; capacity *= 2) {
        if (capacity > FORMAT_MESSAGE_MAX_CHARS) {
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        WCHAR *buffer = RtlAllocateHeap(heap, 0, capacity * sizeof(WCHAR));
        if (!buffer) {
            return ERROR_NOT_ENOUGH_MEMORY;
        }
        va_list copy = NULL;
        va_list *list = NULL;
        if (args && array) {
            list = args;
        } else if (args) {
            va_copy(copy, *(va_list *)args);
            list = &copy;
        }
        ULONG bytes;
        NTSTATUS status = RtlFormatMessage(t, flags & FORMAT_MESSAGE_MAX_WIDTH_MASK,
                                           (flags & FORMAT_MESSAGE_IGNORE_INSERTS) != 0, (BOOLEAN)ansi, array, list,
                                           buffer, capacity * sizeof(WCHAR), &bytes);
        if (status == STATUS_SUCCESS) {
            if (args && !array) {
                va_copy(*(va_list *)args, copy);
            }
            *text = buffer;
            return 0;
        }
        RtlFreeHeap(heap, 0, buffer);
        if (status != STATUS_BUFFER_OVERFLOW) {
            return RtlNtStatusToDosError(status);
        }
    }
}

static DWORD Format(DWORD flags, const void *source, DWORD id, DWORD language, void *buffer, DWORD size,
                    PVOID args, BOOL ansi)
{
    PVOID heap = NtCurrentPeb()->ProcessHeap;
    /* An allocated buffer's pointer is NULL until there is one; a call
     * naming no source is ERROR_INVALID_PARAMETER; a missing buffer is
     * only found too small (format_msg.c:1180-1220, 1270-1282, 1548-1600). */
    if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
        if (!buffer) {
            SetLastError(ERROR_INVALID_PARAMETER);
            return 0;
        }
        *(void **)buffer = NULL;
    }
    if (!(flags & (FORMAT_MESSAGE_FROM_STRING | FORMAT_MESSAGE_FROM_HMODULE | FORMAT_MESSAGE_FROM_SYSTEM))) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    WCHAR *t = Template(flags, source, id, language, ansi);
    if (!t) {
        return 0;
    }
    if (!ansi && !(flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) && buffer && size) {
        /* FormatMessageW expands straight into the caller's buffer: a
         * message that does not fit leaves what fitted (an insert cut and
         * terminated there) and the va_list past the arguments read, an
         * empty one leaves "" (Wine's format_msg.c:75-78, 748-752,
         * 1008-1024). */
        BOOLEAN array = (flags & FORMAT_MESSAGE_ARGUMENT_ARRAY) != 0;
        ULONG bytes = 0, room = size < FORMAT_MESSAGE_MAX_CHARS ? size : FORMAT_MESSAGE_MAX_CHARS;
        NTSTATUS status = RtlFormatMessage(t, flags & FORMAT_MESSAGE_MAX_WIDTH_MASK,
                                           (flags & FORMAT_MESSAGE_IGNORE_INSERTS) != 0, FALSE, array, args, buffer,
                                           room * sizeof(WCHAR), &bytes);
        RtlFreeHeap(heap, 0, t);
        if (status != STATUS_SUCCESS) {
            SetLastError(status == STATUS_BUFFER_OVERFLOW ? ERROR_INSUFFICIENT_BUFFER : RtlNtStatusToDosError(status));
            return 0;
        }
        if (bytes <= sizeof(WCHAR)) {
            SetLastError(ERROR_NO_WORK_DONE);
            return 0;
        }
        return bytes / sizeof(WCHAR) - 1;
    }
    WCHAR *text = NULL;
    DWORD error = Expand(&text, t, flags, args, ansi);
    RtlFreeHeap(heap, 0, t);
    if (error) {
        SetLastError(error);
        return 0;
    }
    DWORD length = (DWORD)wcslen(text);
    if (!length) {
        /* Nothing to give: 0, the buffer untouched (format_msg.c:355-362). */
        RtlFreeHeap(heap, 0, text);
        SetLastError(ERROR_NO_WORK_DONE);
        return 0;
    }
    DWORD units = length;
    if (ansi) {
        units = (DWORD)WideCharToMultiByte(CP_ACP, 0, text, (int)length, NULL, 0, NULL, NULL);
        if (units >= FORMAT_MESSAGE_ANSI_LIMIT) {
            /* Windows' ANSI message stops short of 32 KiB (format_msg.c:1064-1112). */
            RtlFreeHeap(heap, 0, text);
            SetLastError(ERROR_INVALID_PARAMETER);
            return 0;
        }
    }
    DWORD result = 0;
    if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
        DWORD room = units + 1 > size ? units + 1 : size;
        void *out = LocalAlloc(0, room * (ansi ? 1 : sizeof(WCHAR)));
        if (!out) {
            SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        } else {
            *(void **)buffer = out;
            buffer = out;
            size = room;
        }
    }
    if (!(flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) || size > units) {
        if (units + 1 > size) {
            SetLastError(ERROR_INSUFFICIENT_BUFFER);
        } else if (!buffer) {
            SetLastError(ERROR_INVALID_PARAMETER);
        } else if (ansi) {
            WideCharToMultiByte(CP_ACP, 0, text, (int)length, buffer, (int)units, NULL, NULL);
            ((char *)buffer)[units] = 0;
            result = units;
        } else {
            memcpy(buffer, text, (length + 1) * sizeof(WCHAR));
            result = length;
        }
    }
    RtlFreeHeap(heap, 0, text);
    return result;
}

DWORD WINAPI FormatMessageW(DWORD flags, const void *source, DWORD id, DWORD language, WCHAR *buffer,
                            DWORD size, PVOID args)
{
    return Format(flags, source, id, language, buffer, size, args, FALSE);
}

DWORD WINAPI FormatMessageA(DWORD flags, const void *source, DWORD id, DWORD language, char *buffer,
                            DWORD size, PVOID args)
{
    return Format(flags, source, id, language, buffer, size, args, TRUE);
}
