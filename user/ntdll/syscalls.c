/*
 * The system-call stubs, one per service in ke/systable.h, in NT's x86
 * form: the service number in EAX, EDX at the caller's arguments, int 2Eh,
 * and a stdcall return that pops them.
 */
#define NTDLL_SYSCALL_STUBS /* defined here with untyped arguments */
#include "inc/ntguest.h"

enum {
#define SYSCALL(name, argc) SERVICE_##name,
#include "ke/systable.h"
#undef SYSCALL
};

#define U __attribute__((unused)) ULONG
#define ARGS_1 U a1
#define ARGS_2 ARGS_1, U a2
#define ARGS_3 ARGS_2, U a3
#define ARGS_4 ARGS_3, U a4
#define ARGS_5 ARGS_4, U a5
#define ARGS_6 ARGS_5, U a6
#define ARGS_7 ARGS_6, U a7
#define ARGS_8 ARGS_7, U a8
#define ARGS_9 ARGS_8, U a9
#define ARGS_10 ARGS_9, U a10
#define ARGS_11 ARGS_10, U a11
#define ARGS_12 ARGS_11, U a12
#define ARGS_13 ARGS_12, U a13
#define ARGS_14 ARGS_13, U a14
#define ARGS_0 void

/* Each stub is declared first, from the same table: the typed declarations
 * in inc/ntguest.h are what callers see; here the arguments are only words
 * on the stack the kernel reads. */
#define SYSCALL(name, argc)                                                      \
    NTSTATUS NTAPI name(ARGS_##argc);                                            \
    __attribute__((naked)) NTSTATUS NTAPI name(ARGS_##argc)               \
    {                                                                            \
        __asm__ volatile("movl %0, %%eax\n\t"                                    \
                         "leal 4(%%esp), %%edx\n\t"                              \
                         "int $0x2E\n\t"                                         \
                         "ret %1"                                                \
                         : : "i"(SERVICE_##name), "i"((argc) * 4));              \
    }
#include "ke/systable.h"
#undef SYSCALL
