/*
 * The system-service table, shared by the kernel (ke/syscall.c builds its
 * dispatch table from it) and the guest (user/ntdll generates its int 2Eh
 * stubs from it). A service's number is its position in this list, so the
 * two sides can never disagree. Append only: numbers are ABI.
 *
 *   SYSCALL(Name, ArgumentCount)
 *
 * Argument counts are in 32-bit stack slots, as NT's KiArgumentTable.
 */
SYSCALL(NtAllocateVirtualMemory, 6)
SYSCALL(NtFreeVirtualMemory, 4)
SYSCALL(NtProtectVirtualMemory, 5)
SYSCALL(NtQueryVirtualMemory, 6)
SYSCALL(NtClose, 1)
SYSCALL(NtContinue, 2)
SYSCALL(NtRaiseException, 3)
SYSCALL(NtTerminateProcess, 2)
SYSCALL(NtWriteFile, 9)
SYSCALL(NtReadFile, 9)
SYSCALL(NtQuerySystemInformation, 4)
SYSCALL(NtDelayExecution, 2)
SYSCALL(NtQueryPerformanceCounter, 2)
SYSCALL(NtDuplicateObject, 7)
SYSCALL(NtQueryInformationProcess, 5)
SYSCALL(NtCreateSection, 7)
SYSCALL(NtOpenSection, 3)
SYSCALL(NtMapViewOfSection, 10)
SYSCALL(NtUnmapViewOfSection, 2)
SYSCALL(NtmmCreateProcess, 5)
SYSCALL(NtWaitForSingleObject, 3)
SYSCALL(NtmmCloneProcess, 3)
SYSCALL(NtCreateFile, 11)
SYSCALL(NtOpenFile, 6)
SYSCALL(NtQueryInformationFile, 5)
SYSCALL(NtSetInformationFile, 5)
SYSCALL(NtQueryDirectoryFile, 11)
SYSCALL(NtQueryVolumeInformationFile, 5)
SYSCALL(NtFlushBuffersFile, 2)
SYSCALL(NtLockFile, 10)
SYSCALL(NtUnlockFile, 5)
SYSCALL(NtDeleteFile, 1)
SYSCALL(NtQueryAttributesFile, 2)
SYSCALL(NtQueryFullAttributesFile, 2)
SYSCALL(NtGetWriteWatch, 7)
SYSCALL(NtResetWriteWatch, 3)
SYSCALL(NtSetInformationProcess, 4)
SYSCALL(NtLockVirtualMemory, 4)
SYSCALL(NtUnlockVirtualMemory, 4)
