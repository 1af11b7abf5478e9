/* ImgTable's entry (imgpage.dll exports the table, ldrimage.exe checks it):
 * an absolute pointer 7 bytes after the last, so that some straddle a page
 * edge. */
#ifndef NTMM_TESTS_LDR_IMGENTRY_H
#define NTMM_TESTS_LDR_IMGENTRY_H

#pragma pack(push, 1)
typedef struct IMG_ENTRY {
    char Pad[3];
    int *Pointer;
} IMG_ENTRY;
#pragma pack(pop)

#endif
