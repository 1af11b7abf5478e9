/* What the PE image unit tests share (test_peimage.c, test_pemalformed.c):
 * the fixtures, little-endian access, and header offsets. */
#ifndef NTMM_TESTS_PETEST_H
#define NTMM_TESTS_PETEST_H

#include <check.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rtl/rtlimage.h"

#ifndef PEIMAGE_FIXTURES
#error "PEIMAGE_FIXTURES must name the fixture directory"
#endif

typedef struct FIXTURE {
    uint8_t *File;
    size_t Size;
    IMAGE_INFO Info;
} FIXTURE;

static inline uint16_t Get16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t Get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void Put16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static inline void Put32(uint8_t *p, uint32_t v)
{
    Put16(p, v);
    Put16(p + 2, v >> 16);
}

static inline void Load(FIXTURE *f, const char *name)
{
    char path[512], why[256] = "";
    snprintf(path, sizeof path, "%s/%s", PEIMAGE_FIXTURES, name);
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    f->Size = (size_t)ftell(fp);
    fseek(fp, 0, SEEK_SET);
    f->File = malloc(f->Size);
    ck_assert(f->File != NULL);
    ck_assert_uint_eq(fread(f->File, 1, f->Size, fp), f->Size);
    fclose(fp);
    NTSTATUS s = RtlImageParse(f->File, f->Size, &f->Info, why, sizeof why);
    ck_assert_msg(s == STATUS_SUCCESS, "%s: %s", name, why);
}

static inline void Unload(FIXTURE *f)
{
    free(f->File);
    f->File = NULL;
}

/* A laid-out copy of f at base, which must succeed. */
static inline uint8_t *Build(const FIXTURE *f, uint32_t base)
{
    char why[256] = "";
    uint8_t *image = calloc(1, f->Info.SizeOfImage);
    ck_assert(image != NULL);
    NTSTATUS s = RtlImageLayOut(&f->Info, base, image, why, sizeof why);
    ck_assert_msg(s == STATUS_SUCCESS, "build at 0x%x: %s", base, why);
    return image;
}

static inline const IMAGE_SECTION *Section(const IMAGE_INFO *info, const char *name)
{
    for (uint32_t i = 0; i < info->NumberOfSections; i++) {
        if (strcmp(info->Sections[i].Name, name) == 0) {
            return &info->Sections[i];
        }
    }
    ck_abort_msg("no section %s", name);
    return NULL;
}

static inline bool InSection(const IMAGE_INFO *info, const char *name, uint32_t rva)
{
    const IMAGE_SECTION *s = Section(info, name);
    return rva >= s->VirtualAddress && rva < s->VirtualAddress + s->VirtualSize;
}

/* The file offset of an RVA inside some section's raw data. */
static inline size_t FileOffset(const IMAGE_INFO *info, uint32_t rva)
{
    for (uint32_t i = 0; i < info->NumberOfSections; i++) {
        const IMAGE_SECTION *s = &info->Sections[i];
        if (rva >= s->VirtualAddress && rva - s->VirtualAddress < s->SizeOfRawData) {
            return s->PointerToRawData + (rva - s->VirtualAddress);
        }
    }
    ck_abort_msg("RVA 0x%x has no file data", rva);
    return 0;
}

/* Header field offsets, for corrupting files by hand. */
static inline size_t NtOffset(const FIXTURE *f)
{
    return Get32(f->File + 0x3C);
}
#define FH(f, field) (NtOffset(f) + 4 + offsetof(IMAGE_FILE_HEADER, field))
#define OH(f, field) (NtOffset(f) + 24 + offsetof(IMAGE_OPTIONAL_HEADER32, field))
static inline size_t SectionHeader(const FIXTURE *f, const char *name)
{
    size_t table = NtOffset(f) + 24 + Get16(f->File + FH(f, SizeOfOptionalHeader));
    for (uint32_t i = 0; i < f->Info.NumberOfSections; i++) {
        if (strncmp((const char *)f->File + table + 40 * i, name, 8) == 0) {
            return table + 40 * i;
        }
    }
    ck_abort_msg("no section %s", name);
    return 0;
}

/* Parses a copy of f->File[0, size) with its bytes changed by edit. */
static inline NTSTATUS ParseCopy(const FIXTURE *f, size_t size, void (*edit)(uint8_t *, const FIXTURE *),
                          IMAGE_INFO *info, char *why, size_t whylen)
{
    uint8_t *copy = malloc(size ? size : 1);
    memcpy(copy, f->File, size);
    if (edit) {
        edit(copy, f);
    }
    NTSTATUS s = RtlImageParse(copy, size, info, why, whylen);
    free(copy);
    return s;
}

/* ------------------------------------------------------------- parsing */

#endif
