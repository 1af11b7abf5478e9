/*
 * Handles and the objects they name. A handle is an index into the
 * process's table times four (NT's handle values are multiples of 4; 0 is
 * never a handle). Objects are reference counted (each handle holds one
 * reference) and count their handles apart: when the last handle goes,
 * the object's Cleanup runs (NT's type CloseProcedure with a handle count
 * of one: a file's IRP_MJ_CLEANUP), and when the last reference goes, its
 * Close (NT's DeleteProcedure) frees it.
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
    ExObjectJob = 8,
    ExObjectIoCompletion = 9,    /* ke/iocomp.c */
    ExObjectTimer = 10,          /* ke/timer.c */
    ExObjectToken = 11,          /* ke/token.c */
} EX_OBJECT_TYPE;

typedef struct EX_OBJECT {
    EX_OBJECT_TYPE Type;
    uint32_t References;
    uint32_t HandleCount;        /* handles in every process's table */
    void (*Close)(struct EX_OBJECT *object);   /* the last reference went */
    void (*Cleanup)(struct EX_OBJECT *object); /* the last handle went; NULL: nothing to do */
    char *Name;                  /* in a directory (obname.c), or NULL */
    struct EX_OBJECT *NextNamed;
    struct EX_OBJECT_DIRECTORY *Directory; /* the directory that holds the name */
} EX_OBJECT;

/* A file object: a disk file (io/), a pipe's end (ke/npfs.c), or one of
 * the host's standard streams. What every one has for overlapped I/O
 * (ke/irp.c): whether it was opened for it (no FILE_SYNCHRONOUS_IO_*:
 * its I/O may pend), its event (NT's FILE_OBJECT.Event: signaled when an
 * I/O on it completes; a wait on the file waits for that), and the I/O
 * completion port its I/O is reported to, with the key (a reference,
 * dropped with the file). */
typedef struct EX_FILE {
    EX_OBJECT Header;
    int Fd;
    uint32_t Access;             /* GENERIC_READ / GENERIC_WRITE */
    bool Overlapped;
    bool NoBuffering;            /* FILE_NO_INTERMEDIATE_BUFFERING */
    struct KI_NOTIFY *Watch;     /* a directory's change watch (ke/notify.c), or NULL */
    bool Signaled;
    EX_OBJECT *CompletionPort;
    uint32_t CompletionKey;
} EX_FILE;

typedef struct EX_HANDLE_TABLE {
    EX_OBJECT **Entries;         /* Entries[i] is handle (i + 1) * 4 */
    uint32_t *GrantedAccess;     /* ...and what that handle may do with it */
    uint8_t *Attributes;         /* ...and its EX_HANDLE_* attributes */
    uint32_t Capacity;
    uint32_t Count;
} EX_HANDLE_TABLE;

/* A handle's attributes, NT's OBJ_* bits in its handle-table entry:
 * protected from NtClose (kernel32's HANDLE_FLAG_PROTECT_FROM_CLOSE),
 * inherited by a child process created with bInheritHandles
 * (HANDLE_FLAG_INHERIT). A new handle has none. */
#define EX_HANDLE_PROTECT_CLOSE 0x01u /* OBJ_PROTECT_CLOSE */
#define EX_HANDLE_INHERIT       0x02u /* OBJ_INHERIT */

/* Every right there is: handles ntmm makes for itself, pseudo-handles. */
#define EX_ALL_ACCESS 0xFFFFFFFFu

#define NT_CURRENT_PROCESS ((uint32_t)-1)
#define NT_CURRENT_THREAD  ((uint32_t)-2)

/* A handle with every right (EX_ALL_ACCESS)... */
NTSTATUS ExCreateHandle(EX_HANDLE_TABLE *table, EX_OBJECT *object, uint32_t *handle);
/* ...or with the rights granted (specific rights: ExMapGenericAccess first). */
NTSTATUS ExCreateHandleWithAccess(EX_HANDLE_TABLE *table, EX_OBJECT *object, uint32_t access,
                                  uint32_t *handle);
/* The object (with a new reference the caller must drop), or NULL. */
EX_OBJECT *ExReferenceObjectByHandle(EX_HANDLE_TABLE *table, uint32_t handle,
                                     EX_OBJECT_TYPE type, NTSTATUS *status);
/* The same, when the handle grants every right in `desired`; otherwise
 * NULL with STATUS_ACCESS_DENIED (as ObReferenceObjectByHandle). */
EX_OBJECT *ExReferenceObjectByHandleWithAccess(EX_HANDLE_TABLE *table, uint32_t handle,
                                               EX_OBJECT_TYPE type, uint32_t desired,
                                               NTSTATUS *status);
/* The rights a valid handle grants (0 for an invalid one). */
uint32_t ExGetHandleAccess(EX_HANDLE_TABLE *table, uint32_t handle);
/* GENERIC_READ/WRITE/EXECUTE/ALL and MAXIMUM_ALLOWED as the object type's
 * own rights (NT's GENERIC_MAPPING for each type, ex/access.c). */
uint32_t ExMapGenericAccess(EX_OBJECT_TYPE type, uint32_t access);
/* Whether an open of an existing object may have these rights: the
 * object's security (its creator's default DACL, GENERIC_ALL to the user)
 * grants the type's every right and no other; asking for none is refused
 * too. STATUS_SUCCESS, STATUS_ACCESS_DENIED, or STATUS_PRIVILEGE_NOT_HELD
 * for ACCESS_SYSTEM_SECURITY (SeSecurityPrivilege, which no program holds). */
NTSTATUS ExAccessCheckOpen(EX_OBJECT_TYPE type, uint32_t desired);
void ExReferenceObject(EX_OBJECT *object);
void ExDereferenceObject(EX_OBJECT *object);
/* A valid handle's attributes (0 for an invalid one); setting them:
 * STATUS_INVALID_HANDLE for an invalid one. */
uint32_t ExGetHandleAttributes(EX_HANDLE_TABLE *table, uint32_t handle);
NTSTATUS ExSetHandleAttributes(EX_HANDLE_TABLE *table, uint32_t handle, uint32_t attributes);
/* STATUS_HANDLE_NOT_CLOSABLE for a protected handle, as NT's NtClose. */
NTSTATUS ExCloseHandle(EX_HANDLE_TABLE *table, uint32_t handle);
void ExDestroyHandleTable(EX_HANDLE_TABLE *table);
/* A copy of every handle, at the same values (a cloned process's table). */
NTSTATUS ExDuplicateHandleTable(const EX_HANDLE_TABLE *source, EX_HANDLE_TABLE *target);
/* A new process's table (empty) from its creator's: the handles marked
 * EX_HANDLE_INHERIT, at the same values, rights and attributes
 * (CreateProcess with bInheritHandles). */
NTSTATUS ExInheritHandleTable(const EX_HANDLE_TABLE *source, EX_HANDLE_TABLE *target);

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
