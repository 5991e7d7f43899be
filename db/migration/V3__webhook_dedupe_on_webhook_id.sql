-- Deliveries are told apart by X-Shopify-Webhook-Id, unique per delivery and repeated by a retry or a duplicate of it.
-- X-Shopify-Event-Id was the key, but Shopify gives it to every delivery one action produces (an order placed sends
-- orders/create, orders/paid and an inventory_levels/update per line with one event id), so the first of them to
-- arrive kept the others out. The event id stays, as information only, and may be absent.
--
-- A row stored without a webhook id gets one made of its event id, which was unique, so no stored delivery is lost
-- or merged with another; Shopify's webhook ids are UUIDs, so none of them looks like 'event:…'. Should a webhook id
-- be on two rows, only the first keeps it and the others are keyed by their event id too, so that the unique key can
-- be added whatever an instance stored before.
update webhook_inbox set webhook_id = 'event:' || event_id
where webhook_id is null or id not in (select min(id) from webhook_inbox group by webhook_id);
alter table webhook_inbox alter column webhook_id set not null;
alter table webhook_inbox add constraint webhook_inbox_webhook_id_key unique (webhook_id);
alter table webhook_inbox drop constraint webhook_inbox_event_id_key;
alter table webhook_inbox alter column event_id drop not null;
