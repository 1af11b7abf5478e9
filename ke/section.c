/*
 * The section services: NtCreateSection, NtOpenSection, NtMapViewOfSection
 * and NtUnmapViewOfSection. mm does the work (mm/section.c, mapview.c);
 * here are the parts that belong to the caller's process: capturing the
 * arguments from user memory, names, handles, and writing the results
 * back. A FileHandle makes a section over that file (filemap.c); without
 * one the paging file backs it.
 */
#include "ke/ki.h"

#include <string.h>

#define KI_SEC_NOCACHE 0x10000000u

#define OBJ_OPENIF 0x00000080u
#define OBJ_CASE_INSENSITIVE 0x00000040u

NTSTATUS KiCaptureUnicodeString(KPROCESS *process, uint32_t string_va, char *name, size_t max)
{
    uint16_t us[4]; /* Length, MaximumLength, Buffer */
    NTSTATUS status = MmCopyFromUser(process->Mm, us, string_va, 8);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t length = us[0], buffer = us[2] | (uint32_t)us[3] << 16;
    if (length % 2 || (length / 2) * 3 + 1 > max) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    uint16_t wide[KI_NAME_MAX];
    status = MmCopyFromUser(process->Mm, wide, buffer, length);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    char *out = name;
    for (uint32_t i = 0; i < length / 2; i++) {
        uint16_t c = wide[i];
        if (c == 0) {
            return STATUS_OBJECT_NAME_INVALID;
        } else if (c < 0x80) {
            *out++ = (char)c;
        } else if (c < 0x800) {
            *out++ = (char)(0xC0 | c >> 6);
            *out++ = (char)(0x80 | (c & 0x3F));
        } else {
            *out++ = (char)(0xE0 | c >> 12);
            *out++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *out++ = (char)(0x80 | (c & 0x3F));
        }
    }
    *out = 0;
    return STATUS_SUCCESS;
}

NTSTATUS KiCaptureObjectName(KPROCESS *process, uint32_t attributes_va, char *name,
                                  uint32_t *attributes)
{
    name[0] = 0;
    *attributes = 0;
    if (!attributes_va) {
        return STATUS_SUCCESS;
    }
    uint32_t oa[6];
    NTSTATUS status = MmCopyFromUser(process->Mm, oa, attributes_va, sizeof oa);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (oa[0] != sizeof oa) {
        return STATUS_INVALID_PARAMETER;
    }
    *attributes = oa[3];
    if (!oa[2]) {
        return STATUS_SUCCESS;
    }
    return KiCaptureUnicodeString(process, oa[2], name, KI_NAME_MAX);
}

/* NtCreateSection(SectionHandle, DesiredAccess, ObjectAttributes,
 * MaximumSize, SectionPageProtection, AllocationAttributes, FileHandle) */
NTSTATUS KiNtCreateSection(KPROCESS *process, const uint32_t *a)
{
    char name[KI_NAME_MAX];
    uint32_t attributes;
    NTSTATUS status = KiCaptureObjectName(process, a[2], name, &attributes);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint64_t size = 0;
    if (a[3] && (status = MmCopyFromUser(process->Mm, &size, a[3], sizeof size)) != STATUS_SUCCESS) {
        return status;
    }
    if (name[0]) {
        EX_OBJECT *existing = ExLookupNamedObject(&process->System->Namespace, name,
                                                  attributes & OBJ_CASE_INSENSITIVE);
        if (existing) {
            if (!(attributes & OBJ_OPENIF)) {
                status = STATUS_OBJECT_NAME_COLLISION;
            } else if (existing->Type != ExObjectSection) {
                status = STATUS_OBJECT_TYPE_MISMATCH;
            } else {
                status = KiReturnHandleWithAttributes(process, existing, a[1], attributes, a[0]);
                if (status == STATUS_SUCCESS) {
                    status = STATUS_OBJECT_NAME_EXISTS; /* kernel32: ERROR_ALREADY_EXISTS */
                }
            }
            ExDereferenceObject(existing);
            return status;
        }
    }
    /* SEC_IMAGE takes no other attribute but SEC_NOCACHE (which an image
     * ignores), and needs a file: without one it is no image at all. */
    if ((a[5] & SEC_IMAGE) && (a[5] & ~(SEC_IMAGE | KI_SEC_NOCACHE))) {
        return STATUS_INVALID_PARAMETER_6;
    }
    if ((a[5] & SEC_IMAGE) && !a[6]) {
        return STATUS_INVALID_FILE_FOR_SECTION;
    }
    MMSECTION *section;
    if (a[6]) {
        status = KiCreateFileSection(process, a[6], size, a[4], a[5], &section); /* filemap.c */
    } else {
        status = MmCreateSection(process->System->Mm, size, a[4], a[5] ? a[5] : SEC_COMMIT,
                                 &section);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (!(a[5] & SEC_IMAGE)) {
        MmSetSectionName(section, name[0] ? name : NULL); /* an image keeps its file's name */
    }
    EX_OBJECT *object = MmSectionObject(section);
    if (name[0]) {
        status = ExInsertNamedObject(&process->System->Namespace, object, name);
    }
    if (status == STATUS_SUCCESS && (a[5] & SEC_IMAGE)) {
        status = KiReturnImageSectionHandle(process, object, a[1], a[4], attributes, a[0]);
    } else if (status == STATUS_SUCCESS) {
        status = KiReturnHandleWithAttributes(process, object, a[1], attributes, a[0]);
    }
    ExDereferenceObject(object); /* the handle holds it now, or nothing does */
    return status;
}

/* NtOpenSection(SectionHandle, DesiredAccess, ObjectAttributes) */
NTSTATUS KiNtOpenSection(KPROCESS *process, const uint32_t *a)
{
    return KiOpenNamedObject(process, a, ExObjectSection);
}

/* NtMapViewOfSection(SectionHandle, ProcessHandle, BaseAddress, ZeroBits,
 * CommitSize, SectionOffset, ViewSize, InheritDisposition, AllocationType,
 * Win32Protect) */
NTSTATUS KiNtMapViewOfSection(KPROCESS *process, const uint32_t *a)
{
    if (a[3] > MM_MAXIMUM_ZERO_BITS) {
        return STATUS_INVALID_PARAMETER_4;
    }
    if (a[7] != 1 && a[7] != 2) {
        return STATUS_INVALID_PARAMETER_8; /* ViewShare or ViewUnmap */
    }
    MMPROCESS *target;
    NTSTATUS status = KiReferenceProcessWithAccess(process, a[1], PROCESS_VM_OPERATION, &target);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t base, view_size;
    uint64_t offset = 0;
    status = MmCopyFromUser(process->Mm, &base, a[2], sizeof base);
    if (status == STATUS_SUCCESS) {
        status = MmCopyFromUser(process->Mm, &view_size, a[6], sizeof view_size);
    }
    if (status == STATUS_SUCCESS && a[5]) {
        status = MmCopyFromUser(process->Mm, &offset, a[5], sizeof offset);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    /* A base given must itself meet ZeroBits (Windows checks this before
     * the base's alignment: Wine's ntdll virtual.c test_NtMapViewOfSection). */
    if (base && a[3] && (base >> (32 - a[3])) != 0) {
        return STATUS_INVALID_PARAMETER_4;
    }
    /* The section handle must grant what a view of this protection needs
     * (SECTION_MAP_READ, _WRITE, _EXECUTE). */
    EX_OBJECT *object = ExReferenceObjectByHandleWithAccess(
        &process->Handles, a[0], ExObjectSection, KiSectionAccessForProtection(a[9]), &status);
    if (!object) {
        return status;
    }
    status = MmMapViewOfSection(MmObjectSection(object), target, &base, a[3], a[4], &offset,
                                &view_size, a[8], a[9]);
    ExDereferenceObject(object); /* the view holds its own reference */
    if (NT_SUCCESS(status)) {
        /* As NT: the view exists whether or not the results can be written
         * (STATUS_IMAGE_NOT_AT_BASE is a success: the guest needs the base). */
        MmCopyToUser(process->Mm, a[2], &base, sizeof base);
        MmCopyToUser(process->Mm, a[6], &view_size, sizeof view_size);
        if (a[5]) {
            MmCopyToUser(process->Mm, a[5], &offset, sizeof offset);
        }
    }
    return status;
}

/* NtUnmapViewOfSection(ProcessHandle, BaseAddress) */
NTSTATUS KiNtUnmapViewOfSection(KPROCESS *process, const uint32_t *a)
{
    MMPROCESS *target;
    NTSTATUS status = KiReferenceProcessWithAccess(process, a[0], PROCESS_VM_OPERATION, &target);
    return status ? status : MmUnmapViewOfSection(target, a[1]);
}

/* NtQuerySection(SectionHandle, SectionInformationClass, Buffer, Length,
 * ResultLength): SectionBasicInformation (16 bytes on x86: BaseAddress,
 * Attributes, Size) for any section, SectionImageInformation (48 bytes)
 * for an image's. A buffer shorter than the class's structure is
 * STATUS_INFO_LENGTH_MISMATCH, a longer one is fine; the handle needs
 * SECTION_QUERY; a data section has no image information
 * (STATUS_SECTION_NOT_IMAGE). Wine's kernel32 virtual.c test states these. */
#define SECTION_BASIC_INFORMATION_SIZE 16u
#define SECTION_IMAGE_INFORMATION_SIZE 48u

static void PutImageInformation(MMSECTION *section, uint8_t *out)
{
    MM_IMAGE_INFORMATION image;
    MmQueryImageSection(section, &image);
    uint32_t words[5] = {
        image.EntryPoint ? image.PreferredBase + image.EntryPoint : 0, /* TransferAddress */
        0,                                                              /* ZeroBits */
        image.StackReserve,                                             /* MaximumStackSize */
        image.StackCommit,                                              /* CommittedStackSize */
        image.Subsystem,                                                /* SubSystemType */
    };
    uint16_t halves[7] = {
        image.MinorSubsystemVersion, image.MajorSubsystemVersion,
        0, 0, /* the operating system version: not kept */
        image.Characteristics, image.DllCharacteristics, image.Machine,
    };
    memset(out, 0, SECTION_IMAGE_INFORMATION_SIZE);
    memcpy(out, words, sizeof words);
    memcpy(out + 20, halves, sizeof halves);
    out[34] = image.ContainsCode;                                    /* ImageContainsCode */
    memcpy(out + 40, &image.FileSize, sizeof image.FileSize);        /* ImageFileSize */
}

NTSTATUS KiNtQuerySection(KPROCESS *process, const uint32_t *a)
{
    uint32_t size = a[1] == 0 ? SECTION_BASIC_INFORMATION_SIZE
                  : a[1] == 1 ? SECTION_IMAGE_INFORMATION_SIZE
                              : 0;
    if (!size) {
        return STATUS_INVALID_INFO_CLASS;
    }
    if (a[3] < size) {
        return STATUS_INFO_LENGTH_MISMATCH;
    }
    NTSTATUS status;
    EX_OBJECT *object = ExReferenceObjectByHandleWithAccess(&process->Handles, a[0],
                                                            ExObjectSection, SECTION_QUERY,
                                                            &status);
    if (!object) {
        return status;
    }
    MMSECTION *section = MmObjectSection(object);
    uint8_t info[SECTION_IMAGE_INFORMATION_SIZE] = {0};
    status = STATUS_SUCCESS;
    if (a[1] == 0) {
        uint32_t attributes;
        uint64_t length;
        MmQuerySectionBasic(section, &attributes, &length);
        memcpy(info + 4, &attributes, sizeof attributes);   /* BaseAddress stays NULL */
        memcpy(info + 8, &length, sizeof length);
    } else if (MmIsImageSection(section)) {
        PutImageInformation(section, info);
    } else {
        status = STATUS_SECTION_NOT_IMAGE;
    }
    ExDereferenceObject(object);
    if (status == STATUS_SECTION_NOT_IMAGE) {
        return status;
    }
    status = MmCopyToUser(process->Mm, a[2], info, size);
    if (status == STATUS_SUCCESS && a[4]) {
        status = MmCopyToUser(process->Mm, a[4], &size, sizeof size);
    }
    return status;
}
