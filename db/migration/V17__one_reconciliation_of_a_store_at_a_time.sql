-- A store is reconciled by one pass at a time, whichever instance runs it. The pass's ShedLock lock is held for at most
-- 30 minutes, and a store's pass can take about that long alone (a catalogue of 10,000 variants, read page by page
-- under the Standard plan's budget), so another instance could start a second pass over a store whose first one was
-- still reading it, both spending the same API budget. A pass now opens its run only when the store has none open
-- (ReconciliationRuns.start).
--
-- Runs left open by an instance that stopped without closing them (before this migration, a stop could) are closed
-- first, so that none of them keeps its store from being reconciled.

update reconciliation_run set finished_at = started_at, error = 'Left open by an earlier version'
where finished_at is null;

create unique index reconciliation_run_under_way on reconciliation_run (store_id) where finished_at is null;
