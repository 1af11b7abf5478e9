/* What Wine's tests get from Wine's winecrt0 and Windows has no export
 * for: __wine_dbg_strdup, which wine/debug.h's wine_dbgstr_* helpers
 * return their formatted strings through. A ring of buffers, as Wine's
 * own is: a string stays valid for the next 63 calls. */
#include <string.h>

const char *__cdecl __wine_dbg_strdup(const char *str);

static char ring[64][1024];
static unsigned next;

const char *__cdecl __wine_dbg_strdup(const char *str)
{
    char *buffer = ring[next++ % 64];
    strncpy(buffer, str, sizeof ring[0] - 1);
    buffer[sizeof ring[0] - 1] = 0;
    return buffer;
}
