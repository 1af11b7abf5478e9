/*
 * Atoms: 16-bit numbers for strings. An integer atom (MAKEINTATOM, or a
 * string "#1234") is its own number, 1 to 0xBFFF, and needs no table; a
 * string atom is 0xC000 and up, found case-insensitively, counted (AddAtom
 * again adds a reference, DeleteAtom takes one), at most 255 characters.
 * The local table is the process's (AddAtom...). Windows keeps the global
 * table (GlobalAddAtom...) in the session, for every process; ntmm keeps
 * it in each process, apart from the local one, with the same rules — a
 * second process does not see the first's global atoms.
 */
#include "kernel32/kernel32.h"

#define MAXINTATOM 0xC000u
#define ATOM_MAX_NAME 255u
#define ATOM_TABLE_SIZE 0x4000u /* 0xC000..0xFFFF */
#define ERROR_FILE_NOT_FOUND 2
#define ERROR_MORE_DATA 234

typedef struct ATOM_ENTRY {
    WCHAR *Name;   /* NULL: free */
    ULONG References;
} ATOM_ENTRY;

typedef struct ATOM_TABLE {
    RTL_CRITICAL_SECTION Lock;
    ATOM_ENTRY *Entries;  /* ATOM_TABLE_SIZE of them, made at the first AddAtom */
} ATOM_TABLE;

static ATOM_TABLE local_table = {{NULL, -1, 0, NULL, NULL, 0}, NULL};
static ATOM_TABLE global_table = {{NULL, -1, 0, NULL, NULL, 0}, NULL};

static BOOL SameName(const WCHAR *a, const WCHAR *b)
{
    for (; *a && *b; a++, b++) {
        if (RtlUpcaseUnicodeChar(*a) != RtlUpcaseUnicodeChar(*b)) {
            return FALSE;
        }
    }
    return *a == *b;
}

/* "#1234" (decimal) is the integer atom 1234; TRUE with the number, which
 * may be out of range (the caller says so). */
static BOOL IntegerName(const WCHAR *name, ULONG *value)
{
    if (name[0] != L'#' || !name[1]) {
        return FALSE;
    }
    ULONG n = 0;
    for (const WCHAR *p = name + 1; *p; p++) {
        if (*p < L'0' || *p > L'9') {
            return FALSE; /* "#abc" is a string atom's name */
        }
        n = n * 10 + (ULONG)(*p - L'0');
        if (n > 0xFFFF) {
            n = 0x10000;
        }
    }
    *value = n;
    return TRUE;
}

/* What a name argument means: TRUE with an integer atom (or 0 for an
 * invalid one, the error set), FALSE for a string. */
static BOOL IntegerAtom(const WCHAR *name, ATOM *atom)
{
    ULONG value;
    if ((ULONG_PTR)name < 0x10000) {
        value = (ULONG)(ULONG_PTR)name;
    } else if (!IntegerName(name, &value)) {
        return FALSE;
    }
    if (value == 0) {
        *atom = 0; /* MAKEINTATOM(0): 0, the last error untouched (atom.c:105-111) */
    } else if (value >= MAXINTATOM) {
        SetLastError(ERROR_INVALID_PARAMETER);
        *atom = 0;
    } else {
        *atom = (ATOM)value;
    }
    return TRUE;
}

static ATOM Add(ATOM_TABLE *table, const WCHAR *name)
{
    ATOM atom;
    if (IntegerAtom(name, &atom)) {
        return atom;
    }
    ULONG length = 0;
    while (name[length]) {
        length++;
    }
    if (length == 0 || length > ATOM_MAX_NAME) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return 0;
    }
    RtlEnterCriticalSection(&table->Lock);
    ATOM result = 0;
    if (!table->Entries) {
        table->Entries = RtlAllocateHeap(GetProcessHeap(), HEAP_ZERO_MEMORY,
                                         ATOM_TABLE_SIZE * sizeof *table->Entries);
    }
    ULONG free_slot = ATOM_TABLE_SIZE;
    for (ULONG i = 0; table->Entries && i < ATOM_TABLE_SIZE; i++) {
        ATOM_ENTRY *e = &table->Entries[i];
        if (e->Name && SameName(e->Name, name)) {
            e->References++;
            result = (ATOM)(MAXINTATOM + i);
            break;
        }
        if (!e->Name && free_slot == ATOM_TABLE_SIZE) {
            free_slot = i;
        }
    }
    if (!result && table->Entries && free_slot < ATOM_TABLE_SIZE) {
        WCHAR *copy = RtlAllocateHeap(GetProcessHeap(), 0, (length + 1) * sizeof(WCHAR));
        if (copy) {
            for (ULONG i = 0; i <= length; i++) {
                copy[i] = name[i];
            }
            table->Entries[free_slot].Name = copy;
            table->Entries[free_slot].References = 1;
            result = (ATOM)(MAXINTATOM + free_slot);
        }
    }
    RtlLeaveCriticalSection(&table->Lock);
    if (!result) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    }
    return result;
}

static ATOM Find(ATOM_TABLE *table, const WCHAR *name)
{
    ATOM atom;
    if (IntegerAtom(name, &atom)) {
        return atom;
    }
    RtlEnterCriticalSection(&table->Lock);
    ATOM result = 0;
    for (ULONG i = 0; table->Entries && i < ATOM_TABLE_SIZE; i++) {
        if (table->Entries[i].Name && SameName(table->Entries[i].Name, name)) {
            result = (ATOM)(MAXINTATOM + i);
            break;
        }
    }
    RtlLeaveCriticalSection(&table->Lock);
    if (!result) {
        SetLastError(ERROR_FILE_NOT_FOUND);
    }
    return result;
}

/* 0 on success, as Windows answers; the atom itself when it is none. */
static ATOM Delete(ATOM_TABLE *table, ATOM atom)
{
    if (atom < MAXINTATOM) {
        return 0; /* an integer atom: nothing to delete */
    }
    RtlEnterCriticalSection(&table->Lock);
    ATOM_ENTRY *e = table->Entries ? &table->Entries[atom - MAXINTATOM] : NULL;
    BOOL found = e && e->Name;
    if (found && --e->References == 0) {
        RtlFreeHeap(GetProcessHeap(), 0, e->Name);
        e->Name = NULL;
    }
    RtlLeaveCriticalSection(&table->Lock);
    if (!found) {
        SetLastError(ERROR_INVALID_HANDLE);
        return atom;
    }
    return 0;
}

/* The atom's whole name into name (ATOM_MAX_NAME + 1 characters): its
 * length, or -1 with the error for an unknown atom. */
static int Lookup(ATOM_TABLE *table, ATOM atom, WCHAR *name)
{
    if (atom == 0) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return -1;
    }
    int length = 0;
    if (atom < MAXINTATOM) {
        WCHAR digits[6];
        int n = 0;
        for (ULONG v = atom; v; v /= 10) {
            digits[n++] = (WCHAR)(L'0' + v % 10);
        }
        name[length++] = L'#';
        while (n) {
            name[length++] = digits[--n];
        }
        name[length] = 0;
        return length;
    }
    RtlEnterCriticalSection(&table->Lock);
    const WCHAR *entry = table->Entries ? table->Entries[atom - MAXINTATOM].Name : NULL;
    if (entry) {
        while (entry[length]) {
            name[length] = entry[length];
            length++;
        }
        name[length] = 0;
    }
    RtlLeaveCriticalSection(&table->Lock);
    if (!entry) {
        SetLastError(ERROR_INVALID_HANDLE);
        return -1;
    }
    return length;
}

/* Copies a name of length characters into a buffer of size (> 0), cut
 * as each table's Get*AtomName cuts it (Wine's kernel32 atom.c states
 * Windows' answers):
 *  - local, either form: a string atom's name cut to size - 1 characters
 *    and terminated, the count copied; an integer atom's that does not
 *    fit is 0 with ERROR_INSUFFICIENT_BUFFER;
 *  - global, UTF-16: as many characters as fit, terminated only if there
 *    is room, the count copied;
 *  - global, ANSI: a name that does not fit is cut and terminated, but the
 *    answer is 0 with ERROR_MORE_DATA. */
typedef enum ATOM_CUT { CutLocal, CutGlobalWide, CutGlobalAnsi } ATOM_CUT;

static UINT Cut(ATOM_CUT cut, BOOL integer, int length, int size, int *copy, BOOL *terminate)
{
    if (length < size) {
        *copy = length, *terminate = TRUE;
        return (UINT)length;
    }
    if (cut == CutLocal && integer) {
        *copy = 0, *terminate = FALSE;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return 0;
    }
    if (cut == CutGlobalWide) {
        *copy = size, *terminate = FALSE;
        return (UINT)size;
    }
    *copy = size - 1, *terminate = TRUE;
    if (cut == CutGlobalAnsi) {
        SetLastError(ERROR_MORE_DATA);
        return 0;
    }
    return (UINT)(size - 1);
}

static UINT Name(ATOM_TABLE *table, ATOM atom, WCHAR *buffer, int size)
{
    if (size <= 0) {
        SetLastError(ERROR_MORE_DATA);
        return 0;
    }
    WCHAR name[ATOM_MAX_NAME + 1];
    int length = Lookup(table, atom, name);
    if (length < 0) {
        return 0;
    }
    int copy;
    BOOL terminate;
    UINT result = Cut(table == &local_table ? CutLocal : CutGlobalWide, atom < MAXINTATOM, length,
                      size, &copy, &terminate);
    memcpy(buffer, name, (size_t)copy * sizeof *name);
    if (terminate) {
        buffer[copy] = 0;
    }
    return result;
}

/* The A forms: the name as UTF-16 (an integer atom's pointer as it is). */
static const WCHAR *Widen(const char *name, WCHAR *buffer)
{
    if ((ULONG_PTR)name < 0x10000) {
        return (const WCHAR *)name;
    }
    int n = MultiByteToWideChar(CP_ACP, 0, name, -1, buffer, ATOM_MAX_NAME + 2);
    if (n <= 0) {
        /* Too long to convert here: a stand-in longer than any atom's
         * name may be, which Add refuses as Windows does the original. */
        for (int i = 0; i <= (int)ATOM_MAX_NAME; i++) {
            buffer[i] = L'x';
        }
        buffer[ATOM_MAX_NAME + 1] = 0;
    }
    return buffer;
}

static UINT NameA(ATOM_TABLE *table, ATOM atom, char *buffer, int size)
{
    if (size <= 0) {
        SetLastError(ERROR_MORE_DATA);
        return 0;
    }
    WCHAR wide[ATOM_MAX_NAME + 1];
    if (Lookup(table, atom, wide) < 0) {
        return 0;
    }
    char narrow[4 * (ATOM_MAX_NAME + 1)];
    int length = WideCharToMultiByte(CP_ACP, 0, wide, -1, narrow, sizeof narrow, NULL, NULL) - 1;
    if (length < 0) {
        length = 0;
    }
    int copy;
    BOOL terminate;
    UINT result = Cut(table == &local_table ? CutLocal : CutGlobalAnsi, atom < MAXINTATOM, length,
                      size, &copy, &terminate);
    memcpy(buffer, narrow, (size_t)copy);
    if (terminate) {
        buffer[copy] = 0;
    }
    return result;
}

ATOM WINAPI AddAtomW(const WCHAR *name)
{
    return Add(&local_table, name);
}

ATOM WINAPI AddAtomA(const char *name)
{
    WCHAR wide[ATOM_MAX_NAME + 2];
    return Add(&local_table, Widen(name, wide));
}

ATOM WINAPI FindAtomW(const WCHAR *name)
{
    return Find(&local_table, name);
}

ATOM WINAPI FindAtomA(const char *name)
{
    WCHAR wide[ATOM_MAX_NAME + 2];
    return Find(&local_table, Widen(name, wide));
}

ATOM WINAPI DeleteAtom(ATOM atom)
{
    return Delete(&local_table, atom);
}

UINT WINAPI GetAtomNameW(ATOM atom, WCHAR *buffer, int size)
{
    return Name(&local_table, atom, buffer, size);
}

UINT WINAPI GetAtomNameA(ATOM atom, char *buffer, int size)
{
    return NameA(&local_table, atom, buffer, size);
}

ATOM WINAPI GlobalAddAtomW(const WCHAR *name)
{
    return Add(&global_table, name);
}

ATOM WINAPI GlobalAddAtomA(const char *name)
{
    WCHAR wide[ATOM_MAX_NAME + 2];
    return Add(&global_table, Widen(name, wide));
}

ATOM WINAPI GlobalFindAtomW(const WCHAR *name)
{
    return Find(&global_table, name);
}

ATOM WINAPI GlobalFindAtomA(const char *name)
{
    WCHAR wide[ATOM_MAX_NAME + 2];
    return Find(&global_table, Widen(name, wide));
}

ATOM WINAPI GlobalDeleteAtom(ATOM atom)
{
    return Delete(&global_table, atom);
}

UINT WINAPI GlobalGetAtomNameW(ATOM atom, WCHAR *buffer, int size)
{
    return Name(&global_table, atom, buffer, size);
}

UINT WINAPI GlobalGetAtomNameA(ATOM atom, char *buffer, int size)
{
    return NameA(&global_table, atom, buffer, size);
}
