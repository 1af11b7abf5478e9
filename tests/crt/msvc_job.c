/* Job objects as the distlib and setuptools launchers use them to tie a
 * child's life to theirs: Microsoft's documentation of the job calls and
 * JOBOBJECT_EXTENDED_LIMIT_INFORMATION, and Wine's process tests
 * (test_QueryInformationJobObject, test_KillOnJobClose,
 * test_TerminateJobObject, test_jobInheritance). */
#include "../guesttest.h"

static HANDLE Start(const char *self, const char *mode)
{
    char line[MAX_PATH + 32];
    snprintf(line, sizeof line, "\"%s\" %s", self, mode);
    STARTUPINFOA si = {sizeof si};
    PROCESS_INFORMATION pi;
    if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        return NULL;
    }
    CloseHandle(pi.hThread);
    return pi.hProcess;
}

static BOOL InJob(HANDLE process, HANDLE job)
{
    BOOL in = -1;
    return IsProcessInJob(process, job, &in) ? in : -1;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "wait")) {
        Sleep(INFINITE);
        return 1;
    }
    if (argc > 1 && !strcmp(argv[1], "quick")) {
        return 5;
    }
    HANDLE job = CreateJobObjectA(NULL, NULL);
    Check(job != NULL, "CreateJobObjectA");
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION info;
    DWORD n = 0;
    memset(&info, 0xcc, sizeof info);
    Check(QueryInformationJobObject(job, JobObjectExtendedLimitInformation, &info, sizeof info, &n) &&
              n == sizeof info && sizeof info == 112 && info.BasicLimitInformation.LimitFlags == 0,
          "a new job: no limits (JOBOBJECT_EXTENDED_LIMIT_INFORMATION, 112 bytes)");
    SetLastError(0xdeadbeef);
    Check(!QueryInformationJobObject(job, JobObjectExtendedLimitInformation, &info, sizeof info - 1, &n) &&
              GetLastError() == ERROR_BAD_LENGTH,
          "a buffer of the wrong size: ERROR_BAD_LENGTH");
    info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK;
    Check(SetInformationJobObject(job, JobObjectExtendedLimitInformation, &info, sizeof info),
          "SetInformationJobObject: KILL_ON_JOB_CLOSE | SILENT_BREAKAWAY_OK");
    JOBOBJECT_BASIC_LIMIT_INFORMATION basic;
    Check(QueryInformationJobObject(job, JobObjectBasicLimitInformation, &basic, sizeof basic, NULL) &&
              basic.LimitFlags == (JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK),
          "...and the basic limits say so");

    HANDLE child = Start(argv[0], "wait");
    Check(child != NULL, "a child that waits forever");
    Check(InJob(child, job) == FALSE && InJob(child, NULL) == FALSE, "IsProcessInJob before: FALSE");
    Check(AssignProcessToJobObject(job, child), "AssignProcessToJobObject");
    Check(InJob(child, job) == TRUE && InJob(child, NULL) == TRUE && InJob(GetCurrentProcess(), NULL) == FALSE,
          "IsProcessInJob: the child is, this process is not");
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION accounting;
    Check(QueryInformationJobObject(job, JobObjectBasicAccountingInformation, &accounting, sizeof accounting, NULL) &&
              accounting.TotalProcesses == 1 && accounting.ActiveProcesses == 1 &&
              accounting.TotalTerminatedProcesses == 0,
          "JobObjectBasicAccountingInformation: one process, active");
    struct {
        JOBOBJECT_BASIC_PROCESS_ID_LIST list;
        ULONG_PTR more[3];
    } ids;
    Check(QueryInformationJobObject(job, JobObjectBasicProcessIdList, &ids, sizeof ids, NULL) &&
              ids.list.NumberOfAssignedProcesses == 1 && ids.list.NumberOfProcessIdsInList == 1 &&
              ids.list.ProcessIdList[0] == GetProcessId(child),
          "JobObjectBasicProcessIdList: the child's id");
    HANDLE other = CreateJobObjectA(NULL, NULL);
    SetLastError(0xdeadbeef);
    Check(!AssignProcessToJobObject(other, child) && GetLastError() == ERROR_ACCESS_DENIED,
          "a process in a job cannot join another: ERROR_ACCESS_DENIED (before Windows 8's nested jobs)");
    Check(CloseHandle(job), "the job's last handle closed...");
    Check(WaitForSingleObject(child, INFINITE) == WAIT_OBJECT_0, "...ends the child (KILL_ON_JOB_CLOSE)");
    CloseHandle(child);

    child = Start(argv[0], "wait");
    DWORD code = 0;
    Check(AssignProcessToJobObject(other, child) && TerminateJobObject(other, 7) &&
              WaitForSingleObject(child, INFINITE) == WAIT_OBJECT_0 && GetExitCodeProcess(child, &code) && code == 7,
          "TerminateJobObject(7): the member ends with exit code 7");
    SetLastError(0xdeadbeef);
    Check(!AssignProcessToJobObject(other, child) && GetLastError() == ERROR_ACCESS_DENIED,
          "a process that has ended cannot join");
    CloseHandle(child);
    Check(QueryInformationJobObject(other, JobObjectBasicAccountingInformation, &accounting, sizeof accounting, NULL) &&
              accounting.TotalProcesses == 1 && accounting.ActiveProcesses == 0,
          "after it: one process in all, none active");

    /* A member's children join its job, unless the job lets them break away. */
    HANDLE mine = CreateJobObjectA(NULL, NULL);
    Check(AssignProcessToJobObject(mine, GetCurrentProcess()) && InJob(GetCurrentProcess(), mine) == TRUE,
          "this process joins a job");
    child = Start(argv[0], "quick");
    Check(child && InJob(child, mine) == TRUE, "its child is in the job too");
    WaitForSingleObject(child, INFINITE);
    CloseHandle(child);
    memset(&info, 0, sizeof info);
    info.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK;
    Check(SetInformationJobObject(mine, JobObjectExtendedLimitInformation, &info, sizeof info), "SILENT_BREAKAWAY_OK");
    child = Start(argv[0], "quick");
    Check(child && InJob(child, mine) == FALSE && InJob(child, NULL) == FALSE, "...then a child is outside it");
    WaitForSingleObject(child, INFINITE);
    CloseHandle(child);
    CloseHandle(other);
    CloseHandle(mine);
    printf("%d failures\n", Failures);
    return Failures;
}
