/*
 * shlwapi.dll's Path* and Str* functions, A and W. Windows' answers:
 * Microsoft's page for each function (PathCanonicalize's and PathCombine's
 * examples among them) and Wine's shlwapi tests (path.c, string.c), run
 * on Windows: PathCanonicalize("") is "\", a leading ".." of a relative
 * path leaves "\"; PathRemoveFileSpec keeps a root's '\'; PathFindFileName
 * skips a final separator; PathIsDirectory answers FILE_ATTRIBUTE_DIRECTORY
 * (16); PathUnquoteSpaces of a lone '"' is ""; StrToInt takes no white
 * space and StrToIntEx does; StrFormatByteSize cuts to three figures.
 */
#include <stdio.h>
#include <string.h>
#include <windows.h>
#include <shlwapi.h>

static void Canon(const char *path)
{
    char out[MAX_PATH] = "junk";
    BOOL ok = PathCanonicalizeA(out, path);
    printf("PathCanonicalize %-40s %d [%s]\n", path, ok, out);
}

static void Combine(const char *dir, const char *file)
{
    char out[MAX_PATH] = "junk";
    char *r = PathCombineA(out, dir, file);
    printf("PathCombine %-12s %-14s %s [%s]\n", dir ? dir : "NULL", file ? file : "NULL",
           r == out ? "dest" : r ? "?" : "NULL", out);
}

static void RemoveSpec(const char *path)
{
    char s[MAX_PATH];
    strcpy(s, path);
    BOOL r = PathRemoveFileSpecA(s);
    printf("PathRemoveFileSpec %-22s %d [%s]\n", path, r, s);
}

static void Paths(void)
{
    Canon("A:\\name_1\\.\\name_2\\..\\name_3");
    Canon("A:\\name_1\\..\\name_2\\.\\name_3");
    Canon("A:\\name_1\\name_2\\.\\name_3\\..\\name_4");
    Canon("A:\\name_1\\.\\name_2\\.\\name_3\\..\\name_4\\..");
    Canon("");
    Canon("C:");
    Canon("C:\\..");
    Canon("C:\\..\\foo");
    Canon("..\\foo");
    Canon("a\\..\\b");
    Canon("\\\\server\\share\\dir\\..\\x");
    Canon("C:\\dir\\");
    Combine("C:", "One\\Two\\Three");
    Combine("C:\\foo", "..\\bar");
    Combine("C:\\foo\\", "bar.txt");
    Combine("C:\\foo", "D:\\bar");
    Combine("C:\\foo\\x", "\\bar");
    Combine("C:\\foo", "");
    Combine("C:\\foo", NULL);
    Combine(NULL, "bar");
    Combine("", "");
    Combine(NULL, NULL);
    char s[MAX_PATH] = "C:\\dir";
    printf("PathAppend %d [%s]", PathAppendA(s, "\\sub\\file.txt"), s);
    printf(" then %d [%s]\n", PathAppendA(s, "..\\..\\other"), s);
    RemoveSpec("C:\\TEST\\sample.txt");
    RemoveSpec("C:\\TEST\\");
    RemoveSpec("C:\\");
    RemoveSpec("C:foo");
    RemoveSpec("\\foo");
    RemoveSpec("foo");
    RemoveSpec("\\\\server\\share");
    const char *names[] = {"C:\\dir\\file.txt", "C:\\dir\\", "file", "C:file", "a/b"};
    for (int i = 0; i < 5; i++) {
        printf("PathFindFileName %-16s [%s]\n", names[i], PathFindFileNameA(names[i]));
    }
    const char *exts[] = {"file.txt", "a.b\\file", "file.tar.gz", "file. txt", "noext"};
    for (int i = 0; i < 5; i++) {
        printf("PathFindExtension %-12s [%s]\n", exts[i], PathFindExtensionA(exts[i]));
    }
    strcpy(s, "C:\\dir\\file.txt");
    PathRemoveExtensionA(s);
    printf("PathRemoveExtension [%s]", s);
    printf(", PathRenameExtension %d [%s]", PathRenameExtensionA(s, ".log"), s);
    printf(", PathAddExtension again %d [%s]\n", PathAddExtensionA(s, ".exe"), s);
    strcpy(s, "tool");
    printf("PathAddExtension NULL %d [%s]\n", PathAddExtensionA(s, NULL), s);
    strcpy(s, "C:\\dir");
    char *end = PathAddBackslashA(s);
    printf("PathAddBackslash [%s] end+%d", s, (int)(end - s));
    end = PathAddBackslashA(s);
    printf(", again [%s] end+%d\n", s, (int)(end - s));
    end = PathRemoveBackslashA(s);
    printf("PathRemoveBackslash [%s] at+%d", s, (int)(end - s));
    strcpy(s, "C:\\");
    end = PathRemoveBackslashA(s);
    printf(", root [%s] at+%d\n", s, (int)(end - s));
    strcpy(s, "C:\\dir\\file.txt");
    PathStripPathA(s);
    printf("PathStripPath [%s]\n", s);
    strcpy(s, "C:\\dir\\sub\\file.txt");
    printf("PathStripToRoot %d [%s]\n", PathStripToRootA(s), s);
    const char *roots[] = {"\\", "C:\\", "C:", "C:\\dir", "\\\\server", "\\\\server\\share",
                           "\\\\server\\share\\dir", "dir"};
    for (int i = 0; i < 8; i++) {
        const char *skip = PathSkipRootA(roots[i]);
        printf("%-20s IsRoot %d IsRelative %d IsUNC %d SkipRoot [%s]\n", roots[i],
               PathIsRootA(roots[i]), PathIsRelativeA(roots[i]), PathIsUNCA(roots[i]),
               skip ? skip : "NULL");
    }
    printf("PathGetArgs [%s] [%s] [%s]\n", PathGetArgsA("prog.exe one two"),
           PathGetArgsA("\"C:\\Program Files\\x.exe\" -v"), PathGetArgsA("prog.exe"));
    strcpy(s, "C:\\Program Files\\x.exe");
    PathQuoteSpacesA(s);
    printf("PathQuoteSpaces [%s]", s);
    PathUnquoteSpacesA(s);
    printf(", PathUnquoteSpaces [%s]\n", s);
    const char *quoted[] = {"\"abc\"", "\"abc", "\"\"abc\"\"", "\"", "\"\""};
    for (int i = 0; i < 5; i++) {
        strcpy(s, quoted[i]);
        PathUnquoteSpacesA(s);
        printf("PathUnquoteSpaces %-10s [%s]\n", quoted[i], s);
    }
    strcpy(s, "  spaced  ");
    PathRemoveBlanksA(s);
    printf("PathRemoveBlanks [%s], PathGetDriveNumber c: %d 1: %d", s, PathGetDriveNumberA("c:\\"),
           PathGetDriveNumberA("1:"));
    printf(", PathBuildRoot 3 [%s]\n", PathBuildRootA(s, 3));
    printf("PathFindNextComponent [%s] [%s] %s\n", PathFindNextComponentA("C:\\a\\b"),
           PathFindNextComponentA("b"), PathFindNextComponentA("") ? "?" : "NULL");
    printf("PathIsFileSpec file.txt %d, C:\\file %d\n", PathIsFileSpecA("file.txt"),
           PathIsFileSpecA("C:\\file"));
    CreateDirectoryA("C:\\shl", NULL);
    HANDLE h = CreateFileA("C:\\shl\\f.txt", GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    CloseHandle(h);
    printf("PathFileExists dir %d file %d missing %d; PathIsDirectory dir %d file %d missing %d\n",
           PathFileExistsA("C:\\shl"), PathFileExistsA("C:\\shl\\f.txt"),
           PathFileExistsA("C:\\shl\\no"), PathIsDirectoryA("C:\\shl"),
           PathIsDirectoryA("C:\\shl\\f.txt"), PathIsDirectoryA("C:\\shl\\no"));

    WCHAR w[MAX_PATH];
    PathCombineW(w, L"C:\\Windows", L"..\\Users\\.\\me");
    printf("PathCombineW [%ls]", w);
    PathRemoveFileSpecW(w);
    printf(", PathRemoveFileSpecW [%ls]", w);
    printf(", PathFindFileNameW [%ls]", PathFindFileNameW(L"C:\\a\\b.c"));
    printf(", PathIsRelativeW %d\n", PathIsRelativeW(L"x\\y"));
}

static void Strings(void)
{
    const char *s = "Hello, World";
    printf("StrStrA World %s, StrStrIA wORLD %s, StrStrIW %s, StrStrA empty %s\n",
           StrStrA(s, "World") == s + 7 ? "+7" : "?", StrStrIA(s, "wORLD") == s + 7 ? "+7" : "?",
           StrStrIW(L"abcABC", L"CA") ? "found" : "NULL", StrStrA(s, "") ? "?" : "NULL");
    printf("StrChrA o +%d, StrRChrA o +%d, StrChrIA W +%d, StrRChrIW L +%d, StrChrA z %s\n",
           (int)(StrChrA(s, 'o') - s), (int)(StrRChrA(s, NULL, 'o') - s),
           (int)(StrChrIA(s, 'w') - s), (int)(StrRChrIW(L"Hello", NULL, L'L') - L"Hello"),
           StrChrA(s, 'z') ? "?" : "NULL");
    printf("StrRStrIA [%s], StrPBrkA [%s], StrSpnA %d, StrCSpnA %d\n",
           StrRStrIA("abcabc", NULL, "BC"), StrPBrkA(s, ",W"), StrSpnA("aabbc", "ab"),
           StrCSpnA(s, ","));
    printf("StrCmpIA %d %d %d, StrCmpNIA(abcX, ABCy, 3) %d, StrCmpNA(abc, abd, 3) %s, StrCmpW %s\n",
           StrCmpIA("abc", "ABC"), StrCmpIA("abc", "abd") < 0, StrCmpIA("b", "A") > 0,
           StrCmpNIA("abcX", "ABCy", 3), StrCmpNA("abc", "abd", 3) < 0 ? "<0" : ">=0",
           StrCmpW(L"a", L"B") < 0 ? "<0" : ">=0");
    char *dup = StrDupA("copy");
    printf("StrDupA [%s]", dup);
    LocalFree(dup);
    WCHAR *wdup = StrDupW(NULL);
    printf(", StrDupW(NULL) %d characters\n", (int)wcslen(wdup));
    LocalFree(wdup);
    int v = 77;
    printf("StrToIntA 123abc %d, -42 %d, \" 5\" %d, abc %d\n", StrToIntA("123abc"),
           StrToIntA("-42"), StrToIntA(" 5"), StrToIntA("abc"));
    BOOL ok = StrToIntExA("  -17x", STIF_DEFAULT, &v);
    printf("StrToIntExA \"  -17x\" %d %d", ok, v);
    ok = StrToIntExA("0x1F", STIF_SUPPORT_HEX, &v);
    printf(", 0x1F hex %d %d", ok, v);
    ok = StrToIntExA("0x1F", STIF_DEFAULT, &v);
    printf(", 0x1F decimal %d %d", ok, v);
    ok = StrToIntExA("zz", STIF_DEFAULT, &v);
    printf(", zz %d %d\n", ok, v);
    char t[32] = "  xx trim yy ";
    ok = StrTrimA(t, " xy");
    printf("StrTrimA %d [%s]", ok, t);
    ok = StrTrimA(t, "q");
    printf(", nothing %d [%s]\n", ok, t);
    char cat[10] = "abc";
    StrCatBuffA(cat, "defghijkl", sizeof cat);
    printf("StrCatBuffA [%s]", cat);
    WCHAR wc[6];
    StrCpyNW(wc, L"abcdefgh", 6);
    printf(", StrCpyNW [%ls]\n", wc);
    char b[16];
    int n = wnsprintfA(b, sizeof b, "%s-%05d", "id", 42);
    printf("wnsprintfA %d [%s]", n, b);
    n = wnsprintfA(b, 8, "%s", "much too long");
    printf(", cut %d [%s]\n", n, b);
    LONGLONG sizes[] = {0, 309, 1023, 1024, 10191, 100353, 1022286, 1046862, 1048574619,
                        1073741775, ((LONGLONG)0xf9 << 32) | 0xfffff94e,
                        ((LONGLONG)0xff << 32) | 0xfffffa9b, ((LONGLONG)0x0fffffff << 32) | 0xfffffa9b};
    for (int i = 0; i < 13; i++) {
        char text[32];
        StrFormatByteSize64A(sizes[i], text, sizeof text);
        printf("StrFormatByteSize %I64d [%s]\n", sizes[i], text);
    }
    WCHAR wtext[16];
    StrFormatByteSizeW(1046862, wtext, 16);
    printf("StrFormatByteSizeW [%ls]\n", wtext);
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    Paths();
    Strings();
    return 0;
}
