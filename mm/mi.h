/*
 * mm's private definitions: the PTE formats, the PFN database, VADs and
 * the routines the files of mm/ share. Nothing outside mm/ includes this;
 * the rest of the system uses mm/mm.h.
 *
 * Names follow NT's memory manager (MMPTE, MMPFN, MMVAD, Mi*), and so do the
 * encodings, so that what a student reads in Windows Internals is what the
 * code does.
 */
#ifndef NTMM_MI_H
#define NTMM_MI_H

#include <stdbool.h>
#include <stdint.h>

#include "emu/emu.h"
#include "ex/exassert.h"
#include "ex/handle.h"
#include "ex/ntstatus.h"
#include "mm/mm.h"
#include "pagefile/pagefile.h"

#define PAGE_SIZE  4096u
#define PAGE_SHIFT 12
#define PAGE_MASK  (PAGE_SIZE - 1)
#define ALLOCATION_GRANULARITY 0x10000u

#define MI_LOWEST_USER_ADDRESS  0x00010000u
#define MI_HIGHEST_USER_ADDRESS 0x7FFEFFFFu   /* MM_HIGHEST_USER_ADDRESS */
#define MI_USER_PROBE_ADDRESS   0x7FFF0000u
/* The highest address an allocation may reach (NT's MM_HIGHEST_VAD_ADDRESS):
 * the 64 KiB below it hold KUSER_SHARED_DATA. */
#define MI_HIGHEST_VAD_ADDRESS  (MI_HIGHEST_USER_ADDRESS - ALLOCATION_GRANULARITY)
#define MI_SYSTEM_RANGE_START   0x80000000u

/* ------------------------------------------------------------------ PTEs
 *
 * PAE: 64-bit entries. A valid PTE is what the CPU reads. An invalid one
 * (bit 0 clear) is NT's software PTE:
 *
 *   bit  0      Valid = 0
 *   bits 1-4    PageFileLow (which paging file)
 *   bits 5-9    Protection (MM_* below)
 *   bit  10     Prototype
 *   bit  11     Transition
 *   bits 12-..  PageFrameNumber, for a transition PTE
 *   bits 32-63  PageFileHigh: the pagefile slot; 0 means demand-zero
 *
 * A PTE of all zeros means "nothing here: ask the VAD".
 * Valid PTEs use the CPU-ignored bits 9 and 11 as NT does: bit 9 marks a
 * copy-on-write page, bit 11 is the software "writable" bit.
 */
typedef uint64_t MMPTE;

#define MM_PTE_VALID       EMU_PTE_PRESENT
#define MM_PTE_WRITE       EMU_PTE_WRITE
#define MM_PTE_OWNER       EMU_PTE_USER
#define MM_PTE_WRITETHROUGH (1ull << 3)
#define MM_PTE_CACHE_DISABLE (1ull << 4)
#define MM_PTE_ACCESSED    EMU_PTE_ACCESSED
#define MM_PTE_DIRTY       EMU_PTE_DIRTY
#define MM_PTE_COPY_ON_WRITE (1ull << 9)
#define MM_PTE_SW_WRITE    (1ull << 11)
#define MM_PTE_NO_EXECUTE  EMU_PTE_NX
#define MM_PTE_FRAME_MASK  EMU_PTE_FRAME

#define MM_PTE_PROTECTION_SHIFT 5
#define MM_PTE_PROTECTION_MASK  (0x1Full << MM_PTE_PROTECTION_SHIFT)
#define MM_PTE_PROTOTYPE   (1ull << 10)
#define MM_PTE_TRANSITION  (1ull << 11)
#define MM_PTE_PAGEFILE_HIGH_SHIFT 32

/* NT's 5-bit protection values (MmProtectToValue's output). */
#define MM_ZERO_ACCESS        0
#define MM_READONLY           1
#define MM_EXECUTE            2
#define MM_EXECUTE_READ       3
#define MM_READWRITE          4
#define MM_WRITECOPY          5
#define MM_EXECUTE_READWRITE  6
#define MM_EXECUTE_WRITECOPY  7
#define MM_PROTECT_ACCESS     7
#define MM_NOCACHE            0x08
#define MM_GUARD_PAGE         0x10
#define MM_WRITECOMBINE       0x18
#define MM_PROTECT_SPECIAL    0x18
#define MM_DECOMMIT           (MM_ZERO_ACCESS | MM_GUARD_PAGE)    /* 0x10 */
#define MM_NOACCESS           (MM_ZERO_ACCESS | MM_WRITECOMBINE)  /* 0x18 */
#define MM_INVALID_PROTECTION 0xFFFFFFFFu

static inline bool MiPteIsValid(MMPTE pte) { return (pte & MM_PTE_VALID) != 0; }
static inline bool MiPteIsTransition(MMPTE pte)
{
    return !(pte & MM_PTE_VALID) && !(pte & MM_PTE_PROTOTYPE) && (pte & MM_PTE_TRANSITION);
}
static inline uint32_t MiPteProtection(MMPTE pte)
{
    return (uint32_t)((pte & MM_PTE_PROTECTION_MASK) >> MM_PTE_PROTECTION_SHIFT);
}
static inline uint32_t MiPteFrame(MMPTE pte)
{
    return (uint32_t)((pte & MM_PTE_FRAME_MASK) >> PAGE_SHIFT);
}
static inline uint32_t MiPtePageFileHigh(MMPTE pte)
{
    return (uint32_t)(pte >> MM_PTE_PAGEFILE_HIGH_SHIFT);
}
/* The same PTE (or OriginalPte) with another protection. */
static inline MMPTE MiSetPteProtection(MMPTE pte, uint32_t protection)
{
    return (pte & ~MM_PTE_PROTECTION_MASK) | ((MMPTE)protection << MM_PTE_PROTECTION_SHIFT);
}
/* A software PTE that commits a page: demand-zero with this protection. */
static inline MMPTE MiMakeDemandZeroPte(uint32_t protection)
{
    return (MMPTE)protection << MM_PTE_PROTECTION_SHIFT;
}
static inline MMPTE MiMakeTransitionPte(uint32_t pfn, uint32_t protection)
{
    return ((MMPTE)pfn << PAGE_SHIFT) | MM_PTE_TRANSITION |
           ((MMPTE)protection << MM_PTE_PROTECTION_SHIFT);
}
static inline MMPTE MiMakePageFilePte(uint32_t slot, uint32_t protection)
{
    return ((MMPTE)slot << MM_PTE_PAGEFILE_HIGH_SHIFT) |
           ((MMPTE)protection << MM_PTE_PROTECTION_SHIFT);
}
/* The hardware PTE for a resident page with this NT protection. */
MMPTE MiMakeValidPte(uint32_t pfn, uint32_t protection);

/* protect.c: Win32 PAGE_* <-> MM_* (MmProtectToValue and its inverse). */
uint32_t MiMakeProtectionMask(uint32_t win32_protect);   /* MM_INVALID_PROTECTION if bad */
uint32_t MiProtectionToWin32(uint32_t mm_protection);
bool MiIsPteProtectionWritable(uint32_t mm_protection);
bool MiIsPteProtectionExecutable(uint32_t mm_protection);
/* WRITECOPY <-> READWRITE, EXECUTE_WRITECOPY <-> EXECUTE_READWRITE (copy:
 * towards WRITECOPY); other protections unchanged. A written copy-on-write
 * page becomes the process's own read/write page (copy false). */
uint32_t MiWithCopyOnWrite(uint32_t mm_protection, bool copy);

/* -------------------------------------------------------- PFN database */
typedef enum MMLISTS {
    ZeroedPageList = 0,
    FreePageList,
    StandbyPageList,
    ModifiedPageList,
    ModifiedNoWritePageList,
    BadPageList,
    ActiveAndValid,
    MiListCount
} MMLISTS;

typedef enum MI_PFN_USE {
    MiPfnUnused = 0,
    MiPfnProcessPrivate,
    MiPfnPageTable,
    MiPfnPageDirectory,
    MiPfnSystem,          /* emu's frames, shared kernel page tables */
    MiPfnSection,         /* a page of a section: its PTE is a prototype PTE */
} MI_PFN_USE;

#define MI_PFN_NONE 0xFFFFFFFFu

typedef struct MMPFN {
    uint32_t Flink;            /* list links (frame numbers), MI_PFN_NONE ends */
    uint32_t Blink;
    MMPTE OriginalPte;         /* the software PTE this page came from */
    struct MMPROCESS *Owner;   /* whose PTE maps it (private pages) */
    struct MMSECTION *Section; /* whose prototype PTE describes it (section pages) */
    uint32_t PteVa;            /* its virtual address (private pages), or its
                                  offset in the section (section pages) */
    uint16_t ReferenceCount;
    uint16_t ShareCount;
    uint8_t Location;          /* MMLISTS */
    uint8_t Use;               /* MI_PFN_USE */
    uint8_t Modified;
    uint8_t WriteInProgress;   /* the modified page writer's cluster holds it */
    uint8_t DeletePending;     /* its PTE went while the write (or read) was in flight */
    uint8_t ReadInProgress;    /* an in-page read fills it (inpage.c); its PTE is in transition */
    uint8_t Reserved[2];
    uint32_t UsedEntries;      /* page tables: non-zero PTEs in this table */
    uint32_t WsIndex;          /* its entry in the owner's working-set list */
} MMPFN;

/* The modified page writer writes at most this many pages in one cluster
 * (NT: 64 KiB). */
#define MI_CLUSTER_PAGES 16
/* A hard fault in sequence reads at most this many pages, its own and the
 * next ones in the pagefile (pagfault.c's ReadAhead). */
#define MI_READ_CLUSTER_PAGES 8


typedef struct MMPFNLIST {
    uint32_t Total;
    uint32_t Flink;
    uint32_t Blink;
} MMPFNLIST;

/*
 * mm's state for one machine (NT keeps it in globals: MmPfnDatabase, the
 * page lists, MmTotalCommittedPages...; here it is one object, so that two
 * machines can live in one host process). MmInitializeSystem creates it;
 * every MMPROCESS and MMSECTION points to the system it belongs to, so a
 * routine that has one of them reaches the PFN database through it, and
 * the routines that have neither take the system as their first argument.
 */
struct MMSYSTEM {
    EMU *Emu;
    uint8_t *Ram;
    uint32_t Frames;
    MMPFN *Pfn;
    MMPFNLIST Lists[MiListCount];
    /* Kernel space is the same in every process: these PDs are shared. */
    uint32_t KernelPd[2];      /* for 0x80000000-0xBFFFFFFF, 0xC0000000-0xFFFFFFFF */
    uint32_t SharedUserDataPfn;
    struct MI_IMAGE_FILE *ImageFiles; /* the image files mm has sections of (mapimage.c) */
    uint64_t CommittedPages;   /* private and image pages charged, system-wide */
    uint64_t CommitLimit;      /* RAM (less page tables) + the pagefile's maximum */
    bool TlbFlushPending;
    MM_STATS Stats;

    /* Paging (NULL: no pagefile, or paging has stopped: modified pages
     * then stay in memory). */
    PAGEFILE *PageFile;
    PAGEFILE *PagingFile;                /* the one mm opened and closes (pagfile.c) */
    uint32_t WsMinimum, WsMaximum;       /* defaults for new processes */
    bool WsMaximumHard;                  /* ...and whether that maximum is hard */
    uint32_t InjectReadErrorVa;          /* MM_CONFIG's test hook */
    uint32_t VerifyEvery, VerifyCountdown; /* MM_CONFIG.VerifyEvery */
    bool FaultLog;                       /* the pagefile keeps a fault log */
    /* Thresholds in pages, fixed at start from the size of RAM. */
    uint32_t ModifiedMaximum;            /* the MPW runs past this many */
    uint32_t ModifiedTarget;             /* ...and writes down to this */
    uint32_t PlentyAvailable;            /* below it: soft maximums are enforced (wsmanage.c) */
    uint32_t MinimumAvailable;           /* below it: trim every working set */
    uint32_t TrimTarget;                 /* ...until this many are available */
    /* The cluster the modified page writer has in flight. */
    uint32_t Cluster[MI_CLUSTER_PAGES];
    bool ClusterWritten[MI_CLUSTER_PAGES]; /* the write of each succeeded */
    uint32_t ClusterCount;
    uint64_t ClusterDueTime;             /* when its write completes (0: when the writer runs again) */
    /* In-page reads in flight (inpage.c), in issue order. */
    struct MMINPAGE_SUPPORT *InPageList;
    uint32_t InPageIssued;               /* numbers them */
    uint64_t IoCompletionTime;           /* of an I/O issued during the fault in progress */
    uint64_t FaultSequence;              /* numbers the fault log's rows */
    /* runlog.c: samples every SampleEvery faults (or instructions), and
     * snapshots after the faults SnapshotAt lists (ascending). */
    uint64_t SampleEvery, NextSample;
    uint64_t LastSampleFault, LastSampleTime; /* one sample per moment */
    bool SampledOnce;
    bool SampleInstructions;
    const uint64_t *SnapshotAt;
    uint32_t SnapshotCount, SnapshotNext;
    uint32_t NextSectionId;              /* the sections table's ids */
    struct MMPROCESS *Processes;         /* every address space, for trimming */
    const MM_FILE_IO *FileIo;            /* ke's paging I/O on files (filesect.c) */
    struct MMSECTION *Segments;          /* every file's segment */
    /* Frames [FreshFrame, Frames) were never used: zero (untouched host
     * memory), counted on the Zeroed list but not linked, their MMPFNs
     * untouched too, so host memory follows what the guest uses. */
    uint32_t FreshFrame;
};

static inline MMPFN *MiGetPfn(MMSYSTEM *system, uint32_t pfn) { return &system->Pfn[pfn]; }
static inline uint8_t *MiFrameAddress(MMSYSTEM *system, uint32_t pfn)
{
    return system->Ram + (size_t)pfn * PAGE_SIZE;
}

/* The frame's owner (NT's MiInitializePfn): a process's private page at va,
 * whose PTE is original when the frame is gone; or the index-th page of a
 * section (its prototype PTE), which no one process owns. */
static inline void MiSetPfnProcessOwner(MMPFN *p, MMPROCESS *owner, uint32_t va, MMPTE original)
{
    p->Use = MiPfnProcessPrivate;
    p->Owner = owner;
    p->PteVa = va & ~PAGE_MASK;
    p->OriginalPte = original;
}
static inline void MiSetPfnSectionOwner(MMPFN *p, MMSECTION *section, uint32_t index)
{
    p->Use = MiPfnSection;
    p->Section = section;
    p->Owner = NULL;
    p->PteVa = index << PAGE_SHIFT;
}

/* pfnlist.c */
void MiInsertPageInList(MMSYSTEM *system, MMLISTS list, uint32_t pfn);
void MiUnlinkPageFromList(MMSYSTEM *system, uint32_t pfn);
/* A zero-filled frame for a new page, or MI_PFN_NONE if memory is exhausted. */
uint32_t MiRemoveZeroPage(MMSYSTEM *system);
/* Any free frame (contents undefined), or MI_PFN_NONE. */
uint32_t MiRemoveAnyPage(MMSYSTEM *system);
/* The page is no longer mapped: back to the free list. */
void MiReleaseFrame(MMSYSTEM *system, uint32_t pfn);
uint32_t MiAvailablePages(MMSYSTEM *system);
/* Call before the host gives a frame new contents: a frame that was mapped
 * executable may still have translated code in Unicorn's cache. */
void MiPrepareFrameContents(MMSYSTEM *system, uint32_t pfn);

/* ------------------------------------------------------------- VADs */
typedef enum MI_VAD_TYPE {
    VadNone = 0,        /* private memory */
    VadImageMap,        /* an image (EXE, DLL) */
    VadSharedUserData,  /* KUSER_SHARED_DATA: cannot be freed or changed */
    VadSystem,          /* PEB/TEB: private, ordinary rules */
    VadMapped,          /* a view of a section */
} MI_VAD_TYPE;

typedef struct MMVAD {
    uint32_t StartingVpn;      /* first page number */
    uint32_t EndingVpn;        /* last page number, inclusive */
    struct MMVAD *Left, *Right, *Parent;
    int8_t Balance;            /* AVL: height(right) - height(left) */
    uint8_t PrivateMemory;
    uint8_t MemCommit;         /* committed at reservation: zero PTEs are demand-zero */
    uint8_t VadType;           /* MI_VAD_TYPE */
    uint8_t NoChange;          /* protection and release refused */
    uint32_t Protection;       /* MM_* at allocation (AllocationProtect) */
    uint32_t CommitCharge;     /* pages charged */
    uint32_t ImageBase;        /* for VadImageMap: AllocationBase */
    struct MMSECTION *Section; /* for VadMapped: the section viewed... */
    uint32_t FirstPrototype;   /* ...and the index of its first page in it */
    uint8_t WriteWatch;        /* MEM_WRITE_WATCH: private, reserved with it */
    uint32_t *WriteWatchBits;  /* pages written whose Dirty bit is gone (wrtwatch.c)... */
    uint32_t WriteWatchVpn;    /* ...bit 0's page (a partial release moves StartingVpn) */
} MMVAD;

typedef struct MM_AVL_TABLE {
    MMVAD *Root;
    uint32_t NumberGenericTableElements;
} MM_AVL_TABLE;

/* vadtree.c: an AVL tree keyed by [StartingVpn, EndingVpn]; ranges never overlap. */
void MiInsertVad(MM_AVL_TABLE *table, MMVAD *vad);     /* the range must be free */
void MiRemoveVad(MM_AVL_TABLE *table, MMVAD *vad);     /* does not free it */
MMVAD *MiLocateAddress(MM_AVL_TABLE *table, uint32_t vpn);  /* the VAD containing vpn */
/* The first VAD whose EndingVpn >= vpn (the one containing it, or the next). */
MMVAD *MiLocateVadAtOrAfter(MM_AVL_TABLE *table, uint32_t vpn);
/* Any VAD intersecting [start, end], inclusive. */
MMVAD *MiCheckForConflictingVad(MM_AVL_TABLE *table, uint32_t start_vpn, uint32_t end_vpn);
MMVAD *MiGetFirstVad(MM_AVL_TABLE *table);
MMVAD *MiGetNextVad(MMVAD *vad);
MMVAD *MiGetPreviousVad(MMVAD *vad);
/* A free range of `pages` pages, aligned to `align_pages`, inside
 * [low_vpn, high_vpn]; bottom-up or (top_down) from the top. 0 if none. */
uint32_t MiFindEmptyAddressRange(MM_AVL_TABLE *table, uint32_t pages, uint32_t align_pages,
                                 uint32_t low_vpn, uint32_t high_vpn, bool top_down);
/* Checks the AVL invariants; for tests. Returns the height or -1. */
int MiVerifyVadTree(MM_AVL_TABLE *table);

/* wrtwatch.c: a MEM_WRITE_WATCH VAD's bitmap; and, before a valid PTE in
 * such a VAD loses its Dirty bit (trimmed, decommitted), the write noted. */
NTSTATUS MiCreateWriteWatch(MMVAD *vad);
/* A partial release splits a VAD: the tail gets its own copy of the bits. */
NTSTATUS MiSplitWriteWatch(const MMVAD *vad, MMVAD *tail);
void MiCaptureWriteWatch(MMPROCESS *process, uint32_t va, MMPTE pte);

/* wsquery.c: NtQueryVirtualMemory's working-set classes. */
#define MemoryWorkingSetInformation   1
#define MemoryWorkingSetExInformation 4
#define MemoryRegionInformation       3
/* queryreg.c: MEMORY_REGION_INFORMATION for the allocation at address. */
NTSTATUS MiQueryRegionInformation(MMPROCESS *caller, MMPROCESS *target, uint32_t address,
                                  uint32_t buffer, uint32_t length, uint32_t return_length);
NTSTATUS MiQueryWorkingSetInformation(MMPROCESS *caller, MMPROCESS *target, uint32_t class,
                                      uint32_t buffer, uint32_t length, uint32_t return_length);
uint32_t MiWorkingSetExAttributes(MMPROCESS *process, uint32_t va);
/* locksup.c: the pages VirtualLock holds in the working set. */
uint32_t MiLockedPages(MMPROCESS *process);

/* ------------------------------------------------------ working sets
 * Every valid private page of a process has an entry in its working-set
 * list; the entry's Age counts the working-set manager's passes that found
 * the page's Accessed bit clear.
 */
typedef struct MMWSLE {
    uint32_t Va;
    uint32_t Pfn;
    uint8_t Age;
    uint8_t Protection;        /* a section page's protection in this view */
    uint8_t Locked;            /* VirtualLock: never trimmed (locksup.c) */
} MMWSLE;

/* SetProcessWorkingSetSizeEx's flags. Without MAX_ENABLE the maximum is
 * soft: the process grows past it while memory is plentiful (wsmanage.c). */
#define QUOTA_LIMITS_HARDWS_MIN_ENABLE  1u
#define QUOTA_LIMITS_HARDWS_MIN_DISABLE 2u
#define QUOTA_LIMITS_HARDWS_MAX_ENABLE  4u
#define QUOTA_LIMITS_HARDWS_MAX_DISABLE 8u

typedef struct MMWSL {
    MMWSLE *Wsle;
    uint32_t Count, Capacity;
    uint32_t Minimum, Maximum;
    uint32_t Flags;            /* QUOTA_LIMITS_HARDWS_MIN_ENABLE, _MAX_ENABLE: which limits are hard */
    uint32_t Peak;
    uint64_t TrimmedPages;
    /* Shared pages' entries, found by address: open addressing, index + 1
     * (0 is empty), as NT hashes the WSLEs of shared pages. */
    uint32_t *Hash;
    uint32_t HashSize;         /* a power of two, or 0 */
    uint32_t SharedCount;
} MMWSL;

/* ----------------------------------------------------- address spaces */
struct MMPROCESS {
    MMSYSTEM *System;          /* the machine's memory this space lives in */
    struct MMPROCESS *Next;    /* System->Processes */
    uint32_t ProcessId;        /* for the fault log */
    uint32_t ThreadId;         /* ...and the thread's on the CPU (MmSetCurrentThread) */
    uint32_t ServiceEip;       /* ...and the EIP of its current system call */
    uint32_t LastHardFault;    /* the page of its last hard fault (read-ahead) */
    MMWSL Ws;
    uint32_t PdptPfn;          /* CR3 points at this frame */
    uint32_t UserPd[2];        /* page directories for 0-1 GiB and 1-2 GiB */
    MM_AVL_TABLE VadRoot;
    uint32_t CommitCharge;     /* pages */
    uint32_t CommitPeak;
    uint64_t PeakVirtualPages; /* the most address space reserved, as last seen */
    uint32_t ResidentPages;
    uint32_t PeakResident;
    /* The TEB of the thread on the CPU (MmSetCurrentThread): its NtTib
     * and DeallocationStack say where MiCheckForUserStackOverflow grows. */
    uint32_t TebVa;
    /* DEP is off (MEM_EXECUTE_OPTION_ENABLE): readable pages may be run;
     * their NX bit is taken off at the first execute fault. */
    bool ExecuteEnable;
    /* MmAccessFault calls in progress: 2 while mm's own write to the TEB
     * (stack growth) faults the TEB page in. A nested fault never grows a
     * stack, so the recursion stops there (as NT refuses stack growth to a
     * thread that holds its address space's lock). */
    uint32_t FaultDepth;
};

/* pagetab.c: the host view of a PTE (NULL if its page table does not
 * exist and create is false, or no memory for one). */
MMPTE *MiGetPteAddress(MMPROCESS *process, uint32_t va, bool create);
/* Writes a PTE: keeps the page table's used-entry count, notes frames
 * mapped executable, and notes that the TLB must be flushed when a valid
 * translation changes. Every PTE write goes through here but one: usermem.c
 * sets Accessed and Dirty on a valid PTE when the kernel touches the page
 * for the guest, as the CPU itself sets them (nothing else changes). */
void MiWritePte(MMPROCESS *process, MMPTE *pte, MMPTE value);
void MiFlushTlbIfNeeded(MMSYSTEM *system);
uint32_t MiAllocatePageTablePage(MMSYSTEM *system, MI_PFN_USE use);

/* ---------------------------------------------------------- sections
 * A pagefile-backed section (NT's SECTION, SEGMENT and CONTROL_AREA in
 * one): its pages are described by prototype PTEs, one per page, kept in
 * host memory. A prototype PTE has the same formats as a process's PTE —
 * zero (not committed: SEC_RESERVE), demand-zero, valid (the frame every
 * view shares), transition, pagefile — and it, not the views' PTEs, holds
 * a shared page's pagefile slot. A view's PTE is zero (ask the VAD: the
 * prototype, with the view's protection), a prototype-pointer PTE (the
 * same, with this page's own protection), a valid PTE mapping the shared
 * frame, or — after a copy-on-write — the process's own private page.
 */
typedef struct MMSECTION {
    EX_OBJECT Header;          /* a handle names it; each view references it */
    MMSYSTEM *System;          /* whose frames hold its pages */
    uint32_t Pages;            /* the maximum size, in pages */
    uint64_t Size;             /* ...in bytes, as created */
    uint32_t Protection;       /* MM_* given at creation: what views may ask */
    uint32_t AllocationAttributes; /* SEC_COMMIT or SEC_RESERVE */
    uint32_t CommittedPages;   /* charged to the system, not to a process */
    uint32_t MappedViews;
    uint32_t Id;               /* for the pagefile's sections, slots and page locations */
    uint8_t Fork;              /* a clone block: private memory shared by a fork */
    uint8_t Image;             /* an image section... */
    uint8_t *ImageProtection;  /* ...and each page's protection (MM_*) */
    struct MI_IMAGE_FILE *ImageFile; /* the file it was made from (mapimage.c), or NULL */
    uint32_t ImageBase;        /* the base its pages are laid out and relocated for */
    uint32_t ImageCommitment;  /* its write-copy pages: charged to each process that maps it */
    MMPTE *PrototypePte;
    /* Over a file (filesect.c). A section object the guest holds points to
     * its file's segment; the segment (File set) holds the prototype PTEs,
     * and views and PFNs point to it. */
    struct MMSECTION *Segment; /* a section object: its file's segment */
    struct EX_FILE *File;      /* a segment: the file object it reads and writes */
    uint64_t Device, Inode;    /* ...the file's identity */
    struct MMSECTION *NextSegment; /* MMSYSTEM.Segments */
    uint32_t LastFileFault;    /* the index of its last hard-file fault + 1 (read-ahead) */
    /* A segment no section object or view uses any more, kept with its
     * pages on Standby (NT's cached control area: segcache.c). */
    uint8_t Cached;
    uint32_t CachedPages;      /* its frames still on Standby: at 0 it goes */
    uint64_t StampSize, StampTime; /* the file's size and write time when cached */
    char *FileName;
    /* Its section objects and views that may write the file (NT's
     * ControlArea->WritableUserReferences): while any exist, opening the
     * file without FILE_SHARE_WRITE is a sharing violation. */
    uint32_t WritableUserReferences;
} MMSECTION;

/* A segment's prototype PTE for a page that is in its file, not in memory
 * (NT's subsection PTE: the prototype bit in a prototype PTE). The page's
 * offset in the file is its index in the segment. */
static inline MMPTE MiMakeFilePte(uint32_t protection)
{
    return MM_PTE_PROTOTYPE | ((MMPTE)protection << MM_PTE_PROTECTION_SHIFT);
}
/* A section or view of this protection writes its file (copy-on-write
 * ones write copies). */
static inline bool MiWritesFile(uint32_t protection)
{
    uint32_t access = protection & MM_PROTECT_ACCESS;
    return MiIsPteProtectionWritable(protection) && access != MM_WRITECOPY &&
           access != MM_EXECUTE_WRITECOPY;
}
/* A view that writes its file: one of the segment's WritableUserReferences
 * while it is mapped (counted where views are mapped, cloned and unmapped). */
static inline bool MiViewWritesFile(const MMVAD *vad)
{
    return vad->VadType == VadMapped && vad->Section->File && MiWritesFile(vad->Protection);
}
static inline bool MiIsFilePte(MMPTE proto)
{
    return !(proto & MM_PTE_VALID) && (proto & MM_PTE_PROTOTYPE);
}
/*
 * An image file mm has made sections of (mapimage.c): the file object its
 * pages are read from (imagepage.c), the file's identity and the size and
 * time it had (a file changed since cannot give a consistent image: reads
 * then fail), its validated headers, its base relocations (read from the
 * file when a section needs them), and one section per base it was laid
 * out for — the preferred base, and any base it had to be relocated to.
 * Every process that maps the same file at the same base shares one
 * section, as NT shares an image's control area. The list holds a
 * reference to each section; they go when the machine does
 * (MmPurgeImageSections).
 */
#define MI_IMAGE_BASES 8
typedef struct MI_IMAGE_FILE {
    struct MI_IMAGE_FILE *Next;
    char Name[1024];           /* the file's path, for messages and the run record */
    struct EX_FILE *File;      /* referenced: the pages are read from it */
    uint64_t Device, Inode;
    uint64_t Size, Time;       /* as they were when the sections were made */
    struct IMAGE_INFO *Info;   /* rtl/rtlimage.h: the validated headers (Info->File NULL) */
    uint8_t *Relocations;      /* the raw base relocation directory, or NULL */
    uint32_t RelocationSize;
    uint32_t SectionCount;
    MMSECTION *Sections[MI_IMAGE_BASES];
} MI_IMAGE_FILE;

/* filesect.c: a section object or view of the file exists (NT's control
 * area with user references: the file cannot be deleted); a cached segment
 * with no users does not count. */
bool MiIsFileMapped(MMSYSTEM *system, uint64_t device, uint64_t inode);
/* segcache.c: the cache of unused data file segments (NT keeps a data
 * file's control area while its pages are on Standby). */
/* The segment's last section object and view went: true if it is kept,
 * its dirty pages written and its frames on Standby; false if it must be
 * deleted now (nothing resident, or a page it could not write). */
bool MiCacheSegment(MMSECTION *segment);
/* A section is made on a cached segment's file: true if the segment serves
 * it (the file is the same as when it was cached: size and write time),
 * now referencing `file`; false if the caller must purge it. */
bool MiReviveSegment(MMSECTION *segment, struct EX_FILE *file);
/* A cached segment's Standby page was repurposed (pfnlist.c): its last
 * one takes the segment with it (NT's MiCheckControlArea). */
void MiCachedSegmentPageGone(MMSECTION *segment);
/* The segment goes now: its frames freed, the file let go (MiSegmentDelete).
 * A cached segment's pages are all clean. */
void MiDeleteSegment(MMSECTION *segment);
/* The cached segment of this file, if any, goes (NT's purge of an unused
 * section: the file is truncated, deleted, or written from outside). */
void MiPurgeCachedSegment(MMSYSTEM *system, uint64_t device, uint64_t inode);
/* imagepage.c: an image section's page `index`, built from its file
 * (headers, section bytes, zero tail, relocations for the section's base)
 * into frame; STATUS_IN_PAGE_ERROR's third parameter on failure. */
NTSTATUS MiBuildImagePage(MMSECTION *section, uint32_t index, uint8_t *frame);
/* The page is written in place by every view (an IMAGE_SCN_MEM_SHARED
 * writable section): the one kind of image page that is not copy-on-write,
 * and so can be dirty and go to the pagefile. */
bool MiIsImagePageShared(const MMSECTION *section, uint32_t index);
/* The frame is an image section's page that views may only copy (every
 * image page but a shared section's): its contents are the file's. */
bool MiIsImageFrameCopyOnWrite(MMSYSTEM *system, uint32_t pfn);

/* A process PTE that sends the fault to the section's prototype PTE. */
static inline MMPTE MiMakePrototypePointerPte(uint32_t protection)
{
    return MM_PTE_PROTOTYPE | ((MMPTE)protection << MM_PTE_PROTECTION_SHIFT);
}
/* The hardware PTE mapping a frame: a clone block's frame is always
 * mapped copy-on-write (read-only with the copy-on-write bit), whatever
 * protection the page shows, so that the first write copies it. */
MMPTE MiMakeMappedPte(MMSYSTEM *system, uint32_t pfn, uint32_t protection);
/* forksup.c: a clone block of this many prototype PTEs (section.c). */
void MiInitializeSectionObject(MMSECTION *section, MMSYSTEM *system, uint32_t references,
                               void (*close)(EX_OBJECT *object), uint32_t id);
MMSECTION *MiCreateCloneSection(MMSYSTEM *system, uint32_t pages);
/* The PTE a frame belongs to: the process's, or a section's prototype. */
MMPTE *MiPfnPteAddress(MMPFN *p);
/* Writes a PTE wherever it lives (MiWritePte for page tables). */
void MiWritePteAnywhere(MMPFN *p, MMPTE *pte, MMPTE value);

/* section.c */
/* Resolves a fault on a view page whose PTE is zero or a prototype pointer. */
NTSTATUS MiResolveProtoPteFault(MMPROCESS *process, MMVAD *vad, MMPTE *pte, uint32_t va,
                                uint32_t protection, uint32_t access, MM_FAULT_INFO *info);
/* A write to a shared page of a copy-on-write view: the process's own copy. */
NTSTATUS MiCopyOnWrite(MMPROCESS *process, MMPTE *pte, uint32_t va, uint32_t protection,
                       MM_FAULT_INFO *info);
/* A view's valid PTE on a shared frame goes (trim, unmap): the PTE becomes
 * a prototype pointer with this protection, the frame loses a sharer and,
 * with none left, goes to Standby or Modified. The caller removes the
 * working-set entry. */
void MiReleaseSharedPage(MMPROCESS *process, MMPTE *pte, uint32_t protection);
/* A shared frame no view maps any more goes to Standby or Modified. */
void MiReleaseSharedFrame(MMSYSTEM *system, uint32_t pfn);
/* SEC_RESERVE: MEM_COMMIT in a view commits the section's pages. */
NTSTATUS MiCommitSectionPages(MMVAD *vad, uint32_t start, uint32_t end);
/* The prototype PTE behind a view page. */
MMPTE *MiViewPrototype(MMVAD *vad, uint32_t va);
/* The working-set entry of a page in a process (shared frames have one per process). */
MMWSLE *MiFindWsle(MMPROCESS *process, uint32_t pfn, uint32_t va);
uint32_t MiUnmapView(MMPROCESS *process, MMVAD *vad);
/* May a view of a section created with `section` protection have `view`? */
bool MiIsProtectionCompatible(uint32_t section, uint32_t view);
/* protect.c: the allocation's NOCACHE/WRITECOMBINE on a page protection. */
uint32_t MiWithAllocationCache(const MMVAD *vad, uint32_t protection);
/* protview.c: a new protection for pages of a mapped view (within the
 * view's and the section's rights), and MEM_COMMIT on a view. */
bool MiIsViewProtectionCompatible(const MMVAD *vad, uint32_t protection);
NTSTATUS MiCommitViewPages(MMPROCESS *process, MMVAD *vad, uint32_t start, uint32_t end,
                           uint32_t protection);

/* wslist.c: the working-set list. */
bool MiInsertWsle(MMPROCESS *process, uint32_t pfn, uint32_t va);
void MiRemoveWsle(MMPROCESS *process, uint32_t pfn);
/* The same for a frame that several processes may map (one entry each). */
bool MiInsertSharedWsle(MMPROCESS *process, uint32_t pfn, uint32_t va, uint32_t protection);
void MiRemoveWsleAt(MMPROCESS *process, uint32_t index);
/* After the list was compacted: the shared entries' hash again. */
void MiRehashWsl(MMPROCESS *process);
void MiFreeWsl(MMPROCESS *process);

/* wsmanage.c: aging and trimming. */
/* Takes a valid private page out of its working set: its PTE becomes a
 * transition PTE, the frame goes to Standby (clean) or Modified (dirty). */
void MiTrimPage(MMPROCESS *process, MMPTE *pte, uint32_t pfn, uint32_t va);
/* One pass of the working-set manager over a process: age every entry,
 * then trim the `pages` oldest. Returns how many were trimmed. */
uint32_t MiTrimWorkingSet(MMPROCESS *process, uint32_t pages, const char *reason);
/* After a page joins a working set: trim if the process is over its
 * maximum, and every working set if available memory is low. */
void MiWorkingSetManager(MMPROCESS *faulting);

/* modwrite.c: the modified page writer. */
/* Writes clusters until the Modified list is down to `target` pages (or
 * nothing more can be written). Returns the pages written. */
uint32_t MiModifiedPageWriter(MMSYSTEM *system, uint32_t target);
/* Completes the cluster in flight (its pages go to Standby, or stay
 * modified if they were dirtied again). */
void MiCompleteModifiedWrite(MMSYSTEM *system);
/* A page from the Modified list can only become free once written. */
bool MiReleasePageFileSlot(MMSYSTEM *system, MMPTE *original);

/* pagfault.c */
NTSTATUS MiResolveFault(MMPROCESS *process, uint32_t va, uint32_t access, bool user_mode,
                        MM_FAULT_INFO *info);
/* A frame becomes a valid private page at va (PTE, PFN, working set). */
NTSTATUS MiAddValidPage(MMPROCESS *process, MMPTE *pte, uint32_t va, uint32_t pfn,
                        MMPTE original);
/* Makes a resident, zeroed private page valid at va with this protection. */
NTSTATUS MiMakePrivatePageValid(MMPROCESS *process, MMPTE *pte, uint32_t va,
                                uint32_t protection);
/* A frame holding the slot's page, or the in-page error (info->Kind,
 * info->IoStatus) with the frame freed. va names the page for
 * --inject-read-error (0: a read no fault asked for, never injected). */
NTSTATUS MiReadPageFromPageFile(MMSYSTEM *system, uint32_t slot, uint32_t va, uint32_t *pfn,
                                MM_FAULT_INFO *info);
/* A valid page's protection, and changing it (PFN or working-set entry). */
uint32_t MiValidPageProtection(MMPROCESS *process, uint32_t pfn, uint32_t va);
void MiSetValidPageProtection(MMPROCESS *process, uint32_t pfn, uint32_t va,
                              uint32_t protection);
/* The protection a page at va would have: from its PTE or its VAD. */
uint32_t MiQueryPageProtection(MMPROCESS *process, MMVAD *vad, uint32_t va, bool *committed);
/* deleteva.c: frees what a PTE holds (a frame, valid or in transition; a
 * pagefile slot) and writes `replacement` (0, or e.g. MM_DECOMMIT).
 * Returns true if a page was resident. */
bool MiDeletePte(MMPROCESS *process, MMPTE *pte, uint32_t va, MMPTE replacement);

/* inpage.c: in-page I/O. Where a page's contents come from: a pagefile
 * slot, or (Read set) a reader of the caller's, e.g. a mapped file's. */
typedef struct MI_PAGE_SOURCE {
    uint32_t Slot;
    NTSTATUS (*Read)(MMSYSTEM *system, const struct MI_PAGE_SOURCE *source, uint32_t va,
                     uint8_t *frame);
    const void *Context;
    uint64_t Offset;
} MI_PAGE_SOURCE;
/* Reads the page into the frame (the one entry every page read goes
 * through; --inject-read-error applies to it). */
NTSTATUS MiReadPageInto(MMSYSTEM *system, const MI_PAGE_SOURCE *source, uint32_t va,
                        uint32_t pfn);
/* --inject-read-error: when va is the page it names, the pagefile's next
 * read of slot fails (once). */
void MiArmInjectedReadError(MMSYSTEM *system, uint32_t va, uint32_t slot);
/* A hard fault's cluster: the slots into the frames (taken, not yet in any
 * list), as one request to the pagefile; how many were read, from the
 * first on, and the status of the read that stopped it (*io). */
uint32_t MiReadPageFileCluster(MMSYSTEM *system, uint32_t count, const uint32_t *slots,
                               const uint32_t *pfns, NTSTATUS *io);
/* NT's MiIssuePageRead: a frame, the read, the PTE in transition with the
 * PFN read-in-progress, and an in-page block the faulting thread waits on
 * (STATUS_PENDING, info->InPage). `original` is what the PFN's OriginalPte
 * becomes (the pagefile PTE). STATUS_NO_MEMORY if no frame. */
NTSTATUS MiIssuePageRead(MMPROCESS *process, MMPTE *pte, uint32_t va, MMPTE original,
                         const MI_PAGE_SOURCE *source, MM_FAULT_INFO *info);
/* The same for the index-th page of a section (its prototype PTE goes in
 * transition; the page is on Standby when the read completes). */
NTSTATUS MiIssueSectionRead(MMPROCESS *process, MMSECTION *section, uint32_t index, uint32_t va,
                            const MI_PAGE_SOURCE *source, MM_FAULT_INFO *info);
/* A fault on a transition PTE whose frame is being read: the collided
 * fault waits on the same block (or, if it cannot wait, the read is
 * completed now). */
NTSTATUS MiResolveCollidedFault(MMPROCESS *process, MMPTE *pte, uint32_t va,
                                MM_FAULT_INFO *info);
/* Every read in flight completes now (paging stops). */
void MiCompleteAllInPage(MMSYSTEM *system);
/* The machine goes: the blocks still referenced go too. */
void MiFreeInPageBlocks(MMSYSTEM *system);
/* The fault log's status for a fault that waits: what the read will give. */
NTSTATUS MiInPageOutcome(const MMINPAGE_SUPPORT *block);

/* pfncheck.c: MmVerifyMemory after a fault (MM_CONFIG.VerifyEvery); aborts
 * the run with the inconsistency if there is one. */
void MiVerifyAfterFault(MMSYSTEM *system);

/* faultlog.c: a row of the pagefile's fault log. */
void MiLogFault(MMPROCESS *process, uint32_t va, uint32_t access, NTSTATUS status,
                const MM_FAULT_INFO *info);

/* runlog.c: the run over time (nothing happens when the log is off). */
void MiLogEvent(MMSYSTEM *system, const char *kind, uint32_t process, uint32_t pages,
                uint32_t slot, const char *reason, bool coalesce);
void MiAfterFaultLogged(MMSYSTEM *system, uint64_t sequence);
void MiRecordSection(MMSECTION *section, const char *name);

/* allocvm.c: VADs and commit charge. */
MMVAD *MiAllocateVad(uint32_t start_vpn, uint32_t end_vpn, MI_VAD_TYPE type, uint32_t protection);
NTSTATUS MiAllocateChargedVad(MMPROCESS *process, uint32_t start_vpn, uint32_t end_vpn,
                              MI_VAD_TYPE type, uint32_t protection, uint32_t charge,
                              MMVAD **out);
void MiFreeVad(MMVAD *vad);
/* Charges commit for pages, or fails with nothing changed. */
/* The system's charge alone (a section's pages belong to no process). */
bool MiChargeSystemCommitment(MMSYSTEM *system, uint32_t pages);
bool MiChargeCommitment(MMPROCESS *process, uint32_t pages);
void MiReturnCommitment(MMPROCESS *process, uint32_t pages);
/* Sets the protection of one committed page, resident or not. */
void MiSetPageProtection(MMPROCESS *process, MMVAD *vad, uint32_t va, uint32_t protection);
/* Creates the page tables for [start, end] (false: out of frames). */
bool MiMakePageTablesExist(MMPROCESS *process, uint32_t start, uint32_t end);
/* NT's argument probes for the services: ProbeForWriteUlong and capture,
 * and ProbeForWrite. They return the status of the exception NT raises. */
NTSTATUS MiCaptureUlong(MMPROCESS *caller, uint32_t va, uint32_t *value);
NTSTATUS MiProbeForWrite(MMPROCESS *caller, uint32_t va, uint32_t length, uint32_t alignment);

/* imagepage.c: where an image section's page comes from (MiBuildImagePage). */
MI_PAGE_SOURCE MiImagePageSource(MMSECTION *section, uint32_t index);
/* filesect.c: a page of a section over a file — a data file's segment or
 * an image — comes in. The one routine that reads such a page when the
 * thread cannot wait: a frame holding page `index`, or the in-page error
 * (info->Kind, info->IoStatus) with no frame taken. va names the page for
 * --inject-read-error (0: never injected). */
NTSTATUS MiReadSectionPage(MMSECTION *section, uint32_t index, uint32_t va, uint32_t *pfn,
                           MM_FAULT_INFO *info);
/* The same through timed in-page I/O (the thread waits: STATUS_PENDING). */
NTSTATUS MiIssueSectionPageRead(MMPROCESS *process, MMSECTION *section, uint32_t index,
                                uint32_t va, MM_FAULT_INFO *info);
/* After a hard-file fault on page `index`: the next pages of a sequential
 * reader come in too, to Standby. */
void MiFileReadAhead(MMSECTION *segment, uint32_t index);
static inline bool MiIsFilePage(const MMPFN *p)
{
    return p->Use == MiPfnSection && p->Section && p->Section->File;
}
/* mapwrite.c: the mapped page writer. Writes a file page's frame to its
 * file; true if written (the frame is then clean). */
bool MiWriteFilePage(MMSYSTEM *system, uint32_t pfn);
/* A dirty file page on the Modified list, written: to Standby if the write
 * went through, back on Modified if not. */
bool MiWriteModifiedFilePage(MMSYSTEM *system, uint32_t pfn);
/* Writes the file pages on the Modified list; returns how many. */
uint32_t MiMappedPageWriter(MMSYSTEM *system);

/* mapimage.c */
void MiUnmapImage(MMPROCESS *process, MMVAD *vad);

#endif
