/*
 * Handles and the objects they name. A handle is an index into the
 * process's table times four (NT's handle values are multiples of 4; 0 is
 * never a handle). Objects are reference counted; closing the last handle
 * of an object runs its type's close routine.
 */
#ifndef NTMM_HANDLE_H
#define NTMM_HANDLE_H

#include <stdbool.h>
#include <stdint.h>

#include "ex/ntstatus.h"

typedef enum EX_OBJECT_TYPE {
    ExObjectAny = 0,             /* for ExReferenceObjectByHandle: any type */
    ExObjectFile = 1,
    ExObjectSection = 2,
    ExObjectProcess = 3,
    ExObjectThread = 4,
    ExObjectEvent = 5,
    ExObjectSemaphore = 6,
    ExObjectMutant = 7,
} EX_OBJECT_TYPE;

typedef struct EX_OBJECT {
    EX_OBJECT_TYPE Type;
    uint32_t References;
    void (*Close)(struct EX_OBJECT *object);
    char *Name;                  /* in a directory (obname.c), or NULL */
    struct EX_OBJECT *NextNamed;
    struct EX_OBJECT_DIRECTORY *Directory; /* the directory that holds the name */
} EX_OBJECT;

/* A file object: for now the host's standard streams. */
typedef struct EX_FILE {
    EX_OBJECT Header;
    int Fd;
    uint32_t Access;             /* GENERIC_READ / GENERIC_WRITE */
} EX_FILE;

typedef struct EX_HANDLE_TABLE {
    EX_OBJECT **Entries;         /* Entries[i] is handle (i + 1) * 4 */
    uint32_t Capacity;
    uint32_t Count;
} EX_HANDLE_TABLE;

#define NT_CURRENT_PROCESS ((uint32_t)-1)
#define NT_CURRENT_THREAD  ((uint32_t)-2)

NTSTATUS ExCreateHandle(EX_HANDLE_TABLE *table, EX_OBJECT *object, uint32_t *handle);
/* The object (with a new reference the caller must drop), or NULL. */
EX_OBJECT *ExReferenceObjectByHandle(EX_HANDLE_TABLE *table, uint32_t handle,
                                     EX_OBJECT_TYPE type, NTSTATUS *status);
void ExReferenceObject(EX_OBJECT *object);
void ExDereferenceObject(EX_OBJECT *object);
NTSTATUS ExCloseHandle(EX_HANDLE_TABLE *table, uint32_t handle);
void ExDestroyHandleTable(EX_HANDLE_TABLE *table);
/* A copy of every handle, at the same values (a cloned process's table). */
NTSTATUS ExDuplicateHandleTable(const EX_HANDLE_TABLE *source, EX_HANDLE_TABLE *target);

EX_FILE *ExCreateHostFile(int fd, uint32_t access);

/*
 * The object namespace (obname.c): named objects such as sections live
 * under one directory per machine, like \BaseNamedObjects (NT's
 * OBJECT_DIRECTORY). The machine owns it (ke's KSYSTEM); a name lasts as
 * long as its object (temporary objects, NT's default). The directory must
 * be empty when it goes: every named object has been closed by then.
 */
typedef struct EX_OBJECT_DIRECTORY {
    EX_OBJECT *Named;            /* a list: a handful of names at most */
} EX_OBJECT_DIRECTORY;

NTSTATUS ExInsertNamedObject(EX_OBJECT_DIRECTORY *directory, EX_OBJECT *object,
                             const char *name);
/* The object of that name with a new reference, or NULL. */
EX_OBJECT *ExLookupNamedObject(EX_OBJECT_DIRECTORY *directory, const char *name,
                               bool case_insensitive);
/* Takes the object's name out of its directory (if it has one). */
void ExRemoveNamedObject(EX_OBJECT *object);

#endif
