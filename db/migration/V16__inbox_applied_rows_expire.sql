-- An applied delivery's row is now deleted after its retention (metricsdash.webhooks.keep-processed) rather than kept
-- for ever without its payload: a repeat that late is refused at intake by its X-Shopify-Triggered-At anyway, and at
-- 100 orders a second the kept rows grew the inbox and each of its indexes by 8.6 million a day. Retention finds them
-- by when they were applied; the operator page counts those of the last minute from the same index.
create index webhook_inbox_done on webhook_inbox (processed_at) where status = 'DONE';

-- Only parked deliveries keep a row after their payload is dropped, and they are few: their own index finds them.
drop index webhook_inbox_payload_kept;
