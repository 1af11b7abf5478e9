/*
 * _tempnam names a file that does not exist in the directory asked for:
 * a file already there under the next name is skipped (Wine's msvcrt
 * tests misc.c:365-368 leave one behind, read-only, and expect a fresh
 * name at the next run).
 */
#include <io.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "../guesttest.h"

int main(void)
{
    char *first = _tempnam(".", "tn");
    Check(first != NULL && GetFileAttributesA(first) == INVALID_FILE_ATTRIBUTES, "_tempnam: a name no file has");
    /* The name after it (the last character one more): made a read-only file. */
    char next[MAX_PATH];
    strcpy(next, first);
    next[strlen(next) - 1]++;
    HANDLE h = CreateFileA(next, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_READONLY, NULL);
    Check(h != INVALID_HANDLE_VALUE, "a read-only file under the next name");
    CloseHandle(h);
    char *second = _tempnam(".", "tn");
    Check(second != NULL && strcmp(second, next) != 0 && GetFileAttributesA(second) == INVALID_FILE_ATTRIBUTES,
          "_tempnam skips it");
    SetFileAttributesA(next, FILE_ATTRIBUTE_NORMAL);
    DeleteFileA(next);
    free(first);
    free(second);
    printf("%d failures\n", Failures);
    return Failures;
}
