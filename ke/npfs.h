/*
 * The named pipe file system's own state, shared by npfs.c (names,
 * instances, their ends, reading and writing) and npfsctl.c (the
 * FSCTL_PIPE_* requests and the pipe information classes). NT's npfs
 * keeps the same three layers: an FCB per name, a CCB per instance, a
 * file object per end.
 */
#ifndef NTMM_KE_NPFS_H
#define NTMM_KE_NPFS_H

#include "ke/iosvc.h"

#define KI_PIPE_SERVER 0
#define KI_PIPE_CLIENT 1
#define KI_PIPE_ROOT 2                /* \Device\NamedPipe\ itself: FSCTL_PIPE_WAIT goes there */

/* FILE_PIPE_LOCAL_INFORMATION's words. */
#define FILE_PIPE_BYTE_STREAM_TYPE 0u
#define FILE_PIPE_MESSAGE_TYPE 1u
#define FILE_PIPE_BYTE_STREAM_MODE 0u
#define FILE_PIPE_MESSAGE_MODE 1u
#define FILE_PIPE_QUEUE_OPERATION 0u
#define FILE_PIPE_COMPLETE_OPERATION 1u
#define FILE_PIPE_INBOUND 0u
#define FILE_PIPE_OUTBOUND 1u
#define FILE_PIPE_FULL_DUPLEX 2u
#define FILE_PIPE_DISCONNECTED_STATE 1u
#define FILE_PIPE_LISTENING_STATE 2u
#define FILE_PIPE_CONNECTED_STATE 3u
#define FILE_PIPE_CLOSING_STATE 4u
#define FILE_PIPE_CLIENT_END 0u
#define FILE_PIPE_SERVER_END 1u
#define KI_PIPE_UNLIMITED 0xFFFFFFFFu /* MaximumInstances: PIPE_UNLIMITED_INSTANCES */

/* One write's bytes: in a message pipe, one message. Offset of them read. */
typedef struct KI_PIPE_DATA {
    struct KI_PIPE_DATA *Next;
    uint32_t Length, Offset;
    uint8_t Bytes[];
} KI_PIPE_DATA;

/* One direction: the writes queued, Used bytes of them unread, up to Quota. */
typedef struct KI_PIPE_QUEUE {
    KI_PIPE_DATA *Head, *Tail;
    uint32_t Used, Quota;
} KI_PIPE_QUEUE;

/* A name (NT's FCB): what every instance shares, while one has a server. */
typedef struct KI_NAMED_PIPE {
    KSYSTEM *System;
    struct KI_NAMED_PIPE *Next;       /* System->Pipes */
    char *Name;                       /* after \Device\NamedPipe\ */
    uint32_t Type;                    /* FILE_PIPE_*_TYPE */
    uint32_t Configuration;           /* FILE_PIPE_INBOUND, _OUTBOUND, _FULL_DUPLEX */
    uint32_t MaximumInstances;        /* KI_PIPE_UNLIMITED: no limit */
    uint32_t Instances;               /* with their server end open */
    uint32_t Quota[2];                /* inbound, outbound */
    int64_t DefaultTimeout;           /* 100 ns, negative (relative) */
    KI_PIPE *Pipes;                   /* the instances */
} KI_NAMED_PIPE;

/* An instance (NT's CCB): two ends and the bytes between them. It lives
 * until both end objects have gone. */
struct KI_PIPE {
    KI_NAMED_PIPE *Named;             /* NULL once its server's last handle went */
    KI_PIPE *Next;                    /* Named->Pipes */
    uint32_t State;                   /* FILE_PIPE_*_STATE */
    uint32_t Type, Configuration, MaximumInstances; /* the name's, kept */
    KI_PIPE_QUEUE Queue[2];           /* [0] inbound (client → server), [1] outbound */
    KI_PIPE_END *End[2];              /* the ends attached (server, client) */
};

struct KI_PIPE_END {
    EX_FILE File;                     /* Header (ExObjectFile), Fd -1, Access */
    KSYSTEM *System;
    KI_PIPE *Pipe;                    /* NULL: detached (disconnected), or the root */
    int Side;                         /* KI_PIPE_SERVER, KI_PIPE_CLIENT or KI_PIPE_ROOT */
    uint32_t ReadMode;                /* FILE_PIPE_*_MODE */
    uint32_t CompletionMode;          /* FILE_PIPE_QUEUE_OPERATION, _COMPLETE_OPERATION */
    KI_IRP *Irps;                     /* its requests that wait, oldest first */
};

/* npfs.c, for npfsctl.c */
KI_PIPE_QUEUE *KiPipeReadQueue(KI_PIPE_END *end);
KI_PIPE_QUEUE *KiPipeWriteQueue(KI_PIPE_END *end);
KI_NAMED_PIPE *KiFindNamedPipe(KSYSTEM *system, const char *name);
/* Whether an instance of the name listens (or the name has gone). */
bool KiIsPipeNameListening(KSYSTEM *system, const char *name);
/* Copies up to length unread bytes (one message's when message is set)
 * without taking them; how many. */
uint32_t KiPeekPipeQueue(const KI_PIPE_QUEUE *queue, uint8_t *out, uint32_t length, bool message);
/* The instance's IRPs that can complete now do; sync waiters wake. */
void KiServicePipe(KSYSTEM *system, KI_PIPE *pipe);
/* The end's waiting IRPs (those matching, as KiCancelPipeIo) complete with status. */
uint32_t KiCompletePipeIrps(KI_PIPE_END *end, KTHREAD *thread, uint32_t iosb, NTSTATUS status);
/* Queues emptied, the client detached and its IRPs failed (FSCTL_PIPE_DISCONNECT). */
void KiDisconnectPipe(KSYSTEM *system, KI_PIPE *pipe);
/* An IRP goes at the tail of the end's queue. */
void KiQueuePipeIrp(KI_PIPE_END *end, KI_IRP *irp);

#endif
