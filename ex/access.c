/*
 * Access rights: NT's GENERIC_MAPPING for each object type, which turns
 * GENERIC_READ, GENERIC_WRITE, GENERIC_EXECUTE and GENERIC_ALL into the
 * type's own rights when a handle is made (and MAXIMUM_ALLOWED into all of
 * them: no object here has a security descriptor that would refuse any).
 * The values are winnt.h's.
 */
#include "ex/handle.h"

#define GENERIC_READ 0x80000000u
#define GENERIC_WRITE 0x40000000u
#define GENERIC_EXECUTE 0x20000000u
#define GENERIC_ALL 0x10000000u
#define MAXIMUM_ALLOWED 0x02000000u
#define ACCESS_SYSTEM_SECURITY 0x01000000u

#define STANDARD_RIGHTS_READ 0x00020000u   /* READ_CONTROL */
#define STANDARD_RIGHTS_WRITE 0x00020000u
#define STANDARD_RIGHTS_EXECUTE 0x00020000u
#define STANDARD_RIGHTS_REQUIRED 0x000F0000u
#define SYNCHRONIZE 0x00100000u

typedef struct GENERIC_MAPPING {
    uint32_t Read, Write, Execute, All;
} GENERIC_MAPPING;

static const GENERIC_MAPPING Mappings[] = {
    [ExObjectFile] = {
        0x00120089u, /* FILE_GENERIC_READ */
        0x00120116u, /* FILE_GENERIC_WRITE */
        0x001200A0u, /* FILE_GENERIC_EXECUTE */
        0x001F01FFu, /* FILE_ALL_ACCESS */
    },
    [ExObjectSection] = {
        STANDARD_RIGHTS_READ | 0x0001u | 0x0004u,   /* SECTION_QUERY | SECTION_MAP_READ */
        STANDARD_RIGHTS_WRITE | 0x0002u,            /* SECTION_MAP_WRITE */
        STANDARD_RIGHTS_EXECUTE | 0x0008u,          /* SECTION_MAP_EXECUTE */
        0x000F001Fu,                                /* SECTION_ALL_ACCESS */
    },
    [ExObjectProcess] = {
        STANDARD_RIGHTS_READ | 0x0010u | 0x0400u,   /* PROCESS_VM_READ | QUERY_INFORMATION */
        STANDARD_RIGHTS_WRITE | 0x0080u | 0x0002u | 0x0008u | 0x0020u | 0x0040u | 0x0001u |
            0x0100u | 0x0200u | 0x0800u,            /* CREATE_PROCESS, CREATE_THREAD, VM_OPERATION,
                                                       VM_WRITE, DUP_HANDLE, TERMINATE,
                                                       SET_QUOTA, SET_INFORMATION, SUSPEND_RESUME */
        STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE | 0x1000u, /* QUERY_LIMITED_INFORMATION */
        STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFFu, /* PROCESS_ALL_ACCESS */
    },
    [ExObjectThread] = {
        STANDARD_RIGHTS_READ | 0x0008u | 0x0040u,   /* THREAD_GET_CONTEXT | QUERY_INFORMATION */
        STANDARD_RIGHTS_WRITE | 0x0001u | 0x0002u | 0x0004u | 0x0010u | 0x0020u |
            0x0400u,                                /* TERMINATE, SUSPEND_RESUME, ALERT,
                                                       SET_CONTEXT, SET_INFORMATION,
                                                       SET_LIMITED_INFORMATION */
        STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE | 0x0800u, /* QUERY_LIMITED_INFORMATION */
        STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0xFFFFu, /* THREAD_ALL_ACCESS */
    },
    [ExObjectEvent] = {
        STANDARD_RIGHTS_READ | 0x0001u,             /* EVENT_QUERY_STATE */
        STANDARD_RIGHTS_WRITE | 0x0002u,            /* EVENT_MODIFY_STATE */
        STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE,
        STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x0003u, /* EVENT_ALL_ACCESS */
    },
    [ExObjectSemaphore] = {
        STANDARD_RIGHTS_READ | 0x0001u,             /* SEMAPHORE_QUERY_STATE */
        STANDARD_RIGHTS_WRITE | 0x0002u,            /* SEMAPHORE_MODIFY_STATE */
        STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE,
        STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x0003u, /* SEMAPHORE_ALL_ACCESS */
    },
    [ExObjectMutant] = {
        STANDARD_RIGHTS_READ | 0x0001u,             /* MUTANT_QUERY_STATE */
        STANDARD_RIGHTS_WRITE,
        STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE,
        STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x0001u, /* MUTANT_ALL_ACCESS */
    },
    [ExObjectJob] = {
        STANDARD_RIGHTS_READ | 0x0004u,             /* JOB_OBJECT_QUERY */
        STANDARD_RIGHTS_WRITE | 0x0001u | 0x0002u | 0x0008u, /* ASSIGN_PROCESS, SET_ATTRIBUTES,
                                                               TERMINATE */
        STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE,
        STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x001Fu, /* JOB_OBJECT_ALL_ACCESS */
    },
    [ExObjectIoCompletion] = {
        STANDARD_RIGHTS_READ | 0x0001u,             /* IO_COMPLETION_QUERY_STATE */
        STANDARD_RIGHTS_WRITE | 0x0002u,            /* IO_COMPLETION_MODIFY_STATE */
        STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE,
        STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x0003u, /* IO_COMPLETION_ALL_ACCESS */
    },
    [ExObjectTimer] = {
        STANDARD_RIGHTS_READ | 0x0001u,             /* TIMER_QUERY_STATE */
        STANDARD_RIGHTS_WRITE | 0x0002u,            /* TIMER_MODIFY_STATE */
        STANDARD_RIGHTS_EXECUTE | SYNCHRONIZE,
        STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x0003u, /* TIMER_ALL_ACCESS */
    },
    [ExObjectToken] = {
        STANDARD_RIGHTS_READ | 0x0008u,             /* TOKEN_QUERY */
        STANDARD_RIGHTS_WRITE | 0x0020u | 0x0040u | 0x0080u, /* TOKEN_ADJUST_PRIVILEGES, _GROUPS,
                                                               _DEFAULT */
        STANDARD_RIGHTS_EXECUTE,
        STANDARD_RIGHTS_REQUIRED | 0x01FFu,         /* TOKEN_ALL_ACCESS */
    },
};

uint32_t ExMapGenericAccess(EX_OBJECT_TYPE type, uint32_t access)
{
    if ((unsigned)type >= sizeof Mappings / sizeof Mappings[0] || type == ExObjectAny) {
        return access & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL);
    }
    const GENERIC_MAPPING *m = &Mappings[type];
    uint32_t specific = access & ~(GENERIC_READ | GENERIC_WRITE | GENERIC_EXECUTE | GENERIC_ALL |
                                   MAXIMUM_ALLOWED | ACCESS_SYSTEM_SECURITY);
    if (access & GENERIC_READ) {
        specific |= m->Read;
    }
    if (access & GENERIC_WRITE) {
        specific |= m->Write;
    }
    if (access & GENERIC_EXECUTE) {
        specific |= m->Execute;
    }
    if (access & (GENERIC_ALL | MAXIMUM_ALLOWED)) {
        specific |= m->All;
    }
    return specific;
}

NTSTATUS ExAccessCheckOpen(EX_OBJECT_TYPE type, uint32_t desired)
{
    if ((unsigned)type >= sizeof Mappings / sizeof Mappings[0] || type == ExObjectAny ||
        !Mappings[type].All) {
        return STATUS_SUCCESS; /* a type without a mapping here: not checked */
    }
    if (desired & ACCESS_SYSTEM_SECURITY) {
        return STATUS_PRIVILEGE_NOT_HELD; /* SeSecurityPrivilege: no program holds it */
    }
    uint32_t asked = ExMapGenericAccess(type, desired);
    if ((!asked && !(desired & MAXIMUM_ALLOWED)) || (asked & ~Mappings[type].All)) {
        return STATUS_ACCESS_DENIED;
    }
    return STATUS_SUCCESS;
}
