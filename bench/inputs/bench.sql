-- Integer work for the bench: rows from a recursive CTE, an index, joins
-- and aggregates (the SQLite shell reads this from stdin).
CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER, v INTEGER);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60000)
INSERT INTO t SELECT i, (i * 7919) % 1000, (i * 104729) % 65521 FROM n;
CREATE INDEX t_k ON t (k);
SELECT count(*), sum(v), max(v) - min(v) FROM t;
SELECT k, count(*), sum(v) % 1000003 FROM t GROUP BY k ORDER BY sum(v) DESC LIMIT 3;
SELECT count(*) FROM t a JOIN t b ON a.k = b.k AND b.id = a.id + 1000 WHERE a.v > b.v;
SELECT sum(length(printf('%d-%x', id, v))) FROM t WHERE id % 3 = 0;
