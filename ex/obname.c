/*
 * The object namespace: one directory of named objects per machine (NT's
 * \BaseNamedObjects, where CreateFileMapping puts its names). Names are
 * compared exactly, as NT compares them without OBJ_CASE_INSENSITIVE (which
 * kernel32 does not pass: "name comparison is case sensitive", as the
 * CreateFileMapping documentation says); with it, ignoring the case of
 * A-Z (NT folds all of Unicode: names beyond ASCII still compare exactly
 * here). A handful of names at most: a list is enough.
 */
#include "ex/handle.h"

#include <stdlib.h>
#include <string.h>

NTSTATUS ExInsertNamedObject(EX_OBJECT_DIRECTORY *directory, EX_OBJECT *object,
                             const char *name)
{
    if (!*name) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    for (EX_OBJECT *o = directory->Named; o; o = o->NextNamed) {
        if (strcmp(o->Name, name) == 0) {
            return STATUS_OBJECT_NAME_COLLISION;
        }
    }
    object->Name = strdup(name);
    if (!object->Name) {
        return STATUS_NO_MEMORY;
    }
    object->NextNamed = directory->Named;
    object->Directory = directory;
    directory->Named = object;
    return STATUS_SUCCESS;
}

static bool SameName(const char *a, const char *b, bool case_insensitive)
{
    for (;; a++, b++) {
        char x = *a, y = *b;
        if (case_insensitive) {
            x = x >= 'a' && x <= 'z' ? (char)(x - 'a' + 'A') : x;
            y = y >= 'a' && y <= 'z' ? (char)(y - 'a' + 'A') : y;
        }
        if (x != y) {
            return false;
        }
        if (!x) {
            return true;
        }
    }
}

EX_OBJECT *ExLookupNamedObject(EX_OBJECT_DIRECTORY *directory, const char *name,
                               bool case_insensitive)
{
    for (EX_OBJECT *o = directory->Named; o; o = o->NextNamed) {
        if (SameName(o->Name, name, case_insensitive)) {
            o->References++;
            return o;
        }
    }
    return NULL;
}

void ExRemoveNamedObject(EX_OBJECT *object)
{
    if (!object->Name) {
        return;
    }
    for (EX_OBJECT **link = &object->Directory->Named; *link; link = &(*link)->NextNamed) {
        if (*link == object) {
            *link = object->NextNamed;
            break;
        }
    }
    free(object->Name);
    object->Name = NULL;
    object->Directory = NULL;
}
