/*
 * Segment registers across an exception, as NT x86 handles them: the
 * CONTEXT holds the data segments the program had (user mode's are
 * DS = ES = 0x23, FS = 0x3B, GS = 0); the handlers run on those user
 * segments whatever the program had loaded, so a program that broke FS
 * (the TEB) still gets its exception delivered; and NtContinue loads the
 * segments the handler left in the CONTEXT.
 */
#include "pe.h"

static CONTEXT SeenContext;
static DWORD Teb;

static DWORD TebSelf(void)
{
    DWORD self;
    __asm__ volatile("movl %%fs:0x18, %0" : "=r"(self));
    return self;
}

/* Records the context, steps over the 2-byte instruction, and gives the
 * program back the user segments. */
static LONG WINAPI Repair(EXCEPTION_POINTERS *info)
{
    SeenContext = *info->ContextRecord;
    /* The handler itself runs with a working fs: (the TEB). */
    info->ContextRecord->SegFs = TebSelf() == Teb ? 0x3B : 0;
    info->ContextRecord->SegDs = 0x23;
    info->ContextRecord->SegEs = 0x23;
    info->ContextRecord->Eip += 2;
    return EXCEPTION_CONTINUE_EXECUTION;
}

static WORD Fs(void)
{
    WORD v;
    __asm__ volatile("movw %%fs, %0" : "=r"(v));
    return v;
}

static WORD Es(void)
{
    WORD v;
    __asm__ volatile("movw %%es, %0" : "=r"(v));
    return v;
}

void __cdecl start(void)
{
    Teb = TebSelf();
    AddVectoredExceptionHandler(1, Repair);

    ReadAt(0);
    CHECK_EQ("CONTEXT.SegCs", SeenContext.SegCs, 0x1B);
    CHECK_EQ("CONTEXT.SegSs", SeenContext.SegSs, 0x23);
    CHECK_EQ("CONTEXT.SegDs", SeenContext.SegDs, 0x23);
    CHECK_EQ("CONTEXT.SegEs", SeenContext.SegEs, 0x23);
    CHECK_EQ("CONTEXT.SegFs", SeenContext.SegFs, 0x3B);
    CHECK_EQ("CONTEXT.SegGs", SeenContext.SegGs, 0);

    /* fs: null, then a fault: the dispatcher must not use the program's fs. */
    __asm__ volatile("xorl %%eax, %%eax\n\t"
                     "movw %%ax, %%fs\n\t"
                     "movl (%%eax), %%eax" /* 2 bytes: the handler steps over it */
                     ::: "eax", "memory");
    CHECK_EQ("null fs: the handler ran and saw SegFs 0", SeenContext.SegFs, 0);
    CHECK_EQ("  and the handler had the TEB in fs: (so it gave back 0x3B)", Fs(), 0x3B);

    /* es: the TEB's selector (a valid ring-3 data segment, based at the
     * TEB), then a fault through ds:. */
    __asm__ volatile("movw $0x3B, %%ax\n\t"
                     "movw %%ax, %%es\n\t"
                     "xorl %%ecx, %%ecx\n\t"
                     "movl (%%ecx), %%eax" /* ds: flat: reads address 0 */
                     ::: "eax", "ecx", "memory");
    CHECK_EQ("es loaded with 0x3B: CONTEXT.SegEs", SeenContext.SegEs, 0x3B);
    CHECK_EQ("  NtContinue loaded the es the handler left", Es(), 0x23);
    Finish();
}
