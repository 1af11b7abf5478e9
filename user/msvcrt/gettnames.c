/*
 * _Gettnames: a copy of the LC_TIME locale's names, which the caller
 * frees with free(), laid out as msvcrt.dll's __lc_time_data (Wine's
 * msvcrt tests locale.c, test__Gettnames): 43 string pointers (the seven
 * abbreviated day names from Sunday, the seven day names, the twelve
 * abbreviated and twelve full month names, AM, PM, the short date, long
 * date and time formats), the LCID, two ints, 43 wide-string pointers,
 * then the narrow strings themselves, so the first string starts 0x164
 * bytes in. The wide pointers are the locale's own strings, not copies
 * (the test checks they do not follow the narrow ones). The C locale is
 * the only one (setlocale), so its names are the answer: strftime's
 * (time.c), with the formats its %x, %#x and %X print.
 */
#include "msvcrt/crt.h"

#define TIME_NAMES 43

typedef struct LC_TIME_DATA {
    const char *String[TIME_NAMES];
    LCID Lcid;
    int Unknown, ReferenceCount;
    const WCHAR *WideString[TIME_NAMES];
    char Data[];
} LC_TIME_DATA;

_Static_assert(__builtin_offsetof(LC_TIME_DATA, Data) == 0x164, "msvcrt's 32-bit layout");

static const char *const Formats[5] = {"AM", "PM", "MM/dd/yy", "dddd, MMMM dd, yyyy", "HH:mm:ss"};

/* Name i of the 43, in the order above, into out (NUL-terminated): its length. */
static size_t TimeName(int i, char *out)
{
    const char *name = i < 14 ? CrtDayNames[i % 7] : i < 38 ? CrtMonthNames[(i - 14) % 12] : Formats[i - 38];
    size_t n = strlen(name);
    if ((i < 7) || (i >= 14 && i < 26)) {
        n = 3;   /* abbreviated: the first three letters */
    }
    memcpy(out, name, n);
    out[n] = 0;
    return n;
}

/* The locale's wide names, ASCII widened, built at the first call. */
static WCHAR WideNames[TIME_NAMES][24];

void *CDECL _Gettnames(void)
{
    char name[24];
    size_t size = sizeof(LC_TIME_DATA);
    for (int i = 0; i < TIME_NAMES; i++) {
        size += TimeName(i, name) + 1;
    }
    LC_TIME_DATA *data = malloc(size);
    if (!data) {
        return NULL;
    }
    char *p = data->Data;
    for (int i = 0; i < TIME_NAMES; i++) {
        size_t n = TimeName(i, p);
        for (size_t k = 0; k <= n; k++) {
            WideNames[i][k] = (UCHAR)p[k];
        }
        data->String[i] = p;
        data->WideString[i] = WideNames[i];
        p += n + 1;
    }
    data->Lcid = 0x0009;   /* the C locale's time names are English's: MAKELCID(LANG_ENGLISH, SORT_DEFAULT) */
    data->Unknown = 1;
    data->ReferenceCount = 0;
    return data;
}
