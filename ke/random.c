/*
 * The system's random numbers: what Windows' kernel security device
 * (KSecDD) gives RtlGenRandom, BCryptGenRandom and ProcessPrng, here one
 * stream for the whole machine behind the ntmm-private service
 * NtmmGenerateRandom. Like everything else a guest sees, it is
 * deterministic: the stream starts from the same seed on every run, so a
 * program that draws random numbers (hash seeds, temporary names, rand_s)
 * behaves the same on every run. It is xoshiro256** (Blackman and Vigna)
 * seeded by splitmix64: statistically sound, and no secret from anyone
 * who reads this comment, which is right for an emulator and wrong for
 * keys that must stay secret.
 */
#include "ke/ki.h"

#include <string.h>

#define KI_RANDOM_SEED 0x6E746D6D52414E44ull /* "ntmmRAND" */
#define KI_RANDOM_MAXIMUM (1u << 20)         /* bytes one call may ask for */

static uint64_t SplitMix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t Rotate(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t Next(uint64_t s[4])
{
    uint64_t result = Rotate(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = Rotate(s[3], 45);
    return result;
}

/* NtmmGenerateRandom(Buffer, Length): Length bytes of the stream. */
NTSTATUS KiNtmmGenerateRandom(KPROCESS *process, const uint32_t *a)
{
    KSYSTEM *system = process->System;
    if (a[1] > KI_RANDOM_MAXIMUM) {
        return STATUS_INVALID_PARAMETER_2;
    }
    if (!system->RandomSeeded) {
        uint64_t seed = KI_RANDOM_SEED;
        for (int i = 0; i < 4; i++) {
            system->Random[i] = SplitMix64(&seed);
        }
        system->RandomSeeded = true;
    }
    uint8_t chunk[256];
    for (uint32_t done = 0; done < a[1];) {
        uint32_t n = a[1] - done < sizeof chunk ? a[1] - done : (uint32_t)sizeof chunk;
        for (uint32_t i = 0; i < n; i += 8) {
            uint64_t word = Next(system->Random);
            memcpy(chunk + i, &word, n - i < 8 ? n - i : 8);
        }
        NTSTATUS status = MmCopyToUser(process->Mm, a[0] + done, chunk, n);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        done += n;
    }
    return STATUS_SUCCESS;
}
