/*
 * Process services: starting a program in a new process, waiting for a
 * process to end. NT's NtCreateUserProcess takes a dozen structures
 * prepared by kernel32; ntmm has its own, smaller service instead, named
 * as such:
 *
 *   NtmmCreateProcess(ProcessHandle*, ThreadHandle*, ImagePath
 *                     UNICODE_STRING*, CommandLine UNICODE_STRING*,
 *                     ClientId*)
 *
 * The image path is a host path ('\' taken as '/'); a relative one is
 * looked for beside the caller's own image first, as Windows searches the
 * application's directory first. The new process has ntmm's environment
 * and the caller's standard handles. The thread handle names the new
 * process's first thread. NtmmCreateProcessEx adds what CreateProcess
 * passes: handle inheritance, the standard handles, the environment
 * block, the current directory and STARTUPINFO's flags and lpReserved2
 * (docs/guest-abi.md).
 */
#include "ke/iosvc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KI_MAX_ARGS 64

/* CommandLineToArgv's rules, simplified: blanks separate, quotes group,
 * \" is a quote. Returns the count; the strings live in buffer. */
static int SplitCommandLine(char *line, char **argv, int max)
{
    int argc = 0;
    char *in = line, *out = line;
    while (*in && argc < max) {
        while (*in == ' ' || *in == '\t') {
            in++;
        }
        if (!*in) {
            break;
        }
        argv[argc++] = out;
        bool quoted = false;
        while (*in && (quoted || (*in != ' ' && *in != '\t'))) {
            if (in[0] == '\\' && in[1] == '"') {
                *out++ = '"';
                in += 2;
            } else if (*in == '"') {
                quoted = !quoted;
                in++;
            } else {
                *out++ = *in++;
            }
        }
        if (*in) {
            in++;
        }
        *out++ = 0;
    }
    return argc;
}

/* The host file for an image path: beside the caller's image, or as given. */
static void ResolveImage(KPROCESS *caller, char *path, char *resolved, size_t size)
{
    for (char *c = path; *c; c++) {
        if (*c == '\\') {
            *c = '/';
        }
    }
    if (path[0] != '/' && caller->Options.Argc > 0) {
        const char *own = caller->Options.Argv[0];
        const char *slash = strrchr(own, '/');
        if (slash) {
            snprintf(resolved, size, "%.*s/%s", (int)(slash - own), own, path);
            if (access(resolved, R_OK) == 0) {
                return;
            }
        }
    }
    snprintf(resolved, size, "%s", path);
}

/* An environment block in the caller's memory (UTF-16 NAME=VALUE strings,
 * an empty one ends it) as the UTF-8 strings KE_OPTIONS carries: *strings
 * and its array are freed by FreeEnvironment. */
#define KI_MAX_ENVIRONMENT_UNITS (1u << 20)

static void FreeEnvironment(char **strings, int count)
{
    for (int i = 0; i < count; i++) {
        free(strings[i]);
    }
    free(strings);
}

static NTSTATUS CaptureEnvironment(KPROCESS *process, uint32_t va, char ***out, int *count)
{
    *out = NULL;
    *count = 0;
    uint16_t *block = NULL;
    uint32_t units = 0, capacity = 0;
    NTSTATUS status = STATUS_SUCCESS;
    /* Read a page's worth at a time until two NULs in a row (or a NUL first). */
    for (;;) {
        if (units + 2048 > capacity) {
            capacity = capacity ? capacity * 2 : 4096;
            uint16_t *grown = capacity <= KI_MAX_ENVIRONMENT_UNITS
                                  ? realloc(block, capacity * sizeof *block) : NULL;
            if (!grown) {
                free(block);
                return capacity > KI_MAX_ENVIRONMENT_UNITS ? STATUS_INVALID_PARAMETER
                                                           : STATUS_NO_MEMORY;
            }
            block = grown;
        }
        uint32_t at = va + units * 2;
        uint32_t n = (0x1000 - (at & 0xFFF)) / 2;
        n = n ? n : 1;
        status = MmCopyFromUser(process->Mm, block + units, at, n * 2);
        if (status != STATUS_SUCCESS) {
            free(block);
            return status;
        }
        bool end = false;
        for (uint32_t i = units; i < units + n && !end; i++) {
            end = block[i] == 0 && (i == 0 || block[i - 1] == 0);
        }
        units += n;
        if (end) {
            break;
        }
    }
    int strings = 0;
    for (uint32_t i = 0; block[i]; i++) {
        strings++;
        while (block[i]) {
            i++;
        }
    }
    char **list = calloc((size_t)strings + 1, sizeof *list);
    if (!list) {
        free(block);
        return STATUS_NO_MEMORY;
    }
    int k = 0;
    for (uint32_t i = 0; block[i] && status == STATUS_SUCCESS; i++) {
        uint32_t start = i;
        while (block[i]) {
            i++;
        }
        status = KiUtf16ToUtf8(block + start, i - start, &list[k]);
        k += status == STATUS_SUCCESS;
    }
    free(block);
    if (status != STATUS_SUCCESS) {
        FreeEnvironment(list, k);
        return status;
    }
    *out = list;
    *count = k;
    return STATUS_SUCCESS;
}

#define NTMM_CREATE_INHERIT_HANDLES 0x1u
#define NTMM_CREATE_STANDARD_HANDLES 0x2u

/* NtmmCreateProcess's work; flags, standard handles, environment and
 * directory as NtmmCreateProcessEx gives them (0: the creator's). */
static NTSTATUS CreateProcess(KPROCESS *process, const uint32_t *a, uint32_t flags,
                              uint32_t standard_va, uint32_t environment_va, uint32_t directory_va,
                              uint32_t startup_va)
{
    char image[KI_NAME_MAX], line[KI_NAME_MAX], path[2 * KI_NAME_MAX];
    NTSTATUS status = KiCaptureUnicodeString(process, a[2], image, sizeof image);
    if (status == STATUS_SUCCESS && a[3]) {
        status = KiCaptureUnicodeString(process, a[3], line, sizeof line);
    } else {
        snprintf(line, sizeof line, "%s", image);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    ResolveImage(process, image, path, sizeof path);
    char *argv[KI_MAX_ARGS + 1];
    int argc = SplitCommandLine(line, argv, KI_MAX_ARGS);
    if (argc == 0) {
        argv[argc++] = image;
    }
    argv[0] = path; /* the image the loader reads, as ntmm's own argv[0] */
    argv[argc] = NULL;
    KE_OPTIONS options = process->Options;
    options.Argc = argc;
    options.Argv = argv;
    /* The child starts in its creator's current directory, as CreateProcess
     * without lpCurrentDirectory does: the string in the creator's process
     * parameters (PEB+0x10, CurrentDirectory.DosPath at +0x24). */
    char directory[KI_NAME_MAX];
    uint32_t parameters = 0;
    options.CurrentDirectory = NULL;
    if (directory_va) {
        /* lpCurrentDirectory: a full DOS path kernel32 has made of it. */
        status = KiCaptureUnicodeString(process, directory_va, directory, sizeof directory);
        if (status != STATUS_SUCCESS) {
            return status;
        }
        options.CurrentDirectory = directory;
    } else if (MmCopyFromUser(process->Mm, &parameters, process->PebVa + 0x10, 4) == STATUS_SUCCESS &&
        parameters &&
        KiCaptureUnicodeString(process, parameters + 0x24, directory, sizeof directory) ==
            STATUS_SUCCESS &&
        directory[0]) {
        options.CurrentDirectory = directory;
    }

    KI_CREATE_PARAMETERS create = {.Parent = process,
                                   .InheritHandles = (flags & NTMM_CREATE_INHERIT_HANDLES) != 0,
                                   .StandardHandlesGiven = (flags & NTMM_CREATE_STANDARD_HANDLES) != 0};
    if (create.StandardHandlesGiven) {
        status = MmCopyFromUser(process->Mm, create.StandardHandles, standard_va,
                                sizeof create.StandardHandles);
    } else if (parameters) {
        /* The creator's own (RTL_USER_PROCESS_PARAMETERS.StandardInput...). */
        status = MmCopyFromUser(process->Mm, create.StandardHandles, parameters + 0x18,
                                sizeof create.StandardHandles);
    }
    /* NTMM_STARTUP {WindowFlags, RuntimeDataLength, RuntimeData}: what
     * GetStartupInfo shows the child (lpReserved2: msvcrt's descriptors). */
    uint32_t startup[3] = {0, 0, 0};
    uint8_t *runtime = NULL;
    if (status == STATUS_SUCCESS && startup_va) {
        status = MmCopyFromUser(process->Mm, startup, startup_va, sizeof startup);
        if (status == STATUS_SUCCESS && startup[1] > 0xFFFF) {
            status = STATUS_INVALID_PARAMETER;
        }
        if (status == STATUS_SUCCESS && startup[1]) {
            runtime = malloc(startup[1]);
            status = runtime ? MmCopyFromUser(process->Mm, runtime, startup[2], startup[1])
                             : STATUS_NO_MEMORY;
        }
        create.WindowFlags = startup[0];
        create.RuntimeData = runtime;
        create.RuntimeDataLength = startup[1];
    }
    if (status != STATUS_SUCCESS) {
        free(runtime);
        return status;
    }
    char **environment = NULL;
    int environment_count = 0;
    if (environment_va) {
        status = CaptureEnvironment(process, environment_va, &environment, &environment_count);
        if (status != STATUS_SUCCESS) {
            free(runtime);
            return status;
        }
        options.Environment = (const char *const *)environment;
        options.EnvironmentCount = environment_count;
    }
    char why[512];
    KPROCESS *child;
    KE_FAILURE failure = KiCreateProcess(process->System, &options, path, &create, &child, why,
                                         sizeof why);
    FreeEnvironment(environment, environment_count); /* now in the child's PEB */
    free(runtime);
    if (failure != KeRan) {
        if (process->TraceExceptions) {
            fprintf(stderr, "ntmm: process creation failed: %s\n", why);
        }
        return failure == KeNotFound      ? STATUS_OBJECT_NAME_NOT_FOUND
               : failure == KeCannotLoad ? STATUS_INVALID_IMAGE_FORMAT
                                         : STATUS_NO_MEMORY;
    }
    child->Options.CurrentDirectory = NULL; /* it lived in this frame: now in the child's PEB */
    child->Options.Environment = process->Options.Environment; /* ntmm's own, for its children */
    child->Options.EnvironmentCount = process->Options.EnvironmentCount;
    child->ParentProcessId = process->UniqueProcessId;
    KiJobProcessCreated(process, child);
    KiInheritToken(process, child);
    uint32_t handles[2] = {0, 0};
    status = ExCreateHandle(&process->Handles, &child->Header, &handles[0]);
    if (status == STATUS_SUCCESS && a[1]) {
        status = ExCreateHandle(&process->Handles, &child->Threads->Header, &handles[1]);
    }
    if (status == STATUS_SUCCESS) {
        status = MmCopyToUser(process->Mm, a[0], &handles[0], 4);
    }
    if (status == STATUS_SUCCESS && a[1]) {
        status = MmCopyToUser(process->Mm, a[1], &handles[1], 4);
    }
    if (status == STATUS_SUCCESS && a[4]) {
        uint32_t client[2] = {child->UniqueProcessId, child->UniqueThreadId};
        status = MmCopyToUser(process->Mm, a[4], client, sizeof client);
    }
    if (status != STATUS_SUCCESS) {
        /* The caller cannot be told of it: the new process never runs. */
        for (int i = 0; i < 2; i++) {
            if (handles[i]) {
                ExCloseHandle(&process->Handles, handles[i]);
            }
        }
        child->Terminated = true;
        child->ExitStatus = (int32_t)status;
        KiEndProcess(child, false);
    }
    return status;
}

NTSTATUS KiNtmmCreateProcess(KPROCESS *process, const uint32_t *a)
{
    return CreateProcess(process, a, 0, 0, 0, 0, 0);
}

/* NtmmCreateProcessEx(ProcessHandle*, ThreadHandle*, ImagePath, CommandLine,
 * ClientId*, Flags, StandardHandles[3]*, Environment, CurrentDirectory,
 * Startup*) */
NTSTATUS KiNtmmCreateProcessEx(KPROCESS *process, const uint32_t *a)
{
    if (a[5] & ~(NTMM_CREATE_INHERIT_HANDLES | NTMM_CREATE_STANDARD_HANDLES)) {
        return STATUS_INVALID_PARAMETER;
    }
    return CreateProcess(process, a, a[5], a[6], a[7], a[8], a[9]);
}

/* NtmmCloneProcess(ProcessHandle*, ThreadHandle*, ClientId*): ntdll's
 * RtlCloneUserProcess. The parent gets STATUS_SUCCESS and handles to the
 * child; the child, a copy-on-write copy of the parent, returns from the
 * same call with STATUS_PROCESS_CLONED. */
NTSTATUS KiNtmmCloneProcess(KPROCESS *process, const uint32_t *a)
{
    /* The outputs are probed first: a clone nobody can be told of must not run. */
    uint32_t zero[2] = {0, 0};
    NTSTATUS status = MmCopyToUser(process->Mm, a[0], zero, 4);
    if (status == STATUS_SUCCESS && a[1]) {
        status = MmCopyToUser(process->Mm, a[1], zero, 4);
    }
    if (status == STATUS_SUCCESS && a[2]) {
        status = MmCopyToUser(process->Mm, a[2], zero, 8);
    }
    KPROCESS *child;
    if (status == STATUS_SUCCESS) {
        status = KiCloneProcess(process, &child);
    }
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t handles[2] = {0, 0};
    status = ExCreateHandle(&process->Handles, &child->Header, &handles[0]);
    if (status == STATUS_SUCCESS && a[1]) {
        status = ExCreateHandle(&process->Handles, &child->Threads->Header, &handles[1]);
    }
    uint32_t client[2] = {child->UniqueProcessId, child->UniqueThreadId};
    if (status == STATUS_SUCCESS) {
        MmCopyToUser(process->Mm, a[0], &handles[0], 4);
        if (a[1]) {
            MmCopyToUser(process->Mm, a[1], &handles[1], 4);
        }
        if (a[2]) {
            MmCopyToUser(process->Mm, a[2], client, sizeof client);
        }
    }
    return status;
}
