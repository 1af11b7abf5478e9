/* The loader's own routines, shared by ldrinit.c (process start) and
 * ldrapi.c (LoadLibrary and FreeLibrary at run time). */
#ifndef NTMM_KE_LDRP_H
#define NTMM_KE_LDRP_H

#include "ke/ki.h"
#include "ke/ldr.h"

typedef struct KI_LOADER {
    KPROCESS *Process;
    const KE_OPTIONS *Options;
    KI_LOADED_MODULES *Modules;
    bool Runtime;                 /* LoadLibrary: new modules counted, not pinned */
    const char *SearchPath;       /* run time: guest directories searched last (';') */
    const char *AlteredDirectory; /* LOAD_WITH_ALTERED_SEARCH_PATH: the DLL's guest directory */
    unsigned RootKind;            /* LDRP_DATAFILE or LDRP_ROOT: the module LoadLibrary asked for */
    bool New[KI_MAX_MODULES];     /* slots this load filled */
    NTSTATUS Status;              /* why it failed, as NT's loader says it */
    char *Why;
    size_t WhyLen;
} KI_LOADER;

/* LdrpMapModule's kinds */
#define LDRP_EXE 1u
#define LDRP_SYSTEM 2u
#define LDRP_DATAFILE 4u
#define LDRP_ROOT 8u      /* the image LoadLibrary asked for: a program may be it */
#define LDRP_NO_RESOLVE 16u /* with LDRP_ROOT: DONT_RESOLVE_DLL_REFERENCES (no TLS slot) */

void LdrpNormalizeDllName(const char *in, char *out, size_t outlen);
int LdrpFindModule(const KI_LOADED_MODULES *mods, const char *name);
KE_FAILURE LdrpMapModule(KI_LOADER *l, const char *path, const char *guest_path, const char *name,
                         uint8_t *file, size_t file_size, int fd, unsigned kind, int *index);
KE_FAILURE LdrpLoadDll(KI_LOADER *l, const char *import_name, const char *importer, int *index);
KE_FAILURE LdrpLoadHostFile(KI_LOADER *l, const char *path, bool system, unsigned kind,
                            int *index);
/* ldrapi.c: name in the guest directory dir (NULL: KeNotFound), through the sandbox. */
KE_FAILURE LdrpLoadFromGuestDirectory(KI_LOADER *l, const char *dir, const char *name,
                                      int *index);
KE_FAILURE LdrpWalkImports(KI_LOADER *l, uint32_t index, bool bind);
void LdrpOrderInitialization(KI_LOADED_MODULES *mods, uint32_t index, bool *visited,
                             const bool *only, uint32_t *order, uint32_t *count);
void LdrpFreeModule(KI_MODULE *m);
bool LdrpCopyModule(KI_MODULE *to, const KI_MODULE *from);
/* procinit.c: the guest's full name of a host file. */
void KiGuestModulePath(const KE_OPTIONS *options, const char *host_path, const char *name,
                       char *out, size_t outlen);

#endif
