/* The modules of a process, as the loader placed them. */
#ifndef NTMM_LDR_H
#define NTMM_LDR_H

#include <stdbool.h>
#include <stdint.h>

#define KI_MAX_MODULES 32

typedef struct KI_MODULE {
    char Name[64];              /* as the importer spelled it, e.g. "KERNEL32.dll" */
    char Path[1024];            /* host path */
    uint32_t Base;
    uint32_t SizeOfImage;
    uint32_t EntryPoint;        /* RVA, 0 if none */
    bool IsDll;
    bool IsSystem;              /* found in the system directory */
    uint8_t *Image;             /* the laid-out image, until it is mapped */
    void *Info;                 /* MI_IMAGE_INFO of the file */
    uint8_t *File;              /* the file's bytes */
    size_t FileSize;
    /* Static TLS (the image's TLS directory): its slot in every thread's
     * ThreadLocalStoragePointer array and the initial contents. */
    int32_t TlsIndex;           /* -1: none */
    uint8_t *TlsTemplate;
    uint32_t TlsSize;           /* raw data + zero fill */
} KI_MODULE;

struct KI_LOADED_MODULES {
    KI_MODULE Module[KI_MAX_MODULES];
    uint32_t Count;
    uint32_t InitOrder[KI_MAX_MODULES];  /* dependencies first */
    uint32_t StackReserve;
    uint32_t TlsCount;          /* modules with static TLS */
};
typedef struct KI_LOADED_MODULES KI_LOADED_MODULES;

struct KPROCESS;
const KI_LOADED_MODULES *KiLoadedModules(struct KPROCESS *process);

#endif
