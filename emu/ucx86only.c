/*
 * Only Unicorn's x86 target is linked into ntmm.
 *
 * libunicorn.a holds every architecture QEMU translates (ARM, MIPS, PPC,
 * RISC-V, s390x, SPARC, m68k, TriCore, ...). Unicorn's front end (uc.c)
 * names each one's entry points — uc_init_ARCH, reg_read_ARCH and
 * reg_write_ARCH — so linking it pulls in all of them: 18 MB of code and
 * tables, and in a position-independent executable 62,000 relocations
 * that the dynamic loader applies, page by page, at every start, before
 * main (a third of `ntmm run hello.exe`'s start-up on this machine).
 *
 * This file defines those entry points for every architecture but x86, so
 * the linker finds them here and never takes the other targets' members
 * from the archive (emu/CMakeLists.txt makes the linker take this file
 * first). ntmm opens Unicorn only as UC_ARCH_X86 (EmuCreate, and the
 * bench's raw baseline), whose entry points are Unicorn's own; these are
 * never called, and if they were, they stop the process rather than
 * pretend to be a CPU.
 */
#include <stdio.h>
#include <stdlib.h>

static _Noreturn void NotLinked(const char *what)
{
    fprintf(stderr, "ntmm: %s: only Unicorn's x86 target is linked into ntmm\n", what);
    abort();
}

/* The argument lists are Unicorn's business: none of these is called. */
#define NOT_LINKED(arch)                                                                  \
    void uc_init_##arch(void);                                                            \
    int reg_read_##arch(void);                                                            \
    int reg_write_##arch(void);                                                           \
    void uc_init_##arch(void) { NotLinked("uc_init_" #arch); }                            \
    int reg_read_##arch(void) { NotLinked("reg_read_" #arch); }                           \
    int reg_write_##arch(void) { NotLinked("reg_write_" #arch); }

NOT_LINKED(aarch64)
NOT_LINKED(arm)
NOT_LINKED(m68k)
NOT_LINKED(mips)
NOT_LINKED(mips64)
NOT_LINKED(mips64el)
NOT_LINKED(mipsel)
NOT_LINKED(ppc)
NOT_LINKED(ppc64)
NOT_LINKED(riscv32)
NOT_LINKED(riscv64)
NOT_LINKED(s390x)
NOT_LINKED(sparc)
NOT_LINKED(sparc64)
NOT_LINKED(tricore)
