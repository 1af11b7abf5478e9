/*
 * Byte-range locks, as FsRtl keeps them for NTFS. A lock belongs to a file
 * object and a key. An exclusive lock keeps every other owner from reading
 * or writing its range; a shared lock keeps everyone, its owner too, from
 * writing it. Locks of zero length conflict with nothing. SQLite's Windows
 * VFS relies on each of these rules.
 *
 * ntmm runs one thread per process, so a lock that would have to wait
 * (FailImmediately FALSE) is refused like one that must not:
 * STATUS_LOCK_NOT_GRANTED.
 */
#include "io/iop.h"

#include <stdlib.h>

static bool Overlaps(const IOP_LOCK *lock, uint64_t start, uint64_t length)
{
    return lock->Length && length && start <= lock->Start + lock->Length - 1 &&
           lock->Start <= start + length - 1;
}

static bool OwnedBy(const IOP_LOCK *lock, const IO_FILE_OBJECT *file, uint32_t key)
{
    return lock->Owner == file && lock->Key == key;
}

NTSTATUS IopCheckLockForIo(IO_FILE_OBJECT *file, uint64_t offset, uint64_t length, uint32_t key,
                           bool write)
{
    IOP_FCB *fcb = file->Fcb;
    for (uint32_t i = 0; fcb && i < fcb->LockCount; i++) {
        const IOP_LOCK *lock = &fcb->Locks[i];
        if (!Overlaps(lock, offset, length)) {
            continue;
        }
        if (lock->Exclusive ? !OwnedBy(lock, file, key) : write) {
            return STATUS_FILE_LOCK_CONFLICT;
        }
    }
    return STATUS_SUCCESS;
}

static NTSTATUS CheckLockedFile(EX_FILE *base)
{
    IO_FILE_OBJECT *file = IopFileObject(base);
    if (!(base->Access & (FILE_READ_DATA | FILE_WRITE_DATA | FILE_APPEND_DATA))) {
        return STATUS_ACCESS_DENIED;
    }
    if (file->Device != IopDisk || file->Fcb->Directory) {
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    return STATUS_SUCCESS;
}

NTSTATUS IoLockFile(EX_FILE *base, uint64_t offset, uint64_t length, uint32_t key,
                    bool fail_immediately, bool exclusive)
{
    (void)fail_immediately; /* nothing can wait: see above */
    IO_FILE_OBJECT *file = IopFileObject(base);
    NTSTATUS status = CheckLockedFile(base);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (length && offset + length - 1 < offset) {
        return STATUS_INVALID_LOCK_RANGE;
    }
    IOP_FCB *fcb = file->Fcb;
    for (uint32_t i = 0; i < fcb->LockCount; i++) {
        const IOP_LOCK *lock = &fcb->Locks[i];
        if (!Overlaps(lock, offset, length)) {
            continue;
        }
        if (exclusive || (lock->Exclusive && !OwnedBy(lock, file, key))) {
            return STATUS_LOCK_NOT_GRANTED;
        }
    }
    if (fcb->LockCount == fcb->LockCapacity) {
        uint32_t capacity = fcb->LockCapacity ? fcb->LockCapacity * 2 : 8;
        IOP_LOCK *locks = realloc(fcb->Locks, capacity * sizeof *locks);
        if (!locks) {
            return STATUS_INSUFFICIENT_RESOURCES;
        }
        fcb->Locks = locks;
        fcb->LockCapacity = capacity;
    }
    fcb->Locks[fcb->LockCount++] = (IOP_LOCK){offset, length, file, key, exclusive};
    return STATUS_SUCCESS;
}

NTSTATUS IoUnlockFile(EX_FILE *base, uint64_t offset, uint64_t length, uint32_t key)
{
    IO_FILE_OBJECT *file = IopFileObject(base);
    NTSTATUS status = CheckLockedFile(base);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    IOP_FCB *fcb = file->Fcb;
    /* The range must be one lock exactly, as it was taken. */
    for (uint32_t i = 0; i < fcb->LockCount; i++) {
        IOP_LOCK *lock = &fcb->Locks[i];
        if (lock->Start == offset && lock->Length == length && OwnedBy(lock, file, key)) {
            *lock = fcb->Locks[--fcb->LockCount];
            return STATUS_SUCCESS;
        }
    }
    return STATUS_RANGE_NOT_LOCKED;
}

void IopReleaseLocks(IO_FILE_OBJECT *file)
{
    IOP_FCB *fcb = file->Fcb;
    for (uint32_t i = 0; i < fcb->LockCount;) {
        if (fcb->Locks[i].Owner == file) {
            fcb->Locks[i] = fcb->Locks[--fcb->LockCount];
        } else {
            i++;
        }
    }
}
