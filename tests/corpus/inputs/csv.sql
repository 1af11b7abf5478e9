CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, note TEXT);
INSERT INTO t(name, note) VALUES ('plain', 'x'), ('com,ma', 'say "hi"'), ('multi', 'line one
line two'), ('', NULL);
.headers on
.mode csv
SELECT * FROM t;
SELECT id * 1.5 AS scaled, length(note) FROM t ORDER BY id DESC;
