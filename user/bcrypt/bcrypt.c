/*
 * bcrypt.dll, the part programs use for random numbers: BCryptGenRandom
 * with the system's preferred generator (BCRYPT_USE_SYSTEM_PREFERRED_RNG
 * and no handle) or with an "RNG" algorithm handle from
 * BCryptOpenAlgorithmProvider. The bytes are the machine's random stream
 * (ke/random.c: deterministic, the same on every run). No other algorithm
 * is provided: opening one answers STATUS_NOT_FOUND, as Windows does for
 * an algorithm it does not know. The answers are NTSTATUS values, as
 * bcrypt's are: a NULL buffer or handle STATUS_INVALID_PARAMETER, a handle
 * that is no algorithm STATUS_INVALID_HANDLE.
 */
#include "inc/ntguest.h"

#define BCRYPT_USE_SYSTEM_PREFERRED_RNG 0x00000002u
#define STATUS_INVALID_HANDLE ((NTSTATUS)0xC0000008L)
#define STATUS_NOT_FOUND ((NTSTATUS)0xC0000225L)

/* The one algorithm there is; its handle is this object's address. */
static const struct {
    ULONG Magic;
} RngAlgorithm = {0x52474E52u /* "RNGR" */};

NTSTATUS WINAPI BCryptOpenAlgorithmProvider(PVOID *handle, const WCHAR *algorithm,
                                            const WCHAR *implementation, ULONG flags);
NTSTATUS WINAPI BCryptCloseAlgorithmProvider(PVOID handle, ULONG flags);
NTSTATUS WINAPI BCryptGenRandom(PVOID handle, UCHAR *buffer, ULONG length, ULONG flags);

static BOOL IsRng(const WCHAR *name)
{
    return name && name[0] == 'R' && name[1] == 'N' && name[2] == 'G' && name[3] == 0;
}

NTSTATUS WINAPI BCryptOpenAlgorithmProvider(PVOID *handle, const WCHAR *algorithm,
                                            const WCHAR *implementation, ULONG flags)
{
    (void)implementation;
    (void)flags;
    if (!handle || !algorithm) {
        return STATUS_INVALID_PARAMETER;
    }
    if (!IsRng(algorithm)) {
        return STATUS_NOT_FOUND;
    }
    *handle = (PVOID)&RngAlgorithm;
    return STATUS_SUCCESS;
}

NTSTATUS WINAPI BCryptCloseAlgorithmProvider(PVOID handle, ULONG flags)
{
    (void)flags;
    return handle == &RngAlgorithm ? STATUS_SUCCESS : STATUS_INVALID_HANDLE;
}

NTSTATUS WINAPI BCryptGenRandom(PVOID handle, UCHAR *buffer, ULONG length, ULONG flags)
{
    if (flags & BCRYPT_USE_SYSTEM_PREFERRED_RNG) {
        if (handle) {
            return STATUS_INVALID_PARAMETER;
        }
    } else if (handle != &RngAlgorithm) {
        return STATUS_INVALID_HANDLE;
    }
    if (!buffer && length) {
        return STATUS_INVALID_PARAMETER;
    }
    return length ? NtmmGenerateRandom(buffer, length) : STATUS_SUCCESS;
}
