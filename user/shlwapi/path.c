/* Path*: pathtmpl.h's body as the A and the W forms. */
#include "shlwapi/shlwapi.h"

#define TCH char
#define NAME(x) x##A
#include "shlwapi/pathtmpl.h"
#undef TCH
#undef NAME

#define TCH WCHAR
#define NAME(x) x##W
#include "shlwapi/pathtmpl.h"
#undef TCH
#undef NAME
