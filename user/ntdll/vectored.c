/*
 * Vectored exception handlers: called before any fs:[0] frame, in list
 * order (RtlAddVectoredExceptionHandler(First = TRUE) puts one at the head).
 * A handler returning EXCEPTION_CONTINUE_EXECUTION ends the dispatch.
 */
#include "ntdll/ntdll.h"

#define MAX_VECTORED_HANDLERS 64

typedef struct VECTORED_HANDLER {
    struct VECTORED_HANDLER *Next;
    PVECTORED_EXCEPTION_HANDLER Handler;
    BOOLEAN InUse;
} VECTORED_HANDLER;

static VECTORED_HANDLER Pool[MAX_VECTORED_HANDLERS];
static VECTORED_HANDLER *Head;

PVOID NTAPI RtlAddVectoredExceptionHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER handler)
{
    VECTORED_HANDLER *node = NULL;
    for (ULONG i = 0; i < MAX_VECTORED_HANDLERS; i++) {
        if (!Pool[i].InUse) {
            node = &Pool[i];
            break;
        }
    }
    if (!node || !handler) {
        return NULL;
    }
    node->InUse = TRUE;
    node->Handler = handler;
    node->Next = NULL;
    if (first || !Head) {
        node->Next = Head;
        Head = node;
    } else {
        VECTORED_HANDLER *tail = Head;
        while (tail->Next) {
            tail = tail->Next;
        }
        tail->Next = node;
    }
    return node;
}

ULONG NTAPI RtlRemoveVectoredExceptionHandler(PVOID handle)
{
    for (VECTORED_HANDLER **link = &Head; *link; link = &(*link)->Next) {
        if (*link == handle) {
            VECTORED_HANDLER *node = *link;
            *link = node->Next;
            node->InUse = FALSE;
            return 1;
        }
    }
    return 0;
}

BOOLEAN RtlpCallVectoredHandlers(EXCEPTION_RECORD *record, CONTEXT *context)
{
    EXCEPTION_POINTERS pointers = {record, context};
    for (VECTORED_HANDLER *node = Head; node; node = node->Next) {
        if (node->Handler(&pointers) == EXCEPTION_CONTINUE_EXECUTION) {
            return TRUE;
        }
    }
    return FALSE;
}
