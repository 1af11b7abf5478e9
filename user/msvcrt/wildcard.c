/*
 * __getmainargs's wildcard expansion (its `wildcard` argument nonzero, as
 * a program linked with setargv.obj asks): an argument with '*' or '?' in
 * its last component becomes the names FindFirstFile/FindNextFile give for
 * it, each after the argument's own directory part as written (the
 * pattern "dir" "/" "*" gives dir/a and dir/test); "." and ".." are left
 * out, and an argument nothing matches (a wildcard in a directory part,
 * say) stays as it was (Wine's msvcrt tests data.c, test___getmainargs).
 */
#include "msvcrt/crtfill.h"

static int Wild(const char *s)
{
    return strchr(s, '*') || strchr(s, '?');
}

/* The length of the directory part: up to the last '\', '/' or ':'. */
static size_t DirectoryPart(const char *s)
{
    size_t n = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '\\' || s[i] == '/' || s[i] == ':') {
            n = i + 1;
        }
    }
    return n;
}

/* Appends one string (copied to the heap) to a growing vector. */
static int Append(char ***vector, int *count, int *room, const char *prefix, size_t prefix_length, const char *name)
{
    if (*count + 2 > *room) {
        int grown = *room * 2 + 8;
        char **bigger = realloc(*vector, (size_t)grown * sizeof(char *));
        if (!bigger) {
            return 0;
        }
        *vector = bigger;
        *room = grown;
    }
    size_t name_length = strlen(name);
    char *copy = malloc(prefix_length + name_length + 1);
    if (!copy) {
        return 0;
    }
    memcpy(copy, prefix, prefix_length);
    memcpy(copy + prefix_length, name, name_length + 1);
    (*vector)[(*count)++] = copy;
    (*vector)[*count] = NULL;
    return 1;
}

char **CrtExpandWildcards(char **argv, int *argc)
{
    int any = 0;
    for (int i = 1; i < *argc; i++) {
        any |= Wild(argv[i]);
    }
    if (!any) {
        return argv;
    }
    char **out = NULL;
    int count = 0, room = 0;
    for (int i = 0; i < *argc; i++) {
        int matched = 0;
        if (i > 0 && Wild(argv[i])) {
            WIN32_FIND_DATAA found;
            HANDLE search = FindFirstFileA(argv[i], &found);
            if (search != INVALID_HANDLE_VALUE) {
                size_t prefix = DirectoryPart(argv[i]);
                do {
                    if (!strcmp(found.cFileName, ".") || !strcmp(found.cFileName, "..")) {
                        continue;
                    }
                    if (!Append(&out, &count, &room, argv[i], prefix, found.cFileName)) {
                        FindClose(search);
                        return argv;   /* out of memory: the arguments as they were */
                    }
                    matched = 1;
                } while (FindNextFileA(search, &found));
                FindClose(search);
            }
        }
        if (!matched && !Append(&out, &count, &room, "", 0, argv[i])) {
            return argv;
        }
    }
    *argc = count;
    return out;
}
