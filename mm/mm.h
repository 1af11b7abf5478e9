/*
 * The memory manager's interface to the rest of the system (ke/, tools/).
 * mm owns guest-physical memory (the PFN database), every address space
 * (page tables and VADs) and the resolution of page faults.
 */
#ifndef NTMM_MM_H
#define NTMM_MM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "emu/emu.h"
#include "ex/ntstatus.h"
#include "pagefile/pagefile.h"

/* One machine's memory: its PFN database, page lists, commit and paging
 * state (mi.h). Created by MmInitializeSystem; every address space and
 * section belongs to one. */
typedef struct MMSYSTEM MMSYSTEM;
typedef struct MMPROCESS MMPROCESS;
typedef struct MMSECTION MMSECTION;

/* Fault kinds, as --stats counts them and the fault log names them. */
typedef enum MM_FAULT_KIND {
    MmFaultDemandZero = 0,
    MmFaultTransition,
    MmFaultHard,
    MmFaultGuardPage,
    MmFaultStackGrowth,
    MmFaultCopyOnWrite,
    MmFaultWriteCopyPrivate,    /* first write to a private WRITECOPY image page */
    MmFaultSpurious,            /* the PTE already allowed it (stale TLB entry) */
    MmFaultAccessViolation,
    MmFaultStackOverflow,
    MmFaultInPageError,         /* the pagefile could not give the page back */
    MmFaultSharedPage,          /* a section page already resident for another view */
    MmFaultHardFile,            /* a mapped file's page read from its file */
    MmFaultCollided,            /* the page's read is in flight for another fault: wait for it */
    MmFaultRedirtied,           /* a write takes back a page whose pagefile write is in flight */
    MmFaultKindCount
} MM_FAULT_KIND;

const char *MmFaultKindName(MM_FAULT_KIND kind);

typedef struct MM_FAULT_INFO {
    uint32_t Eip;               /* in: where the faulting instruction is (for the log) */
    MM_FAULT_KIND Kind;         /* out: what the fault was */
    uint32_t Pfn;               /* out: the frame made valid, if any */
    uint32_t Slot;              /* out: the pagefile slot read (hard), or that holds
                                   the page's copy (transition); 0 if none */
    NTSTATUS IoStatus;          /* out: for STATUS_IN_PAGE_ERROR, the pagefile's status */
    /* In-page I/O (inpage.c). In: when an I/O issued now completes, in the
     * caller's clock (0: I/O takes no time), and whether the faulting
     * thread can wait for it (ke takes it off the CPU); a thread that
     * cannot has its read done at once. Out, with STATUS_PENDING: the read
     * the thread waits for (referenced; MmDereferenceInPage). */
    uint64_t IoCompletionTime;
    bool CanWait;
    struct MMINPAGE_SUPPORT *InPage;
} MM_FAULT_INFO;

typedef struct MM_STATS {
    uint64_t Faults[MmFaultKindCount];
    uint64_t PagesZeroed;       /* on demand, in the fault path */
    uint64_t PagesZeroedIdle;   /* by MmZeroPageWork */
    uint64_t PagesTrimmed;      /* taken out of working sets */
    uint64_t TrimmedToModified; /* ...of which were dirty */
    uint64_t WsManagerPasses;
    uint64_t PagesRepurposed;   /* standby frames given to another page */
    uint64_t PagesWritten;      /* by the modified page writer */
    uint64_t ClustersWritten;
    uint64_t RedirtiedInFlight; /* dirtied again while their write was in flight */
    uint64_t InPageReads;       /* reads a thread waited for (in-page I/O) */
    uint64_t CollidedFaults;    /* faults that waited for another fault's read */
    uint64_t PagesRead;         /* by hard faults (read-ahead included) */
    uint64_t PagesReadAhead;    /* read with a faulting page, to Standby */
    uint64_t CommitFailures;    /* STATUS_COMMITMENT_LIMIT given */
    uint64_t SlotsReclaimed;    /* freed from resident pages when the pagefile was full */
    /* Mapped files' I/O, never the pagefile's (filesect.c, mapwrite.c). */
    uint64_t FilePagesRead;     /* by hard-file faults (read-ahead included) */
    uint64_t FilePagesReadAhead;
    uint64_t ImagePagesRead;    /* of those, image pages built from their file (imagepage.c) */
    uint64_t FilePagesWritten;  /* by the mapped page writer, flushes and last closes */
    uint64_t FilePagesFlushed;  /* ...of which by FlushViewOfFile */
    uint32_t PeakResidentPages;
    uint32_t PeakCommitPages;   /* system-wide */
} MM_STATS;

/* How memory is configured. */
typedef struct MM_CONFIG {
    struct PAGEFILE *PageFile;  /* an open pagefile mm pages to and the caller
                                   closes (tests); NULL: none, unless
                                   MmCreatePagingFile makes one. Without one,
                                   commit is bounded by RAM */
    uint32_t WsMinimum;         /* pages; 0: NT's default, 50 */
    uint32_t WsMaximum;         /* pages, a hard maximum (QUOTA_LIMITS_HARDWS_MAX_ENABLE);
                                   0: NT's default, 345, soft: a process grows
                                   past it while memory is plentiful */
    uint32_t VerifyEvery;       /* MmVerifyMemory after every Nth fault, and abort
                                   on the first inconsistency (0: never) */
    uint32_t InjectReadErrorVa; /* a test hook: the first pagefile read of the
                                   page at this address fails (0: none) */
    uint64_t SampleEvery;       /* a sample every this many faults (0: none)... */
    bool SampleInstructions;    /* ...or instructions */
    const uint64_t *SnapshotAt; /* page locations after these faults (ascending) */
    uint32_t SnapshotCount;
} MM_CONFIG;

#define MM_DEFAULT_WS_MINIMUM 50u
#define MM_DEFAULT_WS_MAXIMUM 345u

/* Takes over the guest-physical memory of emu (all frames emu does not
 * reserve): a new MMSYSTEM in *out. config may be NULL (defaults, no
 * pagefile). MmShutdownSystem frees it, after every address space. */
int MmInitializeSystem(EMU *emu, const MM_CONFIG *config, MMSYSTEM **out, char *why,
                       size_t whylen);
void MmShutdownSystem(MMSYSTEM *system);
const MM_STATS *MmGetStats(MMSYSTEM *system);
/* PTE changes are batched; ke calls this before the guest runs again. */
void MmFlushTlbIfNeeded(MMSYSTEM *system);
uint32_t MmAvailablePages(MMSYSTEM *system);
/* Idle work (NT's zero page thread): zero up to `pages` free frames onto
 * the Zeroed list. Returns how many. */
uint32_t MmZeroPageWork(MMSYSTEM *system, uint32_t pages);
/* NT's MmFlushAllPages: every page on the Modified list is written to its
 * pagefile slot or file now (they go to Standby). Returns how many. */
uint32_t MmFlushAllPages(MMSYSTEM *system);
/* The run is over: the write in flight completes and the pagefile is let
 * go, so that what it holds (and its slots table) stays as the record of
 * where each page was when the program ended, while the address spaces
 * are torn down. */
void MmShutdownPaging(MMSYSTEM *system);
/* Checks the PFN database, working sets and page tables against each
 * other (for tests): false with the first inconsistency in why. */
bool MmVerifyMemory(MMSYSTEM *system, char *why, size_t whylen);
/* Writes a snapshot of where every committed page of every process is
 * (resident, standby, modified, pagefile, demand-zero) to the pagefile. */
NTSTATUS MmRecordPageLocations(MMSYSTEM *system, const char *label);

/* A new, empty address space (user half empty, kernel half shared). */
NTSTATUS MmCreateProcessAddressSpace(MMSYSTEM *system, MMPROCESS **out);
void MmDeleteProcessAddressSpace(MMPROCESS *process);
uint32_t MmGetPageTableRoot(MMPROCESS *process);
uint32_t MmGetCommitCharge(MMPROCESS *process);
uint32_t MmGetPeakCommit(MMPROCESS *process);
uint32_t MmGetPeakResident(MMPROCESS *process);
/* The system's commit limit in pages (the loader refuses an image larger
 * than that before laying it out in host memory). */
uint32_t MmGetCommitLimit(MMPROCESS *process);
uint32_t MmGetWorkingSetSize(MMPROCESS *process);
/* Where the process entered the kernel: the fault log's EIP for faults
 * the kernel takes on its behalf (probing a system service's arguments). */
void MmSetServiceEip(MMPROCESS *process, uint32_t eip);
/* The id the fault log records for this address space. */
void MmSetProcessId(MMPROCESS *process, uint32_t id);
/* ...and for its thread. */
void MmSetThreadId(MMPROCESS *process, uint32_t id);
/* The run over time in the pagefile (runlog.c): a sample of the page
 * lists, commit and working sets now, or if one is due; a section's name
 * (an image's file name) for the sections table. */
void MmRecordSample(MMSYSTEM *system);
void MmSampleIfDue(MMSYSTEM *system);
void MmSetSectionName(MMSECTION *section, const char *name);
/* The system's commit charge and limit, in pages; the number of the last
 * page fault (the fault log's seq, counted even when the log is off). */
void MmGetCommit(MMSYSTEM *system, uint64_t *charge, uint64_t *limit);
uint64_t MmLastFaultSequence(MMSYSTEM *system);
/* Working-set limits, in pages (NT's SetProcessWorkingSetSize). */
NTSTATUS MmSetWorkingSetLimits(MMPROCESS *process, uint32_t minimum, uint32_t maximum);

/*
 * MmAccessFault: a page fault at va. STATUS_SUCCESS means the PTE now
 * allows the access and the instruction can be retried; any other status
 * is the exception to raise (STATUS_ACCESS_VIOLATION, STATUS_GUARD_PAGE_-
 * VIOLATION, STATUS_STACK_OVERFLOW, STATUS_IN_PAGE_ERROR, …).
 */
NTSTATUS MmAccessFault(MMPROCESS *process, uint32_t va, uint32_t access, bool user_mode,
                       MM_FAULT_INFO *info);

/*
 * In-page I/O (inpage.c): a hard fault whose thread can wait issues the
 * read and returns STATUS_PENDING with the in-page support block; the
 * thread waits for it (NT: the block's event) while others run, and
 * every fault on the page meanwhile is a collided fault on the same
 * block. ke completes the I/O when its time comes and wakes the waiters;
 * each re-executes its instruction, or (a failed read) gets
 * STATUS_IN_PAGE_ERROR with the block's status.
 */
typedef struct MMINPAGE_SUPPORT MMINPAGE_SUPPORT;
/* The earliest completion of a read someone waits for (false: none). */
bool MmNextIoCompletion(MMSYSTEM *system, uint64_t *time);
/* Completes every read and the writer's cluster due at `now`. */
void MmCompleteIo(MMSYSTEM *system, uint64_t now);
/* Whether the read is done, and its status (the pagefile's). */
bool MmInPageComplete(const MMINPAGE_SUPPORT *block, NTSTATUS *io_status);
/* Its number (in issue order) for the trace, and its page. */
uint32_t MmInPageId(const MMINPAGE_SUPPORT *block);
void MmReferenceInPage(MMINPAGE_SUPPORT *block);
void MmDereferenceInPage(MMINPAGE_SUPPORT *block);

/*
 * Probe-and-capture for system services: copy between host memory and the
 * process's user space, faulting pages in as the guest's own access would
 * (a kernel-mode access, so guard pages and protections are honoured).
 * Any address outside user space or not accessible gives
 * STATUS_ACCESS_VIOLATION (or the fault's own status); nothing is
 * partially reported as success.
 */
NTSTATUS MmCopyFromUser(MMPROCESS *process, void *dst, uint32_t va, size_t len);
NTSTATUS MmCopyToUser(MMPROCESS *process, uint32_t va, const void *src, size_t len);
/* Reads a NUL-terminated string of at most max-1 bytes. */
NTSTATUS MmCopyStringFromUser(MMPROCESS *process, char *dst, uint32_t va, size_t max);

/* RtlCloneUserProcess's address space: a copy-on-write clone of the
 * parent's (forksup.c). */
NTSTATUS MmCloneProcessAddressSpace(MMPROCESS *parent, MMPROCESS **out);

/* The thread ke puts on the CPU: its id (for the fault log) and its TEB,
 * whose NtTib.StackBase and DeallocationStack say, at each guard-page
 * fault, which stack grows (NT reads them there too: whoever switches
 * stacks and updates the TEB gets growth on the new one). */
void MmSetCurrentThread(MMPROCESS *process, uint32_t thread_id, uint32_t teb_va);
/* Data execution prevention for the process: false (the default) enforces
 * NX on every page not executable; true lets readable pages run. */
void MmSetExecuteEnable(MMPROCESS *process, bool enable);
/* Where those fields are in a 32-bit TEB (ke/ntx86.h defines the TEB;
 * ke asserts these agree with it). */
#define MM_TEB_STACK_BASE 0x004u
#define MM_TEB_STACK_LIMIT 0x008u
#define MM_TEB_DEALLOCATION_STACK 0xE0Cu

/*
 * Building a process (ke's loader): allocate with host-side arguments,
 * write regardless of page protection, and map an image.
 */
NTSTATUS MmAllocateVirtual(MMPROCESS *process, uint32_t *base, uint32_t zero_bits,
                           uint32_t *size, uint32_t type, uint32_t protect);
NTSTATUS MmFreeVirtual(MMPROCESS *process, uint32_t *base, uint32_t *size, uint32_t type);
NTSTATUS MmProtectVirtual(MMPROCESS *process, uint32_t *base, uint32_t *size,
                          uint32_t protect, uint32_t *old_protect);
NTSTATUS MmWriteProcessMemoryForce(MMPROCESS *process, uint32_t va, const void *src,
                                   size_t len);
/*
 * Maps an image whose pages are already laid out in host memory (headers
 * and sections at their RVAs, relocated): a VAD of type image at base, and
 * each page with the Win32 protection protections[page]. The pages are
 * resident at once.
 */
NTSTATUS MmMapImage(MMPROCESS *process, uint32_t base, const uint8_t *image, uint32_t size,
                    const uint32_t *protections);
/*
 * Image sections from a PE file (mapimage.c, imagepage.c), as
 * NtCreateSection(SEC_IMAGE) makes them: mm reads the file through its file
 * object (the system's MM_FILE_IO), validates the headers (a status and a
 * reason in why: STATUS_INVALID_IMAGE_NOT_MZ, STATUS_INVALID_IMAGE_FORMAT,
 * ...) and returns a referenced section that every process mapping the same
 * file (id: device and inode, at the same size and time) shares. The
 * section keeps a reference to the file: its pages are read from it when
 * touched (hard-file faults), never written to the pagefile. Declared
 * before use: struct EX_FILE, MM_FILE_IDENTITY (below).
 */
struct EX_FILE;
struct MM_FILE_IDENTITY;
NTSTATUS MmCreateImageSection(MMSYSTEM *system, struct EX_FILE *file,
                              const struct MM_FILE_IDENTITY *id, MMSECTION **out, char *why,
                              size_t whylen);
/* NT's MmFlushImageSection(MmFlushForWrite): false while an image section of
 * the file has a view or a handle (opening it for write is then a sharing
 * violation, whoever holds the file's handles). */
bool MmCanWriteImageFile(MMSYSTEM *system, uint64_t device, uint64_t inode);
/* NT's MmFlushImageSection(MmFlushForDelete): false while the file has a
 * data section or view (a user reference), or an image section that is
 * mapped or referenced (a loaded module, a section handle); the file is
 * then not deleted (STATUS_CANNOT_DELETE). Otherwise the image sections mm
 * kept for reuse and the data file's cached segment are purged, their
 * Standby pages freed, and true. */
bool MmCanDeleteFile(MMSYSTEM *system, uint64_t device, uint64_t inode);
/* NT's MmDoesFileHaveUserWritableReferences: a section object or view of
 * the file that may write it (PAGE_READWRITE, PAGE_EXECUTE_READWRITE)
 * exists; the file system then refuses an open that does not share
 * writing (STATUS_SHARING_VIOLATION). */
bool MmDoesFileHaveUserWritableReferences(MMSYSTEM *system, uint64_t device, uint64_t inode);
/* The guest set the file's last-write time (its contents unchanged): the
 * image sections of it take the new time as the file's. */
void MmImageFileTimesSet(MMSYSTEM *system, uint64_t device, uint64_t inode);
/* A view of it: at *base (0: the preferred base) if free, else where there
 * is room, relocated (STATUS_IMAGE_NOT_AT_BASE); *base is where it went. */
NTSTATUS MmMapImageSection(MMPROCESS *process, MMSECTION *section, uint32_t *base, char *why,
                           size_t whylen);
/* What NtQuerySection(SectionImageInformation) tells of an image section. */
typedef struct MM_IMAGE_INFORMATION {
    uint32_t ImageBase;          /* the base this section's pages are laid out for */
    uint32_t PreferredBase;      /* the file's ImageBase */
    uint32_t SizeOfImage;
    uint32_t EntryPoint;         /* RVA, 0 if none */
    uint32_t StackReserve, StackCommit;
    uint16_t Characteristics;    /* IMAGE_FILE_* */
    uint16_t Subsystem, DllCharacteristics;
    uint16_t MajorSubsystemVersion, MinorSubsystemVersion;
    uint16_t Machine;
    bool ContainsCode;           /* a section holds code (IMAGE_SCN_CNT_CODE) */
    uint32_t FileSize;           /* of the file it was made from */
} MM_IMAGE_INFORMATION;
void MmQueryImageSection(MMSECTION *section, MM_IMAGE_INFORMATION *info);
/* What NtQuerySection(SectionBasicInformation) tells of any section, as
 * Windows reports it: the attributes (SEC_FILE for a file's data, SEC_FILE
 * | SEC_IMAGE for an image, the SEC_COMMIT or SEC_RESERVE a paging-file
 * section was made with) and the size (a paging-file section's in whole
 * pages, a file's as asked for, an image's SizeOfImage). */
void MmQuerySectionBasic(MMSECTION *section, uint32_t *attributes, uint64_t *size);
bool MmIsImageSection(MMSECTION *section);
/* Drops every image section mm keeps for reuse (the machine is going). */
void MmPurgeImageSections(MMSYSTEM *system);
/* The data files' segments kept after their last use go (the machine
 * stops): their pages are all clean, in their files already. */
void MmPurgeCachedSegments(MMSYSTEM *system);
/* A committed private region at exactly va (the PEB, a TEB): one VAD,
 * not rounded to 64 KiB, as NT's MiCreatePebOrTeb makes them. */
NTSTATUS MmCreatePrivateRegion(MMPROCESS *process, uint32_t va, uint32_t size, uint32_t protect);
/* KUSER_SHARED_DATA: one frame, read-only to user mode, written by ke. */
NTSTATUS MmMapSharedUserData(MMPROCESS *process);
uint8_t *MmSharedUserData(MMSYSTEM *system);

/* NtCreatePagingFile (pagfile.c): the machine's paging file, which mm
 * opens, owns and pages to; creating it raises the commit limit by its
 * maximum size. Parameters are NAME, VALUE pairs (NULL-terminated)
 * recorded in it for its readers. One per machine. */
typedef struct MM_PAGING_FILE {
    const char *Path;           /* NULL: PF_DEFAULT_PATH; PF_MEMORY_PATH: in memory */
    uint32_t MaximumPages;
    bool FaultLog;
    const char *const *Parameters;
} MM_PAGING_FILE;
NTSTATUS MmCreatePagingFile(MMSYSTEM *system, const MM_PAGING_FILE *file, char *why,
                            size_t whylen);
/* The run is over: paging stops (MmShutdownPaging), the fault log is
 * flushed, stats receives the file's counters, and it is closed. False if
 * closing failed (the reason in why): the record in it is incomplete. */
bool MmDeletePagingFile(MMSYSTEM *system, PF_STATS *stats, char *why, size_t whylen);

/* ------------------------------------------------------------ sections
 * Pagefile-backed sections (SEC_COMMIT or SEC_RESERVE) and their views.
 * A section is an object (ex/handle.h): a handle names it and each view
 * holds a reference; its pages go when the last reference does.
 */
typedef struct MMSECTION MMSECTION;
#define SEC_COMMIT  0x08000000u
#define SEC_RESERVE 0x04000000u
#define SEC_IMAGE   0x01000000u
#define SEC_FILE    0x00800000u

NTSTATUS MmCreateSection(MMSYSTEM *system, uint64_t size, uint32_t protect,
                         uint32_t attributes, MMSECTION **out);
/* A protection a data section may be created with (else
 * STATUS_INVALID_PAGE_PROTECTION, checked before the file's access). */
bool MmIsSectionProtectionValid(uint32_t protect);
/* NtMapViewOfSection's rules: base and offset 64 KiB aligned, or a page
 * with AT_ROUND_TO_PAGE, which rounds the base down first
 * (STATUS_MAPPED_ALIGNMENT), the view inside the section
 * (STATUS_INVALID_VIEW_SIZE), a protection the section allows
 * (STATUS_SECTION_PROTECTION); a view size of 0 maps to the end. A view
 * mm places lies below the limit zero_bits sets (MmZeroBitsLimit); the
 * caller has checked zero_bits itself (at most 21, and met by a given
 * base: STATUS_INVALID_PARAMETER_4 otherwise). */
NTSTATUS MmMapViewOfSection(MMSECTION *section, MMPROCESS *process, uint32_t *base,
                            uint32_t zero_bits, uint32_t commit_size, uint64_t *offset, uint32_t *view_size,
                            uint32_t allocation_type, uint32_t protect);
NTSTATUS MmUnmapViewOfSection(MMPROCESS *process, uint32_t base);
/* ZeroBits, as NtAllocateVirtualMemory and NtMapViewOfSection take it on
 * 32-bit Windows: that many high bits of every address of the range are
 * zero, so it ends at or below 0xFFFFFFFF >> zero_bits (0: no limit but
 * the user space's). At most MM_MAXIMUM_ZERO_BITS. */
#define MM_MAXIMUM_ZERO_BITS 21u
uint32_t MmZeroBitsLimit(uint32_t zero_bits);
struct EX_OBJECT *MmSectionObject(MMSECTION *section);
/*
 * Sections over files (filesect.c). NT's section object points to a
 * segment and its control area, one per file, shared by every section of
 * the file and every view of them in every process: here the segment is
 * an MMSECTION of its own, found by the file's identity (device, inode).
 * mm reads and writes file pages through these routines, which ke gives it
 * (the file system's paging I/O: no byte-range locks, no file position; a
 * paging write never extends the file, a read past its end is zeros).
 */
struct EX_FILE;
typedef struct MM_FILE_IO {
    NTSTATUS (*Read)(struct EX_FILE *file, uint64_t offset, void *buffer, uint32_t length);
    /* The file's size and last-write time now (an image's file must not
     * change under its section). */
    NTSTATUS (*Stamp)(struct EX_FILE *file, uint64_t *size, uint64_t *time);
    NTSTATUS (*Write)(struct EX_FILE *file, uint64_t offset, const void *buffer,
                      uint32_t length);
    NTSTATUS (*SetSize)(struct EX_FILE *file, uint64_t size);
    /* A file object of its own on the same file, for reading only, that the
     * guest cannot see (no handle, no share access, no delete-on-close): a
     * cached segment keeps it instead of the guest's file object. */
    NTSTATUS (*Reopen)(struct EX_FILE *file, struct EX_FILE **out);
} MM_FILE_IO;
void MmSetFileIo(MMSYSTEM *system, const MM_FILE_IO *io);

typedef struct MM_FILE_IDENTITY {
    uint64_t Device, Inode;     /* which file: one segment per pair */
    uint64_t Size;              /* its end of file now */
    uint64_t Time;              /* its last write (images: to see it change) */
    const char *Name;           /* for the run record */
} MM_FILE_IDENTITY;
/* NtCreateSection with a file: size 0 is the file's size (an empty file:
 * STATUS_MAPPED_FILE_SIZE_ZERO); a size past the end extends the file if
 * the protection is writable, else STATUS_SECTION_TOO_BIG. The caller has
 * checked the file handle's access against the protection. */
NTSTATUS MmCreateFileSection(MMSYSTEM *system, struct EX_FILE *file, const MM_FILE_IDENTITY *id,
                             uint64_t size, uint32_t protect, uint32_t attributes,
                             MMSECTION **out);
/* NtAreMappedFilesTheSame: two addresses in views of the same file. */
NTSTATUS MmAreMappedFilesTheSame(MMPROCESS *process, uint32_t first, uint32_t second);
/* NtFlushVirtualMemory: the dirty pages of the file views in [base, base +
 * size) are written to their file now; *flushed says how many. */
NTSTATUS MmFlushVirtualMemory(MMPROCESS *process, uint32_t *base, uint32_t *size,
                              uint32_t *flushed);
/* Coherence with NtReadFile / NtWriteFile (NT's cache manager maps the same
 * section): a read sees the resident pages of the file's segment over what
 * the file holds; a write updates them. Nothing happens for an unmapped file. */
void MmReadMappedFile(MMSYSTEM *system, uint64_t device, uint64_t inode, uint64_t offset,
                      void *buffer, uint32_t length);
void MmWriteMappedFile(MMSYSTEM *system, uint64_t device, uint64_t inode, uint64_t offset,
                       const void *buffer, uint32_t length);
/* NT's MmCanFileBeTruncated: false while a section of the file reaches
 * past the new size (STATUS_USER_MAPPED_FILE); a cached segment nothing
 * uses is purged, and true. */
bool MmCanFileBeTruncated(MMSYSTEM *system, uint64_t device, uint64_t inode, uint64_t size);
MMSECTION *MmObjectSection(struct EX_OBJECT *object);  /* NULL if not a section */

/* ------------------------------------------------- the native services
 * Pointer arguments are user-mode addresses in the caller's address
 * space; `target` is the process the handle named.
 */
NTSTATUS NtAllocateVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                                 uint32_t ZeroBits, uint32_t RegionSize,
                                 uint32_t AllocationType, uint32_t Protect);
NTSTATUS NtFreeVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                             uint32_t RegionSize, uint32_t FreeType);
NTSTATUS NtProtectVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                                uint32_t RegionSize, uint32_t NewProtect, uint32_t OldProtect);
/* VM_COUNTERS_EX's values, in bytes (wsquery.c); the caller adds the
 * page-fault count, which the trap handler keeps. */
typedef struct MM_VM_COUNTERS {
    uint32_t PeakVirtualSize, VirtualSize, PageFaultCount, PeakWorkingSetSize, WorkingSetSize;
    uint32_t QuotaPeakPagedPoolUsage, QuotaPagedPoolUsage;
    uint32_t QuotaPeakNonPagedPoolUsage, QuotaNonPagedPoolUsage;
    uint32_t PagefileUsage, PeakPagefileUsage, PrivateUsage;
} MM_VM_COUNTERS;
void MmQueryVmCounters(MMPROCESS *process, MM_VM_COUNTERS *counters);
/* The working-set limits, in pages; emptying it (returns pages trimmed). */
void MmGetWorkingSetLimits(MMPROCESS *process, uint32_t *minimum, uint32_t *maximum);
uint32_t MmEmptyWorkingSet(MMPROCESS *process);
uint32_t MmGetWorkingSetFlags(MMPROCESS *process);
/* SetProcessWorkingSetSizeEx's work, sizes in bytes: (-1, -1) empties the
 * working set, 0 leaves a limit as it is; a lower maximum trims now. */
NTSTATUS MmAdjustWorkingSetSize(MMPROCESS *process, uint32_t minimum, uint32_t maximum,
                                uint32_t flags);

/* VirtualLock / VirtualUnlock (locksup.c), MapType MAP_PROCESS. */
NTSTATUS NtLockVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                             uint32_t RegionSize, uint32_t MapType);
NTSTATUS NtUnlockVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                               uint32_t RegionSize, uint32_t MapType);
/* Write watch (wrtwatch.c): NtGetWriteWatch(Process, Flags, Base, Size,
 * Array, &Count, &Granularity) and NtResetWriteWatch(Process, Base, Size). */
NTSTATUS NtGetWriteWatch(MMPROCESS *caller, MMPROCESS *target, uint32_t Flags,
                         uint32_t BaseAddress, uint32_t RegionSize, uint32_t UserAddressArray,
                         uint32_t EntriesInUserAddressArray, uint32_t Granularity);
NTSTATUS NtResetWriteWatch(MMPROCESS *target, uint32_t BaseAddress, uint32_t RegionSize);
/* MEMORY_BASIC_INFORMATION, x86 layout (28 bytes). */
typedef struct MEMORY_BASIC_INFORMATION32 {
    uint32_t BaseAddress;
    uint32_t AllocationBase;
    uint32_t AllocationProtect;
    uint32_t RegionSize;
    uint32_t State;
    uint32_t Protect;
    uint32_t Type;
} MEMORY_BASIC_INFORMATION32;

NTSTATUS MmQueryVirtual(MMPROCESS *process, uint32_t address, MEMORY_BASIC_INFORMATION32 *info);
NTSTATUS NtQueryVirtualMemory(MMPROCESS *caller, MMPROCESS *target, uint32_t BaseAddress,
                              uint32_t MemoryInformationClass, uint32_t MemoryInformation,
                              uint32_t MemoryInformationLength, uint32_t ReturnLength);

/* Win32 constants mm's callers use. */
#define MEM_COMMIT      0x00001000u
#define MEM_RESERVE     0x00002000u
#define MEM_DECOMMIT    0x00004000u
#define MEM_RELEASE     0x00008000u
#define MEM_FREE        0x00010000u
#define MEM_PRIVATE     0x00020000u
#define MEM_MAPPED      0x00040000u
#define MEM_RESET       0x00080000u
#define MEM_TOP_DOWN    0x00100000u
#define MEM_WRITE_WATCH 0x00200000u
#define MEM_PHYSICAL    0x00400000u
#define MEM_RESET_UNDO  0x01000000u
#define MEM_LARGE_PAGES 0x20000000u
/* NtMapViewOfSection on 32-bit Windows: the base is rounded down to a page
 * and need only be page-aligned (MEM_DOS_LIM in NT's own headers). */
#define AT_ROUND_TO_PAGE 0x40000000u
#define MEM_IMAGE       0x01000000u

#define PAGE_NOACCESS          0x01u
#define PAGE_READONLY          0x02u
#define PAGE_READWRITE         0x04u
#define PAGE_WRITECOPY         0x08u
#define PAGE_EXECUTE           0x10u
#define PAGE_EXECUTE_READ      0x20u
#define PAGE_EXECUTE_READWRITE 0x40u
#define PAGE_EXECUTE_WRITECOPY 0x80u
#define PAGE_GUARD             0x100u
#define PAGE_NOCACHE           0x200u
#define PAGE_WRITECOMBINE      0x400u

#define MM_SHARED_USER_DATA_VA 0x7FFE0000u

/* ------------------------------------------------ the debugger (dbgview.c)
 * What gdb's stub reads and `monitor` shows, in WinDbg's names. Read-only
 * towards the memory manager: nothing here faults a page in or changes a
 * PTE, a page list or a working set. The reads and writes go through the
 * process's page tables and stop at the first page that is not resident
 * (a write also at one the process may not write, or copy-on-write):
 * they return how many bytes were done. The views print lines.
 */
typedef void (*MM_DEBUG_PRINT)(void *context, const char *line);
uint32_t MmDebugReadVirtual(MMPROCESS *process, uint32_t va, void *dst, uint32_t len);
/* The physical address a resident user page's va has (false: not resident). */
bool MmDebugTranslate(MMPROCESS *process, uint32_t va, uint32_t *pa);
uint32_t MmDebugWriteVirtual(MMPROCESS *process, uint32_t va, const void *src, uint32_t len);
void MmDebugPte(MMPROCESS *process, uint32_t va, MM_DEBUG_PRINT print, void *context);
void MmDebugVad(MMPROCESS *process, MM_DEBUG_PRINT print, void *context);
bool MmDebugPfn(MMSYSTEM *system, uint32_t pfn, MM_DEBUG_PRINT print, void *context);
void MmDebugWsle(MMPROCESS *process, MM_DEBUG_PRINT print, void *context);
void MmDebugAddress(MMPROCESS *process, MM_DEBUG_PRINT print, void *context);
void MmDebugMemUsage(MMSYSTEM *system, MM_DEBUG_PRINT print, void *context);
/* The fault log, flushed, for reading with SQLite (NULL: no log). */
struct sqlite3 *MmDebugFaultLog(MMSYSTEM *system);

#endif
