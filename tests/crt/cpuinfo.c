/* The machine as kernel32 describes it: GetLogicalProcessorInformation and
 * its Ex form (one core, one package, one node, one group; the caches of
 * the CPU's own CPUID leaf 4; ERROR_INSUFFICIENT_BUFFER with the length
 * needed), GetSystemTimes (kernel time includes idle time; a sleep is
 * idle time, work is user time), GetProcessIoCounters (the reads and
 * writes made, to the byte), GetSystemInfo and GetNativeSystemInfo against
 * CPUID, IsProcessorFeaturePresent against CPUID, processor groups and
 * NUMA nodes. Each check states
 * Windows' answer (Microsoft's documentation of the calls and of
 * SYSTEM_LOGICAL_PROCESSOR_INFORMATION(_EX); Wine's
 * dlls/kernel32/tests/process.c and ntdll/tests/info.c). */
#define _WIN32_WINNT 0x0602
#include "../guesttest.h"
#include <wchar.h>

static void Cpuid(unsigned leaf, unsigned sub, unsigned r[4])
{
    __asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3]) : "a"(leaf), "c"(sub));
}

static const char *CacheType(PROCESSOR_CACHE_TYPE type)
{
    return type == CacheData ? "data" : type == CacheInstruction ? "instruction" : type == CacheUnified ? "unified" : "trace";
}

static void Plain(void)
{
    DWORD length = 0;
    SetLastError(0xdeadbeef);
    Check(!GetLogicalProcessorInformation(NULL, NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
          "GetLogicalProcessorInformation(NULL, NULL): ERROR_INVALID_PARAMETER");
    SetLastError(0xdeadbeef);
    Check(!GetLogicalProcessorInformation(NULL, &length) && GetLastError() == ERROR_INSUFFICIENT_BUFFER &&
              length && length % sizeof(SYSTEM_LOGICAL_PROCESSOR_INFORMATION) == 0,
          "no buffer: ERROR_INSUFFICIENT_BUFFER, the length needed (whole entries)");
    SYSTEM_LOGICAL_PROCESSOR_INFORMATION info[16];
    DWORD small = sizeof info[0];
    SetLastError(0xdeadbeef);
    Check(!GetLogicalProcessorInformation(info, &small) && GetLastError() == ERROR_INSUFFICIENT_BUFFER &&
              small == length,
          "one entry's room: ERROR_INSUFFICIENT_BUFFER, the same length");
    DWORD got = sizeof info;
    Check(GetLogicalProcessorInformation(info, &got) && got == length, "GetLogicalProcessorInformation");
    int cores = 0, packages = 0, nodes = 0, caches = 0, masks = 1;
    for (DWORD i = 0; i < got / sizeof info[0]; i++) {
        masks &= info[i].ProcessorMask == 1;
        switch (info[i].Relationship) {
        case RelationProcessorCore:
            cores++;
            break;
        case RelationProcessorPackage:
            packages++;
            break;
        case RelationNumaNode:
            nodes += info[i].NumaNode.NodeNumber == 0;
            break;
        case RelationCache:
            caches++;
            printf("     L%u %s cache: %lu KiB, %u-way, %u-byte lines\n", info[i].Cache.Level,
                   CacheType(info[i].Cache.Type), info[i].Cache.Size / 1024, info[i].Cache.Associativity,
                   info[i].Cache.LineSize);
            break;
        default:
            break;
        }
    }
    Check(cores == 1 && packages == 1 && nodes == 1 && masks, "one core, one package, node 0; processor mask 1");

    /* The caches are CPUID leaf 4's, in its order. */
    unsigned r[4];
    int matched = 1, n = 0;
    Cpuid(0, 0, r);
    for (unsigned sub = 0; r[0] >= 4 && n < caches; sub++) {
        unsigned c[4];
        Cpuid(4, sub, c);
        if ((c[0] & 0x1F) == 0) {
            break;
        }
        unsigned size = ((c[1] >> 22) + 1) * (((c[1] >> 12) & 0x3FF) + 1) * ((c[1] & 0xFFF) + 1) * (c[2] + 1);
        SYSTEM_LOGICAL_PROCESSOR_INFORMATION *e = &info[1 + n];
        matched &= e->Relationship == RelationCache && e->Cache.Size == size &&
                   e->Cache.Level == ((c[0] >> 5) & 7) && e->Cache.LineSize == (c[1] & 0xFFF) + 1;
        n++;
    }
    Check(matched && n == caches && caches > 0, "the caches: CPUID leaf 4's, level, size and line");
}

static void Extended(void)
{
    DWORD length = 0;
    SetLastError(0xdeadbeef);
    Check(!GetLogicalProcessorInformationEx(RelationAll, NULL, &length) &&
              GetLastError() == ERROR_INSUFFICIENT_BUFFER && length > 0,
          "GetLogicalProcessorInformationEx(RelationAll) with no buffer: the length needed");
    static BYTE buffer[2048];
    DWORD got = sizeof buffer;
    Check(GetLogicalProcessorInformationEx(RelationAll, (void *)buffer, &got) && got == length,
          "GetLogicalProcessorInformationEx(RelationAll)");
    int counts[5] = {0}, sizes_right = 1, masks = 1;
    DWORD walked = 0;
    while (walked < got) {
        SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX *e = (void *)(buffer + walked);
        DWORD want = 0;
        switch (e->Relationship) {
        case RelationProcessorCore:
        case RelationProcessorPackage:
            want = FIELD_OFFSET(SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX, Processor) + sizeof(PROCESSOR_RELATIONSHIP);
            masks &= e->Processor.GroupCount == 1 && e->Processor.GroupMask[0].Mask == 1 &&
                     e->Processor.GroupMask[0].Group == 0;
            break;
        case RelationNumaNode:
            want = FIELD_OFFSET(SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX, NumaNode) + sizeof(NUMA_NODE_RELATIONSHIP);
            masks &= e->NumaNode.NodeNumber == 0 && e->NumaNode.GroupMask.Mask == 1;
            break;
        case RelationCache:
            want = FIELD_OFFSET(SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX, Cache) + sizeof(CACHE_RELATIONSHIP);
            masks &= e->Cache.GroupMask.Mask == 1;
            break;
        case RelationGroup:
            want = FIELD_OFFSET(SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX, Group) + sizeof(GROUP_RELATIONSHIP);
            masks &= e->Group.MaximumGroupCount == 1 && e->Group.ActiveGroupCount == 1 &&
                     e->Group.GroupInfo[0].ActiveProcessorCount == 1 &&
                     e->Group.GroupInfo[0].ActiveProcessorMask == 1;
            break;
        default:
            break;
        }
        sizes_right &= e->Size == want;
        if (e->Relationship <= RelationGroup) {
            counts[e->Relationship]++;
        }
        if (!e->Size) {
            break;
        }
        walked += e->Size;
    }
    Check(walked == got && sizes_right, "each entry's Size: its relationship's structure, x86 layout");
    Check(counts[RelationProcessorCore] == 1 && counts[RelationProcessorPackage] == 1 &&
              counts[RelationNumaNode] == 1 && counts[RelationGroup] == 1 && counts[RelationCache] >= 1,
          "a core, a package, a node, a group, the caches");
    Check(masks, "every mask: processor 0 of group 0");
    DWORD caches = sizeof buffer;
    Check(GetLogicalProcessorInformationEx(RelationCache, (void *)buffer, &caches) &&
              caches == (DWORD)counts[RelationCache] * ((SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX *)buffer)->Size,
          "RelationCache: the caches alone");
    SetLastError(0xdeadbeef);
    got = sizeof buffer;
    Check(!GetLogicalProcessorInformationEx((LOGICAL_PROCESSOR_RELATIONSHIP)0x1234, (void *)buffer, &got) &&
              GetLastError() == ERROR_INVALID_PARAMETER,
          "an unknown relationship: ERROR_INVALID_PARAMETER");
}

static ULONGLONG Value(FILETIME t)
{
    return (ULONGLONG)t.dwHighDateTime << 32 | t.dwLowDateTime;
}

static volatile unsigned Sink;

static void Times(void)
{
    FILETIME idle1, kernel1, user1, idle2, kernel2, user2;
    Check(GetSystemTimes(&idle1, &kernel1, &user1), "GetSystemTimes");
    Check(Value(kernel1) >= Value(idle1), "kernel time includes idle time");
    Sleep(100);
    for (unsigned i = 0; i < 1000000; i++) {
        Sink += i;
    }
    Check(GetSystemTimes(&idle2, &kernel2, &user2), "GetSystemTimes again");
    Check(Value(idle2) - Value(idle1) >= 1000000, "a 100 ms sleep: 100 ms more idle (nothing else runs)");
    Check(Value(user2) > Value(user1), "work: more user time");
    Check(GetSystemTimes(NULL, NULL, &user1), "each time may be NULL");
    FILETIME creation, exit, kernel, user;
    Check(GetProcessTimes(GetCurrentProcess(), &creation, &exit, &kernel, &user) && Value(user) > 0 &&
              Value(exit) == 0,
          "GetProcessTimes: user time, no exit time while it runs");
    Check(GetSystemTimes(NULL, NULL, &user2) && Value(user) <= Value(user2),
          "the process's user time is within the machine's");
    Check(GetThreadTimes(GetCurrentThread(), &creation, &exit, &kernel, &user) && Value(user) > 0,
          "GetThreadTimes");
}

static void IoCounts(void)
{
    IO_COUNTERS before, after;
    HANDLE f = CreateFileA("C:\\io.bin", GENERIC_READ | GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    char block[100];
    memset(block, 'i', sizeof block);
    DWORD n;
    BOOL ok = GetProcessIoCounters(GetCurrentProcess(), &before);
    for (int i = 0; i < 3; i++) {
        ok &= WriteFile(f, block, sizeof block, &n, NULL);
    }
    SetFilePointer(f, 0, NULL, FILE_BEGIN);
    ok &= ReadFile(f, block, 60, &n, NULL) && ReadFile(f, block, 100, &n, NULL);
    ok &= GetProcessIoCounters(GetCurrentProcess(), &after);
    Check(ok, "GetProcessIoCounters");
    Check(after.WriteOperationCount - before.WriteOperationCount == 3 &&
              after.WriteTransferCount - before.WriteTransferCount == 300,
          "three writes of 100 bytes: 3 operations, 300 bytes");
    Check(after.ReadOperationCount - before.ReadOperationCount == 2 &&
              after.ReadTransferCount - before.ReadTransferCount == 160,
          "two reads: 2 operations, 160 bytes");
    DWORD returned;
    GetProcessIoCounters(GetCurrentProcess(), &before);
    DeviceIoControl(f, FSCTL_SET_SPARSE, NULL, 0, NULL, 0, &returned, NULL);
    GetProcessIoCounters(GetCurrentProcess(), &after);
    Check(after.OtherOperationCount - before.OtherOperationCount == 1, "a file-system control: one other operation");
    CloseHandle(f);
    SetLastError(0xdeadbeef);
    Check(!GetProcessIoCounters((HANDLE)0xdeadbee0, &after) && GetLastError() == ERROR_INVALID_HANDLE,
          "no process: ERROR_INVALID_HANDLE");
}

static void System(void)
{
    SYSTEM_INFO info, native;
    GetSystemInfo(&info);
    GetNativeSystemInfo(&native);
    Check(memcmp(&info, &native, sizeof info) == 0, "GetNativeSystemInfo: GetSystemInfo's answer (an x86 machine)");
    unsigned r[4];
    Cpuid(1, 0, r);
    unsigned family = (r[0] >> 8) & 0xF, model = (r[0] >> 4) & 0xF, stepping = r[0] & 0xF;
    Check(info.wProcessorArchitecture == PROCESSOR_ARCHITECTURE_INTEL && info.dwNumberOfProcessors == 1 &&
              info.dwActiveProcessorMask == 1,
          "PROCESSOR_ARCHITECTURE_INTEL, one processor");
    Check(info.wProcessorLevel == family && info.wProcessorRevision == (model << 8 | stepping),
          "wProcessorLevel: the family; wProcessorRevision: model and stepping, from CPUID");
    struct {
        DWORD feature;
        int present;
        const char *what;
    } features[] = {
        {PF_MMX_INSTRUCTIONS_AVAILABLE, (r[3] >> 23) & 1, "MMX: CPUID.1 EDX bit 23"},
        {PF_XMMI_INSTRUCTIONS_AVAILABLE, (r[3] >> 25) & 1, "SSE: EDX bit 25"},
        {PF_XMMI64_INSTRUCTIONS_AVAILABLE, (r[3] >> 26) & 1, "SSE2: EDX bit 26"},
        {PF_COMPARE_EXCHANGE_DOUBLE, (r[3] >> 8) & 1, "CMPXCHG8B: EDX bit 8"},
        {PF_RDTSC_INSTRUCTION_AVAILABLE, (r[3] >> 4) & 1, "RDTSC: EDX bit 4"},
        {PF_3DNOW_INSTRUCTIONS_AVAILABLE, 0, "3DNow!: not on this Intel CPU"},
        {PF_FLOATING_POINT_EMULATED, 0, "the FPU is not emulated"},
        {PF_PAE_ENABLED, 1, "PAE: on (ntmm's page tables are PAE)"},
        {PF_NX_ENABLED, 1, "NX: on"},
        /* Windows XP (the version ntmm reports) has no SSE3 feature. */
        {PF_SSE3_INSTRUCTIONS_AVAILABLE, 0, "SSE3: not known to Windows XP"},
        {64, 0, "a feature past the table: FALSE"},
    };
    for (size_t i = 0; i < sizeof features / sizeof features[0]; i++) {
        char what[128];
        snprintf(what, sizeof what, "IsProcessorFeaturePresent(%lu) %s", features[i].feature, features[i].what);
        Check(!IsProcessorFeaturePresent(features[i].feature) == !features[i].present, what);
    }
}

/* Groups and NUMA nodes: one group of one processor, one node. */
static void Numa(void)
{
    Check(GetActiveProcessorCount(ALL_PROCESSOR_GROUPS) == 1 && GetActiveProcessorCount(0) == 1 &&
              GetMaximumProcessorCount(ALL_PROCESSOR_GROUPS) == 1,
          "GetActiveProcessorCount, GetMaximumProcessorCount: 1");
    SetLastError(0xdeadbeef);
    Check(GetActiveProcessorCount(1) == 0 && GetLastError() == ERROR_INVALID_PARAMETER,
          "group 1: 0, ERROR_INVALID_PARAMETER");
    Check(GetActiveProcessorGroupCount() == 1 && GetMaximumProcessorGroupCount() == 1, "one group");
    PROCESSOR_NUMBER number;
    memset(&number, 0xcc, sizeof number);
    GetCurrentProcessorNumberEx(&number);
    Check(number.Group == 0 && number.Number == 0 && number.Reserved == 0 && GetCurrentProcessorNumber() == 0,
          "GetCurrentProcessorNumberEx: group 0, processor 0");
    ULONG highest = 99;
    UCHAR node = 99;
    USHORT node_ex = 99;
    ULONGLONG mask = 0, bytes = 0;
    Check(GetNumaHighestNodeNumber(&highest) && highest == 0, "GetNumaHighestNodeNumber: 0");
    Check(GetNumaProcessorNode(0, &node) && node == 0, "GetNumaProcessorNode(0): node 0");
    SetLastError(0xdeadbeef);
    Check(!GetNumaProcessorNode(1, &node) && node == 0xFF && GetLastError() == ERROR_INVALID_PARAMETER,
          "processor 1: node 0xFF, ERROR_INVALID_PARAMETER");
    Check(GetNumaProcessorNodeEx(&number, &node_ex) && node_ex == 0, "GetNumaProcessorNodeEx");
    Check(GetNumaNodeProcessorMask(0, &mask) && mask == 1, "GetNumaNodeProcessorMask(0): 1");
    SetLastError(0xdeadbeef);
    Check(!GetNumaNodeProcessorMask(1, &mask) && GetLastError() == ERROR_INVALID_PARAMETER,
          "node 1: ERROR_INVALID_PARAMETER");
    GROUP_AFFINITY affinity;
    Check(GetNumaNodeProcessorMaskEx(0, &affinity) && affinity.Mask == 1 && affinity.Group == 0,
          "GetNumaNodeProcessorMaskEx(0)");
    MEMORYSTATUSEX status;
    status.dwLength = sizeof status;
    Check(GetNumaAvailableMemoryNode(0, &bytes) && GlobalMemoryStatusEx(&status) && bytes > 0 &&
              bytes <= status.ullTotalPhys,
          "GetNumaAvailableMemoryNode(0): free memory, within the total");
    ULONGLONG kilobytes = 0;
    Check(GetPhysicallyInstalledSystemMemory(&kilobytes) && kilobytes == 16384 &&
              kilobytes * 1024 >= status.ullTotalPhys,
          "GetPhysicallyInstalledSystemMemory: --ram 16M is 16384 KiB, at least the total");
    SetLastError(0xdeadbeef);
    Check(!GetPhysicallyInstalledSystemMemory(NULL) && GetLastError() == ERROR_INVALID_PARAMETER,
          "NULL: ERROR_INVALID_PARAMETER");
    char directory[MAX_PATH];
    SetLastError(0xdeadbeef);
    Check(GetSystemWow64DirectoryA(directory, MAX_PATH) == 0 && GetLastError() == ERROR_CALL_NOT_IMPLEMENTED,
          "GetSystemWow64Directory on 32-bit Windows: 0, ERROR_CALL_NOT_IMPLEMENTED");
}

/* The rest of the machine: names, power, large pages, cycle counts. */
static void Machine(void)
{
    char name[64];
    DWORD size = sizeof name;
    Check(GetComputerNameExA(ComputerNameNetBIOS, name, &size) && size == 4 && strcmp(name, "NTMM") == 0,
          "GetComputerNameEx(ComputerNameNetBIOS): NTMM, 4 characters");
    size = sizeof name;
    Check(GetComputerNameExA(ComputerNameDnsFullyQualified, name, &size) && strcmp(name, "NTMM") == 0,
          "ComputerNameDnsFullyQualified, in no domain: the host name");
    size = sizeof name;
    Check(GetComputerNameExA(ComputerNameDnsDomain, name, &size) && size == 0 && name[0] == 0,
          "ComputerNameDnsDomain, in no domain: empty, TRUE");
    size = 2;
    SetLastError(0xdeadbeef);
    Check(!GetComputerNameExA(ComputerNameDnsHostname, name, &size) && GetLastError() == ERROR_MORE_DATA &&
              size == 5,
          "too small: ERROR_MORE_DATA, the size needed with the null");
    WCHAR wide[64];
    size = 64;
    Check(GetComputerNameExW(ComputerNamePhysicalDnsHostname, wide, &size) && size == 4 && wcscmp(wide, L"NTMM") == 0,
          "GetComputerNameExW(ComputerNamePhysicalDnsHostname)");
    size = 64;
    SetLastError(0xdeadbeef);
    Check(!GetComputerNameExW(ComputerNameMax, wide, &size) && GetLastError() == ERROR_INVALID_PARAMETER,
          "ComputerNameMax: ERROR_INVALID_PARAMETER");

    SYSTEM_POWER_STATUS power;
    Check(GetSystemPowerStatus(&power) && power.ACLineStatus == 1 && power.BatteryFlag == 128 &&
              power.BatteryLifePercent == 255 && power.BatteryLifeTime == (DWORD)-1,
          "GetSystemPowerStatus: on AC power, no system battery");
    Check(GetLargePageMinimum() == 2 << 20, "GetLargePageMinimum: 2 MiB, PAE's large page");

    ULONG64 cycles1 = 0, cycles2 = 0, process = 0;
    Check(QueryThreadCycleTime(GetCurrentThread(), &cycles1), "QueryThreadCycleTime");
    for (unsigned i = 0; i < 100000; i++) {
        Sink += i;
    }
    Check(QueryThreadCycleTime(GetCurrentThread(), &cycles2) && cycles2 > cycles1 + 100000,
          "work: more cycles (one an instruction)");
    Check(QueryProcessCycleTime(GetCurrentProcess(), &process) && process >= cycles2,
          "QueryProcessCycleTime: at least its thread's");
    SetLastError(0xdeadbeef);
    Check(!QueryThreadCycleTime((HANDLE)0xdeadbee0, &cycles1) && GetLastError() == ERROR_INVALID_HANDLE,
          "no thread: ERROR_INVALID_HANDLE");
}

int main(void)
{
    Plain();
    Extended();
    Times();
    IoCounts();
    System();
    Numa();
    Machine();
    printf("%d failures\n", Failures);
    return Failures;
}
