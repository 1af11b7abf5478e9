/*
 * FormatMessageA/W: the system's messages for the Win32 errors ntmm's
 * kernel32 and ntdll report (English, as Windows' en-US message table words
 * them, each ending in CR LF), and message templates with their escapes:
 * %1..%99 inserts with an optional !printf format! (s by default), %0 (end,
 * no line break), %n, %r, %t, %%, %space, %., %!. FORMAT_MESSAGE_
 * ALLOCATE_BUFFER (LocalAlloc), IGNORE_INSERTS, ARGUMENT_ARRAY, FROM_STRING,
 * FROM_SYSTEM, MAX_WIDTH_MASK (any width: the template's own line breaks
 * become spaces; 0xFF leaves the line unbroken, a smaller width wraps it).
 */
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

/* ------------------------------------------------------------ the output */
typedef struct OUT {
    WCHAR *Text;
    ULONG Length, Capacity;
    BOOL Failed;
} OUT;

static void PutChar(OUT *o, WCHAR c)
{
    if (o->Length + 1 >= o->Capacity) {
        ULONG capacity = o->Capacity ? o->Capacity * 2 : 256;
        WCHAR *text = o->Text ? RtlReAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, o->Text, capacity * sizeof(WCHAR))
                              : RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, capacity * sizeof(WCHAR));
        if (!text) {
            o->Failed = TRUE;
            return;
        }
        o->Text = text;
        o->Capacity = capacity;
    }
    o->Text[o->Length++] = c;
}

static void PutNarrow(OUT *o, const char *s, int n)
{
    for (int i = 0; n < 0 ? s[i] != 0 : i < n; i++) {
        PutChar(o, (BYTE)s[i]);
    }
}

/* One insert under its printf format: flags, width, precision, and the
 * conversions s S c C d i u x X o (h, l, w sizes accepted). */
static void FormatInsert(OUT *o, const WCHAR *spec, ULONG spec_length, ULONG_PTR value, int width_arg,
                         BOOL ansi)
{
    BOOL left = FALSE, zero = FALSE, plus = FALSE, space = FALSE, alt = FALSE;
    int width = 0, precision = -1;
    ULONG i = 0;
    for (; i < spec_length; i++) {
        WCHAR c = spec[i];
        if (c == '-') left = TRUE;
        else if (c == '0') zero = TRUE;
        else if (c == '+') plus = TRUE;
        else if (c == ' ') space = TRUE;
        else if (c == '#') alt = TRUE;
        else break;
    }
    if (i < spec_length && spec[i] == '*') {
        width = width_arg;
        i++;
    }
    while (i < spec_length && spec[i] >= '0' && spec[i] <= '9') {
        width = width * 10 + (spec[i++] - '0');
    }
    if (i < spec_length && spec[i] == '.') {
        precision = 0;
        for (i++; i < spec_length && spec[i] >= '0' && spec[i] <= '9'; i++) {
            precision = precision * 10 + (spec[i] - '0');
        }
    }
    BOOL wide = !ansi;
    while (i < spec_length && (spec[i] == 'h' || spec[i] == 'l' || spec[i] == 'w')) {
        wide = spec[i] != 'h';
        i++;
    }
    WCHAR conversion = i < spec_length ? spec[i] : 's';
    WCHAR body[80];
    const WCHAR *text = body;
    const char *narrow = NULL;
    int length = 0;
    char prefix[3] = "";
    switch (conversion) {
    case 'S':
        wide = ansi;
        /* fall through */
    case 's': {
        if (!value) {
            narrow = "(null)";
            length = 6;
        } else if (wide && !(conversion == 'S' && !ansi)) {
            text = (const WCHAR *)value;
            while (text[length]) length++;
        } else if (conversion == 'S' && !ansi) {
            narrow = (const char *)value;
            while (narrow[length]) length++;
        } else {
            narrow = (const char *)value;
            while (narrow[length]) length++;
        }
        if (precision >= 0 && length > precision) length = precision;
        break;
    }
    case 'c':
    case 'C':
        body[0] = (WCHAR)(wide || conversion == 'C' ? value : (BYTE)value);
        length = 1;
        break;
    default: {
        ULONG v = (ULONG)value;
        BOOL negative = (conversion == 'd' || conversion == 'i') && (LONG)v < 0;
        if (negative) v = (ULONG)-(LONG)v;
        int base = conversion == 'x' || conversion == 'X' ? 16 : conversion == 'o' ? 8 : 10;
        const char *digits = conversion == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        WCHAR reversed[40];
        int n = 0;
        do {
            reversed[n++] = (WCHAR)digits[v % base];
            v /= base;
        } while (v);
        while (n < precision) reversed[n++] = '0';
        if (negative) prefix[0] = '-';
        else if (plus && base == 10) prefix[0] = '+';
        else if (space && base == 10) prefix[0] = ' ';
        else if (alt && base == 16 && value) prefix[0] = '0', prefix[1] = (char)(conversion == 'X' ? 'X' : 'x');
        else if (alt && base == 8) prefix[0] = '0';
        for (int k = 0; k < n; k++) body[k] = reversed[n - 1 - k];
        length = n;
        break;
    }
    }
    int pad = width - length - (int)strlen(prefix);
    if (!left && !(zero && conversion != 's' && conversion != 'S' && conversion != 'c' && conversion != 'C')) {
        for (; pad > 0; pad--) PutChar(o, ' ');
    }
    PutNarrow(o, prefix, -1);
    if (!left) {
        for (; pad > 0; pad--) PutChar(o, '0');
    }
    for (int k = 0; k < length; k++) {
        PutChar(o, narrow ? (WCHAR)(BYTE)narrow[k] : text[k]);
    }
    for (; pad > 0; pad--) PutChar(o, ' ');
}

static ULONG_PTR Argument(PVOID args, BOOL array, int n)
{
    const ULONG_PTR *list = array ? (const ULONG_PTR *)args : *(const ULONG_PTR *const *)args;
    return list[n - 1];
}

/* Expands a template; FALSE with the last error set when it cannot. */
static BOOL Expand(OUT *o, const WCHAR *t, DWORD flags, PVOID args, BOOL ansi)
{
    BOOL ignore = (flags & FORMAT_MESSAGE_IGNORE_INSERTS) != 0;
    BOOL array = (flags & FORMAT_MESSAGE_ARGUMENT_ARRAY) != 0;
    /* Any width: the template's own line breaks are spaces (only %n and %r
     * break lines); MAX_WIDTH_MASK itself is a line without end. */
    BOOL one_line = (flags & FORMAT_MESSAGE_MAX_WIDTH_MASK) != 0;
    for (const WCHAR *p = t; *p;) {
        if (*p == '\r' || *p == '\n') {
            /* A line break of the template, CR LF, LF or CR alone, comes
             * out as CR LF (or a space on one line): Wine's kernel32
             * format_msg.c:534-552. */
            if (*p == '\r' && p[1] == '\n') {
                p++;
            }
            p++;
            if (one_line) {
                PutChar(o, ' ');
            } else {
                PutChar(o, '\r');
                PutChar(o, '\n');
            }
            continue;
        }
        if (*p != '%') {
            PutChar(o, *p++);
            continue;
        }
        p++;
        if (*p >= '1' && *p <= '9') {
            const WCHAR *start = p - 1;
            int n = *p++ - '0';
            if (*p >= '0' && *p <= '9') {
                n = n * 10 + (*p++ - '0');
            }
            const WCHAR *spec = NULL;
            ULONG spec_length = 0;
            if (*p == '!') {
                spec = p + 1;
                while (spec[spec_length] && spec[spec_length] != '!') spec_length++;
                p = spec + spec_length + (spec[spec_length] ? 1 : 0);
            }
            if (ignore) {
                for (const WCHAR *c = start; c < p; c++) PutChar(o, *c);
                continue;
            }
            if (!args) {
                SetLastError(ERROR_INVALID_PARAMETER);
                return FALSE;
            }
            static const WCHAR plain_s[] = {'s'};
            int width = 0;
            BOOL star = FALSE;
            for (ULONG k = 0; k < spec_length; k++) star |= spec[k] == '*';
            if (star) {
                width = (int)Argument(args, array, n);
                n++;
            }
            FormatInsert(o, spec ? spec : plain_s, spec ? spec_length : 1, Argument(args, array, n), width, ansi);
            continue;
        }
        switch (*p) {
        case '0': return TRUE;                      /* end, without a line break */
        case 'n': PutChar(o, '\r'); PutChar(o, '\n'); break;
        case 'r': PutChar(o, '\r'); break;
        case 't': PutChar(o, '\t'); break;
        case 0:                                     /* a '%' that ends the template */
            SetLastError(ERROR_INVALID_PARAMETER);
            return FALSE;
        default:                                    /* %% %. %! %space */
            if (ignore) {
                PutChar(o, '%');                    /* kept as written (format_msg.c:672-676) */
            }
            PutChar(o, *p);
            break;
        }
        p++;
    }
    return TRUE;
}

/*
 * Wraps the expanded text at a width (1..254): a line reaching width
 * characters breaks at its last space, the run of spaces there dropped and
 * what followed it carried to the next line; a line with no space breaks
 * after width characters. A CR or LF in the text (from %n, %r or an
 * insert) starts a line. Wine's kernel32 format_msg.c test_message_wrap
 * states each case (duplicate, leading and trailing spaces; words longer
 * than a line; %n and %r).
 */
static void Wrap(OUT *o, ULONG width)
{
    OUT w = {NULL, 0, 0, FALSE};
    ULONG line = 0; /* where the current line starts in w */
    for (ULONG i = 0; i < o->Length; i++) {
        WCHAR c = o->Text[i];
        PutChar(&w, c);
        if (w.Failed) {
            break;
        }
        if (c == '\r' || c == '\n') {
            line = w.Length;
            continue;
        }
        if (w.Length - line < width) {
            continue;
        }
        ULONG space = w.Length;
        while (space > line && w.Text[space - 1] != ' ') {
            space--;
        }
        if (space == line) { /* no space: break after width characters */
            PutChar(&w, '\r');
            PutChar(&w, '\n');
            line = w.Length;
            continue;
        }
        WCHAR carry[256];
        ULONG carried = w.Length - space;
        memcpy(carry, w.Text + space, carried * sizeof(WCHAR));
        ULONG end = space - 1;
        while (end > line && w.Text[end - 1] == ' ') {
            end--;
        }
        w.Length = end;
        PutChar(&w, '\r');
        PutChar(&w, '\n');
        line = w.Length;
        for (ULONG k = 0; k < carried; k++) {
            PutChar(&w, carry[k]);
        }
    }
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, o->Text);
    *o = w;
}

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
    OUT o = {NULL, 0, 0, FALSE};
    BOOL ok = Expand(&o, t, flags, args, ansi);
    RtlFreeHeap(heap, 0, t);
    ULONG width = flags & FORMAT_MESSAGE_MAX_WIDTH_MASK;
    if (ok && !o.Failed && width && width != FORMAT_MESSAGE_MAX_WIDTH_MASK) {
        Wrap(&o, width);
    }
    PutChar(&o, 0);
    if (!ok || o.Failed) {
        if (o.Failed) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        RtlFreeHeap(heap, 0, o.Text);
        return 0;
    }
    DWORD length = o.Length - 1;
    if (!length) {
        /* Nothing to give: 0, the buffer untouched (format_msg.c:355-362). */
        RtlFreeHeap(heap, 0, o.Text);
        SetLastError(ERROR_NO_WORK_DONE);
        return 0;
    }
    DWORD units = length;
    if (ansi) {
        units = (DWORD)WideCharToMultiByte(CP_ACP, 0, o.Text, (int)length, NULL, 0, NULL, NULL);
        if (units >= FORMAT_MESSAGE_ANSI_LIMIT) {
            /* Windows' ANSI message stops short of 32 KiB (format_msg.c:1064-1112). */
            RtlFreeHeap(heap, 0, o.Text);
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
            WideCharToMultiByte(CP_ACP, 0, o.Text, (int)length, buffer, (int)units, NULL, NULL);
            ((char *)buffer)[units] = 0;
            result = units;
        } else {
            memcpy(buffer, o.Text, (length + 1) * sizeof(WCHAR));
            result = length;
        }
    }
    RtlFreeHeap(heap, 0, o.Text);
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
