/* Files through msvcrt, as msvcrt.dll gives them (its text mode, its
 * ftell in text mode, its errno values; Microsoft's documentation of
 * fopen, _open, _stat, _access, _chsize; Wine's msvcrt file tests). */
#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static void dump(const char *what, const char *name)
{
    FILE *f = fopen(name, "rb");
    int c;
    printf("%s:", what);
    while ((c = fgetc(f)) != EOF) {
        printf(" %02x", c);
    }
    printf("\n");
    fclose(f);
}

int main(void)
{
    /* Text mode writes CR LF; binary writes what it is given. */
    FILE *f = fopen("text.txt", "w");
    fputs("one\ntwo\n", f);
    fprintf(f, "%d\n", 3);
    fclose(f);
    dump("text write", "text.txt");
    f = fopen("bin.dat", "wb");
    fwrite("a\nb\r\nc\x1a" "d\n", 1, 9, f);
    fclose(f);
    dump("binary write", "bin.dat");

    /* Text mode reads CR LF as LF and stops at Ctrl-Z; binary sees all. */
    char buffer[64];
    f = fopen("bin.dat", "r");
    size_t n = fread(buffer, 1, sizeof buffer, f);
    printf("text read %u:", (unsigned)n);
    for (size_t i = 0; i < n; i++) {
        printf(" %02x", (unsigned char)buffer[i]);
    }
    printf(", feof %d\n", feof(f) != 0);
    fclose(f);
    f = fopen("bin.dat", "rb");
    printf("binary read %u\n", (unsigned)fread(buffer, 1, sizeof buffer, f));
    fclose(f);

    /* ftell in text mode counts the file's bytes (CR included). */
    f = fopen("text.txt", "r");
    fgets(buffer, sizeof buffer, f);
    long after_one = ftell(f);
    fgets(buffer, sizeof buffer, f);
    printf("ftell after lines: %ld %ld\n", after_one, ftell(f));
    fseek(f, after_one, SEEK_SET);
    fgets(buffer, sizeof buffer, f);
    printf("after fseek back: %s", buffer);
    int c = fgetc(f);
    printf("ungetc: %c ", ungetc(c, f));
    printf("ftell %ld\n", ftell(f));
    rewind(f);
    printf("rewind then fgetc: %c\n", fgetc(f));
    fclose(f);

    /* Append mode writes at the end whatever the position. */
    f = fopen("text.txt", "a+");
    fseek(f, 0, SEEK_SET);
    fputs("four\n", f);
    fseek(f, 0, SEEK_SET);
    int lines = 0;
    while (fgets(buffer, sizeof buffer, f)) {
        lines++;
    }
    printf("a+ lines: %d, last %s", lines, buffer);
    fclose(f);

    /* A final Ctrl-Z is dropped when a text file is opened for update. */
    f = fopen("z.txt", "wb");
    fputs("abc\x1a", f);
    fclose(f);
    int fd = _open("z.txt", _O_RDWR | _O_TEXT);
    printf("_open(z.txt, O_RDWR|O_TEXT): size now %ld\n", _lseek(fd, 0, SEEK_END));
    _close(fd);

    int r;
    /* Low-level: _open flags, _write in text mode, _chsize, _eof, _tell. */
    fd = _open("low.txt", _O_CREAT | _O_WRONLY | _O_TRUNC | _O_TEXT, _S_IREAD | _S_IWRITE);
    printf("_write returns %d\n", _write(fd, "x\ny\n", 4));
    printf("_tell %ld\n", _tell(fd));
    _close(fd);
    fd = _open("low.txt", _O_RDWR | _O_BINARY);
    r = _chsize(fd, 10);
    printf("_chsize(10) %d, size %ld, ", r, _lseek(fd, 0, SEEK_END));
    _lseek(fd, 0, SEEK_SET);
    printf("_eof %d, ", _eof(fd));
    _lseek(fd, 0, SEEK_END);
    printf("then %d\n", _eof(fd));
    _close(fd);
    dump("after _chsize", "low.txt");

    /* errno from the Win32 errors. */
    errno = 0;
    f = fopen("missing.txt", "r");
    printf("fopen(missing): %s errno %d\n", f ? "opened" : "NULL", errno);
    errno = 0;
    fd = _open("text.txt", _O_CREAT | _O_EXCL | _O_WRONLY, _S_IWRITE);
    printf("_open(O_EXCL, existing): %d errno %d\n", fd, errno);
    errno = 0;
    fd = _open("nodir\\x.txt", _O_RDONLY);
    printf("_open(no such directory): %d errno %d\n", fd, errno);
    fd = _open("ro.txt", _O_CREAT | _O_WRONLY, _S_IREAD);
    _close(fd);
    errno = 0;
    fd = _open("ro.txt", _O_WRONLY);
    printf("_open(read-only file for writing): %d errno %d\n", fd, errno);
    errno = 0;
    r = _access("ro.txt", 2);
    printf("_access(ro.txt, 2): %d errno %d; _access(text.txt, 6): %d\n", r, errno, _access("text.txt", 6));
    errno = 0;
    r = remove("missing.txt");
    printf("remove(missing): %d errno %d\n", r, errno);
    errno = 0;
    r = rename("text.txt", "bin.dat");
    printf("rename onto an existing file: %d errno %d\n", r, errno);
    printf("rename: %d, ", rename("text.txt", "renamed.txt"));
    printf("remove: %d\n", remove("renamed.txt"));
    f = fopen("bin.dat", "r");
    errno = 0;
    r = fputc('x', f);
    printf("fputc on a read stream: %d ferror %d\n", r, ferror(f) != 0);
    fclose(f);

    /* _stat and _fstat. */
    struct _stat st;
    r = _stat("bin.dat", &st);
    printf("_stat(bin.dat): %d size %ld mode %o nlink %d dev %u\n", r, (long)st.st_size, st.st_mode,
           st.st_nlink, st.st_dev);
    r = _stat("ro.txt", &st);
    printf("_stat(ro.txt): mode %o\n", st.st_mode);
    _mkdir("sub");
    r = _stat("sub", &st);
    printf("_stat(sub): %d mode %o\n", r, st.st_mode);
    errno = 0;
    r = _stat("nothere", &st);
    printf("_stat(nothere): %d errno %d\n", r, errno);
    fd = _open("bin.dat", _O_RDONLY);
    r = _fstat(fd, &st);
    printf("_fstat: %d size %ld mode %o dev %u\n", r, (long)st.st_size, st.st_mode, st.st_dev);
    _close(fd);

    /* _dup, _dup2, _fdopen, tmpfile. */
    fd = _open("bin.dat", _O_RDONLY | _O_BINARY);
    int copy = _dup(fd);
    _lseek(fd, 2, SEEK_SET);
    printf("_dup shares the position: %ld\n", _tell(copy));
    _close(fd);
    f = _fdopen(copy, "rb");
    printf("_fdopen reads: %c\n", fgetc(f));
    fclose(f);
    f = tmpfile();
    fputs("temporary\n", f);
    rewind(f);
    fgets(buffer, sizeof buffer, f);
    printf("tmpfile: %s", buffer);
    fclose(f);
    printf("_fcloseall: %d\n", _fcloseall());
    return 0;
}
