/* `ntmm run --gdb PORT`: the GDB remote serial protocol over TCP on
 * 127.0.0.1 (gdbstub.c), and its monitor commands (gdbmon.c). */
#ifndef NTMM_GDBSTUB_H
#define NTMM_GDBSTUB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ke/kd.h"

#define GDB_PACKET_MAX 0x4000

typedef struct GDB_STUB {
    int Listen, Client;
    uint16_t Port;
    bool NoAck;
    bool Running;              /* gdb waits for a stop reply */
    uint32_t Thread;           /* Hg: whose registers and memory */
    uint32_t MonitorProcess;   /* `monitor process PID` (0: Thread's) */
    char LastStop[128];        /* the reply to '?' */
    KSYSTEM *System;           /* while stopped */
    KD_DEBUGGER Debugger;
    char *Packet;              /* GDB_PACKET_MAX + 1 bytes */
    char *Reply;               /* 2 * GDB_PACKET_MAX + 64 */
    char *Monitor;             /* a monitor command's output, as text */
    size_t MonitorLength, MonitorCapacity;
} GDB_STUB;

/* Listens on 127.0.0.1:port (0, or -1 with the reason); --gdb-wait: the
 * run starts only once gdb is attached. */
int NtmmGdbOpen(GDB_STUB *stub, uint16_t port, bool wait, char *why, size_t whylen);
void NtmmGdbClose(GDB_STUB *stub);
/* What KE_OPTIONS.Debugger points to. */
const KD_DEBUGGER *NtmmGdbDebugger(GDB_STUB *stub);

/* gdbmon.c: qRcmd's text (one command line) into the stub's Monitor buffer. */
void NtmmGdbMonitor(GDB_STUB *stub, const char *command);
void NtmmGdbMonitorPrint(void *stub, const char *line);

#endif
