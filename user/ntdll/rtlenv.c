/*
 * Environment blocks: "NAME=value" strings, each terminated, an empty
 * string ending the block, on the process heap as Windows 10 keeps them.
 * Each call takes a block, or NULL for the process's own (the PEB's
 * ProcessParameters->Environment, under this file's lock). Names compare
 * without case; a name is matched as a prefix followed by '=', so a name
 * may start with '=' ("=C:=C:\dir") and "a=b" finds the string "a=b=c".
 * kernel32's environment functions are these, on the process's block.
 * The block the kernel built at process start is not on the heap: a block
 * this file swaps out of the PEB is freed only if this file made it.
 */
#include "inc/ntguest.h"

#define STATUS_VARIABLE_NOT_FOUND ((NTSTATUS)0xC0000100L)

static RTL_SRWLOCK EnvironmentLock;
static WCHAR *OwnedCurrent; /* the PEB's block, when this file made it */

static PVOID Heap(void)
{
    return NtCurrentPeb()->ProcessHeap;
}

/* The block's size in WCHARs, the final empty string included. */
static SIZE_T BlockChars(const WCHAR *block)
{
    const WCHAR *e = block;
    while (*e) {
        e += wcslen(e) + 1;
    }
    return (SIZE_T)(e - block) + 1;
}

/* The value of the string name=value in block, or NULL. */
static const WCHAR *FindValue(const WCHAR *block, const WCHAR *name, SIZE_T chars)
{
    if (!chars) {
        return NULL;
    }
    for (const WCHAR *e = block; *e; e += wcslen(e) + 1) {
        SIZE_T i = 0;
        while (i < chars && e[i] && RtlUpcaseUnicodeChar(e[i]) == RtlUpcaseUnicodeChar(name[i])) {
            i++;
        }
        if (i == chars && e[i] == '=') {
            return e + i + 1;
        }
    }
    return NULL;
}

static const WCHAR *Lock(const WCHAR *environment)
{
    if (environment) {
        return environment;
    }
    RtlAcquireSRWLockShared(&EnvironmentLock);
    return NtCurrentPeb()->ProcessParameters->Environment;
}

static void Unlock(const WCHAR *environment)
{
    if (!environment) {
        RtlReleaseSRWLockShared(&EnvironmentLock);
    }
}

/* A copy of the process's block (inherit), or an empty one. */
NTSTATUS NTAPI RtlCreateEnvironment(BOOLEAN inherit, WCHAR **environment)
{
    static const WCHAR empty[2] = {0, 0};
    const WCHAR *source = inherit ? Lock(NULL) : empty;
    SIZE_T chars = source ? BlockChars(source) : 1;
    if (chars < 2) {
        chars = 2; /* an empty block is still two NULs */
    }
    WCHAR *block = RtlAllocateHeap(Heap(), HEAP_ZERO_MEMORY, chars * sizeof(WCHAR));
    if (block && source) {
        memcpy(block, source, BlockChars(source) * sizeof(WCHAR));
    }
    if (inherit) {
        Unlock(NULL);
    }
    if (!block) {
        return STATUS_NO_MEMORY;
    }
    *environment = block;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlDestroyEnvironment(WCHAR *environment)
{
    RtlFreeHeap(Heap(), 0, environment);
    return STATUS_SUCCESS;
}

/* The process's block becomes `environment`; the old one goes to *old,
 * or is freed when old is NULL (the caller handed it over). */
NTSTATUS NTAPI RtlSetCurrentEnvironment(WCHAR *environment, WCHAR **old)
{
    RtlAcquireSRWLockExclusive(&EnvironmentLock);
    WCHAR *previous = NtCurrentPeb()->ProcessParameters->Environment;
    NtCurrentPeb()->ProcessParameters->Environment = environment;
    OwnedCurrent = NULL;
    RtlReleaseSRWLockExclusive(&EnvironmentLock);
    if (old) {
        *old = previous;
    } else if (previous && previous != environment) {
        RtlDestroyEnvironment(previous);
    }
    return STATUS_SUCCESS;
}

/* The value's length in *length (WCHARs, no terminator); copied, with a
 * terminator when there is room for one, if it fits in `size` WCHARs. */
static NTSTATUS Query(const WCHAR *environment, const WCHAR *name, SIZE_T name_chars, WCHAR *value, SIZE_T size,
                      SIZE_T *length)
{
    const WCHAR *block = Lock(environment);
    const WCHAR *found = block ? FindValue(block, name, name_chars) : NULL;
    NTSTATUS status = STATUS_VARIABLE_NOT_FOUND;
    if (found) {
        *length = wcslen(found);
        status = STATUS_BUFFER_TOO_SMALL;
        if (*length <= size) {
            memcpy(value, found, *length * sizeof(WCHAR));
            if (*length < size) {
                value[*length] = 0;
            }
            status = STATUS_SUCCESS;
        }
    }
    Unlock(environment);
    return status;
}

NTSTATUS NTAPI RtlQueryEnvironmentVariable_U(WCHAR *environment, const UNICODE_STRING *name, UNICODE_STRING *value)
{
    SIZE_T length = 0;
    NTSTATUS status = Query(environment, name->Buffer, name->Length / 2, value->Buffer, value->MaximumLength / 2,
                            &length);
    if (status != STATUS_VARIABLE_NOT_FOUND) {
        value->Length = (USHORT)(length * 2);
    }
    return status;
}

/* Lengths in WCHARs: the value's on success, with room for a terminator
 * when the buffer is too small. */
NTSTATUS NTAPI RtlQueryEnvironmentVariable(WCHAR *environment, const WCHAR *name, SIZE_T name_chars, WCHAR *value,
                                           SIZE_T value_chars, SIZE_T *returned_chars)
{
    SIZE_T length = 0;
    NTSTATUS status = Query(environment, name, name_chars, value, value_chars, &length);
    if (status == STATUS_SUCCESS) {
        *returned_chars = length;
    } else if (status == STATUS_BUFFER_TOO_SMALL) {
        *returned_chars = length + 1;
    }
    return status;
}

/* A new block: block's strings without `name`'s, then name=value unless
 * value is NULL. */
static WCHAR *Rebuild(const WCHAR *block, const UNICODE_STRING *name, const UNICODE_STRING *value)
{
    SIZE_T chars = name->Length / 2;
    const WCHAR *old_value = FindValue(block, name->Buffer, chars);
    const WCHAR *old_string = old_value ? old_value - chars - 1 : NULL;
    SIZE_T total = BlockChars(block) + (value ? chars + 1 + value->Length / 2 + 1 : 0) + 1;
    WCHAR *fresh = RtlAllocateHeap(Heap(), 0, total * sizeof(WCHAR));
    if (!fresh) {
        return NULL;
    }
    WCHAR *out = fresh;
    for (const WCHAR *e = block; *e; e += wcslen(e) + 1) {
        if (e != old_string) {
            SIZE_T k = wcslen(e) + 1;
            memcpy(out, e, k * sizeof(WCHAR));
            out += k;
        }
    }
    if (value) {
        memcpy(out, name->Buffer, chars * sizeof(WCHAR));
        out += chars;
        *out++ = '=';
        memcpy(out, value->Buffer, value->Length);
        out += value->Length / 2;
        *out++ = 0;
    }
    *out++ = 0;
    if (out == fresh + 1) {
        *out = 0; /* an empty block is still two NULs */
    }
    return fresh;
}

/* name=value into *environment (NULL: the process's block), or name
 * removed when value is NULL. A name with '=' past its first character
 * is STATUS_INVALID_PARAMETER. */
NTSTATUS NTAPI RtlSetEnvironmentVariable(WCHAR **environment, const UNICODE_STRING *name, const UNICODE_STRING *value)
{
    SIZE_T chars = name->Length / 2;
    if (!chars) {
        return STATUS_INVALID_PARAMETER;
    }
    for (SIZE_T i = 1; i < chars; i++) {
        if (name->Buffer[i] == '=') {
            return STATUS_INVALID_PARAMETER;
        }
    }
    if (environment) {
        WCHAR *fresh = Rebuild(*environment, name, value);
        if (!fresh) {
            return STATUS_NO_MEMORY;
        }
        RtlDestroyEnvironment(*environment);
        *environment = fresh;
        return STATUS_SUCCESS;
    }
    RtlAcquireSRWLockExclusive(&EnvironmentLock);
    RTL_USER_PROCESS_PARAMETERS *params = NtCurrentPeb()->ProcessParameters;
    static const WCHAR empty[2] = {0, 0};
    WCHAR *fresh = Rebuild(params->Environment ? params->Environment : empty, name, value);
    if (fresh) {
        if (OwnedCurrent && OwnedCurrent == params->Environment) {
            RtlFreeHeap(Heap(), 0, OwnedCurrent);
        }
        params->Environment = OwnedCurrent = fresh;
    }
    RtlReleaseSRWLockExclusive(&EnvironmentLock);
    return fresh ? STATUS_SUCCESS : STATUS_NO_MEMORY;
}

/* Each %NAME% replaced by its value (left as it is when NAME is not
 * set). *needed gets the bytes the whole result takes, terminator
 * included; a buffer too small for it gets nothing and
 * STATUS_BUFFER_TOO_SMALL. */
NTSTATUS NTAPI RtlExpandEnvironmentStrings_U(WCHAR *environment, const UNICODE_STRING *source,
                                             UNICODE_STRING *destination, ULONG *needed)
{
    const WCHAR *block = Lock(environment);
    const WCHAR *s = source->Buffer, *end = s + source->Length / 2;
    WCHAR *out = destination->Buffer;
    ULONG room = destination->MaximumLength / 2, count = 0;
    while (s < end) {
        const WCHAR *text = s;
        SIZE_T chars = 1;
        if (*s == '%') {
            const WCHAR *close = s + 1;
            while (close < end && *close != '%') {
                close++;
            }
            const WCHAR *value = close < end && block ? FindValue(block, s + 1, (SIZE_T)(close - s - 1)) : NULL;
            if (value) {
                text = value, chars = wcslen(value), s = close + 1;
            } else if (close < end) {
                chars = (SIZE_T)(close - s); /* "%NAME" as it is; the closing '%' may open the next */
                s = close;
            } else {
                chars = (SIZE_T)(end - s), s = end;
            }
        } else {
            s++;
        }
        for (SIZE_T i = 0; i < chars; i++, count++) {
            if (count < room) {
                out[count] = text[i];
            }
        }
    }
    Unlock(environment);
    if (needed) {
        *needed = (count + 1) * 2;
    }
    if (count + 1 > room) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    out[count] = 0;
    destination->Length = (USHORT)(count * 2);
    return STATUS_SUCCESS;
}
