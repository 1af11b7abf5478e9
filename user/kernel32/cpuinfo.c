/*
 * The processor, as programs that size thread pools and buffers ask about
 * it: GetLogicalProcessorInformation(Ex) and GetSystemTimes.
 *
 * The machine has one processor: one core in one package, one NUMA node,
 * one processor group. Its caches are the ones the emulated CPU describes
 * in CPUID leaf 4 (deterministic cache parameters), read here with the
 * CPUID instruction as Windows' kernel reads them at boot: level, type,
 * ways, line size and size (ways x partitions x line size x sets).
 */
#include "kernel32/kernel32.h"

#define ERROR_INSUFFICIENT_BUFFER 122

/* LOGICAL_PROCESSOR_RELATIONSHIP and PROCESSOR_CACHE_TYPE. */
enum { RelationProcessorCore, RelationNumaNode, RelationCache, RelationProcessorPackage, RelationGroup };
#define RelationAll 0xFFFF
enum { CacheUnified, CacheInstruction, CacheData, CacheTrace };

#define MAX_CACHES 8

typedef struct CACHE {
    BYTE Level, Associativity;
    WORD LineSize;
    DWORD Size, Type;
} CACHE;

static void Cpuid(DWORD leaf, DWORD sub, DWORD r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

/* The caches CPUID leaf 4 lists, in its order (L1 data, L1 instruction,
 * L2...); none if the CPU has no leaf 4. */
static DWORD Caches(CACHE *caches)
{
    DWORD r[4], count = 0;
    Cpuid(0, 0, r);
    if (r[0] < 4) {
        return 0;
    }
    for (DWORD sub = 0; count < MAX_CACHES; sub++) {
        Cpuid(4, sub, r);
        DWORD type = r[0] & 0x1F; /* 0: no more; 1 data, 2 instruction, 3 unified */
        if (type == 0 || type > 3) {
            break;
        }
        DWORD ways = (r[1] >> 22) + 1, partitions = ((r[1] >> 12) & 0x3FF) + 1;
        DWORD line = (r[1] & 0xFFF) + 1, sets = r[2] + 1;
        CACHE *c = &caches[count++];
        c->Level = (BYTE)((r[0] >> 5) & 7);
        /* Fully associative (bit 9) is 0xFF to Windows. */
        c->Associativity = (r[0] & 0x200) ? 0xFF : (BYTE)ways;
        c->LineSize = (WORD)line;
        c->Size = ways * partitions * line * sets;
        c->Type = type == 1 ? CacheData : type == 2 ? CacheInstruction : CacheUnified;
    }
    return count;
}

/* SYSTEM_LOGICAL_PROCESSOR_INFORMATION, x86: 24 bytes. */
typedef struct SLPI {
    ULONG_PTR ProcessorMask;
    DWORD Relationship;
    union {
        BYTE Flags;             /* ProcessorCore */
        DWORD NodeNumber;       /* NumaNode */
        CACHE Cache;
        ULONGLONG Reserved[2];
    } u;
} SLPI;

BOOL WINAPI GetLogicalProcessorInformation(void *buffer, DWORD *length)
{
    if (!length) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    CACHE caches[MAX_CACHES];
    DWORD count = Caches(caches);
    DWORD need = (3 + count) * sizeof(SLPI); /* core, caches, package, node */
    if (!buffer || *length < need) {
        *length = need;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    SLPI *p = buffer;
    memset(p, 0, need);
    p->ProcessorMask = 1;
    p->Relationship = RelationProcessorCore;
    p->u.Flags = 0; /* one logical processor in the core: no SMT */
    p++;
    for (DWORD i = 0; i < count; i++, p++) {
        p->ProcessorMask = 1;
        p->Relationship = RelationCache;
        p->u.Cache = caches[i];
    }
    p->ProcessorMask = 1;
    p->Relationship = RelationProcessorPackage;
    p++;
    p->ProcessorMask = 1;
    p->Relationship = RelationNumaNode;
    p->u.NodeNumber = 0;
    *length = need;
    return TRUE;
}

/* SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX, x86: Relationship and Size,
 * then the relationship's structure, whose processors are GROUP_AFFINITY
 * {KAFFINITY Mask; WORD Group; WORD Reserved[3]} (12 bytes). */
#define EX_HEADER 8
#define EX_PROCESSOR (EX_HEADER + 24 + 12)  /* Flags, EfficiencyClass, Reserved[20], GroupCount */
#define EX_NUMA (EX_HEADER + 24 + 12)       /* NodeNumber, Reserved[18], GroupCount */
#define EX_CACHE (EX_HEADER + 32 + 12)      /* the CACHE_DESCRIPTOR fields, Reserved[18], GroupCount */
#define EX_GROUP (EX_HEADER + 24 + 44)      /* Maximum/ActiveGroupCount, Reserved[20], one PROCESSOR_GROUP_INFO */

static void Put16(BYTE *p, WORD v)
{
    memcpy(p, &v, 2);
}

static void Put32(BYTE *p, DWORD v)
{
    memcpy(p, &v, 4);
}

/* One entry at p (if p): its size. */
static DWORD PutEntry(BYTE *p, DWORD relationship, const CACHE *cache)
{
    DWORD size = relationship == RelationCache ? EX_CACHE
                 : relationship == RelationGroup ? EX_GROUP
                 : relationship == RelationNumaNode ? EX_NUMA
                                                    : EX_PROCESSOR;
    if (!p) {
        return size;
    }
    memset(p, 0, size);
    Put32(p, relationship);
    Put32(p + 4, size);
    BYTE *body = p + EX_HEADER;
    switch (relationship) {
    case RelationProcessorCore:
    case RelationProcessorPackage:
        Put16(body + 22, 1);      /* GroupCount */
        Put32(body + 24, 1);      /* GroupMask[0].Mask; Group 0 */
        break;
    case RelationNumaNode:
        Put16(body + 22, 1);      /* NodeNumber 0; GroupCount */
        Put32(body + 24, 1);
        break;
    case RelationCache:
        body[0] = cache->Level;
        body[1] = cache->Associativity;
        Put16(body + 2, cache->LineSize);
        Put32(body + 4, cache->Size);
        Put32(body + 8, cache->Type);
        Put16(body + 30, 1);      /* GroupCount */
        Put32(body + 32, 1);
        break;
    case RelationGroup:
        Put16(body, 1);           /* MaximumGroupCount */
        Put16(body + 2, 1);       /* ActiveGroupCount */
        body[24] = 1;             /* MaximumProcessorCount */
        body[25] = 1;             /* ActiveProcessorCount */
        Put32(body + 24 + 40, 1); /* ActiveProcessorMask */
        break;
    default:
        break;
    }
    return size;
}

/* Every entry of the relationship asked for, in the order of the plain
 * call (core, caches, package, node, then the group); their total size. */
static DWORD PutEntries(BYTE *p, DWORD relationship, const CACHE *caches, DWORD count)
{
    static const DWORD order[] = {RelationProcessorCore, RelationCache, RelationProcessorPackage,
                                  RelationNumaNode, RelationGroup};
    DWORD total = 0;
    for (DWORD i = 0; i < sizeof order / sizeof order[0]; i++) {
        if (relationship != RelationAll && relationship != order[i]) {
            continue;
        }
        DWORD n = order[i] == RelationCache ? count : 1;
        for (DWORD j = 0; j < n; j++) {
            total += PutEntry(p ? p + total : NULL, order[i], &caches[j]);
        }
    }
    return total;
}

BOOL WINAPI GetLogicalProcessorInformationEx(DWORD relationship, void *buffer, DWORD *length)
{
    if (!length || (relationship > RelationGroup && relationship != RelationAll)) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    CACHE caches[MAX_CACHES];
    DWORD count = Caches(caches);
    DWORD need = PutEntries(NULL, relationship, caches, count);
    if (!buffer || *length < need) {
        *length = need;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    PutEntries(buffer, relationship, caches, count);
    *length = need;
    return TRUE;
}

/* GetSystemTimes: the processor's idle, kernel (idle included, as NT
 * counts it) and user time since boot, summed over processors. */
#define SystemProcessorPerformanceInformation 8

BOOL WINAPI GetSystemTimes(FILETIME *idle, FILETIME *kernel, FILETIME *user)
{
    struct {
        LARGE_INTEGER Idle, Kernel, User, Dpc, Interrupt;
        ULONG InterruptCount;
    } info;
    NTSTATUS status = NtQuerySystemInformation(SystemProcessorPerformanceInformation, &info,
                                               sizeof info, NULL);
    if (!NT_SUCCESS(status)) {
        BaseSetLastNtError(status);
        return FALSE;
    }
    const LARGE_INTEGER *times[3] = {&info.Idle, &info.Kernel, &info.User};
    FILETIME *out[3] = {idle, kernel, user};
    for (int i = 0; i < 3; i++) {
        if (out[i]) {
            out[i]->dwLowDateTime = times[i]->u.LowPart;
            out[i]->dwHighDateTime = (DWORD)times[i]->u.HighPart;
        }
    }
    return TRUE;
}
