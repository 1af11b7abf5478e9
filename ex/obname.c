/*
 * The object namespace: one directory of named objects for the run (NT's
 * \BaseNamedObjects, where CreateFileMapping puts its names). Names are
 * compared exactly, as NT compares them without OBJ_CASE_INSENSITIVE.
 * A handful of names at most: a list is enough.
 */
#include "ex/handle.h"

#include <stdlib.h>
#include <string.h>

static EX_OBJECT *Named;

NTSTATUS ExInsertNamedObject(EX_OBJECT *object, const char *name)
{
    if (!*name) {
        return STATUS_OBJECT_NAME_INVALID;
    }
    for (EX_OBJECT *o = Named; o; o = o->NextNamed) {
        if (strcmp(o->Name, name) == 0) {
            return STATUS_OBJECT_NAME_COLLISION;
        }
    }
    object->Name = strdup(name);
    if (!object->Name) {
        return STATUS_NO_MEMORY;
    }
    object->NextNamed = Named;
    Named = object;
    return STATUS_SUCCESS;
}

EX_OBJECT *ExLookupNamedObject(const char *name)
{
    for (EX_OBJECT *o = Named; o; o = o->NextNamed) {
        if (strcmp(o->Name, name) == 0) {
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
    for (EX_OBJECT **link = &Named; *link; link = &(*link)->NextNamed) {
        if (*link == object) {
            *link = object->NextNamed;
            break;
        }
    }
    free(object->Name);
    object->Name = NULL;
}
