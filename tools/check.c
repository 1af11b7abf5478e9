/*
 * ntmm check PROGRAM.exe [DLL...]: every import the program (and the DLLs
 * it pulls in) needs that no DLL provides, grouped by DLL, before running
 * it. DLLs are found as the loader finds them: the files given after the
 * program, then the program's directory, then the system directory (the
 * guest DLLs); forwarders are followed. Exit status 0 when nothing is
 * missing, 1 when something is, 126 when a file is not a usable PE image,
 * 127 when the program does not exist.
 */
#include "check.h"

#include "rtl/rtlimage.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_MODULES 64
#define MAX_IMAGE_FILE (256u << 20)

typedef struct CK_MODULE {
    char Name[64];          /* lower case, as the imports are matched */
    char Display[64];       /* as found */
    uint8_t *File, *Image;
    IMAGE_INFO Info;
    bool Walked;
} CK_MODULE;

typedef struct CK_MISSING {
    char Dll[64];
    char Name[128];         /* or "#ordinal" */
    char Importer[64];
    struct CK_MISSING *Next;
} CK_MISSING;

typedef struct CK_STATE {
    CK_MODULE Modules[MAX_MODULES];
    int Count;
    const char *ExeDirectory, *SystemDirectory;
    char *const *Extra;     /* DLL files given on the command line */
    int ExtraCount;
    CK_MISSING *Missing, **Tail;
    unsigned Imports, MissingCount;
    int Importer;           /* module whose imports are being walked */
    int Failure;            /* 126 once a file is unusable */
} CK_STATE;

static void Lower(char *out, const char *in, size_t size)
{
    size_t i = 0;
    for (; in[i] && i + 1 < size; i++) {
        out[i] = (char)tolower((unsigned char)in[i]);
    }
    out[i] = 0;
    if (!strchr(out, '.') && i + 5 < size) {
        strcat(out, ".dll");
    }
}

static const char *BaseName(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static bool FindNoCase(const char *dir, const char *name, char *path, size_t size)
{
    DIR *d = opendir(dir);
    if (!d) {
        return false;
    }
    struct dirent *e;
    bool found = false;
    while (!found && (e = readdir(d)) != NULL) {
        if (strcasecmp(e->d_name, name) == 0) {
            snprintf(path, size, "%s/%s", dir, e->d_name);
            found = true;
        }
    }
    closedir(d);
    return found;
}

/* Reads and lays out one image; -1 (and a message) when it cannot. */
static int Load(CK_STATE *s, const char *path, int *index)
{
    if (s->Count == MAX_MODULES) {
        fprintf(stderr, "ntmm: more than %d modules\n", MAX_MODULES);
        return -1;
    }
    CK_MODULE *m = &s->Modules[s->Count];
    memset(m, 0, sizeof *m);
    snprintf(m->Display, sizeof m->Display, "%s", BaseName(path));
    Lower(m->Name, m->Display, sizeof m->Name);
    FILE *f = fopen(path, "rb");
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > MAX_IMAGE_FILE) {
        fprintf(stderr, "ntmm: %s: %s\n", path, f ? "not a readable image file" : strerror(errno));
        if (f) {
            fclose(f);
        }
        return -1;
    }
    m->File = malloc((size_t)st.st_size + 1);
    size_t got = m->File ? fread(m->File, 1, (size_t)st.st_size, f) : 0;
    fclose(f);
    char why[200];
    if (!m->File || got != (size_t)st.st_size ||
        RtlImageParse(m->File, got, &m->Info, why, sizeof why) != 0) {
        fprintf(stderr, "ntmm: %s: %s\n", path, m->File ? why : "out of memory");
        free(m->File);
        return -1;
    }
    m->Image = calloc(1, m->Info.SizeOfImage);
    if (!m->Image || RtlImageLayOut(&m->Info, m->Info.ImageBase, m->Image, why, sizeof why) != 0) {
        fprintf(stderr, "ntmm: %s: %s\n", path, m->Image ? why : "out of memory");
        free(m->File);
        free(m->Image);
        return -1;
    }
    *index = s->Count++;
    return 0;
}

/* The module a DLL name means, loading it if needed; -1: no such DLL,
 * -2: a file that is not a usable image. */
static int Find(CK_STATE *s, const char *dll)
{
    char name[64];
    Lower(name, dll, sizeof name);
    for (int i = 0; i < s->Count; i++) {
        if (strcmp(s->Modules[i].Name, name) == 0) {
            return i;
        }
    }
    char path[1100];
    bool found = false;
    for (int i = 0; i < s->ExtraCount && !found; i++) {
        if (strcasecmp(BaseName(s->Extra[i]), name) == 0) {
            snprintf(path, sizeof path, "%s", s->Extra[i]);
            found = true;
        }
    }
    if (!found) {
        found = FindNoCase(s->ExeDirectory, name, path, sizeof path) ||
                FindNoCase(s->SystemDirectory, name, path, sizeof path);
    }
    if (!found) {
        return -1;
    }
    int index;
    if (Load(s, path, &index) != 0) {
        s->Failure = 126;
        return -2;
    }
    return index;
}

static void Record(CK_STATE *s, const char *dll, const char *name, uint16_t ordinal)
{
    char what[128];
    if (name) {
        snprintf(what, sizeof what, "%s", name);
    } else {
        snprintf(what, sizeof what, "#%u", ordinal);
    }
    for (CK_MISSING *m = s->Missing; m; m = m->Next) {
        if (strcasecmp(m->Dll, dll) == 0 && strcmp(m->Name, what) == 0) {
            return;     /* already listed (another module imports it too) */
        }
    }
    CK_MISSING *m = calloc(1, sizeof *m);
    if (!m) {
        return;
    }
    snprintf(m->Dll, sizeof m->Dll, "%s", dll);
    snprintf(m->Name, sizeof m->Name, "%s", what);
    snprintf(m->Importer, sizeof m->Importer, "%s", s->Modules[s->Importer].Display);
    *s->Tail = m;
    s->Tail = &m->Next;
    s->MissingCount++;
}

/* Whether dll!name (or #ordinal) resolves, following forwarders. */
static bool Resolves(CK_STATE *s, int target, const char *name, uint16_t ordinal)
{
    char fname[256];
    for (int depth = 0; depth < 8; depth++) {
        CK_MODULE *m = &s->Modules[target];
        uint32_t rva;
        const char *forwarder = NULL;
        if (RtlLookupExport(m->Image, m->Info.SizeOfImage, &m->Info, name, ordinal, &rva, &forwarder) != 0) {
            return false;
        }
        if (!forwarder) {
            return true;
        }
        const char *dot = strrchr(forwarder, '.');
        if (!dot || dot == forwarder || dot - forwarder >= 60) {
            return false;
        }
        char dll[64];
        snprintf(dll, sizeof dll, "%.*s", (int)(dot - forwarder), forwarder);
        target = Find(s, dll);
        if (target < 0) {
            return false;
        }
        if (dot[1] == '#') {
            name = NULL;
            ordinal = (uint16_t)strtoul(dot + 2, NULL, 10);
        } else {
            snprintf(fname, sizeof fname, "%s", dot + 1);
            name = fname;
        }
    }
    return false;
}

static int OnImport(void *context, const char *dll, const char *name, uint16_t ordinal, uint32_t iat_rva)
{
    (void)iat_rva;
    CK_STATE *s = context;
    s->Imports++;
    int target = Find(s, dll);
    if (target == -2) {
        return -1;
    }
    if (target < 0 || !Resolves(s, target, name, name ? 0 : ordinal)) {
        Record(s, target < 0 ? dll : s->Modules[target].Display, name, ordinal);
    }
    return 0;
}

static void Report(CK_STATE *s, const char *program)
{
    int dlls = 0;
    for (CK_MISSING *m = s->Missing; m; m = m->Next) {
        bool first = true;
        for (CK_MISSING *p = s->Missing; p != m; p = p->Next) {
            if (strcasecmp(p->Dll, m->Dll) == 0) {
                first = false;
                break;
            }
        }
        if (!first) {
            continue;
        }
        dlls++;
        int n = 0;
        for (CK_MISSING *p = m; p; p = p->Next) {
            n += strcasecmp(p->Dll, m->Dll) == 0;
        }
        char lower[64];
        Lower(lower, m->Dll, sizeof lower);
        int known = 0;
        for (int i = 0; i < s->Count; i++) {
            known |= strcmp(s->Modules[i].Name, lower) == 0;
        }
        printf("%s: %d missing%s\n", m->Dll, n, known ? "" : " (no such DLL)");
        for (CK_MISSING *p = m; p; p = p->Next) {
            if (strcasecmp(p->Dll, m->Dll) == 0) {
                printf("    %-40s imported by %s\n", p->Name, p->Importer);
            }
        }
    }
    if (s->MissingCount) {
        printf("%s: %u import%s missing, from %d DLL%s\n", program, s->MissingCount,
               s->MissingCount == 1 ? "" : "s", dlls, dlls == 1 ? "" : "s");
    } else {
        printf("%s: all %u imports are provided\n", program, s->Imports);
    }
}

int NtmmCheck(const char *system_directory, int argc, char **argv)
{
    if (argc < 1) {
        fprintf(stderr, "usage: ntmm check [--sysdir DIR] PROGRAM.exe [DLL...]\n");
        return 125;
    }
    static CK_STATE state;
    CK_STATE *s = &state;
    memset(s, 0, sizeof *s);
    s->Tail = &s->Missing;
    s->SystemDirectory = system_directory;
    s->Extra = argv + 1;
    s->ExtraCount = argc - 1;
    char exe_dir[1100];
    snprintf(exe_dir, sizeof exe_dir, "%s", argv[0]);
    char *slash = strrchr(exe_dir, '/');
    if (slash) {
        *slash = 0;
    } else {
        snprintf(exe_dir, sizeof exe_dir, ".");
    }
    s->ExeDirectory = exe_dir;
    struct stat st;
    if (stat(argv[0], &st) != 0) {
        fprintf(stderr, "ntmm: %s: %s\n", argv[0], strerror(errno));
        return 127;
    }
    int index;
    if (Load(s, argv[0], &index) != 0) {
        return 126;
    }
    for (int i = 1; i < argc; i++) {
        if (Find(s, BaseName(argv[i])) < 0) {
            return 126;
        }
    }
    /* Every module's imports, including those of the DLLs found on the way. */
    for (int i = 0; i < s->Count; i++) {
        CK_MODULE *m = &s->Modules[i];
        char why[200];
        s->Importer = i;
        if (RtlForEachImport(m->Image, m->Info.SizeOfImage, &m->Info, OnImport, s, why, sizeof why) != 0) {
            if (s->Failure) {
                break;
            }
            fprintf(stderr, "ntmm: %s: %s\n", m->Display, why);
            s->Failure = 126;
            break;
        }
    }
    int status = s->Failure;
    if (!status) {
        Report(s, BaseName(argv[0]));
        status = s->MissingCount ? 1 : 0;
    }
    for (int i = 0; i < s->Count; i++) {
        free(s->Modules[i].File);
        free(s->Modules[i].Image);
    }
    while (s->Missing) {
        CK_MISSING *next = s->Missing->Next;
        free(s->Missing);
        s->Missing = next;
    }
    return status;
}
