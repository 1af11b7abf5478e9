-- sqlite.file's second step with memory-mapped I/O.
PRAGMA mmap_size = 268435456;
.read reopen.sql
