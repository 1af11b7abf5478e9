/*
 * RtlComputeCrc32: the CRC-32 of IEEE 802.3 (reflected polynomial
 * 0xEDB88320, as zlib and PNG use), continuing from a previous result so a
 * buffer can be summed in pieces; 0 starts a new sum. Wine's rtl.c
 * test_RtlComputeCrc32 expects 0x40861dc2 for its 26-byte string.
 */
#include "inc/ntguest.h"

static ULONG Crc32Table[256];

static void BuildTable(void)
{
    for (ULONG n = 0; n < 256; n++) {
        ULONG c = n;
        for (int k = 0; k < 8; k++) {
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        Crc32Table[n] = c;
    }
}

ULONG NTAPI RtlComputeCrc32(ULONG initial, const BYTE *data, ULONG length)
{
    /* Entry 1 is never 0 once built; building twice at once is harmless,
     * as both writers store the same values. */
    if (!Crc32Table[1]) {
        BuildTable();
    }
    ULONG crc = ~initial;
    for (ULONG i = 0; i < length; i++) {
        crc = Crc32Table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}
