/*
 * Random numbers from the system: msvcrt's rand_s, advapi32's RtlGenRandom
 * (SystemFunction036), bcrypt's BCryptGenRandom and bcryptprimitives'
 * ProcessPrng. Windows' answers (Microsoft's pages for each): rand_s(NULL)
 * is EINVAL; BCryptGenRandom with BCRYPT_USE_SYSTEM_PREFERRED_RNG takes no
 * handle (a handle with it: STATUS_INVALID_PARAMETER), without it needs an
 * "RNG" provider's (NULL: STATUS_INVALID_HANDLE); an algorithm that is not
 * there: STATUS_NOT_FOUND. Under ntmm the stream is the same on every run,
 * so the first value rand_s gives is part of the expected output. And
 * rand's seed is each thread's own: a new thread starts at 1 (rand() 41)
 * whatever another thread gave srand (msvcrt's per-thread _holdrand).
 */
#define _CRT_RAND_S /* stdlib.h declares rand_s */
#include <windows.h>
#include <bcrypt.h>
#include <errno.h>
#include <ntsecapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int Failures;

static void Check(int ok, const char *what)
{
    printf("%s: %s\n", ok ? "ok" : "FAIL", what);
    Failures += !ok;
}

static int AllZero(const unsigned char *p, size_t n)
{
    while (n--) {
        if (*p++) {
            return 0;
        }
    }
    return 1;
}

static DWORD WINAPI FirstRand(void *out)
{
    *(int *)out = rand();
    return 0;
}

int main(void)
{
    srand(42);
    int main_first = rand(), thread_first = -1;
    HANDLE thread = CreateThread(NULL, 0, FirstRand, &thread_first, 0, NULL);
    WaitForSingleObject(thread, INFINITE);
    CloseHandle(thread);
    srand(42);
    Check(thread_first == 41 && rand() == main_first,
          "rand: a new thread starts at seed 1 (41), the main thread's seed is its own");

    unsigned int a = 0, b = 0;
    Check(rand_s(&a) == 0 && rand_s(&b) == 0 && a != b, "rand_s: two different numbers");
    printf("rand_s's first number here: 0x%08X\n", a);
    errno = 0;
    Check(rand_s(NULL) == EINVAL && errno == EINVAL, "rand_s(NULL): EINVAL");

    static unsigned char big[1 << 16], other[1 << 16];
    Check(RtlGenRandom(big, sizeof big) && !AllZero(big, sizeof big), "RtlGenRandom: 64 KiB");
    Check(RtlGenRandom(other, sizeof other) && memcmp(big, other, sizeof big) != 0,
          "RtlGenRandom: the next 64 KiB differ");

    unsigned char buf[32] = {0};
    Check(BCryptGenRandom(NULL, buf, sizeof buf, BCRYPT_USE_SYSTEM_PREFERRED_RNG) == 0 &&
              !AllZero(buf, sizeof buf),
          "BCryptGenRandom, the system's preferred generator");
    Check(BCryptGenRandom(NULL, buf, sizeof buf, 0) == (NTSTATUS)0xC0000008,
          "BCryptGenRandom with no handle and no flag: STATUS_INVALID_HANDLE");
    BCRYPT_ALG_HANDLE rng = NULL, sha = (BCRYPT_ALG_HANDLE)1;
    Check(BCryptOpenAlgorithmProvider(&rng, BCRYPT_RNG_ALGORITHM, NULL, 0) == 0 && rng,
          "BCryptOpenAlgorithmProvider(\"RNG\")");
    Check(BCryptGenRandom(rng, buf, sizeof buf, 0) == 0, "BCryptGenRandom with the RNG handle");
    Check(BCryptGenRandom(rng, buf, sizeof buf, BCRYPT_USE_SYSTEM_PREFERRED_RNG) ==
              (NTSTATUS)0xC000000D,
          "a handle and BCRYPT_USE_SYSTEM_PREFERRED_RNG: STATUS_INVALID_PARAMETER");
    Check(BCryptCloseAlgorithmProvider(rng, 0) == 0, "BCryptCloseAlgorithmProvider");
    Check(BCryptOpenAlgorithmProvider(&sha, L"NoSuchAlgorithm", NULL, 0) == (NTSTATUS)0xC0000225,
          "an algorithm that is not there: STATUS_NOT_FOUND");

    HMODULE primitives = LoadLibraryA("bcryptprimitives.dll");
    BOOL(WINAPI * prng)(PBYTE, SIZE_T) =
        primitives ? (BOOL(WINAPI *)(PBYTE, SIZE_T))GetProcAddress(primitives, "ProcessPrng") : NULL;
    memset(buf, 0, sizeof buf);
    Check(prng && prng(buf, sizeof buf) && !AllZero(buf, sizeof buf), "ProcessPrng");
    printf("%d failures\n", Failures);
    return Failures;
}
