/*
 * RtlFormatMessage: a message template's inserts and escapes expanded, the
 * engine under FormatMessage. %1..%99 insert an argument, formatted by the
 * printf spec between '!'s (s if none); %0 ends the message there; %n is a
 * line break, %r a carriage return, %t a tab, and %x any other character
 * x itself. A line break in the template is written "\r\n". Arguments come
 * from a va_list, fetched in order and remembered (a number used twice
 * reads the same value), or from an array of ULONG_PTRs.
 *
 * The buffer receives the text as it is produced: a template that turns
 * out bad (a trailing '%', an unclosed spec, a spec over 30 characters
 * or with more than two '*', an insert without arguments) answers STATUS_INVALID_PARAMETER with what
 * came before it left in place, unterminated. When the text does not fit,
 * the literal text fills the buffer to its end and an insert is cut and
 * terminated, as Windows' does, and the answer is STATUS_BUFFER_OVERFLOW:
 * the template is read no further, so the arguments after the insert
 * that overflowed stay in the caller's va_list. A width (1-254) breaks lines
 * that reach it, at their last space when they have one (an insert is
 * never broken itself), and turns the template's own line breaks into
 * spaces; 0xFF puts everything on one line.
 */
#include <stdarg.h>
#include "inc/ntguest.h"

#define MAX_SPEC 30
#define ONE_LINE 0xFF

typedef struct FORMAT_OUTPUT {
    WCHAR *Buffer;
    ULONG Capacity, Length; /* in WCHARs */
    ULONG LineStart, Column, Width; /* the current line, for breaking it */
    BOOLEAN Overflow;
} FORMAT_OUTPUT;

typedef struct FORMAT_ARGUMENTS {
    va_list *List;
    const ULONG_PTR *Array;
    ULONGLONG Fetched[104]; /* the va_list's arguments read so far, by number */
    ULONG Count;            /* how many (a number used twice reads the same value) */
    ULONG Last;             /* an array's highest number used */
} FORMAT_ARGUMENTS;

/* Argument n of a va_list (0: the one after the last read), fetching the
 * ones before it; a 64-bit insert fetches them 64 bits wide, as Windows'
 * does. */
static ULONGLONG VaArgument(FORMAT_ARGUMENTS *a, ULONG n, BOOLEAN is64)
{
    if (!n) {
        n = a->Count + 1;
    }
    while (a->Count < n && a->Count < sizeof a->Fetched / sizeof a->Fetched[0]) {
        a->Fetched[a->Count++] = is64 ? va_arg(*a->List, ULONGLONG) : va_arg(*a->List, ULONG_PTR);
    }
    return n <= a->Count ? a->Fetched[n - 1] : 0;
}

/* The words an insert's printf reads, in its order: the width and
 * precision its '*'s take, then the value (two words if 64-bit). Windows
 * numbers them oddly and so does this. From a va_list, the first '*' is
 * argument n and each later word the next one, but one is dropped: the
 * value is read into the last '*''s place. From an array, the first word
 * is always element n, a 64-bit insert's second is 0, and the '*'s take
 * the elements after the highest number used so far (Wine's kernel32
 * format_msg.c:576-611 and ntdll rtlstr.c tests). */
static ULONG InsertWords(FORMAT_ARGUMENTS *a, ULONG n, ULONG stars, BOOLEAN is64, ULONG_PTR words[5])
{
    ULONG count = 0;
    if (a->Array) {
        words[count++] = a->Array[n - 1];
        if (a->Last < n) {
            a->Last = n;
        }
        if (is64) {
            words[count++] = 0;
        }
        while (stars--) {
            words[count++] = a->Array[a->Last++];
        }
        return count;
    }
    if (n > 1) {
        VaArgument(a, n - 1, is64);
    }
    ULONG next = n;
    for (ULONG k = 0; k < stars; k++, next = 0) {
        words[count++] = (ULONG_PTR)VaArgument(a, next, FALSE);
    }
    if (stars) {
        a->Count--;
    }
    ULONGLONG value = VaArgument(a, next, is64);
    words[count++] = (ULONG_PTR)value;
    words[count++] = (ULONG_PTR)(value >> 32);
    return count;
}

/* Text while there is room: the buffer may end up full, unterminated; a
 * line break goes in whole or not at all. Nothing after an overflow. */
static void PutText(FORMAT_OUTPUT *o, const WCHAR *text, ULONG n)
{
    if (o->Overflow || o->Length + n > o->Capacity) {
        o->Overflow = TRUE;
        return;
    }
    memcpy(o->Buffer + o->Length, text, n * sizeof(WCHAR));
    o->Length += n;
}

static void PutLineBreak(FORMAT_OUTPUT *o)
{
    static const WCHAR crlf[2] = {'\r', '\n'};
    PutText(o, crlf, 2);
    o->Column = 0;
    o->LineStart = o->Length;
}

static BOOLEAN Wrapping(const FORMAT_OUTPUT *o)
{
    return o->Width && o->Width != ONE_LINE;
}

/* A full line is broken before more goes on it: at its last run of
 * spaces, which becomes the line break (the words after it move down),
 * else right here. */
static void BreakFullLine(FORMAT_OUTPUT *o)
{
    if (!Wrapping(o) || o->Column < o->Width || o->Overflow) {
        return;
    }
    for (ULONG end = o->Length; end > o->LineStart; end--) {
        if (o->Buffer[end - 1] != ' ') {
            continue;
        }
        ULONG start = end - 1;
        while (start > o->LineStart && o->Buffer[start - 1] == ' ') {
            start--;
        }
        ULONG length = o->Length - (end - start) + 2;
        if (length > o->Capacity) {
            o->Overflow = TRUE;
            return;
        }
        memmove(o->Buffer + start + 2, o->Buffer + end, (o->Length - end) * sizeof(WCHAR));
        o->Buffer[start] = '\r';
        o->Buffer[start + 1] = '\n';
        o->Length = length;
        o->LineStart = start + 2;
        o->Column = o->Length - o->LineStart;
        if (o->Column < o->Width) {
            return;
        }
        break;
    }
    PutLineBreak(o);
}

/* One character of the template's own text. */
static void PutLiteral(FORMAT_OUTPUT *o, WCHAR c)
{
    BreakFullLine(o);
    PutText(o, &c, 1);
    o->Column++;
}

/* An insert's text, never broken itself: cut at the buffer's end and
 * terminated there. */
static void PutInsert(FORMAT_OUTPUT *o, const WCHAR *text, ULONG n)
{
    BreakFullLine(o);
    if (!o->Overflow && o->Length + n >= o->Capacity) {
        if (o->Length < o->Capacity) {
            ULONG fits = o->Capacity - o->Length - 1;
            memcpy(o->Buffer + o->Length, text, fits * sizeof(WCHAR));
            o->Buffer[o->Length + fits] = 0;
        }
        o->Overflow = TRUE;
        return;
    }
    PutText(o, text, n);
    o->Column += n;
}

static BOOLEAN IsConversion(WCHAR c)
{
    return c == 's' || c == 'S' || c == 'c' || c == 'C' || c == 'd' || c == 'i' || c == 'u' || c == 'x' ||
           c == 'X' || c == 'o' || c == 'p';
}

/* Formats insert n under spec[0..length) into *result, a heap buffer
 * the caller frees (NULL when there is nothing, or no memory); the
 * characters written, and *rest where the spec's unparsed rest starts
 * (all of it, from the first character that is no conversion, when there
 * is none). A string goes in whole however long; padding stops at 200. */
static ULONG FormatInsert(const WCHAR *spec, ULONG length, ULONG n, FORMAT_ARGUMENTS *args, BOOLEAN ansi,
                          WCHAR **result, ULONG *rest)
{
    *result = NULL;
    BOOLEAN left = FALSE, zero = FALSE, plus = FALSE, space = FALSE, alt = FALSE;
    LONG width = 0, precision = -1;
    ULONG i = 0, stars = 0, at = 0;
    while (at < length && ((spec[at] >= '0' && spec[at] <= '9') || spec[at] == ' ' || spec[at] == '+' ||
                           spec[at] == '-' || spec[at] == '*' || spec[at] == '#' || spec[at] == '.')) {
        stars += spec[at++] == '*';
    }
    BOOLEAN is64 = at + 2 < length && spec[at] == 'I' && spec[at + 1] == '6' && spec[at + 2] == '4';
    ULONG_PTR words[5] = {0};
    InsertWords(args, n, stars, is64, words);
    ULONG next = 0;
    for (; i < length; i++) {
        WCHAR c = spec[i];
        if (c == '-') left = TRUE;
        else if (c == '0') zero = TRUE;
        else if (c == '+') plus = TRUE;
        else if (c == ' ') space = TRUE;
        else if (c == '#') alt = TRUE;
        else break;
    }
    if (i < length && spec[i] == '*') {
        width = (LONG)words[next++];
        i++;
    }
    for (; i < length && spec[i] >= '0' && spec[i] <= '9'; i++) {
        width = width * 10 + (spec[i] - '0');
    }
    if (i < length && spec[i] == '.') {
        precision = 0;
        if (++i < length && spec[i] == '*') {
            precision = (LONG)words[next++];
            i++;
        }
        for (; i < length && spec[i] >= '0' && spec[i] <= '9'; i++) {
            precision = precision * 10 + (spec[i] - '0');
        }
    }
    int size = 0; /* -1 narrow, 1 wide, 2 64-bit */
    for (;;) {
        if (i < length && spec[i] == 'h') size = -1, i++;
        else if (i < length && (spec[i] == 'l' || spec[i] == 'w')) size = 1, i++;
        else if (i + 2 < length && spec[i] == 'I' && spec[i + 1] == '6' && spec[i + 2] == '4') size = 2, i += 3;
        else if (i + 2 < length && spec[i] == 'I' && spec[i + 1] == '3' && spec[i + 2] == '2') i += 3;
        else if (i < length && spec[i] == 'I') i++;
        else break;
    }
    if (i >= length || !IsConversion(spec[i])) {
        *rest = i;
        return 0;
    }
    WCHAR conversion = spec[i++];
    *rest = i;
    ULONGLONG value = words[next];
    if (size == 2 && conversion != 's' && conversion != 'S' && conversion != 'c' && conversion != 'C') {
        value |= (ULONGLONG)words[next + 1] << 32;
    }
    /* s and c take the message's own width unless h, l or w says, and
     * S and C the other one. */
    BOOLEAN wide = size == 1 ? TRUE : size == -1 ? FALSE : !ansi;
    if ((conversion == 'S' || conversion == 'C') && size == 0) {
        wide = ansi;
    }
    WCHAR body[80];
    const WCHAR *wtext = body;
    const CHAR *ntext = NULL;
    ULONG count = 0;
    WCHAR prefix[2];
    ULONG prefix_count = 0;
    if (conversion == 's' || conversion == 'S') {
        if (!value) {
            ntext = "(null)";
            count = 6;
        } else if (wide) {
            wtext = (const WCHAR *)(ULONG_PTR)value;
            while (wtext[count]) count++;
        } else {
            ntext = (const CHAR *)(ULONG_PTR)value;
            while (ntext[count]) count++;
        }
        if (precision >= 0 && count > (ULONG)precision) {
            count = (ULONG)precision;
        }
        zero = FALSE;
    } else if (conversion == 'c' || conversion == 'C') {
        body[0] = wide ? (WCHAR)value : (WCHAR)(UCHAR)value;
        count = 1;
        zero = FALSE;
    } else {
        BOOLEAN is_signed = conversion == 'd' || conversion == 'i';
        if (size == -1) {
            value = is_signed ? (ULONG)(LONG)(short)value : (USHORT)value; /* h: a short */
        }
        ULONGLONG magnitude = size == 2 ? value : (ULONG)value;
        BOOLEAN negative = is_signed && (size == 2 ? (LONGLONG)value < 0 : (LONG)(ULONG)value < 0);
        if (negative) {
            magnitude = size == 2 ? 0 - value : (ULONG)(0 - (ULONG)value);
        }
        ULONG base = conversion == 'o' ? 8 : (conversion == 'x' || conversion == 'X' || conversion == 'p') ? 16 : 10;
        const char *digits = conversion == 'x' ? "0123456789abcdef" : "0123456789ABCDEF";
        WCHAR reversed[64];
        ULONG k = 0;
        if (conversion == 'p' && precision < 0) {
            precision = 8;
        }
        do {
            reversed[k++] = (WCHAR)digits[magnitude % base];
            magnitude /= base;
        } while (magnitude && k < 64);
        while (precision > 0 && k < (ULONG)precision && k < 64) {
            reversed[k++] = '0';
        }
        for (ULONG j = 0; j < k; j++) {
            body[j] = reversed[k - 1 - j];
        }
        count = k;
        if (negative) prefix[prefix_count++] = '-';
        else if (plus && is_signed) prefix[prefix_count++] = '+';
        else if (space && is_signed) prefix[prefix_count++] = ' ';
        else if (alt && base == 16 && value) prefix[0] = '0', prefix[1] = conversion == 'X' ? 'X' : 'x', prefix_count = 2;
        else if (alt && base == 8 && body[0] != '0') prefix[prefix_count++] = '0';
        if (precision >= 0) {
            zero = FALSE;
        }
    }
    ULONG out = 0;
    LONG pad = width - (LONG)(count + prefix_count);
    WCHAR *text = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, 0, (count + prefix_count + 200) * sizeof(WCHAR));
    if (!text) {
        return 0;
    }
    *result = text;
    if (!left && !zero) {
        for (; pad > 0 && out < 200; pad--) text[out++] = ' ';
    }
    for (ULONG j = 0; j < prefix_count; j++) text[out++] = prefix[j];
    if (!left) {
        for (; pad > 0 && out < 200; pad--) text[out++] = '0';
    }
    for (ULONG j = 0; j < count; j++) {
        text[out++] = ntext ? (WCHAR)(UCHAR)ntext[j] : wtext[j];
    }
    for (LONG k = 0; pad > 0 && k < 200 - (LONG)prefix_count; pad--, k++) text[out++] = ' ';
    return out;
}

NTSTATUS NTAPI RtlFormatMessage(const WCHAR *message, ULONG width, BOOLEAN ignore_inserts, BOOLEAN ansi,
                                BOOLEAN arguments_are_array, va_list *arguments, WCHAR *buffer, ULONG size,
                                ULONG *returned_size)
{
    FORMAT_OUTPUT o = {buffer, size / sizeof(WCHAR), 0, 0, 0, width & 0xFF, FALSE};
    FORMAT_ARGUMENTS args = {NULL, NULL, {0}, 0, 0};
    if (arguments_are_array) {
        args.Array = (const ULONG_PTR *)arguments;
    } else {
        args.List = arguments;
    }
    BOOLEAN ended = FALSE;
    for (const WCHAR *p = message; *p && !ended && !o.Overflow;) {
        WCHAR c = *p++;
        if (c == '\r' || c == '\n') {
            if (c == '\r' && *p == '\n') {
                p++;
            }
            if (o.Width) {
                PutLiteral(&o, ' '); /* the width decides where lines end */
            } else {
                PutLineBreak(&o);
            }
            continue;
        }
        if (c != '%') {
            PutLiteral(&o, c);
            continue;
        }
        c = *p++;
        if (c >= '1' && c <= '9') {
            const WCHAR *start = p - 2;
            ULONG n = c - '0';
            if (*p >= '0' && *p <= '9') {
                n = n * 10 + (*p++ - '0');
            }
            const WCHAR *spec = NULL;
            ULONG spec_length = 0;
            if (*p == '!') {
                spec = ++p;
                while (spec[spec_length] && spec[spec_length] != '!') {
                    spec_length++;
                }
                ULONG stars = 0;
                for (ULONG k = 0; k < spec_length; k++) {
                    stars += spec[k] == '*';
                }
                if (!spec[spec_length] || spec_length > MAX_SPEC || stars > 2) {
                    return STATUS_INVALID_PARAMETER;
                }
                p = spec + spec_length + 1;
            }
            if (ignore_inserts) {
                for (const WCHAR *q = start; q < p; q++) {
                    PutLiteral(&o, *q);
                }
                continue;
            }
            if (!arguments) {
                return STATUS_INVALID_PARAMETER;
            }
            static const WCHAR plain[] = {'s'};
            WCHAR *text = NULL;
            ULONG rest = 0;
            ULONG count = spec_length || !spec ? FormatInsert(spec ? spec : plain, spec ? spec_length : 1, n, &args,
                                                              ansi, &text, &rest)
                                               : 0;
            PutInsert(&o, text, count);
            RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, text);
            for (ULONG k = rest; spec && k < spec_length; k++) {
                PutLiteral(&o, spec[k]); /* what follows the conversion */
            }
            continue;
        }
        switch (c) {
        case 0:
            return STATUS_INVALID_PARAMETER; /* a '%' ending the template */
        case '0':
            ended = TRUE;
            break;
        case 'n':
            PutLineBreak(&o);
            break;
        case 'r': {
            static const WCHAR cr = '\r';
            PutText(&o, &cr, 1);
            o.Column = 0;
            o.LineStart = o.Length;
            break;
        }
        case 't':
            if (Wrapping(&o)) {
                PutLineBreak(&o); /* with a width, %t ends the line */
            } else {
                PutLiteral(&o, '\t');
            }
            break;
        default:
            /* %% %space %. %! and the rest: the character; ignoring
             * inserts, as written (Wine's kernel32 format_msg.c:672-676). */
            if (ignore_inserts) {
                PutLiteral(&o, '%');
            }
            PutLiteral(&o, c);
            break;
        }
    }
    if (!ended) {
        BreakFullLine(&o); /* a last line that reached the width ends too */
    }
    if (o.Overflow || o.Length >= o.Capacity) {
        return STATUS_BUFFER_OVERFLOW;
    }
    o.Buffer[o.Length] = 0;
    *returned_size = (o.Length + 1) * sizeof(WCHAR);
    return STATUS_SUCCESS;
}
