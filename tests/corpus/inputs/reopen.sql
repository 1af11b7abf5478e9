SELECT owner, balance FROM account WHERE owner IN ('alice', 'bob');
ATTACH 'ledger.db' AS ledger;
SELECT count(*), sum(amount) FROM ledger.entry;
UPDATE account SET balance = 0 WHERE id > 1000;
SELECT sum(balance) FROM account;
PRAGMA integrity_check;
VACUUM;
PRAGMA page_count;
