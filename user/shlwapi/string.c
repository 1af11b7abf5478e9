/* Str* and wvnsprintf: strtmpl.h's body as the A and the W forms (the
 * character argument of StrChr and its kin is a WORD in the A form). */
#include "shlwapi/shlwapi.h"
#include "user32/wformat.h"

#define TCH char
#define TCHW WORD
#define TCH_IS_WIDE 0
#define NAME(x) x##A
#include "shlwapi/strtmpl.h"
#undef TCH
#undef TCHW
#undef TCH_IS_WIDE
#undef NAME

#define TCH WCHAR
#define TCHW WCHAR
#define TCH_IS_WIDE 1
#define NAME(x) x##W
#include "shlwapi/strtmpl.h"
#undef TCH
#undef TCHW
#undef TCH_IS_WIDE
#undef NAME
