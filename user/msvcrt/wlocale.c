/*
 * _wsetlocale: setlocale with wide names. The name is narrowed (a
 * character past Latin-1 names no locale here) and the answer widened:
 * L"C", or NULL for a locale or category setlocale refuses.
 */
#include "msvcrt/crtfill.h"

WCHAR *CDECL _wsetlocale(int category, const WCHAR *locale)
{
    static WCHAR answer[64];
    char narrow[64];
    if (locale) {
        size_t i = 0;
        for (; locale[i]; i++) {
            if (locale[i] > 0xFF || i + 1 >= sizeof narrow) {
                return NULL;
            }
            narrow[i] = (char)locale[i];
        }
        narrow[i] = 0;
    }
    const char *name = setlocale(category, locale ? narrow : NULL);
    if (!name) {
        return NULL;
    }
    size_t i = 0;
    for (; name[i] && i + 1 < sizeof answer / sizeof answer[0]; i++) {
        answer[i] = (unsigned char)name[i];
    }
    answer[i] = 0;
    return answer;
}
