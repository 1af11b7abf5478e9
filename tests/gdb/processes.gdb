# tests/gdb/processes.sh: several processes are threads of one inferior.
set pagination off
set confirm off
set architecture i386
target remote :@PORT@
break *@ENTRY@
continue
continue
info threads
monitor !process
monitor process 0n264
monitor !pte 0x401000
delete
continue
