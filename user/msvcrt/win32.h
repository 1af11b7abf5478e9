/*
 * The Win32 calls msvcrt makes: kernel32's own declarations (inc/winbase.h;
 * the guest DLLs cannot include mingw's <windows.h>, which declares what
 * they define), and the constants msvcrt passes them.
 */
#ifndef NTMM_MSVCRT_WIN32_H
#define NTMM_MSVCRT_WIN32_H

#include "inc/winbase.h"

#define GENERIC_READ  0x80000000u
#define GENERIC_WRITE 0x40000000u
#define DELETE        0x00010000u
#define FILE_SHARE_READ   1
#define FILE_SHARE_WRITE  2
#define FILE_SHARE_DELETE 4
#define CREATE_NEW        1
#define CREATE_ALWAYS     2
#define OPEN_EXISTING     3
#define OPEN_ALWAYS       4
#define TRUNCATE_EXISTING 5
#define FILE_ATTRIBUTE_READONLY  0x01
#define FILE_ATTRIBUTE_DIRECTORY 0x10
#define FILE_ATTRIBUTE_NORMAL    0x80
#define FILE_ATTRIBUTE_TEMPORARY 0x100
#define FILE_FLAG_DELETE_ON_CLOSE 0x04000000u
#define FILE_FLAG_SEQUENTIAL_SCAN 0x08000000u
#define FILE_FLAG_RANDOM_ACCESS   0x10000000u
#define INVALID_FILE_ATTRIBUTES ((DWORD)-1)
#define FILE_BEGIN   0
#define FILE_CURRENT 1
#define FILE_END     2
#define FILE_TYPE_UNKNOWN 0
#define FILE_TYPE_DISK    1
#define FILE_TYPE_CHAR    2
#define FILE_TYPE_PIPE    3
#define DUPLICATE_SAME_ACCESS 2
#define STD_INPUT_HANDLE  ((DWORD)-10)
#define STARTF_USESTDHANDLES 0x100u
#define STD_OUTPUT_HANDLE ((DWORD)-11)
#define STD_ERROR_HANDLE  ((DWORD)-12)
#define MOVEFILE_REPLACE_EXISTING 1
#define MOVEFILE_COPY_ALLOWED     2
#define CP_ACP 0

#define ERROR_FILE_NOT_FOUND   2
#define ERROR_PATH_NOT_FOUND   3
#define ERROR_ACCESS_DENIED    5
#define ERROR_INVALID_HANDLE   6
#define ERROR_NOT_ENOUGH_MEMORY 8
#define ERROR_BROKEN_PIPE      109
#define ERROR_NEGATIVE_SEEK    131
#define ERROR_ALREADY_EXISTS   183

#endif
