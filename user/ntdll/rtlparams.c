/*
 * RtlCreateProcessParameters(Ex): a process's parameter block built for a
 * child, one heap block laid out as Windows lays it out: the structure,
 * then each string at the next pointer-aligned offset (the current
 * directory with room for MAX_PATH characters), then the environment at
 * offset Size. Made "denormalized" (string Buffers are offsets from the
 * block; Environment stays an address) unless PROCESS_PARAMS_FLAG_NORMALIZED
 * is asked for. What the
 * caller leaves NULL is the calling process's (current directory, DLL
 * path, environment), the image name (command line), or empty (window
 * title, desktop, shell info; runtime data stays NULL).
 */
#include "inc/ntguest.h"

#define PROCESS_PARAMS_FLAG_NORMALIZED 1
#define MAX_PATH 260

/* The structure's whole x86 layout: ntguest.h's part, then the drive
 * letters' directories and the environment's size. */
typedef struct PROCESS_PARAMETERS_LAYOUT {
    RTL_USER_PROCESS_PARAMETERS Base;
    BYTE CurrentDirectories[32][16];
    ULONG_PTR EnvironmentSize, EnvironmentVersion;
    PVOID PackageDependencyData;
    ULONG ProcessGroupId, LoaderThreads;
} PROCESS_PARAMETERS_LAYOUT;
_Static_assert(__builtin_offsetof(PROCESS_PARAMETERS_LAYOUT, EnvironmentSize) == 0x290, "x86 layout");

static ULONG Align(ULONG n)
{
    return (n + sizeof(PVOID) - 1) & ~(ULONG)(sizeof(PVOID) - 1);
}

static const UNICODE_STRING *Pick(const UNICODE_STRING *given, const UNICODE_STRING *otherwise)
{
    return given ? given : otherwise;
}

/* Copies src into the block at *offset (room for its MaximumLength, or
 * `room` bytes if more), terminated when there is room; dst->Buffer is
 * the copy's address. */
static void PlaceString(BYTE *block, ULONG *offset, UNICODE_STRING *dst, const UNICODE_STRING *src, ULONG room)
{
    dst->Length = src->Length;
    dst->MaximumLength = room > src->MaximumLength ? (USHORT)room : src->MaximumLength;
    if (!dst->MaximumLength) {
        dst->Buffer = NULL;
        return;
    }
    *offset = Align(*offset);
    dst->Buffer = (WCHAR *)(block + *offset);
    if (src->Length) {
        memcpy(dst->Buffer, src->Buffer, src->Length);
    }
    if (dst->Length < dst->MaximumLength) {
        dst->Buffer[dst->Length / 2] = 0;
    }
    *offset += dst->MaximumLength;
}

static ULONG_PTR Relocate(ULONG_PTR address, ULONG_PTR from, ULONG_PTR to)
{
    return address ? address - from + to : 0;
}

static void MoveStrings(RTL_USER_PROCESS_PARAMETERS *params, ULONG_PTR from, ULONG_PTR to)
{
    UNICODE_STRING *strings[] = {&params->CurrentDirectoryPath, &params->DllPath, &params->ImagePathName,
                                 &params->CommandLine, &params->WindowTitle, &params->DesktopInfo,
                                 &params->ShellInfo, &params->RuntimeData};
    for (ULONG i = 0; i < sizeof strings / sizeof strings[0]; i++) {
        strings[i]->Buffer = (WCHAR *)Relocate((ULONG_PTR)strings[i]->Buffer, from, to);
    }
}

RTL_USER_PROCESS_PARAMETERS *NTAPI RtlNormalizeProcessParams(RTL_USER_PROCESS_PARAMETERS *params)
{
    if (params && !(params->Flags & PROCESS_PARAMS_FLAG_NORMALIZED)) {
        MoveStrings(params, 0, (ULONG_PTR)params);
        params->Flags |= PROCESS_PARAMS_FLAG_NORMALIZED;
    }
    return params;
}

RTL_USER_PROCESS_PARAMETERS *NTAPI RtlDeNormalizeProcessParams(RTL_USER_PROCESS_PARAMETERS *params)
{
    if (params && (params->Flags & PROCESS_PARAMS_FLAG_NORMALIZED)) {
        MoveStrings(params, (ULONG_PTR)params, 0);
        params->Flags &= ~(ULONG)PROCESS_PARAMS_FLAG_NORMALIZED;
    }
    return params;
}

static ULONG StringRoom(const UNICODE_STRING *s, ULONG room)
{
    ULONG bytes = s->MaximumLength > room ? s->MaximumLength : room;
    return bytes ? Align(bytes) : 0;
}

static SIZE_T EnvironmentBytes(const WCHAR *e)
{
    const WCHAR *end = e;
    while (*end) {
        end += wcslen(end) + 1;
    }
    return (SIZE_T)(end + 1 - e) * sizeof(WCHAR);
}

NTSTATUS NTAPI RtlCreateProcessParametersEx(RTL_USER_PROCESS_PARAMETERS **result, const UNICODE_STRING *image,
                                            const UNICODE_STRING *dll_path, const UNICODE_STRING *directory,
                                            const UNICODE_STRING *command_line, PVOID environment,
                                            const UNICODE_STRING *window_title, const UNICODE_STRING *desktop,
                                            const UNICODE_STRING *shell_info, const UNICODE_STRING *runtime_data,
                                            ULONG flags)
{
    static WCHAR empty_text[1];
    static const UNICODE_STRING empty = {0, sizeof empty_text, empty_text}, none = {0, 0, NULL};
    const RTL_USER_PROCESS_PARAMETERS *current = NtCurrentPeb()->ProcessParameters;
    const UNICODE_STRING *strings[8] = {
        Pick(directory, &current->CurrentDirectoryPath), Pick(dll_path, &current->DllPath), image,
        Pick(command_line, image), Pick(window_title, &empty), Pick(desktop, &empty),
        Pick(shell_info, &empty), Pick(runtime_data, &none),
    };
    ULONG size = sizeof(PROCESS_PARAMETERS_LAYOUT);
    for (int i = 0; i < 8; i++) {
        size = Align(size) + StringRoom(strings[i], i == 0 ? MAX_PATH * sizeof(WCHAR) : 0);
    }
    size = Align(size);
    const WCHAR *env = environment ? environment : current->Environment;
    SIZE_T env_bytes = env ? EnvironmentBytes(env) : 0;
    SIZE_T total = Align((ULONG)(size + env_bytes));
    BYTE *block = RtlAllocateHeap(NtCurrentPeb()->ProcessHeap, HEAP_ZERO_MEMORY, total);
    if (!block) {
        return STATUS_NO_MEMORY;
    }
    PROCESS_PARAMETERS_LAYOUT *layout = (PROCESS_PARAMETERS_LAYOUT *)block;
    RTL_USER_PROCESS_PARAMETERS *params = &layout->Base;
    params->MaximumLength = params->Length = size;
    params->Flags = PROCESS_PARAMS_FLAG_NORMALIZED; /* while it is built */
    UNICODE_STRING *targets[8] = {&params->CurrentDirectoryPath, &params->DllPath, &params->ImagePathName,
                                  &params->CommandLine, &params->WindowTitle, &params->DesktopInfo,
                                  &params->ShellInfo, &params->RuntimeData};
    ULONG offset = sizeof(PROCESS_PARAMETERS_LAYOUT);
    for (int i = 0; i < 8; i++) {
        PlaceString(block, &offset, targets[i], strings[i], i == 0 ? MAX_PATH * sizeof(WCHAR) : 0);
    }
    if (env) {
        params->Environment = block + size;
        memcpy(params->Environment, env, env_bytes);
        layout->EnvironmentSize = total - size;
    }
    if (!(flags & PROCESS_PARAMS_FLAG_NORMALIZED)) {
        RtlDeNormalizeProcessParams(params);
    }
    *result = params;
    return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlCreateProcessParameters(RTL_USER_PROCESS_PARAMETERS **result, const UNICODE_STRING *image,
                                          const UNICODE_STRING *dll_path, const UNICODE_STRING *directory,
                                          const UNICODE_STRING *command_line, PVOID environment,
                                          const UNICODE_STRING *window_title, const UNICODE_STRING *desktop,
                                          const UNICODE_STRING *shell_info, const UNICODE_STRING *runtime_data)
{
    return RtlCreateProcessParametersEx(result, image, dll_path, directory, command_line, environment,
                                        window_title, desktop, shell_info, runtime_data, 0);
}

void NTAPI RtlDestroyProcessParameters(RTL_USER_PROCESS_PARAMETERS *params)
{
    RtlFreeHeap(NtCurrentPeb()->ProcessHeap, 0, params);
}
