/*
 * Low-level I/O: msvcrt's descriptor table (each descriptor a Win32 handle
 * and its flags) and _open, _read, _write, _lseek, _close and their kin.
 *
 * Text mode is msvcrt's: _write turns each LF into CR LF; _read turns
 * CR LF into LF and stops at a Ctrl-Z (which also ends the file for every
 * later read, until a seek). A lone CR at the end of a read is settled by
 * reading one byte ahead: kept for the next read on a pipe or device, sought
 * back over on a disk file.
 */
#include "msvcrt/crtfill.h"

#define CTRLZ 0x1A
#define CR '\r'
#define LF '\n'

/* A descriptor as msvcrt.dll keeps it, which programs read through the
 * __pioinfo export: blocks of 32, each entry the handle, the flags
 * (wxflag: FOPEN, FPIPE, FDEV, FTEXT... crt.h), a look-ahead byte, more
 * flags and a lock (Wine's msvcrt tests file.c:55-61 declare it so and
 * read the handle and flags of an _open_osfhandle descriptor, 2560-2592).
 * ntmm's msvcrt takes no per-descriptor lock; the field keeps the layout. */
typedef struct IOINFO {
    HANDLE Handle;
    unsigned char Flags;
    char PipeChar;       /* lookahead[0]: a byte read ahead on a pipe or device; LF means none */
    char Lookahead[2];
    int ExFlags;
    RTL_CRITICAL_SECTION Lock;
} IOINFO;

#define FD_BLOCK 32
_Static_assert(sizeof(IOINFO) == 36, "msvcrt's 32-bit ioinfo");

static IOINFO FdBlocks[CRT_NHANDLE / FD_BLOCK][FD_BLOCK];
/* msvcrt's IOINFO_ARRAYS block pointers, set before any descriptor is used. */
_Static_assert(CRT_NHANDLE / FD_BLOCK == 64, "one pointer a block");
IOINFO *__pioinfo[64] = {
    FdBlocks[0], FdBlocks[1], FdBlocks[2], FdBlocks[3], FdBlocks[4], FdBlocks[5], FdBlocks[6],
    FdBlocks[7], FdBlocks[8], FdBlocks[9], FdBlocks[10], FdBlocks[11], FdBlocks[12], FdBlocks[13],
    FdBlocks[14], FdBlocks[15], FdBlocks[16], FdBlocks[17], FdBlocks[18], FdBlocks[19], FdBlocks[20],
    FdBlocks[21], FdBlocks[22], FdBlocks[23], FdBlocks[24], FdBlocks[25], FdBlocks[26], FdBlocks[27],
    FdBlocks[28], FdBlocks[29], FdBlocks[30], FdBlocks[31], FdBlocks[32], FdBlocks[33], FdBlocks[34],
    FdBlocks[35], FdBlocks[36], FdBlocks[37], FdBlocks[38], FdBlocks[39], FdBlocks[40], FdBlocks[41],
    FdBlocks[42], FdBlocks[43], FdBlocks[44], FdBlocks[45], FdBlocks[46], FdBlocks[47], FdBlocks[48],
    FdBlocks[49], FdBlocks[50], FdBlocks[51], FdBlocks[52], FdBlocks[53], FdBlocks[54], FdBlocks[55],
    FdBlocks[56], FdBlocks[57], FdBlocks[58], FdBlocks[59], FdBlocks[60], FdBlocks[61], FdBlocks[62],
    FdBlocks[63],
};
#define Fds(fd) FdBlocks[(fd) / FD_BLOCK][(fd) % FD_BLOCK]
static int Initialized;
static BOOL BlockReady[CRT_NHANDLE / FD_BLOCK];

/* A block's entries start closed (no handle, no look-ahead) when the first
 * descriptor in it opens: a program touches the 36 bytes of each of its
 * 2048 descriptors only in the blocks it uses (one, nearly always). */
static void ReadyBlock(int fd)
{
    if (!BlockReady[fd / FD_BLOCK]) {
        BlockReady[fd / FD_BLOCK] = TRUE;
        for (int i = 0; i < FD_BLOCK; i++) {
            FdBlocks[fd / FD_BLOCK][i].Handle = INVALID_HANDLE_VALUE;
            FdBlocks[fd / FD_BLOCK][i].PipeChar = LF;
        }
    }
}

/* The standard descriptors from the standard handles, as msvcrt's _ioinit:
 * text mode; a missing handle is treated as a device. */
void CrtInitIo(void)
{
    if (Initialized) {
        return;
    }
    Initialized = 1;
    ReadyBlock(0);
    /* Descriptors 3 and up handed down by the creator's spawn (msvcrt's
     * lpReserved2 block: a count, a flags byte each, then a handle each). */
    STARTUPINFOA si;
    GetStartupInfoA(&si);
    if (si.lpReserved2 && si.cbReserved2 >= sizeof(int)) {
        int count;
        memcpy(&count, si.lpReserved2, sizeof count);
        if (count > 0 && (size_t)count * (1 + sizeof(HANDLE)) + sizeof(int) <= si.cbReserved2) {
            const unsigned char *flags = si.lpReserved2 + sizeof(int);
            const unsigned char *handles = flags + count;
            for (int fd = 3; fd < count && fd < CRT_NHANDLE; fd++) {
                HANDLE h;
                memcpy(&h, handles + (size_t)fd * sizeof h, sizeof h);
                if ((flags[fd] & FOPEN) && h != INVALID_HANDLE_VALUE &&
                    GetFileType(h) != FILE_TYPE_UNKNOWN) {
                    ReadyBlock(fd);
                    Fds(fd).Handle = h;
                    Fds(fd).Flags = flags[fd];
                }
            }
        }
    }
    static const DWORD which[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
    for (int fd = 0; fd < 3; fd++) {
        HANDLE h = GetStdHandle(which[fd]);
        Fds(fd).Flags = FOPEN | FTEXT;
        Fds(fd).Handle = h;
        DWORD type = h && h != INVALID_HANDLE_VALUE ? GetFileType(h) : FILE_TYPE_UNKNOWN;
        if (type == FILE_TYPE_CHAR || type == FILE_TYPE_UNKNOWN) {
            Fds(fd).Flags |= FDEV;
        } else if (type == FILE_TYPE_PIPE) {
            Fds(fd).Flags |= FPIPE;
        }
    }
}

/* The block a spawned child's CrtInitIo reads: the open descriptors from
 * 3 on that its handles reach (not _O_NOINHERIT); 0 to 2 it takes from its
 * standard handles. malloc'd; *size its length. */
unsigned char *CrtBuildInheritBlock(unsigned short *size)
{
    CrtInitIo();
    int count = 3;
    for (int fd = 3; fd < CRT_NHANDLE; fd++) {
        if ((Fds(fd).Flags & (FOPEN | FNOINHERIT)) == FOPEN) {
            count = fd + 1;
        }
    }
    size_t length = sizeof(int) + (size_t)count * (1 + sizeof(HANDLE));
    unsigned char *block = calloc(1, length);
    if (!block) {
        return NULL;
    }
    memcpy(block, &count, sizeof count);
    for (int fd = 0; fd < count; fd++) {
        HANDLE h = INVALID_HANDLE_VALUE;
        if (fd >= 3 && (Fds(fd).Flags & (FOPEN | FNOINHERIT)) == FOPEN) {
            block[sizeof(int) + fd] = Fds(fd).Flags;
            h = Fds(fd).Handle;
        }
        memcpy(block + sizeof(int) + count + (size_t)fd * sizeof h, &h, sizeof h);
    }
    *size = (unsigned short)length;
    return block;
}

static IOINFO *Lookup(int fd)
{
    CrtInitIo();
    if (fd < 0 || fd >= CRT_NHANDLE || !(Fds(fd).Flags & FOPEN)) {
        CrtSetErrno(EBADF, 0);
        return NULL;
    }
    return &Fds(fd);
}

int CrtFdFlags(int fd)
{
    CrtInitIo();
    return fd >= 0 && fd < CRT_NHANDLE ? Fds(fd).Flags : 0;
}

static void SetStd(int fd, HANDLE h)
{
    static const DWORD which[3] = {STD_INPUT_HANDLE, STD_OUTPUT_HANDLE, STD_ERROR_HANDLE};
    if (fd < 3) {
        SetStdHandle(which[fd], h);
    }
}

/* The lowest free descriptor, or -1 (EMFILE). */
static int AllocateFd(void)
{
    CrtInitIo();
    for (int fd = 0; fd < CRT_NHANDLE; fd++) {
        if (!(Fds(fd).Flags & FOPEN)) {
            Fds(fd).PipeChar = LF;
            return fd;
        }
    }
    return CrtSetErrno(EMFILE, 0);
}

static void SetFd(int fd, HANDLE h, unsigned char flags)
{
    ReadyBlock(fd);
    Fds(fd).Handle = h;
    Fds(fd).Flags = flags | FOPEN;
    Fds(fd).PipeChar = LF;
    SetStd(fd, h);
}

static unsigned char TypeFlags(DWORD type)
{
    return type == FILE_TYPE_CHAR ? FDEV : type == FILE_TYPE_PIPE ? FPIPE : 0;
}

/* _pipe: an anonymous pipe as two descriptors, [0] to read and [1] to
 * write; _O_BINARY or _O_TEXT (else _fmode's), _O_NOINHERIT keeps both ends
 * from children (otherwise both are inheritable, as msvcrt makes them). */
int CDECL _pipe(int *fds, unsigned int size, int textmode)
{
    CrtInitIo();
    if (!fds || (textmode & ~(_O_BINARY | _O_TEXT | _O_NOINHERIT)) ||
        (textmode & (_O_BINARY | _O_TEXT)) == (_O_BINARY | _O_TEXT)) {
        return CrtSetErrno(EINVAL, 0);
    }
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, !(textmode & _O_NOINHERIT)};
    HANDLE r, w;
    if (!CreatePipe(&r, &w, &sa, size)) {
        _dosmaperr(GetLastError());
        return -1;
    }
    unsigned char flags = FPIPE;
    if (!(textmode & _O_BINARY) && ((textmode & _O_TEXT) || !(_fmode & _O_BINARY))) {
        flags |= FTEXT;
    }
    if (textmode & _O_NOINHERIT) {
        flags |= FNOINHERIT;
    }
    int in = AllocateFd();
    if (in >= 0) {
        SetFd(in, r, flags);
        int out = AllocateFd();
        if (out >= 0) {
            SetFd(out, w, flags);
            fds[0] = in;
            fds[1] = out;
            return 0;
        }
        Fds(in).Flags = 0;
        Fds(in).Handle = INVALID_HANDLE_VALUE;
    }
    CloseHandle(r);
    CloseHandle(w);
    return CrtSetErrno(EMFILE, 0);
}

/* ------------------------------------------------------------ opening */
static int OpenCommon(const char *path_a, const WCHAR *path_w, int oflag, int share, int pmode)
{
    CrtInitIo();
    DWORD access;
    switch (oflag & _O_ACCMODE) {
    case _O_RDONLY: access = GENERIC_READ; break;
    case _O_WRONLY: access = GENERIC_WRITE; break;
    case _O_RDWR: access = GENERIC_READ | GENERIC_WRITE; break;
    default: return CrtSetErrno(EINVAL, 0);
    }
    DWORD sharing;
    switch (share) {
    case _SH_DENYRW: sharing = 0; break;
    case _SH_DENYWR: sharing = FILE_SHARE_READ; break;
    case _SH_DENYRD: sharing = FILE_SHARE_WRITE; break;
    case _SH_DENYNO: sharing = FILE_SHARE_READ | FILE_SHARE_WRITE; break;
    default: return CrtSetErrno(EINVAL, 0);
    }
    DWORD disposition;
    switch (oflag & (_O_CREAT | _O_EXCL | _O_TRUNC)) {
    case 0:
    case _O_EXCL: disposition = OPEN_EXISTING; break;
    case _O_CREAT: disposition = OPEN_ALWAYS; break;
    case _O_CREAT | _O_EXCL:
    case _O_CREAT | _O_TRUNC | _O_EXCL: disposition = CREATE_NEW; break;
    case _O_TRUNC:
    case _O_TRUNC | _O_EXCL: disposition = TRUNCATE_EXISTING; break;
    default: disposition = CREATE_ALWAYS; break;     /* _O_CREAT | _O_TRUNC */
    }
    DWORD attributes = FILE_ATTRIBUTE_NORMAL;
    if ((oflag & _O_CREAT) && !(pmode & ~CrtUmask & _S_IWRITE)) {   /* _umask clears bits */
        attributes = FILE_ATTRIBUTE_READONLY;
    }
    if (oflag & _O_TEMPORARY) {
        attributes |= FILE_FLAG_DELETE_ON_CLOSE;
        access |= DELETE;
        sharing |= FILE_SHARE_DELETE;
    }
    if (oflag & _O_SHORT_LIVED) {
        attributes |= FILE_ATTRIBUTE_TEMPORARY;
    }
    if (oflag & _O_SEQUENTIAL) {
        attributes |= FILE_FLAG_SEQUENTIAL_SCAN;
    } else if (oflag & _O_RANDOM) {
        attributes |= FILE_FLAG_RANDOM_ACCESS;
    }
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, !(oflag & _O_NOINHERIT)};
    int fd = AllocateFd();
    if (fd < 0) {
        return -1;
    }
    HANDLE h = path_w ? CreateFileW(path_w, access, sharing, &sa, disposition, attributes, NULL)
                      : CreateFileA(path_a, access, sharing, &sa, disposition, attributes, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        _dosmaperr(GetLastError());
        return -1;
    }
    DWORD type = GetFileType(h);
    if (type == FILE_TYPE_UNKNOWN) {
        DWORD error = GetLastError();
        CloseHandle(h);
        _dosmaperr(error);
        return -1;
    }
    unsigned char flags = TypeFlags(type);
    if (oflag & _O_NOINHERIT) {
        flags |= FNOINHERIT;
    }
    if (oflag & _O_APPEND) {
        flags |= FAPPEND;
    }
    if (!(oflag & _O_BINARY) && ((oflag & _O_TEXT) || !(_fmode & _O_BINARY))) {
        flags |= FTEXT;
    }
    SetFd(fd, h, flags);
    /* A text file opened for reading and writing loses a final Ctrl-Z, so
     * that what is appended is not hidden behind it. */
    if ((flags & (FDEV | FPIPE | FTEXT)) == FTEXT && (oflag & _O_RDWR)) {
        LONGLONG end = _lseeki64(fd, -1, SEEK_END);
        if (end >= 0) {
            char last = 0;
            /* Text mode reads the Ctrl-Z as the end: no character, but the byte is there. */
            if (_read(fd, &last, 1) == 0 && last == CTRLZ) {
                _chsize(fd, (long)end);
            }
        }
        _lseeki64(fd, 0, SEEK_SET);
    }
    return fd;
}

int CDECL _sopen(const char *path, int oflag, int share, ...)
{
    va_list args;
    va_start(args, share);
    int pmode = (oflag & _O_CREAT) ? va_arg(args, int) : 0;
    va_end(args);
    return OpenCommon(path, NULL, oflag, share, pmode);
}

int CDECL _wsopen(const WCHAR *path, int oflag, int share, ...)
{
    va_list args;
    va_start(args, share);
    int pmode = (oflag & _O_CREAT) ? va_arg(args, int) : 0;
    va_end(args);
    return OpenCommon(NULL, path, oflag, share, pmode);
}

int CDECL _open(const char *path, int oflag, ...)
{
    va_list args;
    va_start(args, oflag);
    int pmode = (oflag & _O_CREAT) ? va_arg(args, int) : 0;
    va_end(args);
    return OpenCommon(path, NULL, oflag, _SH_DENYNO, pmode);
}

int CDECL _wopen(const WCHAR *path, int oflag, ...)
{
    va_list args;
    va_start(args, oflag);
    int pmode = (oflag & _O_CREAT) ? va_arg(args, int) : 0;
    va_end(args);
    return OpenCommon(NULL, path, oflag, _SH_DENYNO, pmode);
}

int CDECL _creat(const char *path, int pmode)
{
    return _open(path, _O_CREAT | _O_TRUNC | _O_RDWR, pmode);
}

int CDECL _wcreat(const WCHAR *path, int pmode)
{
    return _wopen(path, _O_CREAT | _O_TRUNC | _O_RDWR, pmode);
}

int CDECL _open_osfhandle(intptr_t handle, int oflag)
{
    DWORD type = GetFileType((HANDLE)handle);
    if (type == FILE_TYPE_UNKNOWN) {
        _dosmaperr(GetLastError());
        return -1;
    }
    unsigned char flags = TypeFlags(type);
    if (oflag & _O_APPEND) {
        flags |= FAPPEND;
    }
    if (oflag & _O_TEXT) {
        flags |= FTEXT;
    }
    if (oflag & _O_NOINHERIT) {
        flags |= FNOINHERIT;
    }
    int fd = AllocateFd();
    if (fd >= 0) {
        SetFd(fd, (HANDLE)handle, flags);
    }
    return fd;
}

intptr_t CDECL _get_osfhandle(int fd)
{
    IOINFO *io = Lookup(fd);
    return io ? (intptr_t)io->Handle : -1;
}

/* ------------------------------------------------------------ closing */
int CDECL _close(int fd)
{
    IOINFO *io = Lookup(fd);
    if (!io) {
        return -1;
    }
    /* stdout and stderr often share one handle: it stays open for the other. */
    int shared = (fd == 1 || fd == 2) && (Fds(3 - fd).Flags & FOPEN) && Fds(3 - fd).Handle == io->Handle;
    DWORD error = 0;
    if (!shared && !CloseHandle(io->Handle)) {
        error = GetLastError();
    }
    io->Flags = 0;
    io->Handle = INVALID_HANDLE_VALUE;
    SetStd(fd, NULL);
    if (error) {
        _dosmaperr(error);
        return -1;
    }
    return 0;
}

int CDECL _dup2(int fd1, int fd2)
{
    IOINFO *io = Lookup(fd1);
    if (!io) {
        return -1;
    }
    if (fd2 < 0 || fd2 >= CRT_NHANDLE) {
        return CrtSetErrno(EBADF, 0);
    }
    if (fd1 == fd2) {
        return 0;
    }
    HANDLE copy;
    if (!DuplicateHandle(GetCurrentProcess(), io->Handle, GetCurrentProcess(), &copy, 0, TRUE,
                         DUPLICATE_SAME_ACCESS)) {
        _dosmaperr(GetLastError());
        return -1;
    }
    if (Fds(fd2).Flags & FOPEN) {
        _close(fd2);
    }
    SetFd(fd2, copy, io->Flags & ~FNOINHERIT);
    return 0;
}

int CDECL _dup(int fd)
{
    IOINFO *io = Lookup(fd);
    if (!io) {
        return -1;
    }
    int fd2 = AllocateFd();
    if (fd2 < 0) {
        return -1;
    }
    HANDLE copy;
    if (!DuplicateHandle(GetCurrentProcess(), io->Handle, GetCurrentProcess(), &copy, 0, TRUE,
                         DUPLICATE_SAME_ACCESS)) {
        _dosmaperr(GetLastError());
        return -1;
    }
    SetFd(fd2, copy, io->Flags & ~FNOINHERIT);
    return fd2;
}

/* ------------------------------------------------------------ reading */
/* One ReadFile; 0 at end of file or a broken pipe, -1 on error. */
static int RawRead(IOINFO *io, char *buffer, unsigned int count)
{
    DWORD got = 0;
    if (!ReadFile(io->Handle, buffer, count, &got, NULL)) {
        DWORD error = GetLastError();
        if (error == ERROR_BROKEN_PIPE) {
            return 0;
        }
        if (error == ERROR_ACCESS_DENIED) {   /* not open for reading */
            return CrtSetErrno(EBADF, error);
        }
        _dosmaperr(error);
        return -1;
    }
    return (int)got;
}

int CDECL _read(int fd, void *buffer, unsigned int count)
{
    IOINFO *io = Lookup(fd);
    if (!io) {
        return -1;
    }
    char *out = buffer;
    int total = 0;
    if (count == 0 || (io->Flags & FEOFLAG)) {
        return 0;
    }
    if ((io->Flags & (FPIPE | FDEV)) && io->PipeChar != LF) {
        *out++ = io->PipeChar;
        io->PipeChar = LF;
        total = 1;
        count--;
    }
    if (count) {
        int got = RawRead(io, out, count);
        if (got < 0) {
            return -1;
        }
        total += got;
    }
    if (!(io->Flags & FTEXT)) {
        return total;
    }
    char *base = buffer;
    if (total && base[0] == LF) {
        io->Flags |= FCRLF;
    } else {
        io->Flags &= ~FCRLF;
    }
    char *p = base, *q = base, *end = base + total;
    while (p < end) {
        if (*p == CTRLZ) {
            if (!(io->Flags & FDEV)) {
                io->Flags |= FEOFLAG;
            }
            break;
        }
        if (*p != CR) {
            *q++ = *p++;
        } else if (p + 1 < end) {
            if (p[1] == LF) {
                p += 2;
                *q++ = LF;
            } else {
                *q++ = *p++;
            }
        } else {
            /* A CR ends the buffer: the next byte decides. */
            p++;
            char peek;
            DWORD got = 0;
            if (!ReadFile(io->Handle, &peek, 1, &got, NULL) || got == 0) {
                *q++ = CR;
            } else if (io->Flags & (FDEV | FPIPE)) {
                if (peek == LF) {
                    *q++ = LF;
                } else {
                    *q++ = CR;
                    io->PipeChar = peek;
                }
            } else if (q == base && peek == LF) {
                *q++ = LF;
            } else {
                _lseeki64(fd, -1, SEEK_CUR);
                if (peek != LF) {
                    *q++ = CR;
                }
            }
        }
    }
    return (int)(q - base);
}

/* ------------------------------------------------------------ writing */
static int RawWrite(IOINFO *io, const char *data, unsigned int count, unsigned int *done)
{
    DWORD written = 0;
    if (!WriteFile(io->Handle, data, count, &written, NULL)) {
        DWORD error = GetLastError();
        if (error == ERROR_ACCESS_DENIED) {   /* not open for writing */
            return CrtSetErrno(EBADF, error);
        }
        _dosmaperr(error);
        return -1;
    }
    *done += written;
    return written == count ? 0 : 1;
}

int CDECL _write(int fd, const void *buffer, unsigned int count)
{
    IOINFO *io = Lookup(fd);
    if (!io) {
        return -1;
    }
    if (count == 0) {
        return 0;
    }
    if (io->Flags & FAPPEND) {
        _lseeki64(fd, 0, SEEK_END);
    }
    const char *data = buffer;
    unsigned int written = 0;
    int r = 0;
    if (!(io->Flags & FTEXT)) {
        r = RawWrite(io, data, count, &written);
        if (r < 0) {
            return -1;
        }
    } else {
        /* LF → CR LF through a small buffer; the count returned is of the
         * caller's bytes, as msvcrt counts them. */
        unsigned int consumed = 0;
        while (consumed < count && r == 0) {
            char chunk[1024];
            unsigned int n = 0, from = consumed, out_before = 0;
            while (consumed < count && n < sizeof chunk - 1) {
                if (data[consumed] == LF) {
                    chunk[n++] = CR;
                }
                chunk[n++] = data[consumed++];
            }
            r = RawWrite(io, chunk, n, &out_before);
            if (r < 0) {
                return -1;
            }
            if (r > 0) {
                /* A short write: count the caller's bytes that got out. */
                unsigned int bytes = 0;
                for (unsigned int i = from; i < consumed && bytes < out_before; i++) {
                    bytes += data[i] == LF ? 2 : 1;
                    if (bytes <= out_before) {
                        written++;
                    }
                }
            } else {
                written += consumed - from;
            }
        }
    }
    if (written == 0 && r > 0) {
        /* Nothing went out and no error: a full disk, unless a device took a Ctrl-Z. */
        if ((io->Flags & FDEV) && data[0] == CTRLZ) {
            return 0;
        }
        return CrtSetErrno(ENOSPC, 0);
    }
    return (int)written;
}

/* ------------------------------------------------------------ seeking */
LONGLONG CDECL _lseeki64(int fd, LONGLONG offset, int origin)
{
    IOINFO *io = Lookup(fd);
    if (!io) {
        return -1;
    }
    if (origin < SEEK_SET || origin > SEEK_END) {
        return CrtSetErrno(EINVAL, 0);
    }
    LARGE_INTEGER distance, position;
    distance.QuadPart = offset;
    if (!SetFilePointerEx(io->Handle, distance, &position, (DWORD)origin)) {
        _dosmaperr(GetLastError());
        return -1;
    }
    io->Flags &= ~FEOFLAG;
    return position.QuadPart;
}

long CDECL _lseek(int fd, long offset, int origin)
{
    LONGLONG position = _lseeki64(fd, offset, origin);
    if (position > 0x7FFFFFFF) {
        return CrtSetErrno(EINVAL, 0);
    }
    return (long)position;
}

long CDECL _tell(int fd) { return _lseek(fd, 0, SEEK_CUR); }
LONGLONG CDECL _telli64(int fd) { return _lseeki64(fd, 0, SEEK_CUR); }

/* _eof: 1 at the end of the file, 0 before it, -1 on error. */
int CDECL _eof(int fd)
{
    LONGLONG here = _lseeki64(fd, 0, SEEK_CUR);
    if (here < 0) {
        return -1;
    }
    LONGLONG end = _lseeki64(fd, 0, SEEK_END);
    if (end < 0) {
        return -1;
    }
    _lseeki64(fd, here, SEEK_SET);
    return here == end;
}

/* ------------------------------------------------------------ the rest */
int CDECL _isatty(int fd)
{
    CrtInitIo();
    return fd >= 0 && fd < CRT_NHANDLE && (Fds(fd).Flags & FDEV) ? FDEV : 0;
}

int CDECL _setmode(int fd, int mode)
{
    IOINFO *io = Lookup(fd);
    if (!io) {
        return -1;
    }
    int previous = (io->Flags & FTEXT) ? _O_TEXT : _O_BINARY;
    if (mode == _O_BINARY) {
        io->Flags &= ~FTEXT;
    } else if (mode == _O_TEXT) {
        io->Flags |= FTEXT;
    } else {
        return CrtSetErrno(EINVAL, 0);
    }
    return previous;
}

int CDECL _commit(int fd)
{
    IOINFO *io = Lookup(fd);
    if (!io) {
        return -1;
    }
    if (!FlushFileBuffers(io->Handle)) {
        return CrtSetErrno(EBADF, GetLastError());
    }
    return 0;
}

static int ChangeSize(int fd, LONGLONG size)
{
    IOINFO *io = Lookup(fd);
    if (!io) {
        return EBADF;
    }
    if (size < 0) {
        CrtSetErrno(EINVAL, 0);
        return EINVAL;
    }
    LONGLONG here = _lseeki64(fd, 0, SEEK_CUR);
    if (here < 0 || _lseeki64(fd, size, SEEK_SET) < 0) {
        return errno;
    }
    int result = 0;
    if (!SetEndOfFile(io->Handle)) {
        DWORD error = GetLastError();
        result = error == ERROR_ACCESS_DENIED ? EACCES : EINVAL;
        CrtSetErrno(result, error);
    }
    _lseeki64(fd, here, SEEK_SET);
    return result;
}

int CDECL _chsize(int fd, long size) { return ChangeSize(fd, size) ? -1 : 0; }
int CDECL _chsize_s(int fd, LONGLONG size) { return ChangeSize(fd, size); }

/* _locking: byte ranges from the current position; _LK_LOCK and _LK_RLCK
 * retry ten times a second apart, as msvcrt does, then fail with EDEADLOCK. */
int CDECL _locking(int fd, int mode, long count)
{
    IOINFO *io = Lookup(fd);
    if (!io) {
        return -1;
    }
    if (count < 0 || mode < 0 || mode > 4) {
        return CrtSetErrno(EINVAL, 0);
    }
    LONGLONG here = _lseeki64(fd, 0, SEEK_CUR);
    if (here < 0) {
        return -1;
    }
    DWORD low = (DWORD)here, high = (DWORD)(here >> 32);
    if (mode == 0) {                                   /* _LK_UNLCK */
        if (!UnlockFile(io->Handle, low, high, (DWORD)count, 0)) {
            return CrtSetErrno(EACCES, GetLastError());
        }
        return 0;
    }
    int tries = (mode == 1 || mode == 3) ? 10 : 1;     /* _LK_LOCK, _LK_RLCK retry */
    for (int i = 0; i < tries; i++) {
        if (LockFile(io->Handle, low, high, (DWORD)count, 0)) {
            return 0;
        }
        if (i + 1 < tries) {
            Sleep(1000);
        }
    }
    return CrtSetErrno(tries > 1 ? EDEADLOCK : EACCES, GetLastError());
}
