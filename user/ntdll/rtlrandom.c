/*
 * ntdll's pseudo-random numbers. RtlUniform is D. H. Lehmer's linear
 * congruential generator with Windows' constants, computed in 32-bit
 * unsigned arithmetic and reduced modulo MAXLONG, so it answers in
 * [0, MAXLONG - 1] (Wine's rtl.c test_RtlUniform checks 100,001 steps of
 * exactly (seed * 0x7fffffed + 0x7fffffc3) % 0x7fffffff from seed 0).
 * RtlRandom shuffles two such steps through a 128-entry table, so that
 * successive answers are not one LCG's sequence (Bays-Durham); the table
 * is process-wide, as Windows' is.
 */
#include "inc/ntguest.h"

static ULONG Lehmer(ULONG seed)
{
    return (seed * 0x7fffffedu + 0x7fffffc3u) % 0x7fffffffu;
}

ULONG NTAPI RtlUniform(ULONG *seed)
{
    *seed = Lehmer(*seed);
    return *seed;
}

/* The shuffle table starts as 128 steps of the generator from a fixed
 * seed of our own choosing (0x1b8e3a5d). */
static ULONG ShuffleTable[128] = {
    0x7471aadd, 0x5b90515c, 0x3449f5f0, 0x1e82bef4, 0x3c4bd3a7, 0x065f4a5f,
    0x06ed7ab7, 0x7c5fe42e, 0x44e21059, 0x6338c929, 0x22c911b9, 0x6b13af08,
    0x0d8a022c, 0x7ec1d67f, 0x179d1457, 0x3f577d4e, 0x4c81b2fa, 0x525fb736,
    0x62e566c1, 0x28f95f71, 0x757dea61, 0x47a79a90, 0x2e8f8713, 0x0b58f95b,
    0x28657e02, 0x0077a59e, 0x771eb509, 0x28b89018, 0x7a4d4dfb, 0x6c433623,
    0x7702fb2b, 0x2ac75b92, 0x533433ed, 0x5320252d, 0x549d3d6d, 0x385470ad,
    0x51bba2ed, 0x6f12e82d, 0x4198c46d, 0x21a96bac, 0x006d01ff, 0x77e8d9d7,
    0x19b7d4ce, 0x175b347a, 0x443b1ab6, 0x6f9d0441, 0x3758aef1, 0x646b03e1,
    0x0c0eb611, 0x1ae87c80, 0x00bec244, 0x71d794b7, 0x0cfff62f, 0x0900ba46,
    0x54f22c92, 0x3206b0ed, 0x4980de2c, 0x0b6f827f, 0x26b95056, 0x203f0962,
    0x1b524d7d, 0x78e43f7d, 0x070f497c, 0x79dd8b90, 0x748ea413, 0x5969d25a,
    0x5d256316, 0x1639a522, 0x59b8be3e, 0x5749e12a, 0x058449a5, 0x172e8885,
    0x478bdde4, 0x309e87d7, 0x643beace, 0x0f8d9279, 0x587e20c9, 0x6ea390d8,
    0x49dc3fbb, 0x04a744e3, 0x2795e2eb, 0x0fe02852, 0x525d01ad, 0x6318dfed,
    0x2527612d, 0x3e13c96c, 0x64880cc0, 0x09e70d83, 0x43d9ff0a, 0x76d21205,
    0x2e68a964, 0x0e3b6d57, 0x7196e24f, 0x11cd33e7, 0x2dc5259f, 0x1a5e34f7,
    0x0b02116e, 0x2ed8b49a, 0x05ea9855, 0x0f96b175, 0x57d0d415, 0x7b804234,
    0x557b15e7, 0x27dd5f9f, 0x0a91e6f6, 0x372bdb82, 0x67beb51d, 0x4cd88e9c,
    0x4bed6a30, 0x5d611e34, 0x11cac1e8, 0x2df39b8b, 0x16eb7473, 0x4c865b3a,
    0x52073a76, 0x6976a901, 0x2c3174b0, 0x385456b3, 0x51bd907b, 0x6eee46a3,
    0x4450c1ab, 0x6e01a013, 0x55e11e5b, 0x204abf03, 0x1a73d28b, 0x09675f72,
    0x4d53ea4e, 0x42c59bfa,
};

ULONG NTAPI RtlRandom(ULONG *seed)
{
    ULONG draw = Lehmer(*seed);
    *seed = Lehmer(draw);
    ULONG slot = *seed & 0x7f;
    ULONG result = ShuffleTable[slot];
    ShuffleTable[slot] = draw;
    return result;
}

/* RtlRandomEx: the same shuffled generator under the newer name
 * (Windows XP onwards exports both). */
ULONG NTAPI RtlRandomEx(ULONG *seed)
{
    return RtlRandom(seed);
}
