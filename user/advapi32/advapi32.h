/* What the files of advapi32 share: kernel32's API (imported) and the
 * registry's types and answers. */
#ifndef NTMM_ADVAPI32_H
#define NTMM_ADVAPI32_H

#include "inc/ntguest.h"
#include "inc/winbase.h"

typedef struct HKEY__ *HKEY;

#define ERROR_SUCCESS 0
#define ERROR_FILE_NOT_FOUND 2
#define ERROR_ACCESS_DENIED 5
#define ERROR_INVALID_HANDLE 6
#define ERROR_INVALID_PARAMETER 87
#define ERROR_INSUFFICIENT_BUFFER 122
#define ERROR_NO_MORE_ITEMS 259
#define CP_ACP 0
#define ERROR_INVALID_COMPUTERNAME 1210
#define ERROR_NO_IMPERSONATION_TOKEN 1309
#define ERROR_NO_SUCH_PRIVILEGE 1313
#define ERROR_NONE_MAPPED 1332
#define ERROR_INVALID_SID 1337
#define MAX_COMPUTERNAME_LENGTH 15
#define ERROR_INVALID_SECURITY_DESCR 1338

/* SECURITY_DESCRIPTOR and ACL: inc/ntguest.h (ntdll's Rtl forms use them too). */

/* Every export, declared once (advapi32.def names them). */
LONG WINAPI RegOpenKeyExW(HKEY key, const WCHAR *name, DWORD options, DWORD access, HKEY *result);
LONG WINAPI RegOpenKeyExA(HKEY key, const char *name, DWORD options, DWORD access, HKEY *result);
LONG WINAPI RegOpenKeyW(HKEY key, const WCHAR *name, HKEY *result);
LONG WINAPI RegOpenCurrentUser(DWORD access, HKEY *result);
LONG WINAPI RegOpenKeyA(HKEY key, const char *name, HKEY *result);
LONG WINAPI RegCloseKey(HKEY key);
LONG WINAPI RegCreateKeyExW(HKEY key, const WCHAR *name, DWORD reserved, WCHAR *class_name,
                            DWORD options, DWORD access, void *security, HKEY *result,
                            DWORD *disposition);
LONG WINAPI RegCreateKeyExA(HKEY key, const char *name, DWORD reserved, char *class_name,
                            DWORD options, DWORD access, void *security, HKEY *result,
                            DWORD *disposition);
LONG WINAPI RegCreateKeyW(HKEY key, const WCHAR *name, HKEY *result);
LONG WINAPI RegCreateKeyA(HKEY key, const char *name, HKEY *result);
LONG WINAPI RegQueryValueExW(HKEY key, const WCHAR *name, DWORD *reserved, DWORD *type,
                             BYTE *data, DWORD *size);
LONG WINAPI RegQueryValueExA(HKEY key, const char *name, DWORD *reserved, DWORD *type, BYTE *data,
                             DWORD *size);
LONG WINAPI RegGetValueW(HKEY key, const WCHAR *subkey, const WCHAR *name, DWORD flags,
                         DWORD *type, void *data, DWORD *size);
LONG WINAPI RegGetValueA(HKEY key, const char *subkey, const char *name, DWORD flags, DWORD *type,
                         void *data, DWORD *size);
LONG WINAPI RegSetValueExW(HKEY key, const WCHAR *name, DWORD reserved, DWORD type,
                           const BYTE *data, DWORD size);
LONG WINAPI RegSetValueExA(HKEY key, const char *name, DWORD reserved, DWORD type,
                           const BYTE *data, DWORD size);
LONG WINAPI RegDeleteKeyW(HKEY key, const WCHAR *name);
LONG WINAPI RegDeleteKeyA(HKEY key, const char *name);
LONG WINAPI RegDeleteValueW(HKEY key, const WCHAR *name);
LONG WINAPI RegDeleteValueA(HKEY key, const char *name);
LONG WINAPI RegEnumKeyExW(HKEY key, DWORD index, WCHAR *name, DWORD *name_size, DWORD *reserved,
                          WCHAR *class_name, DWORD *class_size, void *time);
LONG WINAPI RegEnumKeyExA(HKEY key, DWORD index, char *name, DWORD *name_size, DWORD *reserved,
                          char *class_name, DWORD *class_size, void *time);
LONG WINAPI RegEnumKeyW(HKEY key, DWORD index, WCHAR *name, DWORD size);
LONG WINAPI RegEnumKeyA(HKEY key, DWORD index, char *name, DWORD size);
LONG WINAPI RegEnumValueW(HKEY key, DWORD index, WCHAR *name, DWORD *name_size, DWORD *reserved,
                          DWORD *type, BYTE *data, DWORD *data_size);
LONG WINAPI RegEnumValueA(HKEY key, DWORD index, char *name, DWORD *name_size, DWORD *reserved,
                          DWORD *type, BYTE *data, DWORD *data_size);
LONG WINAPI RegQueryInfoKeyW(HKEY key, WCHAR *class_name, DWORD *class_size, DWORD *reserved,
                             DWORD *subkeys, DWORD *max_subkey, DWORD *max_class, DWORD *values,
                             DWORD *max_value_name, DWORD *max_value, DWORD *security, void *time);
LONG WINAPI RegQueryInfoKeyA(HKEY key, char *class_name, DWORD *class_size, DWORD *reserved,
                             DWORD *subkeys, DWORD *max_subkey, DWORD *max_class, DWORD *values,
                             DWORD *max_value_name, DWORD *max_value, DWORD *security, void *time);
BOOL WINAPI GetUserNameW(WCHAR *buffer, DWORD *size);
/* Tokens and privileges (token.c). */
BOOL WINAPI GetTokenInformation(HANDLE token, DWORD information_class, void *information,
                                DWORD length, DWORD *return_length);
BOOL WINAPI AdjustTokenPrivileges(HANDLE token, BOOL disable_all, TOKEN_PRIVILEGES *new_state,
                                  DWORD length, TOKEN_PRIVILEGES *previous_state,
                                  DWORD *return_length);
BOOL WINAPI RevertToSelf(void);
BOOL WINAPI LookupPrivilegeValueW(const WCHAR *system, const WCHAR *name, LUID *luid);
BOOL WINAPI LookupPrivilegeValueA(const char *system, const char *name, LUID *luid);
BOOL WINAPI LookupPrivilegeNameW(const WCHAR *system, LUID *luid, WCHAR *name, DWORD *size);
BOOL WINAPI LookupPrivilegeNameA(const char *system, LUID *luid, char *name, DWORD *size);
BOOL WINAPI CheckTokenMembership(HANDLE token, PSID sid, BOOL *is_member);
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom (random.c) */
/* Security descriptors and ACLs (secdesc.c). */
BOOL WINAPI InitializeSecurityDescriptor(SECURITY_DESCRIPTOR *sd, DWORD revision);
BOOL WINAPI IsValidSecurityDescriptor(SECURITY_DESCRIPTOR *sd);
DWORD WINAPI GetSecurityDescriptorLength(SECURITY_DESCRIPTOR *sd);
BOOL WINAPI SetSecurityDescriptorDacl(SECURITY_DESCRIPTOR *sd, BOOL present, ACL *dacl, BOOL defaulted);
BOOL WINAPI GetSecurityDescriptorDacl(SECURITY_DESCRIPTOR *sd, BOOL *present, ACL **dacl, BOOL *defaulted);
BOOL WINAPI SetSecurityDescriptorOwner(SECURITY_DESCRIPTOR *sd, PSID owner, BOOL defaulted);
BOOL WINAPI SetSecurityDescriptorGroup(SECURITY_DESCRIPTOR *sd, PSID group, BOOL defaulted);
BOOL WINAPI InitializeAcl(ACL *acl, DWORD length, DWORD revision);
BOOL WINAPI IsValidAcl(ACL *acl);
BOOL WINAPI AddAccessAllowedAce(ACL *acl, DWORD revision, DWORD mask, PSID sid);
/* SIDs (sid.c). */
DWORD WINAPI GetSidLengthRequired(UCHAR count);
BOOL WINAPI IsValidSid(PSID sid);
DWORD WINAPI GetLengthSid(PSID sid);
BOOL WINAPI EqualSid(PSID a, PSID b);
BOOL WINAPI EqualPrefixSid(PSID a, PSID b);
DWORD *WINAPI GetSidSubAuthority(PSID sid, DWORD index);
UCHAR *WINAPI GetSidSubAuthorityCount(PSID sid);
SID_IDENTIFIER_AUTHORITY *WINAPI GetSidIdentifierAuthority(PSID sid);
PVOID WINAPI FreeSid(PSID sid);
BOOL WINAPI CopySid(DWORD length, PSID destination, PSID source);
BOOL WINAPI InitializeSid(PSID sid, SID_IDENTIFIER_AUTHORITY *authority, BYTE count);
BOOL WINAPI AllocateAndInitializeSid(SID_IDENTIFIER_AUTHORITY *authority, BYTE count, DWORD s0,
                                     DWORD s1, DWORD s2, DWORD s3, DWORD s4, DWORD s5, DWORD s6,
                                     DWORD s7, PSID *sid);
BOOL WINAPI ConvertSidToStringSidW(PSID sid, WCHAR **string);
BOOL WINAPI ConvertSidToStringSidA(PSID sid, char **string);
BOOL WINAPI ConvertStringSidToSidW(const WCHAR *string, PSID *sid);
BOOL WINAPI ConvertStringSidToSidA(const char *string, PSID *sid);
BOOL WINAPI LookupAccountSidW(const WCHAR *system, PSID sid, WCHAR *name, DWORD *name_size,
                              WCHAR *domain, DWORD *domain_size, DWORD *use);
BOOL WINAPI LookupAccountSidA(const char *system, PSID sid, char *name, DWORD *name_size,
                              char *domain, DWORD *domain_size, DWORD *use);
BOOL WINAPI GetUserNameA(char *buffer, DWORD *size);

#endif
