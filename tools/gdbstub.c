/*
 * The GDB remote serial protocol, for the emulated CPU: gdb connects to
 * 127.0.0.1:PORT (`target remote :PORT`) and sees one inferior whose
 * threads are every thread of every process (a thread's memory is its
 * process's). The machine runs on this thread; the stub talks to gdb only
 * while the machine is stopped (ke's KD_DEBUGGER.Stopped), and while it
 * runs the socket raises SIGIO, which the ntmm command turns into a stop
 * flag ke looks at between quanta (gdb's Ctrl-C, or a gdb attaching).
 * Bad packets get error replies; nothing a client sends can crash the host.
 */
#include "tools/gdbstub.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ex/ntstatus.h"

static const char TargetXml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
    "<target version=\"1.0\">\n"
    "<architecture>i386</architecture>\n"
    "<feature name=\"org.gnu.gdb.i386.core\">\n"
    "<reg name=\"eax\" bitsize=\"32\" type=\"int32\" regnum=\"0\"/>\n"
    "<reg name=\"ecx\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"edx\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"ebx\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"esp\" bitsize=\"32\" type=\"data_ptr\"/>\n"
    "<reg name=\"ebp\" bitsize=\"32\" type=\"data_ptr\"/>\n"
    "<reg name=\"esi\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"edi\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"eip\" bitsize=\"32\" type=\"code_ptr\"/>\n"
    "<reg name=\"eflags\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"cs\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"ss\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"ds\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"es\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"fs\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"gs\" bitsize=\"32\" type=\"int32\"/>\n"
    "<reg name=\"st0\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st1\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st2\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st3\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st4\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st5\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st6\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"st7\" bitsize=\"80\" type=\"i387_ext\"/>\n"
    "<reg name=\"fctrl\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fstat\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"ftag\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fiseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fioff\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"foseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fooff\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "<reg name=\"fop\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
    "</feature>\n"
    "</target>\n";

#define GDB_REGISTERS 32   /* 16 general, 8 x87 data, 8 x87 control */

static const char Hex[] = "0123456789abcdef";

static int HexValue(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* A hex number at *p (at most 8 digits); false if there is none. */
static bool ParseHex(const char **p, uint32_t *value)
{
    uint64_t v = 0;
    int digits = 0;
    while (HexValue(**p) >= 0) {
        v = v * 16 + (uint64_t)HexValue(**p);
        (*p)++;
        if (++digits > 8) {
            return false;
        }
    }
    *value = (uint32_t)v;
    return digits > 0;
}

static char *PutHex(char *out, const uint8_t *bytes, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        *out++ = Hex[bytes[i] >> 4];
        *out++ = Hex[bytes[i] & 15];
    }
    *out = 0;
    return out;
}

static bool GetHex(const char *in, uint8_t *bytes, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        int hi = HexValue(in[2 * i]), lo = hi < 0 ? -1 : HexValue(in[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        bytes[i] = (uint8_t)(hi * 16 + lo);
    }
    return true;
}

/* ------------------------------------------------------------ transport */

static void SetAsync(GDB_STUB *stub, int fd, bool on)
{
    if (fd < 0) {
        return;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags < 0) {
        return;
    }
    fcntl(fd, F_SETOWN, getpid());
    fcntl(fd, F_SETFL, on ? (flags | O_ASYNC | O_NONBLOCK) : (flags & ~(O_ASYNC | O_NONBLOCK)));
    (void)stub;
}

static void Disconnect(GDB_STUB *stub)
{
    if (stub->Client >= 0) {
        close(stub->Client);
        stub->Client = -1;
    }
    stub->NoAck = false;
    stub->Running = false;
}

static bool SendAll(GDB_STUB *stub, const char *data, size_t len)
{
    while (len && stub->Client >= 0) {
        ssize_t n = send(stub->Client, data, len, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            Disconnect(stub);
            return false;
        }
        data += n;
        len -= (size_t)n;
    }
    return stub->Client >= 0;
}

/* One byte from gdb, blocking; -1 when it is gone. */
static int ReadByte(GDB_STUB *stub)
{
    for (;;) {
        unsigned char c;
        ssize_t n = recv(stub->Client, &c, 1, 0);
        if (n == 1) {
            return c;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        Disconnect(stub);
        return -1;
    }
}

static void SendPacket(GDB_STUB *stub, const char *body)
{
    size_t len = strlen(body);
    uint8_t sum = 0;
    for (size_t i = 0; i < len; i++) {
        sum = (uint8_t)(sum + (uint8_t)body[i]);
    }
    char tail[4] = {'#', Hex[sum >> 4], Hex[sum & 15], 0};
    for (int attempt = 0; attempt < 3 && stub->Client >= 0; attempt++) {
        if (!SendAll(stub, "$", 1) || !SendAll(stub, body, len) || !SendAll(stub, tail, 3)) {
            return;
        }
        if (stub->NoAck) {
            return;
        }
        int c = ReadByte(stub);
        if (c != '-') {
            return; /* '+', or gone */
        }
    }
}

/* The next packet's body into stub->Packet (0-terminated); false when gdb
 * is gone. A packet too long or with a bad checksum is refused ('-'). */
static bool ReadPacket(GDB_STUB *stub)
{
    for (;;) {
        int c;
        do {
            c = ReadByte(stub);
            if (c < 0) {
                return false;
            }
        } while (c != '$'); /* acks, Ctrl-C while stopped: nothing to do */
        size_t len = 0;
        uint8_t sum = 0;
        bool overflow = false;
        while ((c = ReadByte(stub)) >= 0 && c != '#') {
            sum = (uint8_t)(sum + c);
            if (len < GDB_PACKET_MAX) {
                stub->Packet[len++] = (char)c;
            } else {
                overflow = true;
            }
        }
        if (c < 0) {
            return false;
        }
        int hi = ReadByte(stub), lo = hi < 0 ? -1 : ReadByte(stub);
        if (lo < 0) {
            return false;
        }
        stub->Packet[len] = 0;
        bool good = HexValue(hi) >= 0 && HexValue(lo) >= 0 &&
                    (uint8_t)(HexValue(hi) * 16 + HexValue(lo)) == sum && !overflow;
        if (!stub->NoAck) {
            SendAll(stub, good ? "+" : "-", 1);
        }
        if (good) {
            return true;
        }
        if (overflow && stub->NoAck) {
            SendPacket(stub, "E01");
        }
    }
}

int NtmmGdbOpen(GDB_STUB *stub, uint16_t port, bool wait, char *why, size_t whylen)
{
    memset(stub, 0, sizeof *stub);
    stub->Client = -1;
    stub->Port = port;
    stub->Packet = malloc(GDB_PACKET_MAX + 1);
    stub->Reply = malloc(2 * GDB_PACKET_MAX + 64);
    stub->Listen = socket(AF_INET, SOCK_STREAM, 0);
    if (!stub->Packet || !stub->Reply || stub->Listen < 0) {
        snprintf(why, whylen, "--gdb: %s", strerror(errno ? errno : ENOMEM));
        NtmmGdbClose(stub);
        return -1;
    }
    int one = 1;
    setsockopt(stub->Listen, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* never beyond this machine */
    if (bind(stub->Listen, (struct sockaddr *)&addr, sizeof addr) != 0 ||
        listen(stub->Listen, 1) != 0) {
        snprintf(why, whylen, "--gdb: cannot listen on 127.0.0.1:%u: %s", port, strerror(errno));
        NtmmGdbClose(stub);
        return -1;
    }
    stub->Debugger.StopAtStart = wait;
    if (!wait) {
        SetAsync(stub, stub->Listen, true); /* a gdb attaching raises SIGIO */
    }
    return 0;
}

void NtmmGdbClose(GDB_STUB *stub)
{
    Disconnect(stub);
    if (stub->Listen >= 0) {
        close(stub->Listen);
    }
    stub->Listen = -1;
    free(stub->Packet);
    free(stub->Reply);
    free(stub->Monitor);
    stub->Packet = stub->Reply = stub->Monitor = NULL;
}

static bool Accept(GDB_STUB *stub, bool block)
{
    SetAsync(stub, stub->Listen, !block);
    int fd = accept(stub->Listen, NULL, NULL);
    if (fd < 0) {
        return false;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    stub->Client = fd;
    stub->NoAck = false;
    stub->Thread = 0;
    return true;
}

/* ------------------------------------------------------------ packets */

static uint32_t CurrentThread(GDB_STUB *stub)
{
    if (stub->Thread && KdThreadExists(stub->System, stub->Thread)) {
        return stub->Thread;
    }
    KD_THREAD_INFO first;
    return KdListThreads(stub->System, &first, 1) ? first.ThreadId : 0;
}

static MMPROCESS *ThreadMm(GDB_STUB *stub)
{
    return KdProcessMm(stub->System, KdThreadProcessId(stub->System, CurrentThread(stub)));
}

/* A register's bytes as gdb numbers them. */
static size_t RegisterBytes(EMU_DEBUG_REGISTERS *r, uint32_t n, uint8_t **at)
{
    if (n < 16) {
        *at = (uint8_t *)&r->R[n];
        return 4;
    }
    if (n < 24) {
        *at = r->St[n - 16];
        return 10;
    }
    uint32_t *control[8] = {&r->Fctrl, &r->Fstat, &r->Ftag, &r->Fiseg,
                            &r->Fioff, &r->Foseg, &r->Fooff, &r->Fop};
    *at = (uint8_t *)control[n - 24];
    return 4;
}

static void ReadRegisters(GDB_STUB *stub)
{
    EMU_DEBUG_REGISTERS r;
    if (!KdGetRegisters(stub->System, CurrentThread(stub), &r)) {
        SendPacket(stub, "E01");
        return;
    }
    char *out = stub->Reply;
    for (uint32_t n = 0; n < GDB_REGISTERS; n++) {
        uint8_t *at;
        size_t size = RegisterBytes(&r, n, &at);
        out = PutHex(out, at, size);
    }
    SendPacket(stub, stub->Reply);
}

static void WriteRegisters(GDB_STUB *stub, const char *hex)
{
    EMU_DEBUG_REGISTERS r;
    uint32_t thread = CurrentThread(stub);
    if (!KdGetRegisters(stub->System, thread, &r)) {
        SendPacket(stub, "E01");
        return;
    }
    size_t have = strlen(hex) / 2;
    size_t offset = 0;
    for (uint32_t n = 0; n < GDB_REGISTERS; n++) {
        uint8_t *at;
        size_t size = RegisterBytes(&r, n, &at);
        if (offset + size > have) {
            break; /* a shorter packet sets the first registers only */
        }
        if (!GetHex(hex + 2 * offset, at, size)) {
            SendPacket(stub, "E01");
            return;
        }
        offset += size;
    }
    SendPacket(stub, KdSetRegisters(stub->System, thread, &r) ? "OK" : "E01");
}

static void OneRegister(GDB_STUB *stub, const char *args, bool write)
{
    uint32_t n;
    EMU_DEBUG_REGISTERS r;
    uint32_t thread = CurrentThread(stub);
    if (!ParseHex(&args, &n) || n >= GDB_REGISTERS || !KdGetRegisters(stub->System, thread, &r)) {
        SendPacket(stub, "E01");
        return;
    }
    uint8_t *at;
    size_t size = RegisterBytes(&r, n, &at);
    if (!write) {
        PutHex(stub->Reply, at, size);
        SendPacket(stub, stub->Reply);
        return;
    }
    if (*args != '=' || strlen(args + 1) != 2 * size || !GetHex(args + 1, at, size)) {
        SendPacket(stub, "E01");
        return;
    }
    SendPacket(stub, KdSetRegisters(stub->System, thread, &r) ? "OK" : "E01");
}

static void ReadMemory(GDB_STUB *stub, const char *args)
{
    uint32_t address, length;
    if (!ParseHex(&args, &address) || *args++ != ',' || !ParseHex(&args, &length) || *args) {
        SendPacket(stub, "E01");
        return;
    }
    MMPROCESS *mm = ThreadMm(stub);
    if (length > GDB_PACKET_MAX / 2) {
        length = GDB_PACKET_MAX / 2; /* gdb asks again for the rest */
    }
    uint8_t bytes[GDB_PACKET_MAX / 2];
    uint32_t done = mm ? MmDebugReadVirtual(mm, address, bytes, length) : 0;
    if (done == 0 && length) {
        SendPacket(stub, "E14"); /* EFAULT: not resident (never faulted in for gdb) */
        return;
    }
    PutHex(stub->Reply, bytes, done);
    SendPacket(stub, stub->Reply);
}

/* M addr,len:hex and X addr,len:binary */
static void WriteMemory(GDB_STUB *stub, const char *args, size_t packet_len, bool binary)
{
    const char *end = stub->Packet + packet_len;
    uint32_t address, length;
    if (!ParseHex(&args, &address) || *args++ != ',' || !ParseHex(&args, &length) ||
        *args++ != ':' || length > GDB_PACKET_MAX) {
        SendPacket(stub, "E01");
        return;
    }
    uint8_t bytes[GDB_PACKET_MAX];
    uint32_t n = 0;
    if (binary) {
        while (args < end && n < length) {
            uint8_t c = (uint8_t)*args++;
            if (c == '}') {
                if (args >= end) {
                    break;
                }
                c = (uint8_t)(*args++ ^ 0x20);
            }
            bytes[n++] = c;
        }
    } else if ((size_t)(end - args) == 2 * (size_t)length && GetHex(args, bytes, length)) {
        n = length;
    }
    if (n != length) {
        SendPacket(stub, "E01");
        return;
    }
    MMPROCESS *mm = ThreadMm(stub);
    if (length == 0) {
        SendPacket(stub, mm ? "OK" : "E14");
        return;
    }
    uint32_t done = mm ? MmDebugWriteVirtual(mm, address, bytes, length) : 0;
    SendPacket(stub, done == length ? "OK" : "E14");
}

static void Breakpoint(GDB_STUB *stub, const char *args, bool insert)
{
    uint32_t type, address, kind;
    if (!ParseHex(&args, &type) || *args++ != ',' || !ParseHex(&args, &address) ||
        *args++ != ',' || !ParseHex(&args, &kind) || type > 4) {
        SendPacket(stub, type > 4 ? "" : "E01");
        return;
    }
    bool ok = insert ? KdInsertBreakpoint(stub->System, type, address, kind)
                     : KdRemoveBreakpoint(stub->System, type, address, kind);
    SendPacket(stub, ok ? "OK" : "E01");
}

static void ThreadList(GDB_STUB *stub)
{
    KD_THREAD_INFO threads[256];
    uint32_t n = KdListThreads(stub->System, threads, 256);
    char *out = stub->Reply;
    *out++ = n ? 'm' : 'l';
    for (uint32_t i = 0; i < n; i++) {
        out += sprintf(out, "%s%x", i ? "," : "", threads[i].ThreadId);
    }
    *out = 0;
    SendPacket(stub, stub->Reply);
}

static void ThreadExtraInfo(GDB_STUB *stub, const char *args)
{
    uint32_t tid;
    KD_THREAD_INFO threads[256];
    uint32_t n = KdListThreads(stub->System, threads, 256);
    char text[160] = "";
    if (ParseHex(&args, &tid)) {
        for (uint32_t i = 0; i < n; i++) {
            if (threads[i].ThreadId == tid) {
                snprintf(text, sizeof text, "process %u (%s), %s", threads[i].ProcessId,
                         threads[i].Image, threads[i].State);
            }
        }
    }
    PutHex(stub->Reply, (const uint8_t *)text, strlen(text));
    SendPacket(stub, stub->Reply);
}

static void SetThread(GDB_STUB *stub, const char *args)
{
    /* Hg / Hc: 0 and -1 mean "any": the thread gdb already has. */
    char op = *args++;
    if (strcmp(args, "0") == 0 || strcmp(args, "-1") == 0) {
        SendPacket(stub, "OK");
        return;
    }
    uint32_t tid;
    if (!ParseHex(&args, &tid) || *args || !KdThreadExists(stub->System, tid)) {
        SendPacket(stub, "E01");
        return;
    }
    if (op == 'g' || op == 'c') {
        stub->Thread = tid;
    }
    SendPacket(stub, "OK");
}

static void Features(GDB_STUB *stub, const char *args)
{
    /* qXfer:features:read:target.xml:OFFSET,LENGTH */
    const char *prefix = "target.xml:";
    uint32_t offset, length;
    if (strncmp(args, prefix, strlen(prefix)) != 0) {
        SendPacket(stub, "E00");
        return;
    }
    args += strlen(prefix);
    if (!ParseHex(&args, &offset) || *args++ != ',' || !ParseHex(&args, &length)) {
        SendPacket(stub, "E01");
        return;
    }
    size_t total = sizeof TargetXml - 1;
    if (offset >= total) {
        SendPacket(stub, "l");
        return;
    }
    size_t n = total - offset;
    if (n > length) n = length;
    if (n > GDB_PACKET_MAX - 2) n = GDB_PACKET_MAX - 2;
    stub->Reply[0] = offset + n < total ? 'm' : 'l';
    memcpy(stub->Reply + 1, TargetXml + offset, n); /* no '$', '#', '}' or '*' in it */
    stub->Reply[n + 1] = 0;
    SendPacket(stub, stub->Reply);
}

static void Monitor(GDB_STUB *stub, const char *hex)
{
    size_t len = strlen(hex) / 2;
    char command[1024];
    if (len >= sizeof command || strlen(hex) % 2 || !GetHex(hex, (uint8_t *)command, len)) {
        SendPacket(stub, "E01");
        return;
    }
    command[len] = 0;
    stub->MonitorLength = 0;
    NtmmGdbMonitor(stub, command);
    /* The output as console packets ('O' + hex), then OK. */
    size_t chunk = (GDB_PACKET_MAX - 8) / 2;
    for (size_t at = 0; at < stub->MonitorLength; at += chunk) {
        size_t n = stub->MonitorLength - at < chunk ? stub->MonitorLength - at : chunk;
        stub->Reply[0] = 'O';
        PutHex(stub->Reply + 1, (const uint8_t *)stub->Monitor + at, n);
        SendPacket(stub, stub->Reply);
    }
    SendPacket(stub, "OK");
}

/* gdb's signal numbers for the exceptions it will name. */
static unsigned SignalFor(uint32_t code)
{
    switch ((NTSTATUS)code) {
    case STATUS_BREAKPOINT: case STATUS_SINGLE_STEP: return 5;          /* SIGTRAP */
    case STATUS_ILLEGAL_INSTRUCTION: case STATUS_PRIVILEGED_INSTRUCTION: return 4; /* SIGILL */
    case STATUS_INTEGER_DIVIDE_BY_ZERO: case STATUS_INTEGER_OVERFLOW:
    case STATUS_FLOAT_INVALID_OPERATION: case STATUS_FLOAT_DIVIDE_BY_ZERO: return 8; /* SIGFPE */
    default: return 11;                                                 /* SIGSEGV */
    }
}

static void StopReply(GDB_STUB *stub, const KD_STOP *stop)
{
    static const char *const watch[] = {"", "", "watch", "rwatch", "awatch"};
    unsigned signal = 5;
    char extra[48] = "";
    if (stop->Reason == KdStopBreakIn) {
        signal = 2; /* SIGINT */
    } else if (stop->Reason == KdStopException) {
        signal = SignalFor(stop->ExceptionCode);
    } else if (stop->Reason == KdStopWatch && stop->WatchType >= 2 && stop->WatchType <= 4) {
        snprintf(extra, sizeof extra, "%s:%x;", watch[stop->WatchType], stop->Address);
    } else if (stop->Reason == KdStopBreakpoint) {
        snprintf(extra, sizeof extra, "hwbreak:;");
    }
    snprintf(stub->LastStop, sizeof stub->LastStop, "T%02x%sthread:%x;", signal, extra,
             stop->ThreadId);
}

/* The packets until one resumes the machine (true) or gdb goes (false). */
static bool Serve(GDB_STUB *stub, KD_RESUME *resume)
{
    while (ReadPacket(stub)) {
        size_t len = strlen(stub->Packet);
        const char *p = stub->Packet;
        uint32_t sig, tid;
        switch (p[0]) {
        case '?': SendPacket(stub, stub->LastStop); break;
        case 'g': ReadRegisters(stub); break;
        case 'G': WriteRegisters(stub, p + 1); break;
        case 'p': OneRegister(stub, p + 1, false); break;
        case 'P': OneRegister(stub, p + 1, true); break;
        case 'm': ReadMemory(stub, p + 1); break;
        case 'M': WriteMemory(stub, p + 1, len, false); break;
        case 'X': WriteMemory(stub, p + 1, len, true); break;
        case 'Z': Breakpoint(stub, p + 1, true); break;
        case 'z': Breakpoint(stub, p + 1, false); break;
        case 'H': SetThread(stub, p + 1); break;
        case 'T': {
            const char *q = p + 1;
            SendPacket(stub, ParseHex(&q, &tid) && KdThreadExists(stub->System, tid) ? "OK" : "E01");
            break;
        }
        case 'c': case 'C': case 's': case 'S':
            resume->Step = p[0] == 's' || p[0] == 'S';
            resume->StepThread = CurrentThread(stub);
            if (p[0] == 'C' || p[0] == 'S') {
                const char *q = p + 1;
                resume->PassException = ParseHex(&q, &sig) && sig != 0;
            }
            return true;
        case 'k':
            resume->Kill = true;
            return false;
        case 'D':
            SendPacket(stub, "OK");
            resume->Detach = true;
            return false;
        case 'v':
            if (strcmp(p, "vCont?") == 0) {
                SendPacket(stub, "vCont;c;C;s;S");
            } else if (strncmp(p, "vCont;", 6) == 0) {
                /* The first action is this stop's: a step (of its thread,
                 * else the current one), or a continue; a signal passes
                 * the exception on. */
                const char *q = p + 6;
                char action = *q++;
                if (action != 'c' && action != 'C' && action != 's' && action != 'S') {
                    SendPacket(stub, "E01");
                    break;
                }
                resume->Step = action == 's' || action == 'S';
                resume->StepThread = CurrentThread(stub);
                if ((action == 'C' || action == 'S') && ParseHex(&q, &sig)) {
                    resume->PassException = sig != 0;
                }
                if (*q == ':' && (q++, ParseHex(&q, &tid)) && KdThreadExists(stub->System, tid)) {
                    resume->StepThread = tid;
                    stub->Thread = tid;
                }
                /* a later ";c" for the other threads: they run anyway */
                return true;
            } else if (strncmp(p, "vKill", 5) == 0) {
                SendPacket(stub, "OK");
                resume->Kill = true;
                return false;
            } else {
                SendPacket(stub, "");
            }
            break;
        case 'q':
            if (strncmp(p, "qSupported", 10) == 0) {
                SendPacket(stub, "PacketSize=4000;qXfer:features:read+;QStartNoAckMode+;"
                                 "vContSupported+;hwbreak+");
            } else if (strncmp(p, "qXfer:features:read:", 20) == 0) {
                Features(stub, p + 20);
            } else if (strcmp(p, "qfThreadInfo") == 0) {
                ThreadList(stub);
            } else if (strcmp(p, "qsThreadInfo") == 0) {
                SendPacket(stub, "l");
            } else if (strcmp(p, "qC") == 0) {
                snprintf(stub->Reply, 32, "QC%x", CurrentThread(stub));
                SendPacket(stub, stub->Reply);
            } else if (strcmp(p, "qAttached") == 0) {
                SendPacket(stub, "1");
            } else if (strncmp(p, "qThreadExtraInfo,", 17) == 0) {
                ThreadExtraInfo(stub, p + 17);
            } else if (strncmp(p, "qRcmd,", 6) == 0) {
                Monitor(stub, p + 6);
            } else if (strncmp(p, "qSymbol", 7) == 0) {
                SendPacket(stub, "OK");
            } else {
                SendPacket(stub, "");
            }
            break;
        case 'Q':
            if (strcmp(p, "QStartNoAckMode") == 0) {
                SendPacket(stub, "OK");
                stub->NoAck = true;
            } else {
                SendPacket(stub, "");
            }
            break;
        default:
            SendPacket(stub, "");
            break;
        }
    }
    return false;
}

static void OnStopped(void *context, KSYSTEM *system, const KD_STOP *stop, KD_RESUME *resume)
{
    GDB_STUB *stub = context;
    stub->System = system;
    if (stub->Client >= 0) {
        SetAsync(stub, stub->Client, false);
    }
    if (stop->Reason == KdStopStart && stub->Client < 0) {
        fprintf(stderr, "ntmm: waiting for gdb on 127.0.0.1:%u\n", stub->Port);
        Accept(stub, true);
    }
    if (stub->Client < 0) {
        resume->PassException = true; /* nobody to ask: the program's handlers decide */
        stub->System = NULL;
        return;
    }
    if (stop->Reason == KdStopExit) {
        /* W: the inferior exited; then whatever gdb still asks is refused. */
        snprintf(stub->Reply, 32, "W%02x", (unsigned)stop->ExitStatus & 0xFF);
        if (stub->Running) {
            SendPacket(stub, stub->Reply);
        }
        snprintf(stub->LastStop, sizeof stub->LastStop, "%s", stub->Reply);
        while (ReadPacket(stub)) {
            if (stub->Packet[0] == 'k' || strncmp(stub->Packet, "vKill", 5) == 0) {
                break;
            }
            SendPacket(stub, stub->Packet[0] == '?' ? stub->LastStop : "E01");
        }
        Disconnect(stub);
        stub->System = NULL;
        return;
    }
    StopReply(stub, stop);
    if (stop->Reason == KdStopException) {
        char line[160], name[EX_NTSTATUS_FORMAT_SIZE];
        int n = snprintf(line, sizeof line,
                         "ntmm: first-chance exception %s at 0x%08x (process %u thread %u)\n",
                         ExNtStatusFormat((NTSTATUS)stop->ExceptionCode, name), stop->Address,
                         stop->ProcessId, stop->ThreadId);
        if (stub->Running && n > 0) {
            stub->Reply[0] = 'O';
            PutHex(stub->Reply + 1, (const uint8_t *)line, (size_t)n);
            SendPacket(stub, stub->Reply);
        }
    }
    stub->Thread = stop->ThreadId;
    if (stub->Running) {
        SendPacket(stub, stub->LastStop);
    }
    stub->Running = false;
    if (Serve(stub, resume)) {
        stub->Running = true;
        SetAsync(stub, stub->Client, true); /* Ctrl-C raises SIGIO */
    } else if (!resume->Kill) {
        /* gdb detached or went away: the run goes on without it. */
        resume->Detach = true;
        Disconnect(stub);
        SetAsync(stub, stub->Listen, false);
    } else {
        Disconnect(stub);
    }
    stub->System = NULL;
}

static bool OnBreakIn(void *context)
{
    GDB_STUB *stub = context;
    if (stub->Client < 0) {
        return stub->Listen >= 0 && Accept(stub, false); /* attached: it finds the machine stopped */
    }
    bool interrupt = false;
    for (;;) {
        unsigned char c;
        ssize_t n = recv(stub->Client, &c, 1, MSG_DONTWAIT);
        if (n == 1) {
            interrupt |= c == 0x03;
            continue;
        }
        if (n == 0) {
            Disconnect(stub); /* gone while the machine ran */
        }
        break;
    }
    return interrupt;
}

const KD_DEBUGGER *NtmmGdbDebugger(GDB_STUB *stub)
{
    stub->Debugger.Context = stub;
    stub->Debugger.Stopped = OnStopped;
    stub->Debugger.BreakIn = OnBreakIn;
    return &stub->Debugger;
}
