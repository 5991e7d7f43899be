-- The webhook worker's two reads of the inbox, each batch: which shops have deliveries due, oldest first, and up to a
-- share of each taken shop's oldest due deliveries, locked. Both are read from webhook_inbox_pending_by_shop in its
-- order, a few entries per shop, whatever the table's statistics say: they cannot know of a backlog gathered since the
-- last analyze (a new shop's flash sale), and from them the planner expected a few rows and read all of the shop's
-- pending deliveries instead: 5,000 pages for a shop's oldest delivery behind 20,000, read twice per look, and a claim
-- of 250 behind 24,000 sorted on disk (payloads are wide) for 3 s. Each read asks for its rows in the index's order,
-- and sorting is off while it is planned, so the index is the only cheap way left; only what was found is sorted, the
-- shops by their oldest delivery and the deliveries taken by id, at the end.

create function due_shops(most integer) returns setof text
    language sql
    set enable_sort = off
as $$
    with recursive pending (shop) as (
        (select inbox.shop_domain from webhook_inbox inbox
         where inbox.status = 'PENDING'
         order by inbox.shop_domain limit 1)
        union all
        select (select inbox.shop_domain from webhook_inbox inbox
                where inbox.status = 'PENDING' and inbox.shop_domain > pending.shop
                order by inbox.shop_domain limit 1)
        from pending where pending.shop is not null)
    select pending.shop from pending
    cross join lateral (
        select inbox.id from webhook_inbox inbox
        where inbox.status = 'PENDING' and inbox.shop_domain = pending.shop and inbox.next_attempt_at <= now()
        order by inbox.id limit 1) oldest
    order by oldest.id limit most
$$;

create function claim_due_deliveries(shops text[], share integer)
    returns table (id bigint, webhook_id text, topic text, shop_domain text, triggered_at timestamptz, payload text,
                   attempts integer)
    language sql
    set enable_sort = off
as $$
    select claimed.* from unnest(shops) as taken (shop)
    cross join lateral (
        select inbox.id, inbox.webhook_id, inbox.topic, inbox.shop_domain, inbox.triggered_at, inbox.payload,
               inbox.attempts
        from webhook_inbox inbox
        where inbox.shop_domain = taken.shop and inbox.status = 'PENDING' and inbox.next_attempt_at <= now()
        order by inbox.id limit share for update skip locked) claimed
    order by claimed.id
$$;
