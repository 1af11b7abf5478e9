/*
 * The locale data older programs built with Visual C++ read directly:
 * __lc_codepage and __lc_collate_cp (the C locale has no code page: 0),
 * __lc_handle (the LCID of each category, LC_ALL to LC_TIME: none in the
 * C locale) and ___lc_handle_func, its accessor, and __lc_clike (the
 * locale's first 128 characters are ASCII's: 1).
 */
#include "msvcrt/crt.h"

int __lc_codepage;
unsigned int __lc_collate_cp;
LCID __lc_handle[6];
int __lc_clike = 1;

LCID *CDECL ___lc_handle_func(void) { return __lc_handle; }
