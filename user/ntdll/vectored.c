/*
 * Vectored exception handlers: called before any fs:[0] frame, in list
 * order (RtlAddVectoredExceptionHandler(First = TRUE) puts one at the head).
 * A handler returning EXCEPTION_CONTINUE_EXECUTION ends the dispatch.
 *
 * Vectored continue handlers are a second list, called in the same order
 * whenever the dispatch is about to resume the program — a vectored
 * handler or a frame's handler said EXCEPTION_CONTINUE_EXECUTION — with
 * the context that will be resumed; one returning
 * EXCEPTION_CONTINUE_EXECUTION ends the walk. Each list's remove routine
 * knows only its own handlers.
 */
#include "ntdll/ntdll.h"

#define MAX_VECTORED_HANDLERS 64

typedef struct VECTORED_HANDLER {
    struct VECTORED_HANDLER *Next;
    PVECTORED_EXCEPTION_HANDLER Handler;
    BOOLEAN InUse;
} VECTORED_HANDLER;

static VECTORED_HANDLER Pool[MAX_VECTORED_HANDLERS];
static VECTORED_HANDLER *Head;         /* the exception handlers */
static VECTORED_HANDLER *ContinueHead; /* the continue handlers */

static PVOID AddHandler(VECTORED_HANDLER **list, ULONG first, PVECTORED_EXCEPTION_HANDLER handler)
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
    if (first || !*list) {
        node->Next = *list;
        *list = node;
    } else {
        VECTORED_HANDLER *tail = *list;
        while (tail->Next) {
            tail = tail->Next;
        }
        tail->Next = node;
    }
    return node;
}

static ULONG RemoveHandler(VECTORED_HANDLER **list, PVOID handle)
{
    for (VECTORED_HANDLER **link = list; *link; link = &(*link)->Next) {
        if (*link == handle) {
            VECTORED_HANDLER *node = *link;
            *link = node->Next;
            node->InUse = FALSE;
            return 1;
        }
    }
    return 0;
}

PVOID NTAPI RtlAddVectoredExceptionHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER handler)
{
    return AddHandler(&Head, first, handler);
}

ULONG NTAPI RtlRemoveVectoredExceptionHandler(PVOID handle)
{
    return RemoveHandler(&Head, handle);
}

PVOID NTAPI RtlAddVectoredContinueHandler(ULONG first, PVECTORED_EXCEPTION_HANDLER handler)
{
    return AddHandler(&ContinueHead, first, handler);
}

ULONG NTAPI RtlRemoveVectoredContinueHandler(PVOID handle)
{
    return RemoveHandler(&ContinueHead, handle);
}

static BOOLEAN CallList(VECTORED_HANDLER *list, EXCEPTION_RECORD *record, CONTEXT *context)
{
    EXCEPTION_POINTERS pointers = {record, context};
    for (VECTORED_HANDLER *node = list; node; node = node->Next) {
        if (node->Handler(&pointers) == EXCEPTION_CONTINUE_EXECUTION) {
            return TRUE;
        }
    }
    return FALSE;
}

BOOLEAN RtlpCallVectoredHandlers(EXCEPTION_RECORD *record, CONTEXT *context)
{
    return CallList(Head, record, context);
}

void RtlpCallVectoredContinueHandlers(EXCEPTION_RECORD *record, CONTEXT *context)
{
    CallList(ContinueHead, record, context);
}
