-- Inventory alerts (issue 14): the store defaults the product asks for, per-variant overrides, and the numbers behind
-- every alert, so that an alert explains itself without recomputing anything.

-- The horizon of a predicted stockout is 14 days, not 7; no screen has ever set it, so every stored 7 is the old
-- default and becomes the new one. Safety stock is a number of days of sales velocity.
alter table store_settings alter column stockout_horizon_days set default 14;
update store_settings set stockout_horizon_days = 14 where stockout_horizon_days = 7;
alter table store_settings add column safety_stock_days integer not null default 3
    check (safety_stock_days between 0 and 365);

-- Per-variant settings: any figure left null follows the store's default; an excluded variant never alerts.
create table alert_variant_setting (
    store_id               uuid        not null references store (id) on delete cascade,
    variant_id             bigint      not null,
    low_stock_threshold    integer     check (low_stock_threshold between 0 and 1000000),
    stockout_horizon_days  integer     check (stockout_horizon_days between 1 and 365),
    reorder_lead_time_days integer     check (reorder_lead_time_days between 0 and 365),
    safety_stock_days      integer     check (safety_stock_days between 0 and 365),
    excluded               boolean     not null default false,
    updated_at             timestamptz not null default now(),
    primary key (store_id, variant_id)
);

-- What an alert is about and the numbers behind it, refreshed while it is open and kept once it resolves:
-- threshold is the line it crossed (units for low_stock, days for predicted_stockout, the reorder point in units),
-- current_level the variant's available summed over locations (negative when oversold). Velocity is units_sold over
-- in_stock_days of the last velocity_days local days (7, or 28 when fewer than 3 of the 7 had stock); null when
-- nothing sold, and then days_of_cover and reorder_point are null too.
alter table inventory_alert
    add column inventory_item_id     bigint,
    add column product_title         text,
    add column variant_title         text,
    add column sku                   text,
    add column units_sold            integer,
    add column velocity              numeric(12, 4),
    add column velocity_days         smallint,
    add column in_stock_days         smallint,
    add column velocity_fallback     boolean not null default false,
    add column days_of_cover         numeric(12, 1),
    add column reorder_point         numeric(12, 1),
    add column lost_revenue_per_day  numeric(20, 4),
    add column updated_at            timestamptz not null default now();
create index inventory_alert_open_by_item on inventory_alert (store_id, inventory_item_id) where status <> 'RESOLVED';
