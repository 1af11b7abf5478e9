/*
 * The Path* functions, one body for the A and the W form: path.c includes
 * this file twice, with TCH the character type (char, WCHAR) and NAME(x)
 * adding the form's letter. The ANSI code page is single-byte, so the A
 * forms step a byte at a time as the W forms step a character. A path is
 * at most MAX_PATH characters with its NUL, as Windows' shlwapi assumes
 * of every buffer it writes. The rules are Windows' (Microsoft's pages for
 * each function and Wine's shlwapi path tests, run on Windows).
 */

static size_t NAME(Len)(const TCH *s)
{
    size_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static void NAME(Move)(TCH *dst, const TCH *src)
{
    memmove(dst, src, (NAME(Len)(src) + 1) * sizeof(TCH));
}

BOOL WINAPI NAME(PathIsRelative)(const TCH *path)
{
    if (!path || !*path) {
        return TRUE;
    }
    return !(path[0] == '\\' || path[1] == ':');
}

BOOL WINAPI NAME(PathIsUNC)(const TCH *path)
{
    return path && path[0] == '\\' && path[1] == '\\' && path[2] != '?';
}

/* "\", "X:\", "\\server" and "\\server\share" (with nothing after). */
BOOL WINAPI NAME(PathIsRoot)(const TCH *path)
{
    if (!path || !*path) {
        return FALSE;
    }
    if (path[0] == '\\') {
        if (!path[1]) {
            return TRUE;
        }
        if (path[1] != '\\') {
            return FALSE;
        }
        int slashes = 0;
        for (const TCH *p = path + 2; *p; p++) {
            if (*p == '\\' && ++slashes > 1) {
                return FALSE;
            }
        }
        return TRUE;
    }
    return path[1] == ':' && path[2] == '\\' && !path[3];
}

BOOL WINAPI NAME(PathIsFileSpec)(const TCH *path)
{
    if (!path) {
        return FALSE;
    }
    for (; *path; path++) {
        if (*path == '\\' || *path == ':') {
            return FALSE;
        }
    }
    return TRUE;
}

/* Past the file name's last separator ('\', '/' or ':'), unless only a
 * separator follows it. */
TCH *WINAPI NAME(PathFindFileName)(const TCH *path)
{
    const TCH *name = path;
    if (!path) {
        return NULL;
    }
    for (const TCH *p = path; *p; p++) {
        if ((*p == '\\' || *p == '/' || *p == ':') && p[1] && p[1] != '\\' && p[1] != '/') {
            name = p + 1;
        }
    }
    return (TCH *)name;
}

/* The last '.' of the file name (a '\' or a space after a '.' ends that
 * extension), or the terminating NUL. */
TCH *WINAPI NAME(PathFindExtension)(const TCH *path)
{
    const TCH *dot = NULL, *p = path;
    if (!path) {
        return NULL;
    }
    for (; *p; p++) {
        if (*p == '\\' || *p == ' ') {
            dot = NULL;
        } else if (*p == '.') {
            dot = p;
        }
    }
    return (TCH *)(dot ? dot : p);
}

void WINAPI NAME(PathRemoveExtension)(TCH *path)
{
    if (path) {
        *NAME(PathFindExtension)(path) = 0;
    }
}

BOOL WINAPI NAME(PathRenameExtension)(TCH *path, const TCH *extension)
{
    if (!path || !extension) {
        return FALSE;
    }
    TCH *dot = NAME(PathFindExtension)(path);
    if ((size_t)(dot - path) + NAME(Len)(extension) >= MAX_PATH) {
        return FALSE;
    }
    memcpy(dot, extension, (NAME(Len)(extension) + 1) * sizeof(TCH));
    return TRUE;
}

/* Adds extension (".exe" when NULL or empty) unless the path has one. */
BOOL WINAPI NAME(PathAddExtension)(TCH *path, const TCH *extension)
{
    static const TCH exe[] = {'.', 'e', 'x', 'e', 0};
    if (!path) {
        return FALSE;
    }
    TCH *dot = NAME(PathFindExtension)(path);
    if (*dot) {
        return FALSE;
    }
    if (!extension || !*extension) {
        extension = exe;
    }
    if ((size_t)(dot - path) + NAME(Len)(extension) >= MAX_PATH) {
        return FALSE;
    }
    memcpy(dot, extension, (NAME(Len)(extension) + 1) * sizeof(TCH));
    return TRUE;
}

/* Appends '\' unless the path is empty or ends in one; the new end, or
 * NULL when it would not fit in MAX_PATH. */
TCH *WINAPI NAME(PathAddBackslash)(TCH *path)
{
    if (!path) {
        return NULL;
    }
    size_t n = NAME(Len)(path);
    if (n >= MAX_PATH) {
        return NULL;
    }
    if (n && path[n - 1] != '\\') {
        if (n + 1 >= MAX_PATH) {
            return NULL;
        }
        path[n++] = '\\';
        path[n] = 0;
    }
    return path + n;
}

/* Removes a final '\' unless the path is a root; the last character's
 * place (where the '\' was). */
TCH *WINAPI NAME(PathRemoveBackslash)(TCH *path)
{
    if (!path) {
        return NULL;
    }
    size_t n = NAME(Len)(path);
    TCH *last = n ? path + n - 1 : path;
    if (*last == '\\' && !NAME(PathIsRoot)(path)) {
        *last = 0;
    }
    return last;
}

void WINAPI NAME(PathStripPath)(TCH *path)
{
    if (path) {
        NAME(Move)(path, NAME(PathFindFileName)(path));
    }
}

/* Cuts the last component: the path up to its last '\' (kept when it is
 * the root's: "\", "\\", "X:\"); FALSE when nothing was removed. */
BOOL WINAPI NAME(PathRemoveFileSpec)(TCH *path)
{
    if (!path) {
        return FALSE;
    }
    TCH *cut = path, *p = path;
    if (*p == '\\') {
        cut = ++p;
        if (*p == '\\') {
            cut = ++p;
        }
    }
    while (*p) {
        if (*p == '\\') {
            cut = p;
        } else if (*p == ':') {
            cut = ++p;
            if (*p == '\\') {
                cut = ++p;      /* "X:\" is a root: its '\' stays */
            }
            continue;
        }
        p++;
    }
    if (!*cut) {
        return FALSE;
    }
    *cut = 0;
    return TRUE;
}

BOOL WINAPI NAME(PathStripToRoot)(TCH *path)
{
    if (!path) {
        return FALSE;
    }
    while (!NAME(PathIsRoot)(path)) {
        if (!NAME(PathRemoveFileSpec)(path)) {
            return FALSE;
        }
    }
    return TRUE;
}

/* Past the root: "X:\" or "\\server\share\"; NULL when there is none. */
TCH *WINAPI NAME(PathSkipRoot)(const TCH *path)
{
    if (!path || !*path) {
        return NULL;
    }
    if (path[0] == '\\' && path[1] == '\\') {
        const TCH *p = path + 2;
        for (int part = 0; part < 2; part++) {
            while (*p && *p != '\\') {
                p++;
            }
            if (!*p) {
                return NULL;
            }
            p++;
        }
        return (TCH *)p;
    }
    if (path[1] == ':' && path[2] == '\\') {
        return (TCH *)(path + 3);
    }
    return NULL;
}

/* Past the first space outside quotes: the arguments of a command line,
 * or the terminating NUL. */
TCH *WINAPI NAME(PathGetArgs)(const TCH *path)
{
    BOOL quoted = FALSE;
    if (!path) {
        return NULL;
    }
    for (; *path; path++) {
        if (*path == ' ' && !quoted) {
            return (TCH *)(path + 1);
        }
        if (*path == '"') {
            quoted = !quoted;
        }
    }
    return (TCH *)path;
}

void WINAPI NAME(PathRemoveArgs)(TCH *path)
{
    if (!path) {
        return;
    }
    TCH *args = NAME(PathGetArgs)(path);
    if (*args) {
        args[-1] = 0;   /* the space before them */
    } else if (args > path && args[-1] == ' ') {
        args[-1] = 0;
    }
}

/* Past the next '\', or the terminating NUL; NULL at the end. */
TCH *WINAPI NAME(PathFindNextComponent)(const TCH *path)
{
    if (!path || !*path) {
        return NULL;
    }
    while (*path) {
        if (*path++ == '\\') {
            return (TCH *)path;
        }
    }
    return (TCH *)path;
}

BOOL WINAPI NAME(PathQuoteSpaces)(TCH *path)
{
    if (!path) {
        return FALSE;
    }
    size_t n = NAME(Len)(path);
    BOOL space = FALSE;
    for (size_t i = 0; i < n; i++) {
        space |= path[i] == ' ';
    }
    if (!space || n + 3 > MAX_PATH) {
        return FALSE;
    }
    memmove(path + 1, path, n * sizeof(TCH));
    path[0] = '"';
    path[n + 1] = '"';
    path[n + 2] = 0;
    return TRUE;
}

/* A path in quotes loses them (a lone '"' counts as both). */
void WINAPI NAME(PathUnquoteSpaces)(TCH *path)
{
    if (!path || *path != '"') {
        return;
    }
    size_t n = NAME(Len)(path);
    if (path[n - 1] != '"') {
        return;
    }
    path[n - 1] = 0;
    NAME(Move)(path, path + 1);
}

void WINAPI NAME(PathRemoveBlanks)(TCH *path)
{
    if (!path) {
        return;
    }
    TCH *start = path;
    while (*start == ' ') {
        start++;
    }
    NAME(Move)(path, start);
    size_t n = NAME(Len)(path);
    while (n && path[n - 1] == ' ') {
        path[--n] = 0;
    }
}

int WINAPI NAME(PathGetDriveNumber)(const TCH *path)
{
    if (!path || path[1] != ':') {
        return -1;
    }
    TCH c = path[0];
    if (c >= 'a' && c <= 'z') {
        return c - 'a';
    }
    if (c >= 'A' && c <= 'Z') {
        return c - 'A';
    }
    return -1;
}

TCH *WINAPI NAME(PathBuildRoot)(TCH *root, int drive)
{
    if (root && drive >= 0 && drive < 26) {
        root[0] = (TCH)('A' + drive);
        root[1] = ':';
        root[2] = '\\';
        root[3] = 0;
    }
    return root;
}

/*
 * The path with its "." and ".." components resolved, as Windows does it:
 * the root ("\\server", "\", "X:" and its '\') is kept; ".\" goes; ".."
 * takes the component before it and its '\' (a final ".." the '\' before
 * it too) but never the root. In a relative path a ".." with nothing left
 * to take leaves "\" (Windows' answer for "..\a" is "\a"). A bare "X:"
 * gains its '\'. An empty path is "\". FALSE (ERROR_INVALID_PARAMETER)
 * for a NULL argument; FALSE with "" when the result would not fit in
 * MAX_PATH.
 */
BOOL WINAPI NAME(PathCanonicalize)(TCH *dest, const TCH *path)
{
    if (!dest || !path) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    TCH out[MAX_PATH * 2];
    size_t n = 0, root = 0, limit = MAX_PATH * 2 - 2;
    const TCH *p = path;
    if (!*p) {
        dest[0] = '\\';
        dest[1] = 0;
        return TRUE;
    }
    if (p[0] == '\\' && p[1] == '\\') {
        out[n++] = *p++;
        out[n++] = *p++;
        while (*p && *p != '\\' && n < limit) {   /* the server stays */
            out[n++] = *p++;
        }
        root = n;
    } else if (p[0] == '\\') {
        out[n++] = *p++;
        root = n;
    } else if (p[0] && p[1] == ':') {
        out[n++] = *p++;
        out[n++] = *p++;
        if (*p == '\\') {
            out[n++] = *p++;
        }
        root = n;
    }
    while (*p && n < limit) {
        BOOL at_start = p == path || p[-1] == '\\' || p[-1] == ':';
        if (at_start && p[0] == '.' && p[1] == '\\') {
            p += 2;                         /* ".\" */
        } else if (at_start && p[0] == '.' && p[1] == '.' && (p[2] == '\\' || !p[2])) {
            p += 2;                         /* "..": back over a component */
            if (n > root) {
                size_t k = n;
                if (k > root && out[k - 1] == '\\') {
                    k--;
                }
                while (k > root && out[k - 1] != '\\') {
                    k--;
                }
                n = k;
                if (!*p && n > root && out[n - 1] == '\\') {
                    n--;                    /* a final ".." takes the '\' too */
                }
                if (*p == '\\') {
                    p++;
                }
            }
            if (n == 0 && root == 0) {
                out[n++] = '\\';            /* Windows' answer: rooted */
                root = 1;
                if (*p == '\\') {
                    p++;
                }
            } else if (n == root && *p == '\\' && root > 0 && out[root - 1] == '\\') {
                p++;
            }
        } else {
            out[n++] = *p++;
        }
    }
    if (n == 2 && out[1] == ':') {
        out[n++] = '\\';
    }
    if (*p || n >= MAX_PATH) {
        dest[0] = 0;
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return FALSE;
    }
    memcpy(dest, out, n * sizeof(TCH));
    dest[n] = 0;
    return TRUE;
}

/*
 * dir and file joined and canonicalized into dest (MAX_PATH): file alone
 * when it is absolute (or dir is empty or missing), dir's root and file
 * when file starts with a single '\', dir alone when file is empty or
 * missing. NULL (dest "") when both are missing or it does not fit.
 * dest may be dir.
 */
TCH *WINAPI NAME(PathCombine)(TCH *dest, const TCH *dir, const TCH *file)
{
    TCH joined[MAX_PATH * 2];
    if (!dest) {
        return NULL;
    }
    if (!dir && !file) {
        dest[0] = 0;
        return NULL;
    }
    size_t dir_length = dir ? NAME(Len)(dir) : 0, file_length = file ? NAME(Len)(file) : 0;
    if (dir_length >= MAX_PATH || file_length >= MAX_PATH) {
        dest[0] = 0;
        return NULL;
    }
    if (!file || !*file) {
        memcpy(joined, dir, (dir_length + 1) * sizeof(TCH));
    } else if (!dir || !*dir || !NAME(PathIsRelative)(file)) {
        if (!dir || !*dir || file[0] != '\\' || NAME(PathIsUNC)(file)) {
            memcpy(joined, file, (file_length + 1) * sizeof(TCH));
        } else {
            memcpy(joined, dir, (dir_length + 1) * sizeof(TCH));
            NAME(PathStripToRoot)(joined);
            size_t n = NAME(Len)(joined);
            const TCH *rest = file;
            while (*rest == '\\' && n && joined[n - 1] == '\\') {
                rest++;
            }
            memcpy(joined + n, rest, (NAME(Len)(rest) + 1) * sizeof(TCH));
        }
    } else {
        memcpy(joined, dir, (dir_length + 1) * sizeof(TCH));
        size_t n = dir_length;
        if (n && joined[n - 1] != '\\') {
            joined[n++] = '\\';
        }
        memcpy(joined + n, file, (file_length + 1) * sizeof(TCH));
    }
    if (NAME(Len)(joined) >= MAX_PATH || !NAME(PathCanonicalize)(dest, joined)) {
        dest[0] = 0;
        return NULL;
    }
    return dest;
}

/* more after path and a '\' (its own leading '\'s dropped unless it is a
 * UNC name), canonicalized; FALSE when it does not fit. */
BOOL WINAPI NAME(PathAppend)(TCH *path, const TCH *more)
{
    if (!path || !more) {
        return FALSE;
    }
    if (!NAME(PathIsUNC)(more)) {
        while (*more == '\\') {
            more++;
        }
    }
    return NAME(PathCombine)(path, path, more) != NULL;
}

BOOL WINAPI NAME(PathFileExists)(const TCH *path)
{
    return path && NAME(GetFileAttributes)(path) != INVALID_FILE_ATTRIBUTES;
}

/* FILE_ATTRIBUTE_DIRECTORY (16) for a directory, as Windows answers. */
BOOL WINAPI NAME(PathIsDirectory)(const TCH *path)
{
    if (!path) {
        return FALSE;
    }
    DWORD attributes = NAME(GetFileAttributes)(path);
    if (attributes == INVALID_FILE_ATTRIBUTES) {
        return FALSE;
    }
    return (BOOL)(attributes & FILE_ATTRIBUTE_DIRECTORY);
}
