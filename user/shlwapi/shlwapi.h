/* What the files of shlwapi share: kernel32's API (imported) and shlwapi's
 * exports, declared once (shlwapi.def names them). Most functions come in
 * an A and a W form made from one body (pathtmpl.h, strtmpl.h). */
#ifndef NTMM_SHLWAPI_H
#define NTMM_SHLWAPI_H

#include <stdarg.h>
#include "inc/ntguest.h"
#include "inc/winbase.h"

#define CP_ACP 0
#define LOCALE_USER_DEFAULT 0x0400
#define NORM_IGNORECASE 0x00000001
#define LCMAP_UPPERCASE 0x00000200
#define INVALID_FILE_ATTRIBUTES 0xFFFFFFFFu
#define FILE_ATTRIBUTE_DIRECTORY 0x00000010u
#define STIF_SUPPORT_HEX 0x00000001
#define ERROR_INVALID_PARAMETER 87
#define ERROR_FILENAME_EXCED_RANGE 206

/* Case-blind comparison of two characters (strmisc.c): equal is 0. */
int ShlwapiCompareCharsI(WCHAR a, WCHAR b);
WCHAR ShlwapiCharOfA(const char *p);

BOOL WINAPI PathAppendA(char *path, const char *more);
BOOL WINAPI PathAppendW(WCHAR *path, const WCHAR *more);
char *WINAPI PathCombineA(char *dest, const char *dir, const char *file);
WCHAR *WINAPI PathCombineW(WCHAR *dest, const WCHAR *dir, const WCHAR *file);
BOOL WINAPI PathCanonicalizeA(char *dest, const char *path);
BOOL WINAPI PathCanonicalizeW(WCHAR *dest, const WCHAR *path);
BOOL WINAPI PathRemoveFileSpecA(char *path);
BOOL WINAPI PathRemoveFileSpecW(WCHAR *path);
char *WINAPI PathFindFileNameA(const char *path);
WCHAR *WINAPI PathFindFileNameW(const WCHAR *path);
char *WINAPI PathFindExtensionA(const char *path);
WCHAR *WINAPI PathFindExtensionW(const WCHAR *path);
void WINAPI PathRemoveExtensionA(char *path);
void WINAPI PathRemoveExtensionW(WCHAR *path);
BOOL WINAPI PathRenameExtensionA(char *path, const char *extension);
BOOL WINAPI PathRenameExtensionW(WCHAR *path, const WCHAR *extension);
BOOL WINAPI PathAddExtensionA(char *path, const char *extension);
BOOL WINAPI PathAddExtensionW(WCHAR *path, const WCHAR *extension);
char *WINAPI PathAddBackslashA(char *path);
WCHAR *WINAPI PathAddBackslashW(WCHAR *path);
char *WINAPI PathRemoveBackslashA(char *path);
WCHAR *WINAPI PathRemoveBackslashW(WCHAR *path);
void WINAPI PathStripPathA(char *path);
void WINAPI PathStripPathW(WCHAR *path);
BOOL WINAPI PathStripToRootA(char *path);
BOOL WINAPI PathStripToRootW(WCHAR *path);
BOOL WINAPI PathIsRelativeA(const char *path);
BOOL WINAPI PathIsRelativeW(const WCHAR *path);
BOOL WINAPI PathIsRootA(const char *path);
BOOL WINAPI PathIsRootW(const WCHAR *path);
BOOL WINAPI PathIsUNCA(const char *path);
BOOL WINAPI PathIsUNCW(const WCHAR *path);
BOOL WINAPI PathIsFileSpecA(const char *path);
BOOL WINAPI PathIsFileSpecW(const WCHAR *path);
char *WINAPI PathSkipRootA(const char *path);
WCHAR *WINAPI PathSkipRootW(const WCHAR *path);
char *WINAPI PathGetArgsA(const char *path);
WCHAR *WINAPI PathGetArgsW(const WCHAR *path);
char *WINAPI PathFindNextComponentA(const char *path);
WCHAR *WINAPI PathFindNextComponentW(const WCHAR *path);
BOOL WINAPI PathQuoteSpacesA(char *path);
BOOL WINAPI PathQuoteSpacesW(WCHAR *path);
void WINAPI PathUnquoteSpacesA(char *path);
void WINAPI PathUnquoteSpacesW(WCHAR *path);
void WINAPI PathRemoveBlanksA(char *path);
void WINAPI PathRemoveBlanksW(WCHAR *path);
void WINAPI PathRemoveArgsA(char *path);
void WINAPI PathRemoveArgsW(WCHAR *path);
int WINAPI PathGetDriveNumberA(const char *path);
int WINAPI PathGetDriveNumberW(const WCHAR *path);
char *WINAPI PathBuildRootA(char *root, int drive);
WCHAR *WINAPI PathBuildRootW(WCHAR *root, int drive);
BOOL WINAPI PathFileExistsA(const char *path);
BOOL WINAPI PathFileExistsW(const WCHAR *path);
BOOL WINAPI PathIsDirectoryA(const char *path);
BOOL WINAPI PathIsDirectoryW(const WCHAR *path);
char *WINAPI StrChrA(const char *s, WORD c);
WCHAR *WINAPI StrChrW(const WCHAR *s, WCHAR c);
char *WINAPI StrChrIA(const char *s, WORD c);
WCHAR *WINAPI StrChrIW(const WCHAR *s, WCHAR c);
char *WINAPI StrRChrA(const char *s, const char *end, WORD c);
WCHAR *WINAPI StrRChrW(const WCHAR *s, const WCHAR *end, WCHAR c);
char *WINAPI StrRChrIA(const char *s, const char *end, WORD c);
WCHAR *WINAPI StrRChrIW(const WCHAR *s, const WCHAR *end, WCHAR c);
char *WINAPI StrStrA(const char *s, const char *search);
WCHAR *WINAPI StrStrW(const WCHAR *s, const WCHAR *search);
char *WINAPI StrStrIA(const char *s, const char *search);
WCHAR *WINAPI StrStrIW(const WCHAR *s, const WCHAR *search);
char *WINAPI StrRStrIA(const char *s, const char *end, const char *search);
WCHAR *WINAPI StrRStrIW(const WCHAR *s, const WCHAR *end, const WCHAR *search);
char *WINAPI StrPBrkA(const char *s, const char *set);
WCHAR *WINAPI StrPBrkW(const WCHAR *s, const WCHAR *set);
int WINAPI StrSpnA(const char *s, const char *set);
int WINAPI StrSpnW(const WCHAR *s, const WCHAR *set);
int WINAPI StrCSpnA(const char *s, const char *set);
int WINAPI StrCSpnW(const WCHAR *s, const WCHAR *set);
int WINAPI StrCmpIA(const char *a, const char *b);
int WINAPI StrCmpIW(const WCHAR *a, const WCHAR *b);
int WINAPI StrCmpNA(const char *a, const char *b, int n);
int WINAPI StrCmpNW(const WCHAR *a, const WCHAR *b, int n);
int WINAPI StrCmpNIA(const char *a, const char *b, int n);
int WINAPI StrCmpNIW(const WCHAR *a, const WCHAR *b, int n);
char *WINAPI StrDupA(const char *s);
WCHAR *WINAPI StrDupW(const WCHAR *s);
int WINAPI StrToIntA(const char *s);
int WINAPI StrToIntW(const WCHAR *s);
BOOL WINAPI StrToIntExA(const char *s, DWORD flags, int *value);
BOOL WINAPI StrToIntExW(const WCHAR *s, DWORD flags, int *value);
BOOL WINAPI StrTrimA(char *s, const char *trim);
BOOL WINAPI StrTrimW(WCHAR *s, const WCHAR *trim);
char *WINAPI StrCatBuffA(char *dest, const char *src, int max);
WCHAR *WINAPI StrCatBuffW(WCHAR *dest, const WCHAR *src, int max);
int WINAPI wvnsprintfA(char *buffer, int max, const char *format, va_list args);
int WINAPI wvnsprintfW(WCHAR *buffer, int max, const WCHAR *format, va_list args);
int __cdecl wnsprintfA(char *buffer, int max, const char *format, ...);
int __cdecl wnsprintfW(WCHAR *buffer, int max, const WCHAR *format, ...);
WCHAR *WINAPI StrCpyW(WCHAR *dest, const WCHAR *src);
WCHAR *WINAPI StrCpyNW(WCHAR *dest, const WCHAR *src, int max);
WCHAR *WINAPI StrCatW(WCHAR *dest, const WCHAR *src);
int WINAPI StrCmpW(const WCHAR *a, const WCHAR *b);
char *WINAPI StrFormatByteSizeA(DWORD size, char *buffer, UINT max);
char *WINAPI StrFormatByteSize64A(LONGLONG size, char *buffer, UINT max);
WCHAR *WINAPI StrFormatByteSizeW(LONGLONG size, WCHAR *buffer, UINT max);
BOOL WINAPI ChrCmpIA(WORD a, WORD b);
BOOL WINAPI ChrCmpIW(WCHAR a, WCHAR b);

#endif
