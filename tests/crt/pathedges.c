/*
 * _makepath_s and _searchenv at their edges, as Windows' msvcrt.dll
 * answers (Wine's msvcrt tests dir.c):
 *   - _makepath_s writes into the buffer a character at a time; one that
 *     would leave no room for the terminator stops it with ERANGE, the
 *     first character set to 0 and what was written after it kept
 *     (test_makepath_s, lines 154-186);
 *   - _searchenv joins an entry of the variable and the name as written,
 *     without normalizing, drops quotes, and a ';' between quotes belongs
 *     to the entry (test_search_environment, lines 455-575).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <direct.h>

static void Show(const char *label, const char *buffer, int length, int r)
{
    printf("%-24s r=%-2d [", label, r);
    for (int i = 0; i < length; i++) {
        putchar(buffer[i] ? buffer[i] : '0');
    }
    printf("]\n");
}

int main(void)
{
    char buffer[32];
    for (int size = 1; size <= 13; size += 3) {
        memset(buffer, 'X', sizeof buffer);
        int r = _makepath_s(buffer, size, "c:", "d\\", "file", "ext");
        char label[32];
        sprintf(label, "size %d", size);
        Show(label, buffer, 14, r);
    }
    memset(buffer, 'X', sizeof buffer);
    int r = _makepath_s(buffer, 7, "c:", "dir", "f", "ext");
    Show("c: dir f ext, size 7", buffer, 10, r);
    memset(buffer, 'X', sizeof buffer);
    strcpy(buffer, "foo");
    r = _makepath_s(buffer, 8, NULL, buffer, "file", NULL);
    Show("dir is the buffer", buffer, 10, r);
    memset(buffer, 'X', sizeof buffer);
    r = _makepath_s(buffer, 32, "c", "d/", "f", ".e");
    Show("fits", buffer, 10, r);

    _mkdir("C:\\pathedges");
    _mkdir("C:\\pathedges\\dir1");
    fclose(fopen("C:\\pathedges\\dir1\\1.dat", "wb"));
    char found[260];
    _putenv("EDGE_PATH=C:\\nowhere;C:\\\\pathedges\\dir1");
    _searchenv("1.dat", "EDGE_PATH", found);
    printf("doubled backslash kept: [%s]\n", found);
    _putenv("EDGE_PATH=C:\\\"pathedges\\\"d\"i\"r\"1");
    _searchenv("1.dat", "EDGE_PATH", found);
    printf("quotes dropped: [%s]\n", found);
    _putenv("EDGE_PATH=C:\\\"pathedges\\\"d\"i\"r\"1;");
    _searchenv("1.dat", "EDGE_PATH", found);
    printf("';' inside an open quote: [%s] errno %s\n", found, errno == ENOENT ? "ENOENT" : "other");
    remove("C:\\pathedges\\dir1\\1.dat");
    _rmdir("C:\\pathedges\\dir1");
    _rmdir("C:\\pathedges");
    return 0;
}
