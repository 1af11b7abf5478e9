/* The I/O manager's private structures. */
#ifndef NTMM_IOP_H
#define NTMM_IOP_H

#include "io/io.h"

#include <sys/stat.h>
#include <sys/types.h>

/* A byte-range lock (FsRtl's FILE_LOCK_INFO): owned by a file object and key. */
typedef struct IOP_LOCK {
    uint64_t Start, Length;
    IO_FILE_OBJECT *Owner;
    uint32_t Key;
    bool Exclusive;
} IOP_LOCK;

/*
 * One per host file that has file objects open (NTFS's SCB/FCB): the share
 * access counts of IoCheckShareAccess, the byte-range locks, the delete
 * disposition, and the name, relative to the root, in the host's case.
 * A file object counts in SHARE_ACCESS and may hold locks until its
 * cleanup (its last handle closed); it stays open after that while a
 * section holds it (mm pages the file through it).
 */
typedef struct IOP_FCB {
    struct IOP_FCB *Next;
    IO_VOLUME *Volume;
    dev_t Device;
    ino_t Inode;
    char *Path;                 /* "" is the root; "dir/File.txt" */
    bool Directory;
    uint32_t Opens;             /* file objects */
    uint32_t UncleanCount;      /* ...not yet cleaned up: the delete waits for 0 */
    /* SHARE_ACCESS */
    uint32_t OpenCount, Readers, Writers, Deleters, SharedRead, SharedWrite, SharedDelete;
    bool DeletePending;
    IOP_LOCK *Locks;
    uint32_t LockCount, LockCapacity;
    uint8_t System;             /* IOP_SYSTEM_NODE: C:\Windows, its system32, a DLL of theirs */
    bool Virtual;               /* no host object: the overlay's own directory (sysfiles.c) */
} IOP_FCB;

typedef enum IOP_DEVICE {
    IopDisk = 0,                /* a file or directory of the volume */
    IopVolumeDevice,            /* the volume itself (\??\C:) */
    IopNull,                    /* \Device\Null */
    IopConsole,                 /* CON, CONIN$, CONOUT$: never an IO_FILE_OBJECT */
} IOP_DEVICE;

typedef struct IOP_DIRECTORY_ENTRY {
    char *Name;                 /* host's UTF-8 */
    uint64_t FileIndex;
    int32_t Overlay;            /* 0: the host's; else the system overlay's (sysfiles.c) */
} IOP_DIRECTORY_ENTRY;

struct IO_FILE_OBJECT {
    EX_FILE Base;               /* Header, Fd (-1 for devices), Access (granted) */
    IO_VOLUME *Volume;
    IOP_DEVICE Device;
    IOP_FCB *Fcb;               /* IopDisk only */
    uint32_t Options;           /* the create options */
    bool Synchronous;           /* FILE_SYNCHRONOUS_IO_*: keeps a current position */
    int64_t CurrentByteOffset;
    bool ShareCounted;          /* counted in the FCB's SHARE_ACCESS */
    bool ReadAccess, WriteAccess, DeleteAccess;
    bool SharedRead, SharedWrite, SharedDelete;
    bool DeleteOnClose;
    bool CleanupComplete;       /* IRP_MJ_CLEANUP done (FO_CLEANUP_COMPLETE) */
    /* Directory enumeration: a snapshot taken at the first query. */
    IOP_DIRECTORY_ENTRY *Entries;
    uint32_t EntryCount, NextEntry;
    char *Pattern;              /* NULL: every name */
    bool Enumerated;
};

struct IO_VOLUME {
    int RootFd;                 /* O_PATH | O_DIRECTORY: everything is beneath it */
    bool ReadOnly;
    uint32_t SerialNumber;
    IOP_FCB *Fcbs;
    /* Host descriptors the guest's file objects hold, and how many they may:
     * ntmm keeps some for itself (the pagefile's database and journal). */
    uint32_t OpenFiles, MaxOpenFiles;
    /* The system directory's DLLs, C:\Windows\system32's files (sysfiles.c). */
    struct IOP_SYSTEM_FILE *SystemFiles;
    uint32_t SystemFileCount;
    struct stat SystemStat;     /* the system directory's: the virtual directories' times */
    /* Mapped files' coherence (paging.c): NULL when no one registered. */
    const IO_CACHE_CALLBACKS *Cache;
    void *CacheContext;
};

static inline IO_FILE_OBJECT *IopFileObject(EX_FILE *file)
{
    return (IO_FILE_OBJECT *)file;
}

/* volume.c: the host side of names. */
/* openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS) from the root. */
int IopOpenBeneath(IO_VOLUME *volume, const char *path, int flags, int mode);
/* errno → NTSTATUS. */
NTSTATUS IopErrnoToStatus(int error);
/* Windows' case-insensitive comparison of one name (ASCII letters fold). */
bool IopNamesEqual(const char *a, const char *b);
/* The host path under the root of an NT name (the part after \??\C:), with
 * each existing component in its host case. *last_exists says whether the
 * final component exists; intermediate ones must. */
NTSTATUS IopLookupPath(IO_VOLUME *volume, const char *relative, char **host_path,
                       bool *last_exists);
/* Splits "\??\C:\a\b" (or relative to a directory object) into the
 * relative Windows path "a\b"; devices are reported in *device. */
NTSTATUS IopParseName(const char *name, EX_FILE *root, char **relative, IOP_DEVICE *device,
                      bool *trailing_backslash);

/* volume.c: a component NTFS accepts (not . or .., no wildcards...). */
bool IopValidComponent(const char *component, size_t length);

/*
 * sysfiles.c: C:\Windows and C:\Windows\system32 as a standard user sees
 * them, over the volume: the system directory's DLLs are read-only files
 * of system32, the two directories exist whether the root has them or not,
 * and nothing is created, written, renamed or deleted in them.
 */
typedef enum IOP_SYSTEM_NODE {
    IopNotSystem = 0,
    IopWindowsDirectory,        /* C:\Windows */
    IopSystem32Directory,       /* C:\Windows\system32 */
    IopSystemChild,             /* another name directly in one of them */
    IopSystemDll,               /* one of the system directory's DLLs */
} IOP_SYSTEM_NODE;

typedef struct IOP_SYSTEM_NAME {
    IOP_SYSTEM_NODE Node;
    bool Protected;             /* read and execute only; no new names */
    bool Overlay;               /* the overlay answers (else the host's files do) */
    bool Exists;                /* (overlay) the name is there */
    int Dll;                    /* IopSystemDll: which */
    char *Path;                 /* (overlay, exists) the FCB's path, malloc'd */
} IOP_SYSTEM_NAME;

/* What a relative NT path ("Windows\system32\ntdll.dll") is to the overlay. */
NTSTATUS IopLookupSystemName(IO_VOLUME *volume, const char *relative, IOP_SYSTEM_NAME *name);
/* The access a protected name grants: read and execute, and what
 * MAXIMUM_ALLOWED asks is that; anything more is STATUS_ACCESS_DENIED. */
NTSTATUS IopSystemAccess(uint32_t desired, uint32_t *access);
/* Opens an overlay name: *fd (-1 for a virtual directory) and its *st. */
NTSTATUS IopOpenSystemName(IO_VOLUME *volume, const IOP_SYSTEM_NAME *name,
                           const IO_CREATE_PARAMETERS *create, bool trailing, int *fd,
                           struct stat *st, uint32_t *information);
/* Whether a rename or link may not give a file this name (relative NT path). */
bool IopIsSystemName(const char *relative);
/* The file's metadata: the host's, or the overlay's for a virtual directory. */
int IopStatFile(IO_FILE_OBJECT *file, struct stat *st);
/* A directory listing's overlay names (sorted afterwards by the caller). */
NTSTATUS IopAddSystemEntries(IO_FILE_OBJECT *file);
bool IopStatSystemEntry(IO_FILE_OBJECT *file, const IOP_DIRECTORY_ENTRY *entry, struct stat *st);
void IopFreeSystemFiles(IO_VOLUME *volume);

/* paging.c: the cache's view of a transfer or a new end of file. */
void IopCacheRead(IO_FILE_OBJECT *file, uint64_t offset, void *buffer, uint32_t length);
void IopCacheWrite(IO_FILE_OBJECT *file, uint64_t offset, const void *buffer, uint32_t length);
bool IopCacheCanTruncate(IO_FILE_OBJECT *file, uint64_t size);
bool IopCacheCanWriteImage(IO_FILE_OBJECT *file);
bool IopCacheCanDelete(IO_FILE_OBJECT *file);
bool IopCacheHasWritableReferences(IO_FILE_OBJECT *file);
void IopCacheTimesSet(IO_FILE_OBJECT *file);

/* create.c */
IOP_FCB *IopFindFcb(IO_VOLUME *volume, dev_t device, ino_t inode);

/* lock.c: a read or write of [offset, offset+length) by the file object. */
NTSTATUS IopCheckLockForIo(IO_FILE_OBJECT *file, uint64_t offset, uint64_t length,
                           uint32_t key, bool write);
void IopReleaseLocks(IO_FILE_OBJECT *file);

/* fileinfo.c: the NT name a rename or link targets (malloc'd), and the
 * directory holding a host path, opened beneath the root (its leaf in *leaf). */
NTSTATUS IopTargetName(IO_FILE_OBJECT *file, const char *target, EX_FILE *target_root, char **name);
int IopOpenParentOf(IO_VOLUME *volume, const char *path, const char **leaf);
/* filelink.c: FileLinkInformation, a second name for the file. */
NTSTATUS IopLink(IO_FILE_OBJECT *file, bool replace, const char *target, EX_FILE *target_root);

/* fileinfo.c: FILETIMEs and attributes of a host file. */
struct stat;
uint32_t IopAttributes(const struct stat *st, const char *name);
uint64_t IopFileTime(int64_t seconds, long nanoseconds);
void IopTimes(const struct stat *st, uint64_t times[4]);
uint64_t IopAllocationSize(const struct stat *st);

static inline void IopPut16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}
static inline void IopPut32(uint8_t *p, uint32_t v)
{
    IopPut16(p, (uint16_t)v);
    IopPut16(p + 2, (uint16_t)(v >> 16));
}
static inline void IopPut64(uint8_t *p, uint64_t v)
{
    IopPut32(p, (uint32_t)v);
    IopPut32(p + 4, (uint32_t)(v >> 32));
}
static inline uint32_t IopGet32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t IopGet64(const uint8_t *p)
{
    return IopGet32(p) | (uint64_t)IopGet32(p + 4) << 32;
}

#endif
