/*
 * msvcrt.dll's entry point. At DLL_PROCESS_DETACH it flushes every stream
 * (Wine's msvcrt DllMain calls _flushall first thing there). msvcrt is
 * initialized before the DLLs that import it, so at ExitProcess it hears
 * DLL_PROCESS_DETACH after them (ntdll's ldrshut.c): what a DLL printf'd
 * in its own DLL_PROCESS_DETACH, or its atexit handlers and static
 * destructors wrote, still reaches the file — as on Windows. At
 * DLL_THREAD_DETACH the ending thread's data block (tidata.c) is freed, as
 * msvcrt frees its per-thread data there; DLL_PROCESS_ATTACH takes the
 * TLS slot those blocks hang off and sets the multibyte code page
 * (mbctype.c), as msvcrt's start-up does.
 */
#include "msvcrt/crtfill.h"

#define DLL_PROCESS_DETACH 0
#define DLL_PROCESS_ATTACH 1
#define DLL_THREAD_DETACH 3

BOOL WINAPI CrtDllMain(HANDLE module, DWORD reason, PVOID reserved)
{
    (void)module;
    (void)reserved;
    if (reason == DLL_PROCESS_ATTACH) {
        CrtInitThreadData();
        CrtInitMbcs();
    } else if (reason == DLL_PROCESS_DETACH) {
        _flushall();
    } else if (reason == DLL_THREAD_DETACH) {
        CrtFreeThreadData();
    }
    return TRUE;
}
