/*
 * The console's handles and the requests kernel32 makes on them, as
 * conhost.exe serves \Device\ConDrv's: a console handle is a file object
 * (the input buffer, a screen buffer, or the connection), and every
 * console call is an NtDeviceIoControlFile with one of the requests of
 * docs/guest-abi.md ("The console"). A request on a handle of the wrong
 * kind, or on a handle that is no console's, is STATUS_INVALID_HANDLE /
 * STATUS_INVALID_DEVICE_REQUEST: kernel32's ERROR_INVALID_HANDLE.
 *
 * NtmmAttachConsole gives a process without a console a new one
 * (AllocConsole) or another process's (AttachConsole), with its three
 * handles. conscreen.c answers the requests on a screen buffer's cells.
 */
#include "ke/conp.h"
#include "ke/condrv.h"
#include "ke/iosvc.h"

#include <stdlib.h>
#include <string.h>

/* ---- the file objects ---- */

static void CloseConsoleFile(EX_OBJECT *object)
{
    KI_CONSOLE_FILE *file = (KI_CONSOLE_FILE *)object;
    KiReleaseScreen(file->Screen);
    KiReleaseConsole(file->Console);
    free(file);
}

bool KiIsConsoleFile(const EX_FILE *file)
{
    return file->Header.Close == CloseConsoleFile;
}

static EX_FILE *NewFile(KI_CONSOLE *console, KI_SCREEN *screen, KI_CONSOLE_FILE_KIND kind,
                        uint32_t access)
{
    KI_CONSOLE_FILE *file = calloc(1, sizeof *file);
    if (!file) {
        return NULL;
    }
    file->Base.Header.Type = ExObjectFile;
    file->Base.Header.Close = CloseConsoleFile;
    file->Base.Fd = -1; /* nothing of the host behind it directly */
    file->Base.Access = ExMapGenericAccess(ExObjectFile, access);
    file->Base.Signaled = true;
    file->Console = console;
    KiReferenceConsole(console);
    file->Screen = screen;
    if (screen) {
        screen->References++;
    }
    file->Kind = kind;
    return &file->Base;
}

EX_FILE *KiOpenConsoleFile(KI_CONSOLE *console, KI_CONSOLE_FILE_KIND kind, uint32_t access)
{
    return NewFile(console, kind == KiConsoleOutput ? console->Active : NULL, kind, access);
}

EX_FILE *KiConsoleFromHostStream(KPROCESS *process, EX_FILE *stream, NTSTATUS *status)
{
    KI_CONSOLE_FILE_KIND kind = stream->Fd == 0 ? KiConsoleInput : KiConsoleOutput;
    uint32_t access = stream->Access;
    ExReferenceObject(&stream->Header);
    ExDereferenceObject(&stream->Header); /* io/ left it for a handle: gone */
    if (!process->Console) {
        *status = STATUS_INVALID_HANDLE;
        return NULL;
    }
    EX_FILE *file = KiOpenConsoleFile(process->Console, kind, access);
    *status = file ? STATUS_SUCCESS : STATUS_NO_MEMORY;
    return file;
}

bool KiWaitForConsoleKeys(KSYSTEM *system)
{
    for (KTHREAD *t = system->Threads; t; t = t->NextInSystem) {
        for (uint32_t i = 0; t->State == KiWaiting && i < t->WaitCount; i++) {
            EX_OBJECT *object = t->WaitObjects[i];
            if (object->Type != ExObjectFile || !KiIsConsoleFile((EX_FILE *)object)) {
                continue;
            }
            KI_CONSOLE_FILE *file = (KI_CONSOLE_FILE *)object;
            if (file->Kind == KiConsoleInput && file->Console->HostIn >= 0) {
                KiFetchHostInput(file->Console, true);
                KiUnwaitThreads(system);
                return true;
            }
        }
    }
    return false;
}

/* ---- code pages ---- */

uint32_t KiConsoleToWide(uint32_t code_page, const uint8_t *bytes, uint32_t count, uint16_t *wide)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < count;) {
        uint8_t b = bytes[i];
        if (code_page != 65001 || b < 0x80) {
            wide[n++] = b;
            i++;
            continue;
        }
        uint32_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        uint32_t cp = need == 1 ? 0xFFFD : (uint32_t)(b & (0x7F >> need));
        uint32_t k = 1;
        for (; k < need && i + k < count && (bytes[i + k] & 0xC0) == 0x80; k++) {
            cp = cp << 6 | (bytes[i + k] & 0x3Fu);
        }
        if (k < need || cp > 0x10FFFF) {
            cp = 0xFFFD;
        }
        if (cp >= 0x10000) {
            wide[n++] = (uint16_t)(0xD800 | ((cp - 0x10000) >> 10));
            wide[n++] = (uint16_t)(0xDC00 | ((cp - 0x10000) & 0x3FF));
        } else {
            wide[n++] = (uint16_t)cp;
        }
        i += k;
    }
    return n;
}

uint32_t KiConsoleFromWide(uint32_t code_page, const uint16_t *wide, uint32_t count, uint8_t *bytes,
                           uint32_t room)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < count; i++) {
        uint32_t c = wide[i];
        if (code_page != 65001) {
            if (n == room) {
                break;
            }
            bytes[n++] = c < 0x100 ? (uint8_t)c : '?';
            continue;
        }
        if (c >= 0xD800 && c < 0xDC00 && i + 1 < count && wide[i + 1] >= 0xDC00 && wide[i + 1] < 0xE000) {
            c = 0x10000 + ((c - 0xD800) << 10) + (wide[i + 1] - 0xDC00u);
            i++;
        }
        uint8_t u[4];
        uint32_t k = c < 0x80 ? (u[0] = (uint8_t)c, 1)
                   : c < 0x800 ? (u[0] = (uint8_t)(0xC0 | c >> 6), u[1] = (uint8_t)(0x80 | (c & 0x3F)), 2)
                   : c < 0x10000 ? (u[0] = (uint8_t)(0xE0 | c >> 12), u[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F)),
                                    u[2] = (uint8_t)(0x80 | (c & 0x3F)), 3)
                   : (u[0] = (uint8_t)(0xF0 | c >> 18), u[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F)),
                      u[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F)), u[3] = (uint8_t)(0x80 | (c & 0x3F)), 4);
        if (n + k > room) {
            break;
        }
        memcpy(bytes + n, u, k);
        n += k;
    }
    return n;
}

/* ---- ReadFile and WriteFile ---- */

NTSTATUS KiConsoleReadWrite(KPROCESS *process, EX_FILE *file, bool write, uint32_t buffer,
                            uint32_t length, uint32_t *done)
{
    KI_CONSOLE_FILE *f = (KI_CONSOLE_FILE *)file;
    KI_CONSOLE *console = f->Console;
    *done = 0;
    if (write != (f->Kind == KiConsoleOutput) || f->Kind == KiConsoleConnection) {
        return STATUS_INVALID_HANDLE;
    }
    uint8_t bytes[4096];
    uint16_t wide[4096];
    if (write) {
        while (*done < length) {
            uint32_t n = length - *done < sizeof bytes ? length - *done : (uint32_t)sizeof bytes;
            NTSTATUS status = MmCopyFromUser(process->Mm, bytes, buffer + *done, n);
            if (status != STATUS_SUCCESS) {
                return status;
            }
            /* A UTF-8 character cut at the end of a piece waits for the next. */
            uint32_t whole = n;
            if (console->OutputCodePage == 65001 && *done + n < length) {
                uint32_t lead = n;
                while (lead > 0 && lead > n - 4 && (bytes[lead - 1] & 0xC0) == 0x80) {
                    lead--;
                }
                if (lead > 0 && bytes[lead - 1] >= 0xC0) {
                    whole = lead - 1;
                }
            }
            KiWriteText(console, f->Screen, wide, KiConsoleToWide(console->OutputCodePage, bytes, whole, wide));
            *done += whole;
        }
        return STATUS_SUCCESS;
    }
    uint32_t want = length < sizeof wide / sizeof *wide ? length : (uint32_t)(sizeof wide / sizeof *wide);
    if (console->InputCodePage == 65001 && want >= 3) {
        want /= 3; /* room for each character as UTF-8 */
    }
    uint32_t got;
    NTSTATUS status = KiReadConsoleText(console, wide, want, &got);
    if (status != STATUS_SUCCESS) {
        return status;
    }
    uint32_t n = KiConsoleFromWide(console->InputCodePage, wide, got, bytes, length < sizeof bytes ? length : (uint32_t)sizeof bytes);
    status = MmCopyToUser(process->Mm, buffer, bytes, n);
    *done = status == STATUS_SUCCESS ? n : 0;
    return status;
}

/* The events go, and what a terminal has typed ahead; a pipe's or a
 * file's bytes stay to be read. */
static void FlushInput(KI_CONSOLE *c)
{
    while (c->HostInIsTerminal && KiFetchHostInput(c, false)) {
    }
    c->InputCount = 0;
    c->PendingCount = c->PendingRead = 0;
}

NTSTATUS KiConsoleFlush(EX_FILE *file)
{
    KI_CONSOLE_FILE *f = (KI_CONSOLE_FILE *)file;
    if (f->Kind != KiConsoleInput) {
        return STATUS_INVALID_HANDLE;
    }
    FlushInput(f->Console);
    return STATUS_SUCCESS;
}

/* ---- the requests ---- */

uint32_t KiRequestU32(const KI_CONSOLE_REQUEST *r, uint32_t at)
{
    uint32_t v = 0;
    if (at + 4 <= r->InLength) {
        memcpy(&v, r->In + at, 4);
    }
    return v;
}

NTSTATUS KiReturnU32(KI_CONSOLE_REQUEST *r, uint32_t value)
{
    if (r->OutLength < 4) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    memcpy(r->Out, &value, 4);
    r->Returned = 4;
    return STATUS_SUCCESS;
}

/* ReadConsoleInput / PeekConsoleInput: {count, flags: 1 leave them, 2 do
 * not wait}. Waits for an event unless told not to; the input's end with
 * none is STATUS_END_OF_FILE. */
static NTSTATUS ReadInput(KI_CONSOLE_REQUEST *r)
{
    KI_CONSOLE *c = r->Console;
    uint32_t count = KiRequestU32(r, 0), flags = KiRequestU32(r, 4);
    if (count > r->OutLength / sizeof(KI_INPUT_RECORD)) {
        count = r->OutLength / sizeof(KI_INPUT_RECORD);
    }
    if (!c->InputCount) {
        KiFetchHostInput(c, !(flags & 3));
    }
    if (!c->InputCount && !(flags & 3)) {
        return STATUS_END_OF_FILE;
    }
    if (count > c->InputCount) {
        count = c->InputCount;
    }
    if (count) {
        memcpy(r->Out, c->Input, count * sizeof(KI_INPUT_RECORD));
    }
    if (!(flags & 1)) {
        KiTakeInput(c, count);
    }
    r->Returned = count * (uint32_t)sizeof(KI_INPUT_RECORD);
    return STATUS_SUCCESS;
}

#define KI_MOUSE_EVENT 2u
#define KI_MOUSE_MOVED 1u

static bool IsMouseMove(const KI_INPUT_RECORD *record)
{
    uint32_t flags; /* MOUSE_EVENT_RECORD.dwEventFlags */
    memcpy(&flags, (const uint8_t *)record + 16, sizeof flags);
    return record->EventType == KI_MOUSE_EVENT && (flags & KI_MOUSE_MOVED);
}

static NTSTATUS CreateScreen(KI_CONSOLE_REQUEST *r)
{
    KI_SCREEN *screen = KiCreateScreen(r->Console);
    if (!screen) {
        return STATUS_NO_MEMORY;
    }
    /* Its attributes are the active buffer's, its pop-up attributes too
     * (not the active buffer's pop-up ones), as Windows makes a new one. */
    screen->Attributes = r->Console->Active->Attributes;
    screen->PopupAttributes = r->Console->Active->Attributes;
    EX_FILE *file = NewFile(r->Console, screen, KiConsoleOutput, KiRequestU32(r, 0));
    KiReleaseScreen(screen);
    if (!file) {
        return STATUS_NO_MEMORY;
    }
    uint32_t handle;
    NTSTATUS status = ExCreateHandleWithAccess(&r->Process->Handles, &file->Header,
                                               ExMapGenericAccess(ExObjectFile, KiRequestU32(r, 0)), &handle);
    if (status != STATUS_SUCCESS) {
        ExReferenceObject(&file->Header);
        ExDereferenceObject(&file->Header);
        return status;
    }
    if (KiRequestU32(r, 4)) {
        ExSetHandleAttributes(&r->Process->Handles, handle, EX_HANDLE_INHERIT);
    }
    return KiReturnU32(r, handle);
}

static NTSTATUS ProcessList(KI_CONSOLE_REQUEST *r)
{
    uint32_t n = 0;
    for (KPROCESS *p = r->Process->System->Processes; p; p = p->Next) {
        if (p->Console == r->Console && p->State != KiDead) {
            if (4 * (n + 1) + 4 <= r->OutLength) {
                memcpy(r->Out + 4 + 4 * n, &p->UniqueProcessId, 4);
            }
            n++;
        }
    }
    /* The count first; the ids that fit after it, the newest first. */
    if (r->OutLength < 4) {
        return STATUS_BUFFER_TOO_SMALL;
    }
    memcpy(r->Out, &n, 4);
    uint32_t fit = (r->OutLength - 4) / 4 < n ? (r->OutLength - 4) / 4 : n;
    for (uint32_t i = 0; i < fit / 2; i++) {
        uint32_t a, b;
        memcpy(&a, r->Out + 4 + 4 * i, 4);
        memcpy(&b, r->Out + 4 + 4 * (fit - 1 - i), 4);
        memcpy(r->Out + 4 + 4 * i, &b, 4);
        memcpy(r->Out + 4 + 4 * (fit - 1 - i), &a, 4);
    }
    r->Returned = 4 + 4 * fit;
    return STATUS_SUCCESS;
}

static NTSTATUS Dispatch(KI_CONSOLE_REQUEST *r, uint32_t function)
{
    KI_CONSOLE *c = r->Console;
    KI_CONSOLE_FILE_KIND kind = r->File->Kind;
    bool input = kind == KiConsoleInput, screen = kind == KiConsoleOutput;
    switch (function) {
    case CondrvGetKind:
        return KiReturnU32(r, (uint32_t)kind);
    case CondrvGetMode:
        return input ? KiReturnU32(r, c->InputMode) : screen ? KiReturnU32(r, r->Screen->Mode) : STATUS_INVALID_HANDLE;
    case CondrvSetMode: {
        uint32_t mode = KiRequestU32(r, 0);
        if (input) {
            c->InputMode = mode;
        } else if (screen) {
            if (mode & ~0x1Fu) {
                return STATUS_INVALID_PARAMETER;
            }
            r->Screen->Mode = mode;
        } else {
            return STATUS_INVALID_HANDLE;
        }
        return STATUS_SUCCESS;
    }
    case CondrvGetCodePage:
        return KiReturnU32(r, KiRequestU32(r, 0) ? c->OutputCodePage : c->InputCodePage);
    case CondrvSetCodePage:
        *(KiRequestU32(r, 0) ? &c->OutputCodePage : &c->InputCodePage) = KiRequestU32(r, 4);
        return STATUS_SUCCESS;
    case CondrvProcessList:
        return ProcessList(r);
    case CondrvDetach:
        if (kind != KiConsoleConnection || r->Process->Console != c) {
            return STATUS_INVALID_HANDLE;
        }
        r->Process->Console = NULL;
        KiReleaseConsole(c);
        return STATUS_SUCCESS;
    case CondrvCreateScreen:
        return CreateScreen(r);
    default:
        break;
    }
    if (input) {
        switch (function) {
        case CondrvReadInput:
            return ReadInput(r);
        case CondrvWriteInput: {
            uint32_t count = (r->InLength - 4) / (uint32_t)sizeof(KI_INPUT_RECORD);
            const KI_INPUT_RECORD *records = (const KI_INPUT_RECORD *)(r->In + 4);
            /* A mouse move alone after a mouse move takes its place, as
             * the console merges them. */
            if (count == 1 && IsMouseMove(&records[0]) && c->InputCount &&
                IsMouseMove(&c->Input[c->InputCount - 1]) && !KiRequestU32(r, 0)) {
                c->Input[c->InputCount - 1] = records[0];
                return KiReturnU32(r, 1);
            }
            NTSTATUS status = KiQueueInput(c, records, count, KiRequestU32(r, 0) != 0);
            if (status != STATUS_SUCCESS) {
                return status;
            }
            KiUnwaitThreads(r->Process->System); /* a wait on the input may be over */
            return KiReturnU32(r, count);
        }
        case CondrvCountInput:
            if (!c->InputCount) {
                KiFetchHostInput(c, false);
            }
            return KiReturnU32(r, c->InputCount);
        case CondrvFlushInput:
            FlushInput(c);
            return STATUS_SUCCESS;
        case CondrvReadText: {
            uint32_t got, want = KiRequestU32(r, 0) < r->OutLength / 2 ? KiRequestU32(r, 0) : r->OutLength / 2;
            NTSTATUS status = KiReadConsoleText(c, (uint16_t *)r->Out, want, &got);
            r->Returned = status == STATUS_SUCCESS ? 2 * got : 0;
            return status;
        }
        default:
            return STATUS_INVALID_HANDLE;
        }
    }
    if (!screen) {
        return STATUS_INVALID_HANDLE;
    }
    switch (function) {
    case CondrvGetInfo:
        return KiConsoleGetInfo(r);
    case CondrvSetInfo:
        return KiConsoleSetInfo(r);
    case CondrvWriteCells:
    case CondrvReadCells:
        return KiConsoleCells(r, function == CondrvWriteCells);
    case CondrvWriteString:
    case CondrvFill:
    case CondrvReadString:
        return KiConsoleString(r, function);
    case CondrvScroll:
        return KiConsoleScroll(r);
    case CondrvWriteText:
        KiWriteText(c, r->Screen, (const uint16_t *)r->In, r->InLength / 2);
        return KiReturnU32(r, r->InLength / 2);
    case CondrvSetActive:
        if (c->Active != r->Screen) {
            r->Screen->References++;
            KiReleaseScreen(c->Active);
            c->Active = r->Screen;
            KiDrawScreen(c, c->Active);
        }
        return STATUS_SUCCESS;
    default:
        return STATUS_INVALID_DEVICE_REQUEST;
    }
}

/* The most a request moves either way: a screen of 500 x 500 cells. */
#define KI_CONSOLE_REQUEST_MAX (1u << 20)

/* NtDeviceIoControlFile(File, Event, Apc, ApcContext, IoStatus, Code,
 * InputBuffer, InputLength, OutputBuffer, OutputLength) on a console
 * handle: the buffers are copied in and out whole. */
NTSTATUS KiConsoleControl(KPROCESS *process, EX_FILE *file, const uint32_t *a)
{
    uint32_t code = a[5];
    if (!CONDRV_IS_REQUEST(code)) {
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    if (a[7] > KI_CONSOLE_REQUEST_MAX || a[9] > KI_CONSOLE_REQUEST_MAX) {
        return STATUS_INVALID_PARAMETER;
    }
    KI_CONSOLE_FILE *f = (KI_CONSOLE_FILE *)file;
    KI_CONSOLE_REQUEST r = {.Process = process, .File = f, .Console = f->Console, .Screen = f->Screen,
                 .InLength = a[7], .OutLength = a[9]};
    uint8_t *in = malloc(a[7] + 4u), *out = calloc(1, a[9] + 4u);
    NTSTATUS status = in && out ? MmCopyFromUser(process->Mm, in, a[6], a[7]) : STATUS_NO_MEMORY;
    if (status == STATUS_SUCCESS) {
        r.In = in;
        r.Out = out;
        status = Dispatch(&r, CONDRV_FUNCTION(code));
    }
    if (status == STATUS_SUCCESS && r.Returned) {
        status = MmCopyToUser(process->Mm, a[8], out, r.Returned);
    }
    free(in);
    free(out);
    return KiIoCompletes(status) ? KiCompleteIo(process, a[4], status, r.Returned) : status;
}

/* NtmmAttachConsole(ProcessId, Handles[3]): a new console (ProcessId 0)
 * or the one process ProcessId has (-1: the parent) for a process that
 * has none; its input, active screen buffer and connection handles. */
NTSTATUS KiNtmmAttachConsole(KPROCESS *process, const uint32_t *a)
{
    if (process->Console) {
        return STATUS_ACCESS_DENIED;
    }
    KI_CONSOLE *console;
    if (a[0] == 0) {
        console = KiCreateConsole(process->Options.Console);
        if (!console) {
            return STATUS_NO_MEMORY;
        }
    } else {
        uint32_t pid = a[0] == 0xFFFFFFFFu ? process->ParentProcessId : a[0];
        KPROCESS *target = process->System->Processes;
        while (target && (target->UniqueProcessId != pid || target->State == KiDead)) {
            target = target->Next;
        }
        if (!target) {
            return STATUS_INVALID_PARAMETER;
        }
        if (!target->Console) {
            return STATUS_INVALID_HANDLE;
        }
        console = target->Console;
        KiReferenceConsole(console);
    }
    static const uint32_t access[3] = {0xC0000000u, 0xC0000000u, 0xC0000000u};
    static const KI_CONSOLE_FILE_KIND kinds[3] = {KiConsoleInput, KiConsoleOutput, KiConsoleConnection};
    uint32_t handles[3] = {0, 0, 0};
    NTSTATUS status = STATUS_SUCCESS;
    for (int i = 0; i < 3 && status == STATUS_SUCCESS; i++) {
        EX_FILE *file = KiOpenConsoleFile(console, kinds[i], access[i]);
        status = file ? ExCreateHandleWithAccess(&process->Handles, &file->Header,
                                                 ExMapGenericAccess(ExObjectFile, access[i]), &handles[i])
                      : STATUS_NO_MEMORY;
        if (file && status != STATUS_SUCCESS) {
            ExReferenceObject(&file->Header);
            ExDereferenceObject(&file->Header);
        }
    }
    if (status == STATUS_SUCCESS) {
        status = MmCopyToUser(process->Mm, a[1], handles, sizeof handles);
    }
    if (status != STATUS_SUCCESS) {
        for (int i = 0; i < 3; i++) {
            if (handles[i]) {
                ExCloseHandle(&process->Handles, handles[i]);
            }
        }
        KiReleaseConsole(console);
        return status;
    }
    process->Console = console; /* the reference taken above */
    return STATUS_SUCCESS;
}
