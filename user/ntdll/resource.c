/*
 * PE resources: LdrFindResource_U, LdrFindResourceDirectory_U and
 * LdrAccessResource walk an image's .rsrc tree (type, then name, then
 * language) as NT's loader does. The image is the guest's own memory, so
 * nothing in it is trusted: every directory, entry, name string and data
 * entry is checked to lie inside the resource directory (and the data
 * inside the image) before it is read, and a malformed tree answers
 * STATUS_RESOURCE_DATA_NOT_FOUND or the level's "not found" status rather
 * than faulting. Entries are searched linearly, so an unsorted directory
 * still answers.
 *
 * Names compare without regard to ASCII case: resource compilers (rc,
 * windres) store names in capitals and kernel32 capitalizes the name it
 * looks for, so this only matters for a name stored in lower case by a
 * hand-built image or one asked for through ntdll directly.
 *
 * The language order is Windows' (as Wine's conformance tests state it):
 * the language asked for, its primary language with SUBLANG_NEUTRAL, then
 * LANG_NEUTRAL; when the request is itself LANG_NEUTRAL, then the thread's,
 * the user's and the system's locale (all en-US, LCID 0x0409, the one
 * locale ntmm has; SUBLANG_SYS_DEFAULT skips the first two), each also
 * with SUBLANG_NEUTRAL, English (United States), and last the directory's
 * first entry.
 */
#include "ntdll/ntdll.h"

#define LANG_NEUTRAL        0x00
#define SUBLANG_NEUTRAL     0x00
#define SUBLANG_SYS_DEFAULT 0x02
#define MAKELANGID(p, s)    ((USHORT)(((s) << 10) | (p)))
#define PRIMARYLANGID(l)    ((l) & 0x3FF)
#define SUBLANGID(l)        ((l) >> 10)
#define NTMM_LANGID         0x0409   /* en-US: ntmm's only locale */
#define ENTRY_IS_DIRECTORY  0x80000000u
#define NAME_IS_STRING      0x80000000u

/* An image's resource section: where it starts and how long it is, and
 * the image's own length (for the data entries' RVAs). */
typedef struct RESOURCE_SECTION {
    const BYTE *Image, *Root;
    ULONG Size, ImageSize;
} RESOURCE_SECTION;

static ULONG Read32(const BYTE *p)
{
    ULONG v;
    memcpy(&v, p, 4);
    return v;
}

/* The image's NT headers, if base starts a PE32 image ntmm could have
 * loaded (the loader checked its own images; a caller may pass anything). */
static const BYTE *NtHeaderOf(const BYTE *image)
{
    if (!image || image[0] != 'M' || image[1] != 'Z') {
        return NULL;
    }
    ULONG nt_offset = Read32(image + 0x3C);
    if (nt_offset > 0x1000) {
        return NULL;
    }
    const BYTE *nt = image + nt_offset;
    if (Read32(nt) != 0x00004550u || nt[0x18] != 0x0B || nt[0x19] != 0x01) {
        return NULL;
    }
    return nt;
}

/* The PE32 NT headers of the image at base, or NULL. */
PVOID NTAPI RtlImageNtHeader(PVOID base)
{
    return base ? (PVOID)NtHeaderOf(base) : NULL;
}

/* Where data directory index of the image at base starts and its size,
 * if it has one that lies inside the image. For an image mapped as a
 * data file (mapped_as_image FALSE) the RVA is turned into a file offset
 * through the section table. */
PVOID NTAPI RtlImageDirectoryEntryToData(PVOID base, BOOLEAN mapped_as_image, USHORT index,
                                         ULONG *size)
{
    const BYTE *image = base, *nt = NtHeaderOf(image);
    if (!nt || index >= Read32(nt + 0x74) || index >= 16) {
        return NULL;
    }
    ULONG image_size = Read32(nt + 0x50);
    ULONG rva = Read32(nt + 0x78 + 8 * index), length = Read32(nt + 0x7C + 8 * index);
    if (!rva || rva > image_size || length > image_size - rva) {
        return NULL;
    }
    if (!mapped_as_image) {
        USHORT sections, optional_size;
        memcpy(&sections, nt + 6, 2);
        memcpy(&optional_size, nt + 0x14, 2);
        const BYTE *header = nt + 0x18 + optional_size;
        ULONG i = 0;
        for (; i < sections; i++, header += 40) {
            ULONG va = Read32(header + 12), raw_size = Read32(header + 16);
            if (rva >= va && rva - va < raw_size) {
                rva = rva - va + Read32(header + 20);
                break;
            }
        }
        if (i == sections) {
            return NULL;
        }
    }
    *size = length;
    return (PVOID)(image + rva);
}

/* The resource directory of the image at base; STATUS_RESOURCE_DATA_NOT_FOUND
 * when it has none (or none that lies inside it), as Windows answers. */
static NTSTATUS FindSection(PVOID base, RESOURCE_SECTION *section)
{
    ULONG size;
    const BYTE *root = RtlImageDirectoryEntryToData(base, TRUE, IMAGE_DIRECTORY_ENTRY_RESOURCE,
                                                    &size);
    if (!root || size < sizeof(IMAGE_RESOURCE_DIRECTORY)) {
        return STATUS_RESOURCE_DATA_NOT_FOUND;
    }
    section->Image = base;
    section->Root = root;
    section->Size = size;
    section->ImageSize = Read32(NtHeaderOf(base) + 0x50);
    return STATUS_SUCCESS;
}

/* The directory at offset in the section, if it and its entries fit. */
static const IMAGE_RESOURCE_DIRECTORY *DirectoryAt(const RESOURCE_SECTION *section, ULONG offset)
{
    if (offset > section->Size || section->Size - offset < sizeof(IMAGE_RESOURCE_DIRECTORY)) {
        return NULL;
    }
    const IMAGE_RESOURCE_DIRECTORY *dir = (const void *)(section->Root + offset);
    ULONG count = (ULONG)dir->NumberOfNamedEntries + dir->NumberOfIdEntries;
    ULONG room = section->Size - offset - sizeof(IMAGE_RESOURCE_DIRECTORY);
    if (count > room / sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY) || (offset & 3)) {
        return NULL;
    }
    return dir;
}

static const IMAGE_RESOURCE_DIRECTORY_ENTRY *EntriesOf(const IMAGE_RESOURCE_DIRECTORY *dir)
{
    return (const IMAGE_RESOURCE_DIRECTORY_ENTRY *)(dir + 1);
}

static WCHAR UpperAscii(WCHAR c)
{
    return c >= 'a' && c <= 'z' ? (WCHAR)(c - 32) : c;
}

/* Whether entry's name (a counted UTF-16 string in the section) is name. */
static BOOLEAN NameMatches(const RESOURCE_SECTION *section,
                           const IMAGE_RESOURCE_DIRECTORY_ENTRY *entry, const WCHAR *name)
{
    ULONG offset = entry->Name & ~NAME_IS_STRING;
    if (offset > section->Size || section->Size - offset < 2) {
        return FALSE;
    }
    USHORT length;
    memcpy(&length, section->Root + offset, 2);
    if ((section->Size - offset - 2) / 2 < length) {
        return FALSE;
    }
    const BYTE *chars = section->Root + offset + 2;
    for (ULONG i = 0; i < length; i++) {
        WCHAR c;
        memcpy(&c, chars + 2 * i, 2);
        if (!name[i] || UpperAscii(c) != UpperAscii(name[i])) {
            return FALSE;
        }
    }
    return name[length] == 0;
}

/* The target of the entry of dir named by key (an ID when it fits in 16
 * bits), if it is a directory when want_dir and a data entry otherwise;
 * its offset in the section. */
static BOOLEAN Lookup(const RESOURCE_SECTION *section, const IMAGE_RESOURCE_DIRECTORY *dir,
                      ULONG_PTR key, BOOLEAN want_dir, ULONG *target)
{
    const IMAGE_RESOURCE_DIRECTORY_ENTRY *entries = EntriesOf(dir);
    ULONG named = dir->NumberOfNamedEntries, count = named + dir->NumberOfIdEntries;
    BOOLEAN by_id = key <= 0xFFFF;
    for (ULONG i = by_id ? named : 0; i < (by_id ? count : named); i++) {
        const IMAGE_RESOURCE_DIRECTORY_ENTRY *entry = &entries[i];
        BOOLEAN is_string = (entry->Name & NAME_IS_STRING) != 0;
        BOOLEAN match = by_id ? !is_string && (entry->Name & 0xFFFF) == key
                              : is_string && NameMatches(section, entry, (const WCHAR *)key);
        if (!match) {
            continue;
        }
        if (((entry->OffsetToData & ENTRY_IS_DIRECTORY) != 0) != want_dir) {
            return FALSE;
        }
        *target = entry->OffsetToData & ~ENTRY_IS_DIRECTORY;
        return TRUE;
    }
    return FALSE;
}

/* The first entry of dir of the wanted kind (directory or data). */
static BOOLEAN FirstEntry(const IMAGE_RESOURCE_DIRECTORY *dir, BOOLEAN want_dir, ULONG *target)
{
    const IMAGE_RESOURCE_DIRECTORY_ENTRY *entries = EntriesOf(dir);
    ULONG count = (ULONG)dir->NumberOfNamedEntries + dir->NumberOfIdEntries;
    for (ULONG i = 0; i < count; i++) {
        if (((entries[i].OffsetToData & ENTRY_IS_DIRECTORY) != 0) == want_dir) {
            *target = entries[i].OffsetToData & ~ENTRY_IS_DIRECTORY;
            return TRUE;
        }
    }
    return FALSE;
}

static ULONG PushLanguage(USHORT *list, ULONG count, USHORT language)
{
    for (ULONG i = 0; i < count; i++) {
        if (list[i] == language) {
            return count;
        }
    }
    list[count] = language;
    return count + 1;
}

/* Windows' order of languages to try for a request (see the top). */
static ULONG LanguageOrder(USHORT wanted, USHORT list[9])
{
    ULONG n = 0;
    n = PushLanguage(list, n, wanted);
    n = PushLanguage(list, n, MAKELANGID(PRIMARYLANGID(wanted), SUBLANG_NEUTRAL));
    n = PushLanguage(list, n, MAKELANGID(LANG_NEUTRAL, SUBLANG_NEUTRAL));
    if (PRIMARYLANGID(wanted) == LANG_NEUTRAL) {
        if (SUBLANGID(wanted) != SUBLANG_SYS_DEFAULT) {
            n = PushLanguage(list, n, NTMM_LANGID);   /* the thread's locale */
            n = PushLanguage(list, n, NTMM_LANGID);   /* the user's */
            n = PushLanguage(list, n, MAKELANGID(PRIMARYLANGID(NTMM_LANGID), SUBLANG_NEUTRAL));
        }
        n = PushLanguage(list, n, NTMM_LANGID);       /* the system's */
        n = PushLanguage(list, n, MAKELANGID(PRIMARYLANGID(NTMM_LANGID), SUBLANG_NEUTRAL));
        n = PushLanguage(list, n, 0x0409);            /* English (United States) */
    }
    return n;
}

/* Walks level steps down the tree (0: the root directory; 1: a type; 2:
 * a name; 3: a language); the last step's target must be a directory
 * when want_dir, a data entry otherwise. *found is a pointer into the
 * image, checked to lie inside the section. */
static NTSTATUS FindEntry(PVOID base, const LDR_RESOURCE_INFO *info, ULONG level,
                          BOOLEAN want_dir, const void **found)
{
    RESOURCE_SECTION section;
    NTSTATUS status = FindSection(base, &section);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (level > 3 || (level > 0 && !info)) {
        return STATUS_INVALID_PARAMETER;
    }
    static const NTSTATUS missing[3] = {STATUS_RESOURCE_TYPE_NOT_FOUND,
                                        STATUS_RESOURCE_NAME_NOT_FOUND,
                                        STATUS_RESOURCE_LANG_NOT_FOUND};
    ULONG offset = 0;
    const IMAGE_RESOURCE_DIRECTORY *dir = DirectoryAt(&section, 0);
    if (!dir) {
        return STATUS_RESOURCE_DATA_NOT_FOUND;
    }
    for (ULONG step = 0; step < level; step++) {
        BOOLEAN last = step + 1 == level;
        BOOLEAN dir_wanted = !last || want_dir;
        BOOLEAN ok;
        if (step < 2) {
            ok = Lookup(&section, dir, step == 0 ? info->Type : info->Name, dir_wanted, &offset);
        } else {
            USHORT list[9];
            USHORT wanted = (USHORT)info->Language;
            ULONG n = LanguageOrder(wanted, list);
            ok = FALSE;
            for (ULONG i = 0; i < n && !ok; i++) {
                ok = Lookup(&section, dir, list[i], dir_wanted, &offset);
            }
            if (!ok && PRIMARYLANGID(wanted) == LANG_NEUTRAL) {
                ok = FirstEntry(dir, dir_wanted, &offset);
            }
        }
        if (!ok) {
            return missing[step];
        }
        if (dir_wanted) {
            dir = DirectoryAt(&section, offset);
            if (!dir) {
                return STATUS_RESOURCE_DATA_NOT_FOUND;
            }
        }
    }
    if (level > 0 && !want_dir) {
        if (offset > section.Size || section.Size - offset < sizeof(IMAGE_RESOURCE_DATA_ENTRY) ||
            (offset & 3)) {
            return STATUS_RESOURCE_DATA_NOT_FOUND;
        }
        *found = section.Root + offset;
        return STATUS_SUCCESS;
    }
    *found = dir;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI LdrFindResource_U(PVOID base, const LDR_RESOURCE_INFO *info, ULONG level,
                                 const IMAGE_RESOURCE_DATA_ENTRY **entry)
{
    const void *found;
    NTSTATUS status = FindEntry(base, info, level, FALSE, &found);
    if (status == STATUS_SUCCESS) {
        *entry = found;
    }
    return status;
}

NTSTATUS NTAPI LdrFindResourceDirectory_U(PVOID base, const LDR_RESOURCE_INFO *info, ULONG level,
                                          const IMAGE_RESOURCE_DIRECTORY **directory)
{
    const void *found;
    NTSTATUS status = FindEntry(base, info, level, TRUE, &found);
    if (status == STATUS_SUCCESS) {
        *directory = found;
    }
    return status;
}

/* The data a data entry names: an RVA in the image, checked to lie in it. */
NTSTATUS NTAPI LdrAccessResource(PVOID base, const IMAGE_RESOURCE_DATA_ENTRY *entry,
                                 PVOID *address, ULONG *size)
{
    RESOURCE_SECTION section;
    NTSTATUS status = FindSection(base, &section);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    if (!entry || entry->OffsetToData > section.ImageSize ||
        entry->Size > section.ImageSize - entry->OffsetToData) {
        return STATUS_RESOURCE_DATA_NOT_FOUND;
    }
    if (address) {
        *address = (PVOID)(section.Image + entry->OffsetToData);
    }
    if (size) {
        *size = entry->Size;
    }
    return STATUS_SUCCESS;
}
