/*
 * libFuzzer harness for the PE parser (rtl/rtlimage.c): every function in
 * it must be safe on any bytes, RtlImageRelocateRange's relocation
 * directory among them. A file that parses is laid out (when it
 * is small enough to be worth it) at its own base and at another, and its
 * imports, exports and TLS directory are walked. Built by
 * `make libfuzzer` (clang with -fsanitize=fuzzer,address,undefined).
 */
#include <stdint.h>
#include <stdlib.h>

#include "rtl/rtlimage.h"

static int OnImport(void *ctx, const char *dll, const char *name, uint16_t hint, uint32_t iat)
{
    (void)dll;
    (void)name;
    (void)hint;
    (void)iat;
    return ++*(int *)ctx > 100000; /* a walk is bounded, but not by much */
}

/* The bytes as a base relocation directory, applied to one page read on
 * its own (as mm/imagepage.c does), with the slack either side a page
 * read keeps for fixups straddling its edges. */
static void RelocatePage(const uint8_t *data, size_t size)
{
    static uint8_t page[4096 + 16];
    RtlImageRelocateRange(data, (uint32_t)(size > 0xFFFFFFu ? 0xFFFFFFu : size), 0x10000000u,
                          0x1000u - 8, page, sizeof page, 0x1000u, 4096);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    RelocatePage(data, size);
    IMAGE_INFO *info = malloc(sizeof *info);
    char why[256];
    if (!info || RtlImageParse(data, size, info, why, sizeof why) != 0 ||
        info->SizeOfImage > (16u << 20)) {
        free(info);
        return 0;
    }
    uint8_t *image = malloc(info->SizeOfImage);
    uint32_t bases[2] = {info->ImageBase, info->ImageBase ^ 0x10000000u};
    for (int b = 0; image && b < 2; b++) {
        if (RtlImageLayOut(info, bases[b], image, why, sizeof why) != 0) {
            continue;
        }
        int count = 0;
        RtlForEachImport(image, info->SizeOfImage, info, OnImport, &count, why, sizeof why);
        uint32_t rva;
        const char *forwarder;
        RtlLookupExport(image, info->SizeOfImage, info, "RtlUserThreadStart", 0, &rva, &forwarder);
        RtlLookupExport(image, info->SizeOfImage, info, NULL, 1, &rva, &forwarder);
        RtlExportDllName(image, info->SizeOfImage, info);
        IMAGE_TLS_DIRECTORY32 tls;
        uint32_t callbacks;
        RtlImageTlsDirectory(image, info->SizeOfImage, info, bases[b], &tls, &callbacks);
    }
    free(image);
    free(info);
    return 0;
}
