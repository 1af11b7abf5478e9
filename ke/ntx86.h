/*
 * The x86 structures and TEB/PEB offsets the kernel shares with user mode,
 * with Windows' layout: the one definition, compiled by the host (ke/) and by
 * the guest (user/inc/ntguest.h includes it), as ke/systable.h is.
 *
 * The guest names the structures as Windows does (CONTEXT) with its own
 * types: pointers are pointers, codes are NTSTATUS. The host names them with
 * a 32 suffix (CONTEXT32): every field is a 32-bit number, a pointer is a
 * guest address. The static asserts below hold on both sides, so the two
 * views cannot drift apart.
 */
#ifndef NTMM_NTX86_H
#define NTMM_NTX86_H

#ifdef _WIN32 /* the guest: i686-w64-mingw32; ntguest.h has defined the types */
#define NTX86_NAME(name) name
#define NTX86_ULONG ULONG
#define NTX86_STATUS NTSTATUS
#define NTX86_BYTE BYTE
#define NTX86_POINTER(type) type *
#else
#include <stdint.h>
#define NTX86_NAME(name) name##32
#define NTX86_ULONG uint32_t
#define NTX86_STATUS uint32_t
#define NTX86_BYTE uint8_t
#define NTX86_POINTER(type) uint32_t
#endif

#define EXCEPTION_MAXIMUM_PARAMETERS 15
#define EXCEPTION_NONCONTINUABLE 0x01
#define EXCEPTION_UNWINDING      0x02
#define EXCEPTION_EXIT_UNWIND    0x04
#define EXCEPTION_STACK_INVALID  0x08
#define EXCEPTION_NESTED_CALL    0x10

typedef struct EXCEPTION_RECORD {
    NTX86_STATUS ExceptionCode;
    NTX86_ULONG ExceptionFlags;
    NTX86_POINTER(struct EXCEPTION_RECORD) ExceptionRecord;
    NTX86_POINTER(void) ExceptionAddress;
    NTX86_ULONG NumberParameters;
    NTX86_ULONG ExceptionInformation[EXCEPTION_MAXIMUM_PARAMETERS];
} NTX86_NAME(EXCEPTION_RECORD);

#define CONTEXT_i386               0x00010000u
#define CONTEXT_CONTROL            (CONTEXT_i386 | 0x01u)
#define CONTEXT_INTEGER            (CONTEXT_i386 | 0x02u)
#define CONTEXT_SEGMENTS           (CONTEXT_i386 | 0x04u)
#define CONTEXT_FLOATING_POINT     (CONTEXT_i386 | 0x08u)
#define CONTEXT_DEBUG_REGISTERS    (CONTEXT_i386 | 0x10u)
#define CONTEXT_EXTENDED_REGISTERS (CONTEXT_i386 | 0x20u)
#define CONTEXT_FULL (CONTEXT_CONTROL | CONTEXT_INTEGER | CONTEXT_SEGMENTS)

typedef struct FLOATING_SAVE_AREA {
    NTX86_ULONG ControlWord, StatusWord, TagWord, ErrorOffset, ErrorSelector;
    NTX86_ULONG DataOffset, DataSelector;
    NTX86_BYTE RegisterArea[80];
    NTX86_ULONG Cr0NpxState;
} NTX86_NAME(FLOATING_SAVE_AREA);

typedef struct CONTEXT {
    NTX86_ULONG ContextFlags;
    NTX86_ULONG Dr0, Dr1, Dr2, Dr3, Dr6, Dr7;
    NTX86_NAME(FLOATING_SAVE_AREA) FloatSave;
    NTX86_ULONG SegGs, SegFs, SegEs, SegDs;
    NTX86_ULONG Edi, Esi, Ebx, Edx, Ecx, Eax;
    NTX86_ULONG Ebp, Eip, SegCs, EFlags, Esp, SegSs;
    NTX86_BYTE ExtendedRegisters[512];
} NTX86_NAME(CONTEXT);

/* Windows' x86 layout; ntdll's RtlRaiseException builds a CONTEXT in
 * assembly at these offsets (user/ntdll/except.c). */
#define NTX86_OFFSET(type, field) __builtin_offsetof(NTX86_NAME(type), field)
_Static_assert(sizeof(NTX86_NAME(EXCEPTION_RECORD)) == 80, "EXCEPTION_RECORD is 80 bytes on x86");
_Static_assert(NTX86_OFFSET(EXCEPTION_RECORD, ExceptionAddress) == 12, "EXCEPTION_RECORD layout");
_Static_assert(NTX86_OFFSET(EXCEPTION_RECORD, ExceptionInformation) == 20, "EXCEPTION_RECORD layout");
_Static_assert(sizeof(NTX86_NAME(FLOATING_SAVE_AREA)) == 112, "FLOATING_SAVE_AREA is 112 bytes");
_Static_assert(sizeof(NTX86_NAME(CONTEXT)) == 0x2CC, "CONTEXT is 0x2CC bytes on x86");
_Static_assert(NTX86_OFFSET(CONTEXT, FloatSave) == 0x1C, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, SegGs) == 0x8C, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, SegFs) == 0x90, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, SegEs) == 0x94, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, SegDs) == 0x98, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, Edi) == 0x9C, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, Eax) == 0xB0, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, Ebp) == 0xB4, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, Eip) == 0xB8, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, SegCs) == 0xBC, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, EFlags) == 0xC0, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, Esp) == 0xC4, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, SegSs) == 0xC8, "CONTEXT layout");
_Static_assert(NTX86_OFFSET(CONTEXT, ExtendedRegisters) == 0xCC, "CONTEXT layout");
#undef NTX86_OFFSET

/* TEB and PEB fields (docs/guest-abi.md): the kernel writes them, the guest
 * reads them through fs: or its PEB structure (asserted in ntguest.h). */
#define TEB_EXCEPTION_LIST     0x000
#define TEB_STACK_BASE         0x004
#define TEB_STACK_LIMIT        0x008
#define TEB_SELF               0x018
#define TEB_CLIENT_ID          0x020
#define TEB_PROCESS_ID         0x020   /* ClientId.UniqueProcess */
#define TEB_THREAD_ID          0x024   /* ClientId.UniqueThread */
#define TEB_TLS_POINTER        0x02C   /* ThreadLocalStoragePointer */
#define TEB_PEB                0x030
#define TEB_LAST_ERROR         0x034
#define TEB_DEALLOCATION_STACK 0xE0C
#define TEB_TLS_SLOTS          0xE10   /* TlsSlots[64] */
#define TEB_TLS_EXPANSION_SLOTS 0xF94  /* TlsExpansionSlots: PVOID[1024], on demand */
#define TEB_FLS_DATA           0xFB4   /* FlsData: ntdll's fiber-local storage block (fls.c) */

#define PEB_BEING_DEBUGGED     0x002
#define PEB_IMAGE_BASE         0x008
#define PEB_LDR                0x00C
#define PEB_PROCESS_PARAMETERS 0x010
#define PEB_PROCESS_HEAP       0x018
#define PEB_NUMBER_OF_PROCESSORS 0x064
#define PEB_OS_MAJOR           0x0A4
#define PEB_OS_MINOR           0x0A8
#define PEB_OS_BUILD           0x0AC
#define PEB_OS_PLATFORM        0x0B0

#define KI_USER_SHARED_DATA    0x7FFE0000u
#define KI_PEB_VA              0x7FFDF000u
#define KI_TEB_VA              0x7FFDE000u

#endif
