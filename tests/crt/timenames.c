/*
 * _Gettnames: the LC_TIME names, copied into one block the caller frees,
 * in msvcrt.dll's __lc_time_data layout (Wine's msvcrt tests locale.c,
 * test__Gettnames, 684-757: the first string 0x164 bytes in on 32-bit
 * Windows, the wide pointers set and not pointing just past the narrow
 * strings). In the C locale the names are English's.
 */
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include "../guesttest.h"

void *__cdecl _Gettnames(void);

typedef struct {
    char *String[43];
    LCID Lcid;
    int Unknown[2];
    WCHAR *WideString[43];
} TIME_NAMES;

int main(void)
{
    TIME_NAMES *names = _Gettnames();
    Check(names != NULL, "_Gettnames answers a block");
    Check((char *)names->String[0] - (char *)names == 0x164, "the first string 0x164 bytes in (locale.c:726)");
    static const char *const expected[43] = {
        "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
        "November", "December", "AM", "PM", "MM/dd/yy", "dddd, MMMM dd, yyyy", "HH:mm:ss"};
    int same = 1, wide_same = 1;
    for (int i = 0; i < 43; i++) {
        same &= !strcmp(names->String[i], expected[i]);
        for (int k = 0;; k++) {
            wide_same &= names->WideString[i][k] == (WCHAR)(unsigned char)expected[i][k];
            if (!expected[i][k]) {
                break;
            }
        }
    }
    Check(same, "the 43 names: days from Sunday, months, AM/PM, the date and time formats (locale.c:728-734)");
    Check(wide_same, "the wide names alike");
    Check(names->Lcid == MAKELCID(LANG_ENGLISH, SORT_DEFAULT), "the LCID: English");
    Check(names->WideString[0] != NULL &&
              (char *)names->WideString[0] != names->String[42] + strlen(names->String[42]) + 1,
          "the wide strings are not copied after the narrow ones (locale.c:736-739)");
    free(names);
    printf("%d failures\n", Failures);
    return Failures;
}
