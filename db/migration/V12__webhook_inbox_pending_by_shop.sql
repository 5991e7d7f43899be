-- The webhook worker's reads of the inbox, by shop and oldest first among the deliveries still pending: which shops
-- have deliveries due, and a shop's oldest due deliveries. Without it both read every pending delivery (the first)
-- or every delivery the shop ever sent (the second) for each batch, so a backlog of a flash sale or an outage was
-- drained more slowly the deeper it was.
create index webhook_inbox_pending_by_shop on webhook_inbox (shop_domain, id) where status = 'PENDING';

-- The index of pending deliveries by when they are due served the old reads alone. Kept, it cost every insert and
-- status change a write, and it lured the planner: when most pending deliveries had been due later at the last
-- ANALYZE (retries, a held backlog), "due by now" looked rare, and each read went through all of them.
drop index webhook_inbox_ready;
