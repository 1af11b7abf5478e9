-- sqlite.file's first step with memory-mapped I/O: the pages SQLite reads come
-- from a view of the database file (CreateFileMappingW, MapViewOfFile).
PRAGMA mmap_size = 268435456;
.read create.sql
