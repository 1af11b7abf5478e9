/* imgpage.dll: an image whose pages are read from its file (issue #13).
 * Linked at 0x13570000, which ldrimage.exe reserves first, so the section
 * is relocated: ImgTable holds 4096 absolute pointers packed 7 bytes apart
 * over seven pages of .rdata, so that some straddle a page edge and their
 * fixups are applied half to each page when the pages are read one by one.
 * ImgData is in .data: a process's write makes its private copy. */
#include <windows.h>

__declspec(dllexport) int ImgTarget[4] = {1, 2, 3, 4};
__declspec(dllexport) int ImgData = 1234;

#include "imgentry.h"

#define E1 {{'i', 'm', 'g'}, &ImgTarget[0]}
#define E8 E1, E1, E1, E1, E1, E1, E1, E1
#define E64 E8, E8, E8, E8, E8, E8, E8, E8
#define E512 E64, E64, E64, E64, E64, E64, E64, E64
__declspec(dllexport) const IMG_ENTRY ImgTable[4096] = {E512, E512, E512, E512,
                                                       E512, E512, E512, E512};

BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, void *reserved)
{
    (void)instance;
    (void)reason;
    (void)reserved;
    return TRUE;
}
