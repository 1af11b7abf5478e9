/*
 * The modules of a process, as the loader (ke/ldrinit.c at process start,
 * ke/ldrapi.c at run time) placed them. mm made and mapped each image
 * section; these records are the loader's: names, bases, who imports whom,
 * reference counts, static TLS, and the module's LDR_DATA_TABLE_ENTRY in
 * the guest's PEB loader lists.
 */
#ifndef NTMM_LDR_H
#define NTMM_LDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KI_MAX_MODULES 64

/* LoadCount of a module loaded with the process: never unloaded (NT's -1). */
#define LDRP_PINNED 0xFFFFu

typedef struct KI_MODULE {
    char Name[64];              /* the file's own spelling, e.g. "KERNEL32.dll"; "" if the slot is free */
    char Path[1024];            /* where it came from: a host path, or C:\... through the sandbox */
    char GuestPath[600];        /* its full name as the guest sees it (FullDllName) */
    uint32_t Base;
    uint32_t SizeOfImage;
    uint32_t EntryPoint;        /* RVA, 0 if none */
    bool IsDll;
    bool IsSystem;              /* found in the system directory */
    bool DataFile;              /* LOAD_LIBRARY_AS_DATAFILE: mapped, never run, not listed */
    bool Unresolved;            /* DONT_RESOLVE_DLL_REFERENCES: imports not bound, no DllMain */
    uint8_t *Image;             /* the laid-out image, as mapped, for the loader's walks */
    void *Info;                 /* IMAGE_INFO of the file (rtl/rtlimage.h) */
    uint8_t *File;              /* the file's bytes, while loading */
    size_t FileSize;
    struct MMSECTION *Section;  /* the image section mm made (a reference) */
    uint32_t LoadCount;         /* LDRP_PINNED, or LoadLibrary calls plus importers */
    uint32_t LdrEntry;          /* guest VA of its LDR_DATA_TABLE_ENTRY (run-time modules) */
    /* Static TLS (the image's TLS directory): its slot in every thread's
     * ThreadLocalStoragePointer array and the initial contents. */
    int32_t TlsIndex;           /* -1: none */
    uint8_t *TlsTemplate;
    uint32_t TlsSize;           /* raw data + zero fill */
} KI_MODULE;

struct KI_LOADED_MODULES {
    KI_MODULE Module[KI_MAX_MODULES];
    uint32_t Count;             /* slots used so far (some may be free again) */
    uint32_t InitOrder[KI_MAX_MODULES];  /* the process's start: dependencies first */
    uint32_t InitCount;
    bool Imports[KI_MAX_MODULES][KI_MAX_MODULES];  /* [i][j]: module i imports module j */
    uint32_t StackReserve;
    uint32_t TlsCount;          /* TLS indexes given out */
    char ExeDirectory[1024];    /* host directory of the program */
};
typedef struct KI_LOADED_MODULES KI_LOADED_MODULES;

struct KPROCESS;
const KI_LOADED_MODULES *KiLoadedModules(struct KPROCESS *process);

#endif
