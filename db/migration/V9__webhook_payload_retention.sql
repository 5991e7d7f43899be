-- Webhook payloads are personal data's likeliest hiding place, so they are not kept for ever (issue 15): an applied
-- delivery's payload is dropped after 7 days, a parked one's after 30. The row stays, without payload, so that a
-- repeat of its X-Shopify-Webhook-Id is still recognised and changes nothing.
alter table webhook_inbox alter column payload drop not null;
create index webhook_inbox_payload_kept on webhook_inbox (processed_at) where payload is not null and status <> 'PENDING';
-- shop/redact deletes every row of the shop, customers/redact drops the payloads of the customer's orders: both find
-- the shop's rows by its domain, since the inbox (written before any store may exist) has no store id.
create index webhook_inbox_by_shop on webhook_inbox (shop_domain);
