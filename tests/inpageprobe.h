/*
 * The probe the guest test programs use to see an in-page error as Windows
 * raises it: ReadWord reads a word with one two-byte instruction
 * (movl (%ecx), %eax), and InPageHandler, a vectored handler, records a
 * STATUS_IN_PAGE_ERROR in Seen and resumes after that instruction with
 * 0xDEADDEAD as the word read. Other exceptions go on to other handlers.
 */
#ifndef NTMM_TESTS_INPAGEPROBE_H
#define NTMM_TESTS_INPAGEPROBE_H

#include <windows.h>

static EXCEPTION_RECORD Seen;

static inline unsigned ReadWord(const void *p)
{
    unsigned value;
    __asm__ volatile("movl (%%ecx), %%eax" : "=a"(value) : "c"(p) : "memory");
    return value;
}

static inline LONG CALLBACK InPageHandler(EXCEPTION_POINTERS *info)
{
    if (info->ExceptionRecord->ExceptionCode != STATUS_IN_PAGE_ERROR) {
        return EXCEPTION_CONTINUE_SEARCH;
    }
    Seen = *info->ExceptionRecord;
    info->ContextRecord->Eax = 0xDEADDEAD;
    info->ContextRecord->Eip += 2; /* movl (%ecx), %eax */
    return EXCEPTION_CONTINUE_EXECUTION;
}

#endif
