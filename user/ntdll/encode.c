/*
 * RtlEncodePointer and RtlDecodePointer (kernel32's EncodePointer and
 * DecodePointer forward here): a pointer kept in writable memory is
 * stored XORed with a per-process cookie and rotated right by the
 * cookie's low five bits, so an overwrite cannot plant a usable pointer;
 * decoding undoes both. The cookie is drawn once, when first needed, from
 * the performance counter, the process id and the TEB's address, and is
 * never 0. A forked process (RtlCloneUserProcess) keeps its parent's, as
 * its copied pointers need.
 */
#include "ntdll/ntdll.h"

static volatile ULONG Cookie;

static ULONG ProcessCookie(void)
{
    ULONG cookie = Cookie;
    if (!cookie) {
        LARGE_INTEGER counter, frequency;
        NtQueryPerformanceCounter(&counter, &frequency);
        cookie = counter.u.LowPart ^ (ULONG)counter.u.HighPart ^ (TebRead(TEB_PROCESS_ID) << 16) ^
                 TebRead(TEB_SELF) ^ 0x9E3779B9u;
        if (!cookie) {
            cookie = 0x9E3779B9u;
        }
        /* Two threads may race here: the first cookie stored wins. */
        __sync_val_compare_and_swap(&Cookie, 0, cookie);
        cookie = Cookie;
    }
    return cookie;
}

static ULONG RotateRight(ULONG value, ULONG count)
{
    count &= 31;
    return count ? (value >> count) | (value << (32 - count)) : value;
}

PVOID NTAPI RtlEncodePointer(PVOID pointer)
{
    ULONG cookie = ProcessCookie();
    return (PVOID)RotateRight((ULONG)pointer ^ cookie, cookie & 0x1F);
}

PVOID NTAPI RtlDecodePointer(PVOID pointer)
{
    ULONG cookie = ProcessCookie();
    return (PVOID)(RotateRight((ULONG)pointer, 32 - (cookie & 0x1F)) ^ cookie);
}
