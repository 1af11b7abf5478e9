PRAGMA journal_mode;
CREATE TABLE account(id INTEGER PRIMARY KEY, owner TEXT NOT NULL, balance INTEGER);
BEGIN;
INSERT INTO account(owner, balance) VALUES ('alice', 100), ('bob', 50);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO account(owner, balance) SELECT 'owner' || i, i FROM n;
COMMIT;
BEGIN;
UPDATE account SET balance = balance - 30 WHERE owner = 'alice';
UPDATE account SET balance = balance + 30 WHERE owner = 'bob';
COMMIT;
BEGIN;
DELETE FROM account;
ROLLBACK;
SELECT count(*), sum(balance) FROM account;
ATTACH 'ledger.db' AS ledger;
CREATE TABLE ledger.entry(account INTEGER, amount INTEGER, note TEXT);
INSERT INTO ledger.entry SELECT id, balance, 'opening ' || owner FROM account WHERE id <= 500;
SELECT a.owner, e.amount FROM account a JOIN ledger.entry e ON e.account = a.id WHERE a.id < 4;
DETACH ledger;
.tables
