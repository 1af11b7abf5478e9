/*
 * __getmainargs with its wildcard argument set (as setargv.obj asks)
 * expands an argument whose last component has '*' or '?' into the names
 * that match, after the argument's own directory part as written, and
 * leaves one nothing matches (a wildcard in a directory part) as it was
 * (Wine's msvcrt tests data.c, test___getmainargs, lines 156-175). The
 * program makes C:\wildargs\a and C:\wildargs\test, then runs itself with
 * the patterns.
 */
#include <direct.h>
#include <process.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { int newmode; } STARTUPINFO_CRT;
int __cdecl __getmainargs(int *argc, char ***argv, char ***envp, int wildcard, STARTUPINFO_CRT *startinfo);

static int Compare(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        int n;
        char **v, **env;
        STARTUPINFO_CRT info = {0};
        __getmainargs(&n, &v, &env, 0, &info);
        printf("without wildcards: %d arguments\n", n);
        __getmainargs(&n, &v, &env, 1, &info);
        qsort(v + 2, (size_t)(n - 2), sizeof v[0], Compare);   /* the order is the directory's */
        printf("with wildcards: %d arguments\n", n);
        for (int i = 1; i < n; i++) {
            printf("  [%s]\n", v[i]);
        }
        printf("  argv[%d] is %s\n", n, v[n] ? "set" : "NULL");
        return 0;
    }
    _mkdir("C:\\wildargs");
    fclose(fopen("C:\\wildargs\\a", "w"));
    fclose(fopen("C:\\wildargs\\test", "w"));
    fflush(stdout);
    int status = (int)_spawnl(_P_WAIT, argv[0], argv[0], "child", "C:\\wild*\\*", "C:\\wildargs/*", NULL);
    remove("C:\\wildargs\\a");
    remove("C:\\wildargs\\test");
    _rmdir("C:\\wildargs");
    return status;
}
