/*
 * ntdll's RtlFormatMessage, environment blocks and clock services, as
 * Windows answers (evidence: Wine's ntdll conformance tests rtlstr.c,
 * env.c and time.c, run on Windows; each check cites its line).
 */
#include "pe.h"
#include <winternl.h>

#define NTDLL(type, name) ((type)(void *)GetProcAddress(GetModuleHandleA("ntdll.dll"), name))

typedef NTSTATUS(NTAPI *FORMAT)(const WCHAR *, ULONG, BOOLEAN, BOOLEAN, BOOLEAN, va_list *, WCHAR *, ULONG,
                                ULONG *);
typedef NTSTATUS(NTAPI *CREATE_ENV)(BOOLEAN, WCHAR **);
typedef NTSTATUS(NTAPI *SET_VAR)(WCHAR **, const UNICODE_STRING *, const UNICODE_STRING *);
typedef NTSTATUS(NTAPI *QUERY_VAR)(WCHAR *, const UNICODE_STRING *, UNICODE_STRING *);
typedef NTSTATUS(NTAPI *EXPAND)(WCHAR *, const UNICODE_STRING *, UNICODE_STRING *, ULONG *);
typedef NTSTATUS(NTAPI *QUERY_RESOLUTION)(ULONG *, ULONG *, ULONG *);
typedef NTSTATUS(NTAPI *SET_RESOLUTION)(ULONG, BOOLEAN, ULONG *);

static FORMAT Format;
static WCHAR Out[64];

static BOOL Same(const WCHAR *a, const WCHAR *b)
{
    while (*a && *a == *b) {
        a++, b++;
    }
    return *a == *b;
}

static ULONG Chars(const WCHAR *s)
{
    ULONG n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static NTSTATUS Run(const WCHAR *message, ULONG width, ULONG size, ULONG *returned, ...)
{
    va_list args;
    va_start(args, returned);
    NTSTATUS status = Format(message, width, FALSE, FALSE, FALSE, &args, Out, size, returned);
    va_end(args);
    return status;
}

static void Messages(void)
{
    Format = NTDLL(FORMAT, "RtlFormatMessage");
    ULONG size = 0;
    /* rtlstr.c:2708: an insert under a printf spec. */
    CHECK_EQ("FormatMessage(%1!04X!)", Run(L"%1!04X!", 0, sizeof Out, &size, 0xbeef), 0);
    CHECK_EQ("  BEEF", Same(Out, L"BEEF"), 1);
    CHECK_EQ("  size, terminator included", size, 10);
    /* rtlstr.c:2710: the escapes. */
    Run(L"%.%%%Z%n%t%r%!% ", 0, sizeof Out, &size);
    CHECK_EQ("FormatMessage's escapes", Same(Out, L".%Z\r\n\t\r! "), 1);
    /* rtlstr.c:2781: a width of 0xFF makes one line of the template's. */
    Run(L"te st\r\nabc d\n\nfoo\rbar", 0xFF, sizeof Out, &size);
    CHECK_EQ("FormatMessage on one line", Same(Out, L"te st abc d  foo bar"), 1);
    /* rtlstr.c:2777: a width breaks a line at its last space. */
    Run(L"te st\nabc d\nfoo", 6, sizeof Out, &size);
    CHECK_EQ("FormatMessage at width 6", Same(Out, L"te st\r\nabc d\r\nfoo"), 1);
    /* rtlstr.c:2836: an insert that overflows is cut and terminated. */
    for (int i = 0; i < 10; i++) {
        Out[i] = 'x';
    }
    size = 0xdeadbeef;
    CHECK_EQ("FormatMessage(%1) into 4 WCHARs", Run(L"%1", 0, 8, &size, L"test"), 0x80000005);
    CHECK_EQ("  cut to \"tes\"", Out[2] == 's' && Out[3] == 0, 1);
    CHECK_EQ("  size untouched", size, 0xdeadbeef);
    /* rtlstr.c:2873: no arguments for an insert is STATUS_INVALID_PARAMETER. */
    CHECK_EQ("FormatMessage(abc%1) without arguments",
             Format(L"abc%1", 0, FALSE, FALSE, FALSE, NULL, Out, sizeof Out, &size), 0xC000000D);
    /* rtlstr.c:2913, 2918: a spec of 31 characters is refused, one of 30 is not. */
    CHECK_EQ("FormatMessage with a 30-character spec", Run(L"abc%1!#.000000000000000000000000000x!", 0,
                                                              sizeof Out, &size, 34), 0);
    CHECK_EQ("  abc0x22", Same(Out, L"abc0x22"), 1);
    CHECK_EQ("FormatMessage with a 31-character spec", Run(L"abc%1!#.0000000000000000000000000000x!", 0,
                                                              sizeof Out, &size, 34), 0xC000000D);
}

static void Environment(void)
{
    CREATE_ENV create = NTDLL(CREATE_ENV, "RtlCreateEnvironment");
    SET_VAR set = NTDLL(SET_VAR, "RtlSetEnvironmentVariable");
    QUERY_VAR query = NTDLL(QUERY_VAR, "RtlQueryEnvironmentVariable_U");
    EXPAND expand = NTDLL(EXPAND, "RtlExpandEnvironmentStrings_U");
    WCHAR *env = NULL;
    CHECK_EQ("CreateEnvironment(empty)", create(FALSE, &env), 0);
    UNICODE_STRING name, value, result;
    RtlInitUnicodeString(&name, L"sr");
    RtlInitUnicodeString(&value, L"an=ouo");
    /* env.c:590-595: '=' may be in a value, not past a name's first character. */
    CHECK_EQ("SetEnvironmentVariable(sr=an=ouo)", set(&env, &name, &value), 0);
    RtlInitUnicodeString(&name, L"me=too");
    CHECK_EQ("SetEnvironmentVariable(me=too)", set(&env, &name, &value), 0xC000000D);
    /* env.c:78-79, 85 (testQuery): a name is a prefix up to '=', compared without case. */
    WCHAR buffer[9];
    result.Buffer = buffer, result.MaximumLength = sizeof buffer, result.Length = 0;
    RtlInitUnicodeString(&name, L"SR=an");
    CHECK_EQ("QueryEnvironmentVariable_U(SR=an)", query(env, &name, &result), 0);
    CHECK_EQ("  ouo", result.Length == 6 && buffer[0] == 'o', 1);
    RtlInitUnicodeString(&name, L"s");
    CHECK_EQ("QueryEnvironmentVariable_U(s)", query(env, &name, &result), 0xC0000100);
    /* env.c:74-76 (testQuery): a buffer of the value's length exactly fits it, unterminated;
     * one shorter is STATUS_BUFFER_TOO_SMALL with the length needed. */
    RtlInitUnicodeString(&name, L"sr");
    result.MaximumLength = 12;
    buffer[6] = '@';
    CHECK_EQ("QueryEnvironmentVariable_U into 6 WCHARs", query(env, &name, &result), 0);
    CHECK_EQ("  nothing written past them", buffer[6], '@');
    result.MaximumLength = 10;
    CHECK_EQ("QueryEnvironmentVariable_U into 5 WCHARs", query(env, &name, &result), 0xC0000023);
    CHECK_EQ("  Length needed", result.Length, 12);
    /* env.c:209-231 (testExpand): %NAME% expanded, an unknown one kept; the bytes needed. */
    UNICODE_STRING source;
    RtlInitUnicodeString(&source, L"x%sr%y%no%");
    WCHAR expanded[32];
    UNICODE_STRING target = {0, 0, NULL};
    ULONG needed = 0;
    CHECK_EQ("ExpandEnvironmentStrings_U into nothing", expand(env, &source, &target, &needed), 0xC0000023);
    CHECK_EQ("  bytes needed", needed, 2 * Chars(L"xan=ouoy%no%") + 2);
    target.Buffer = expanded, target.MaximumLength = sizeof expanded;
    CHECK_EQ("ExpandEnvironmentStrings_U", expand(env, &source, &target, &needed), 0);
    CHECK_EQ("  xan=ouoy%no%", Same(expanded, L"xan=ouoy%no%"), 1);
}

static void Clock(void)
{
    QUERY_RESOLUTION query = NTDLL(QUERY_RESOLUTION, "NtQueryTimerResolution");
    SET_RESOLUTION set = NTDLL(SET_RESOLUTION, "NtSetTimerResolution");
    ULONG minimum = 0, maximum = 0, current = 0, now = 0;
    /* time.c:230-245: every pointer must be good; the clock ticks at 1/64 s. */
    CHECK_EQ("NtQueryTimerResolution(NULL, ...)", query(NULL, &maximum, &current), 0xC0000005);
    CHECK_EQ("NtQueryTimerResolution", query(&minimum, &maximum, &current), 0);
    CHECK_EQ("  minimum", minimum, 156250);
    CHECK_EQ("  maximum <= current <= minimum", maximum <= current && current <= minimum, 1);
    /* time.c:277-281: rescinding with no request is STATUS_TIMER_RESOLUTION_NOT_SET. */
    CHECK_EQ("NtSetTimerResolution(rescind, none made)", set(0, FALSE, &now), 0xC0000245);
    CHECK_EQ("  reports the current one", now, current);
    /* time.c:284-292: a request finer than the maximum is the maximum. */
    CHECK_EQ("NtSetTimerResolution(maximum - 1)", set(maximum - 1, TRUE, &now), 0);
    CHECK_EQ("  is the maximum", now, maximum);
    CHECK_EQ("NtSetTimerResolution(rescind)", set(0, FALSE, &now), 0);
    CHECK_EQ("  back to the start", now, current);
    CHECK_EQ("NtSetTimerResolution(.., NULL)", set(0, FALSE, NULL), 0xC0000005);
    LARGE_INTEGER time = {{0, 0}};
    typedef NTSTATUS(NTAPI * QUERY_TIME)(LARGE_INTEGER *);
    QUERY_TIME query_time = NTDLL(QUERY_TIME, "NtQuerySystemTime");
    CHECK_EQ("NtQuerySystemTime", query_time(&time), 0);
    CHECK_EQ("  after 2020", time.QuadPart > 132223104000000000ll, 1);
    CHECK_EQ("NtQuerySystemTime(bad pointer)", query_time((LARGE_INTEGER *)8), 0xC0000005);
}

void __cdecl start(void)
{
    Messages();
    Environment();
    Clock();
    Finish();
}
