/*
 * msvcrt's threads: _beginthreadex/_beginthread start a thread through
 * kernel32's CreateThread with a small block saying what to call and how
 * it ends; _endthreadex/_endthread end the calling thread (ExitThread, so
 * the DLLs hear DLL_THREAD_DETACH). A _beginthread thread's handle is
 * closed when it ends, as msvcrt does (its creator must not wait on it).
 */
#include "msvcrt/crt.h"

/* Forwarded to ntdll's heap, so not among inc/winbase.h's declarations. */
__declspec(dllimport) PVOID WINAPI HeapAlloc(HANDLE, DWORD, SIZE_T);
__declspec(dllimport) BOOL WINAPI HeapFree(HANDLE, DWORD, PVOID);

#define CREATE_SUSPENDED 0x4u
#define CRT_EAGAIN 11
#define TLS_NONE 0xFFFFFFFFu

typedef unsigned (WINAPI *THREADEX_ROUTINE)(void *);
typedef void (CDECL *THREAD_ROUTINE)(void *);

typedef struct START_BLOCK {
    PVOID Routine;
    PVOID Argument;
    BOOL Ex;                 /* _beginthreadex: a stdcall routine whose return is the code */
    HANDLE Handle;           /* _beginthread: closed at the end */
} START_BLOCK;

/* Where a _beginthread thread keeps its own handle, for _endthread. */
static volatile DWORD HandleSlot = TLS_NONE;

static DWORD Slot(void)
{
    if (HandleSlot == TLS_NONE) {
        DWORD slot = TlsAlloc();
        if (__sync_val_compare_and_swap(&HandleSlot, TLS_NONE, slot) != TLS_NONE) {
            /* another thread allocated one first: ours stays unused */
        }
    }
    return HandleSlot;
}

void CDECL _endthreadex(unsigned code)
{
    ExitThread(code);
}

void CDECL _endthread(void)
{
    HANDLE own = HandleSlot != TLS_NONE ? TlsGetValue(HandleSlot) : NULL;
    if (own) {
        CloseHandle(own);
    }
    ExitThread(0);
}

static DWORD WINAPI ThreadStart(void *parameter)
{
    START_BLOCK block = *(START_BLOCK *)parameter;
    HeapFree(GetProcessHeap(), 0, parameter);
    if (block.Ex) {
        _endthreadex(((THREADEX_ROUTINE)block.Routine)(block.Argument));
    }
    TlsSetValue(Slot(), block.Handle);
    ((THREAD_ROUTINE)block.Routine)(block.Argument);
    _endthread();
    return 0;
}

static HANDLE Begin(PVOID security, unsigned stack, PVOID routine, PVOID argument, BOOL ex,
                    unsigned flags, unsigned *id)
{
    if (!routine) {
        *_errno() = 22; /* EINVAL */
        return NULL;
    }
    START_BLOCK *block = HeapAlloc(GetProcessHeap(), 0, sizeof *block);
    if (!block) {
        *_errno() = CRT_EAGAIN;
        return NULL;
    }
    block->Routine = routine;
    block->Argument = argument;
    block->Ex = ex;
    if (!ex) {
        Slot();
    }
    DWORD tid = 0;
    HANDLE thread = CreateThread(security, stack, ThreadStart, block, flags | CREATE_SUSPENDED, &tid);
    if (!thread) {
        HeapFree(GetProcessHeap(), 0, block);
        *_errno() = CRT_EAGAIN;
        return NULL;
    }
    block->Handle = thread;
    if (id) {
        *id = tid;
    }
    if (!(flags & CREATE_SUSPENDED)) {
        ResumeThread(thread);
    }
    return thread;
}

ULONG_PTR CDECL _beginthreadex(PVOID security, unsigned stack, PVOID routine, PVOID argument,
                               unsigned flags, unsigned *id)
{
    return (ULONG_PTR)Begin(security, stack, routine, argument, TRUE, flags, id);
}

ULONG_PTR CDECL _beginthread(PVOID routine, unsigned stack, PVOID argument)
{
    HANDLE thread = Begin(NULL, stack, routine, argument, FALSE, 0, NULL);
    return thread ? (ULONG_PTR)thread : (ULONG_PTR)-1;
}
