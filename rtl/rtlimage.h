/*
 * PE32 images, host side: the part of NT's MiCreateImageFileMap that
 * validates an image file and lays it out, plus the walks the loader needs
 * over a laid-out image (imports, exports, TLS). Pure host code over byte
 * buffers: no emulator, no guest memory.
 *
 * Every function here must be safe on any input, including a hostile or
 * truncated file: each read is bounds-checked with 64-bit arithmetic, and
 * fields are read with unaligned-safe little-endian loads.
 *
 * Status: STATUS_SUCCESS (0), or an NTSTATUS error with a one-line reason
 * in `why` (when why is not NULL):
 *   STATUS_INVALID_IMAGE_NOT_MZ    no MZ signature
 *   STATUS_INVALID_IMAGE_FORMAT    anything malformed or unsupported
 *   STATUS_ILLEGAL_DLL_RELOCATION  must move but cannot be relocated
 *   STATUS_ENTRYPOINT_NOT_FOUND / STATUS_ORDINAL_NOT_FOUND   export lookups
 */
#ifndef NTMM_RTL_RTLIMAGE_H
#define NTMM_RTL_RTLIMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ex/ntstatus.h"

/* ------------------------------------------------------ the file format
 * Layouts as in the PE/COFF specification. They are read from the buffer
 * with memcpy (the buffer may be unaligned); the host is little-endian,
 * which peimage.c asserts.
 */
#define IMAGE_DOS_SIGNATURE 0x5A4Du        /* "MZ" */
#define IMAGE_NT_SIGNATURE  0x00004550u    /* "PE\0\0" */
#define IMAGE_FILE_MACHINE_I386 0x014Cu
#define IMAGE_NT_OPTIONAL_HDR32_MAGIC 0x10Bu
#define IMAGE_NT_OPTIONAL_HDR64_MAGIC 0x20Bu

/* IMAGE_FILE_HEADER.Characteristics */
#define IMAGE_FILE_RELOCS_STRIPPED     0x0001u
#define IMAGE_FILE_EXECUTABLE_IMAGE    0x0002u
#define IMAGE_FILE_LARGE_ADDRESS_AWARE 0x0020u
#define IMAGE_FILE_32BIT_MACHINE       0x0100u
#define IMAGE_FILE_DLL                 0x2000u

/* IMAGE_OPTIONAL_HEADER32.Subsystem */
#define IMAGE_SUBSYSTEM_NATIVE      1u
#define IMAGE_SUBSYSTEM_WINDOWS_GUI 2u
#define IMAGE_SUBSYSTEM_WINDOWS_CUI 3u

/* IMAGE_OPTIONAL_HEADER32.DllCharacteristics */
#define IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE 0x0040u
#define IMAGE_DLLCHARACTERISTICS_NX_COMPAT    0x0100u
#define IMAGE_DLLCHARACTERISTICS_NO_SEH       0x0400u

/* Data directory indexes. */
#define IMAGE_DIRECTORY_ENTRY_EXPORT    0
#define IMAGE_DIRECTORY_ENTRY_IMPORT    1
#define IMAGE_DIRECTORY_ENTRY_RESOURCE  2
#define IMAGE_DIRECTORY_ENTRY_EXCEPTION 3
#define IMAGE_DIRECTORY_ENTRY_SECURITY  4   /* a file offset, not an RVA */
#define IMAGE_DIRECTORY_ENTRY_BASERELOC 5
#define IMAGE_DIRECTORY_ENTRY_DEBUG     6
#define IMAGE_DIRECTORY_ENTRY_TLS       9
#define IMAGE_DIRECTORY_ENTRY_LOAD_CONFIG 10
#define IMAGE_DIRECTORY_ENTRY_BOUND_IMPORT 11
#define IMAGE_DIRECTORY_ENTRY_IAT       12
#define IMAGE_DIRECTORY_ENTRY_DELAY_IMPORT 13
#define IMAGE_NUMBEROF_DIRECTORY_ENTRIES 16

/* Section characteristics. */
#define IMAGE_SCN_CNT_CODE               0x00000020u
#define IMAGE_SCN_CNT_INITIALIZED_DATA   0x00000040u
#define IMAGE_SCN_CNT_UNINITIALIZED_DATA 0x00000080u
#define IMAGE_SCN_MEM_SHARED             0x10000000u
#define IMAGE_SCN_MEM_EXECUTE            0x20000000u
#define IMAGE_SCN_MEM_READ               0x40000000u
#define IMAGE_SCN_MEM_WRITE              0x80000000u

/* Base relocation types (the high 4 bits of each entry). */
#define IMAGE_REL_BASED_ABSOLUTE 0
#define IMAGE_REL_BASED_HIGH     1
#define IMAGE_REL_BASED_LOW      2
#define IMAGE_REL_BASED_HIGHLOW  3
#define IMAGE_REL_BASED_HIGHADJ  4

#define IMAGE_ORDINAL_FLAG32 0x80000000u

typedef struct IMAGE_DOS_HEADER {
    uint16_t e_magic;
    uint16_t e_cblp, e_cp, e_crlc, e_cparhdr, e_minalloc, e_maxalloc, e_ss, e_sp;
    uint16_t e_csum, e_ip, e_cs, e_lfarlc, e_ovno, e_res[4], e_oemid, e_oeminfo;
    uint16_t e_res2[10];
    uint32_t e_lfanew;          /* file offset of the PE signature */
} IMAGE_DOS_HEADER;

typedef struct IMAGE_FILE_HEADER {
    uint16_t Machine;
    uint16_t NumberOfSections;
    uint32_t TimeDateStamp;
    uint32_t PointerToSymbolTable;
    uint32_t NumberOfSymbols;
    uint16_t SizeOfOptionalHeader;
    uint16_t Characteristics;
} IMAGE_FILE_HEADER;

typedef struct IMAGE_DATA_DIRECTORY {
    uint32_t VirtualAddress;
    uint32_t Size;
} IMAGE_DATA_DIRECTORY;

typedef struct IMAGE_OPTIONAL_HEADER32 {
    uint16_t Magic;
    uint8_t MajorLinkerVersion, MinorLinkerVersion;
    uint32_t SizeOfCode, SizeOfInitializedData, SizeOfUninitializedData;
    uint32_t AddressOfEntryPoint;
    uint32_t BaseOfCode, BaseOfData;
    uint32_t ImageBase;
    uint32_t SectionAlignment, FileAlignment;
    uint16_t MajorOperatingSystemVersion, MinorOperatingSystemVersion;
    uint16_t MajorImageVersion, MinorImageVersion;
    uint16_t MajorSubsystemVersion, MinorSubsystemVersion;
    uint32_t Win32VersionValue;
    uint32_t SizeOfImage, SizeOfHeaders, CheckSum;
    uint16_t Subsystem, DllCharacteristics;
    uint32_t SizeOfStackReserve, SizeOfStackCommit, SizeOfHeapReserve, SizeOfHeapCommit;
    uint32_t LoaderFlags;
    uint32_t NumberOfRvaAndSizes;
    IMAGE_DATA_DIRECTORY DataDirectory[IMAGE_NUMBEROF_DIRECTORY_ENTRIES];
} IMAGE_OPTIONAL_HEADER32;

/* The optional header up to DataDirectory: the least a PE32 image has. */
#define IMAGE_OPTIONAL_HEADER32_FIXED 96u

typedef struct IMAGE_SECTION_HEADER {
    uint8_t Name[8];
    uint32_t VirtualSize, VirtualAddress, SizeOfRawData, PointerToRawData;
    uint32_t PointerToRelocations, PointerToLinenumbers;
    uint16_t NumberOfRelocations, NumberOfLinenumbers;
    uint32_t Characteristics;
} IMAGE_SECTION_HEADER;

typedef struct IMAGE_EXPORT_DIRECTORY {
    uint32_t Characteristics, TimeDateStamp;
    uint16_t MajorVersion, MinorVersion;
    uint32_t Name;              /* RVA of the DLL's own name */
    uint32_t Base;              /* ordinal of AddressOfFunctions[0] */
    uint32_t NumberOfFunctions, NumberOfNames;
    uint32_t AddressOfFunctions, AddressOfNames, AddressOfNameOrdinals;
} IMAGE_EXPORT_DIRECTORY;

typedef struct IMAGE_IMPORT_DESCRIPTOR {
    uint32_t OriginalFirstThunk;    /* the lookup table (0: use FirstThunk) */
    uint32_t TimeDateStamp, ForwarderChain;
    uint32_t Name;
    uint32_t FirstThunk;            /* the IAT */
} IMAGE_IMPORT_DESCRIPTOR;

typedef struct IMAGE_BASE_RELOCATION {
    uint32_t VirtualAddress;    /* page RVA; 16-bit entries follow */
    uint32_t SizeOfBlock;       /* including this header */
} IMAGE_BASE_RELOCATION;

typedef struct IMAGE_TLS_DIRECTORY32 {
    uint32_t StartAddressOfRawData, EndAddressOfRawData;   /* VAs */
    uint32_t AddressOfIndex, AddressOfCallBacks;           /* VAs */
    uint32_t SizeOfZeroFill, Characteristics;
} IMAGE_TLS_DIRECTORY32;

/* ------------------------------------------------------ the parsed image */

/* NT's loader of the time refused more sections than this. */
#define IMAGE_MAX_SECTIONS 96u

typedef struct IMAGE_SECTION {
    char Name[9];               /* NUL-terminated; unprintable bytes shown as '?' */
    uint32_t VirtualAddress;
    uint32_t VirtualSize;       /* as in the file: 0 means SizeOfRawData */
    uint32_t PointerToRawData;
    uint32_t SizeOfRawData;
    uint32_t Characteristics;
} IMAGE_SECTION;

/*
 * What RtlImageParse found. A flat struct (no pointers it owns): free() it
 * if allocated; File must stay valid while RtlImageLayOut uses it.
 */
typedef struct IMAGE_INFO {
    const uint8_t *File;
    size_t FileSize;
    uint32_t ImageBase;             /* preferred */
    uint32_t SizeOfImage;
    uint32_t SizeOfHeaders;
    uint32_t AddressOfEntryPoint;   /* RVA; 0 for none (a DLL) */
    uint32_t SectionAlignment, FileAlignment;
    uint16_t Machine;
    uint16_t Characteristics;       /* IMAGE_FILE_* */
    uint16_t Subsystem;
    uint16_t DllCharacteristics;
    uint16_t MajorSubsystemVersion, MinorSubsystemVersion;
    uint32_t SizeOfStackReserve, SizeOfStackCommit;
    uint32_t SizeOfHeapReserve, SizeOfHeapCommit;
    uint32_t NumberOfSections;
    IMAGE_SECTION Sections[IMAGE_MAX_SECTIONS];
    /* All 16; those past NumberOfRvaAndSizes are zero (absent). */
    IMAGE_DATA_DIRECTORY Directory[IMAGE_NUMBEROF_DIRECTORY_ENTRIES];
} IMAGE_INFO;

/*
 * Validates a PE32 i386 file and fills *out. What is checked: the MZ and
 * PE signatures and every header's bounds; machine and magic; alignments
 * (powers of two, SectionAlignment >= FileAlignment and >= the page size:
 * low-alignment images are not supported); ImageBase a multiple of 64K;
 * SizeOfHeaders covers the section table; sections page-aligned, in
 * ascending order, not overlapping the headers or each other, inside
 * SizeOfImage, raw data inside the file; SizeOfImage is the aligned end of
 * the last section; every RVA data directory inside SizeOfImage.
 * PointerToRawData is used as is (not rounded down to 512).
 */
NTSTATUS RtlImageParse(const uint8_t *file, size_t size, IMAGE_INFO *out, char *why,
                      size_t whylen);

/* Whether the image can be laid out at another base: it has relocations
 * and IMAGE_FILE_RELOCS_STRIPPED does not say otherwise. */
bool RtlImageCanRelocate(const IMAGE_INFO *img);

/*
 * Lays the image out in out[0, SizeOfImage) as it is mapped at new_base:
 * zeroes it, copies the headers and each section's min(SizeOfRawData,
 * VirtualSize or SizeOfRawData) bytes to its RVA, then applies the base
 * relocations if new_base != ImageBase (ABSOLUTE, HIGHLOW, HIGH, LOW,
 * HIGHADJ; anything else is an error). img must come from a successful
 * RtlImageParse. On failure out holds garbage.
 */
NTSTATUS RtlImageLayOut(const IMAGE_INFO *img, uint32_t new_base, uint8_t *out, char *why,
                      size_t whylen);

/*
 * The relocation of part of an image, for a page read on its own: buffer
 * holds the image's bytes [buffer_rva, buffer_rva + length) as in the file;
 * every fixup in relocs (the raw base relocation directory) whose target
 * overlaps [first, first + count) and lies wholly in the buffer is applied
 * for a move of delta. Give the buffer a few bytes either side of the range
 * and a fixup straddling its edge is applied whole. A malformed block:
 * STATUS_INVALID_IMAGE_FORMAT (never one RtlImageLayOut accepted).
 */
NTSTATUS RtlImageRelocateRange(const uint8_t *relocs, uint32_t relocs_size, uint32_t delta,
                               uint32_t buffer_rva, uint8_t *buffer, uint32_t length,
                               uint32_t first, uint32_t count);

/*
 * One imported function: dll and name point into the image; name is NULL
 * when imported by ordinal, and then ordinal_or_hint is the ordinal, else
 * the hint (the exporter's name-table index to try first). iat_rva is the
 * IAT slot to write the address to, 4 bytes inside the image. A nonzero
 * return stops the walk, and RtlForEachImport returns that value.
 */
typedef int (*RTL_IMPORT_ROUTINE)(void *ctx, const char *dll, const char *name,
                                 uint16_t ordinal_or_hint, uint32_t iat_rva);

/*
 * Walks the import directory of a laid-out image (size bytes): descriptors
 * until one whose Name or FirstThunk is 0 (as NT's loader stops), thunks
 * from OriginalFirstThunk (else FirstThunk) until a zero thunk. A DLL with
 * no thunks is not reported. No import directory: success, no calls.
 * Names (here and in exports) longer than 4095 bytes count as malformed.
 */
NTSTATUS RtlForEachImport(const uint8_t *image, uint32_t size, const IMAGE_INFO *img,
                         RTL_IMPORT_ROUTINE routine, void *ctx, char *why, size_t whylen);

/*
 * Finds an export of a laid-out image. By name (name != NULL): the name
 * table entry `ordinal` is tried first as a hint, then a binary search of
 * the sorted name table with an exact, case-sensitive compare, as NT's
 * loader does (an unsorted table can miss). By ordinal (name == NULL):
 * AddressOfFunctions[ordinal - Base]. On success *rva_out is the export's
 * RVA and *forwarder_out NULL, or for a forwarder (an RVA inside the
 * export directory) *forwarder_out is its "DLL.Name" or "DLL.#7" string,
 * inside the image. Not found: STATUS_ENTRYPOINT_NOT_FOUND or
 * STATUS_ORDINAL_NOT_FOUND; a malformed export directory:
 * STATUS_INVALID_IMAGE_FORMAT.
 */
NTSTATUS RtlLookupExport(const uint8_t *image, uint32_t size, const IMAGE_INFO *img,
                        const char *name, uint16_t ordinal, uint32_t *rva_out,
                        const char **forwarder_out);

/* The export directory's own DLL name (inside the image), or NULL. */
const char *RtlExportDllName(const uint8_t *image, uint32_t size, const IMAGE_INFO *img);

/* Whether the image has a TLS directory at all. */
bool RtlImageHasTls(const IMAGE_INFO *img);

/*
 * The TLS directory of an image laid out at base, so the loader can
 * decide what it supports. Its fields are VAs (relocated). *callbacks is
 * the number of entries in the AddressOfCallBacks list before its zero
 * (0 if AddressOfCallBacks is 0). No TLS directory: STATUS_NOT_FOUND.
 */
NTSTATUS RtlImageTlsDirectory(const uint8_t *image, uint32_t size, const IMAGE_INFO *img,
                           uint32_t base, IMAGE_TLS_DIRECTORY32 *tls, uint32_t *callbacks);

/*
 * The Win32 protection an image view gives a section, from its
 * MEM_EXECUTE/READ/WRITE bits: writable means copy-on-write
 * (PAGE_WRITECOPY 0x08, PAGE_EXECUTE_WRITECOPY 0x80) unless MEM_SHARED
 * (then PAGE_READWRITE 0x04, PAGE_EXECUTE_READWRITE 0x40); otherwise
 * PAGE_EXECUTE_READ 0x20, PAGE_EXECUTE 0x10, PAGE_READONLY 0x02, or
 * PAGE_NOACCESS 0x01. The headers are PAGE_READONLY.
 */
uint32_t RtlImageSectionProtection(uint32_t characteristics);

#endif
