/*
 * PROC_THREAD_ATTRIBUTE_LIST, what STARTUPINFOEX hands CreateProcess:
 * InitializeProcThreadAttributeList sizes and starts one (room for count
 * attributes), UpdateProcThreadAttribute records an attribute's value
 * pointer and size (each attribute once), DeleteProcThreadAttributeList
 * has nothing to free. ntmm's CreateProcess reads none of them yet.
 */
#include "kernel32/kernel32.h"

#define ERROR_GEN_FAILURE        31
#define ERROR_NOT_SUPPORTED      50
#define ERROR_OBJECT_NAME_EXISTS 5010

typedef struct ATTRIBUTE {
    ULONG_PTR Attribute;
    SIZE_T Size;
    void *Value;
} ATTRIBUTE;

struct PROC_THREAD_ATTRIBUTE_LIST {
    DWORD Mask;   /* which attribute numbers are set */
    DWORD Size;   /* attributes it has room for */
    DWORD Count;  /* attributes set */
    DWORD Unused;
    ATTRIBUTE Attributes[];
};

BOOL WINAPI InitializeProcThreadAttributeList(PROC_THREAD_ATTRIBUTE_LIST *list, DWORD count, DWORD flags,
                                              SIZE_T *size)
{
    SIZE_T needed = sizeof *list + count * sizeof(ATTRIBUTE);
    if (flags) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (!list || *size < needed) {
        *size = needed;
        SetLastError(ERROR_INSUFFICIENT_BUFFER);
        return FALSE;
    }
    list->Mask = 0;
    list->Size = count;
    list->Count = 0;
    list->Unused = 0;
    return TRUE;
}

#define PROC_THREAD_ATTRIBUTE_NUMBER 0x0000FFFFu
#define PROC_THREAD_ATTRIBUTE_INPUT  0x00020000u

BOOL WINAPI UpdateProcThreadAttribute(PROC_THREAD_ATTRIBUTE_LIST *list, DWORD flags, ULONG_PTR attribute,
                                      void *value, SIZE_T size, void *previous, SIZE_T *returned)
{
    DWORD number = (DWORD)(attribute & PROC_THREAD_ATTRIBUTE_NUMBER);
    if (flags || previous || returned) {
        SetLastError(ERROR_INVALID_PARAMETER);
        return FALSE;
    }
    if (list->Count >= list->Size) {
        SetLastError(ERROR_GEN_FAILURE);
        return FALSE;
    }
    if (number >= 32 || !(attribute & PROC_THREAD_ATTRIBUTE_INPUT)) {
        SetLastError(ERROR_NOT_SUPPORTED);
        return FALSE;
    }
    if (list->Mask & (1u << number)) {
        SetLastError(ERROR_OBJECT_NAME_EXISTS);
        return FALSE;
    }
    list->Mask |= 1u << number;
    list->Attributes[list->Count++] = (ATTRIBUTE){attribute, size, value};
    return TRUE;
}

void WINAPI DeleteProcThreadAttributeList(PROC_THREAD_ATTRIBUTE_LIST *list)
{
    (void)list;
}
