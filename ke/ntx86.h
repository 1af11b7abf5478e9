/*
 * The x86 structures the kernel shares with user mode, with Windows'
 * layout (32-bit fields, no host padding).
 */
#ifndef NTMM_NTX86_H
#define NTMM_NTX86_H

#include <stdint.h>

#define EXCEPTION_MAXIMUM_PARAMETERS 15
#define EXCEPTION_NONCONTINUABLE 0x01

typedef struct EXCEPTION_RECORD32 {
    uint32_t ExceptionCode;
    uint32_t ExceptionFlags;
    uint32_t ExceptionRecord;       /* a user address */
    uint32_t ExceptionAddress;
    uint32_t NumberParameters;
    uint32_t ExceptionInformation[EXCEPTION_MAXIMUM_PARAMETERS];
} EXCEPTION_RECORD32;               /* 80 bytes */

#define CONTEXT_i386               0x00010000u
#define CONTEXT_CONTROL            (CONTEXT_i386 | 0x01u)
#define CONTEXT_INTEGER            (CONTEXT_i386 | 0x02u)
#define CONTEXT_SEGMENTS           (CONTEXT_i386 | 0x04u)
#define CONTEXT_FLOATING_POINT     (CONTEXT_i386 | 0x08u)
#define CONTEXT_DEBUG_REGISTERS    (CONTEXT_i386 | 0x10u)
#define CONTEXT_EXTENDED_REGISTERS (CONTEXT_i386 | 0x20u)
#define CONTEXT_FULL (CONTEXT_CONTROL | CONTEXT_INTEGER | CONTEXT_SEGMENTS)

typedef struct FLOATING_SAVE_AREA32 {
    uint32_t ControlWord, StatusWord, TagWord, ErrorOffset, ErrorSelector;
    uint32_t DataOffset, DataSelector;
    uint8_t RegisterArea[80];
    uint32_t Cr0NpxState;
} FLOATING_SAVE_AREA32;             /* 112 bytes */

typedef struct CONTEXT32 {
    uint32_t ContextFlags;
    uint32_t Dr0, Dr1, Dr2, Dr3, Dr6, Dr7;
    FLOATING_SAVE_AREA32 FloatSave;
    uint32_t SegGs, SegFs, SegEs, SegDs;
    uint32_t Edi, Esi, Ebx, Edx, Ecx, Eax;
    uint32_t Ebp, Eip, SegCs, EFlags, Esp, SegSs;
    uint8_t ExtendedRegisters[512];
} CONTEXT32;                        /* 0x2CC bytes */

_Static_assert(sizeof(EXCEPTION_RECORD32) == 80, "EXCEPTION_RECORD is 80 bytes on x86");
_Static_assert(sizeof(CONTEXT32) == 0x2CC, "CONTEXT is 0x2CC bytes on x86");

/* TEB and PEB fields the kernel writes (docs/guest-abi.md). */
#define TEB_EXCEPTION_LIST     0x000
#define TEB_STACK_BASE         0x004
#define TEB_STACK_LIMIT        0x008
#define TEB_SELF               0x018
#define TEB_CLIENT_ID          0x020
#define TEB_TLS_POINTER        0x02C   /* ThreadLocalStoragePointer */
#define TEB_PEB                0x030
#define TEB_LAST_ERROR         0x034
#define TEB_DEALLOCATION_STACK 0xE0C

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
