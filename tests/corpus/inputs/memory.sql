CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, score REAL);
INSERT INTO t(name, score) VALUES ('ada', 91.5), ('grace', 88), ('linus', 77.25), ('ken', 95);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
INSERT INTO t(name, score) SELECT 'user' || i, (i * 37) % 101 FROM n;
SELECT count(*), sum(score), avg(score), min(name), max(name) FROM t;
SELECT name, score FROM t ORDER BY score DESC, name LIMIT 5;
SELECT id, printf('%08.3f', score), upper(name), length(name) FROM t WHERE id % 250 = 0;
SELECT json_object('a', 1, 'b', json_array(1, 2, 'x'));
SELECT group_concat(name, '|') FROM (SELECT name FROM t WHERE id <= 4);
SELECT typeof(1), typeof(1.5), typeof('x'), typeof(NULL), typeof(x'00ff'), hex(x'00ff');
SELECT date('2024-02-28', '+1 day'), strftime('%Y-%j', '2023-12-31');
CREATE INDEX t_score ON t(score);
EXPLAIN QUERY PLAN SELECT * FROM t WHERE score > 90;
SELECT 1/0, 7 % 3, 2.0 / 3, round(2.5), abs(-9223372036854775807);
SELECT * FROM no_such_table;
SELECT 'after the error';
