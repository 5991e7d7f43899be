-- The sales of each minute that had any, beside the hourly rollups, kept by the ledger the same way (OrderLedger adds
-- the difference each applied version makes). A dashboard compares today with the comparison day up to the same
-- wall-clock time, so it reads the comparison day's current hour up to that minute: from the orders themselves it
-- read every order of that hour so far, up to 3,600 for a store selling one a second, for each read and each live
-- frame. From these rows it reads at most 60 rows, and the orders of the last, unfinished minute.
--
-- Minutes are UTC ones: every timezone's local hours start on a whole minute. A row per minute with sales is never
-- more rows than orders, so they are kept as long as the orders are.
create table sales_minutely (
    store_id uuid           not null references store (id) on delete cascade,
    minute   timestamptz    not null,
    orders   integer        not null,
    revenue  numeric(20, 4) not null,
    primary key (store_id, minute)
);

insert into sales_minutely (store_id, minute, orders, revenue)
select store_id, date_trunc('minute', processed_at at time zone 'UTC') at time zone 'UTC', count(*), sum(total_price)
from shop_order
where not test and cancelled_at is null
group by 1, 2;
