-- MetricsDash schema, version 1: the whole data model of the product.
-- Conventions: every Shopify-sourced row is keyed by (store_id, shopify_id) so that every import, webhook and
-- reconciliation pass is an idempotent upsert; Shopify ids are bigint; money is numeric in the shop's currency;
-- times are timestamptz (UTC), days are the shop's local days; enumerations hold the Java enum constant names. No customer personal data is stored anywhere.

-- A connected Shopify store.
create table store (
    id               uuid primary key default gen_random_uuid(),
    shopify_domain   text        not null unique check (shopify_domain ~ '^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$'),
    name             text,
    timezone         text,                 -- shop.ianaTimezone: every day is counted in it
    currency         char(3),              -- shop.currencyCode: every amount is in it
    status           text        not null default 'INSTALLED'
                     check (status in ('INSTALLED', 'RECONNECT_REQUIRED', 'UNINSTALLED')),
    sync_status      text        not null default 'PENDING'
                     check (sync_status in ('PENDING', 'SYNCING', 'COMPLETE', 'ERROR')),
    sync_error       text,
    last_sync_at     timestamptz,
    reconciled_at    timestamptz,          -- last time reconciliation verified this store against Shopify
    installed_at     timestamptz not null default now(),
    uninstalled_at   timestamptz,
    updated_at       timestamptz not null default now()
);

-- Offline API credentials, encrypted at rest: a per-store data key (AES-256-GCM) wrapped by the master key named
-- by master_key_id; tokens are encrypted with the data key. access and refresh token are rotated together.
create table store_credential (
    store_id                 uuid primary key references store (id) on delete cascade,
    master_key_id            text        not null,
    wrapped_data_key         bytea       not null,
    access_token             bytea       not null,
    access_token_expires_at  timestamptz,
    refresh_token            bytea,
    refresh_token_expires_at timestamptz,
    scopes                   text        not null,
    version                  bigint      not null default 0,
    updated_at               timestamptz not null default now()
);

-- Initial sync, one row per store and phase, so that a restart resumes each phase where it stopped.
create table sync_phase (
    store_id           uuid        not null references store (id) on delete cascade,
    phase              text        not null check (phase in ('SHOP', 'PRODUCTS', 'INVENTORY', 'ORDERS')),
    status             text        not null default 'PENDING'
                       check (status in ('PENDING', 'RUNNING', 'COMPLETE', 'ERROR')),
    bulk_operation_id  text,                   -- gid of the running bulk operation, if any
    cursor             text,                   -- last page cursor when paginating instead
    objects_done       bigint      not null default 0,
    objects_total      bigint,
    error              text,
    started_at         timestamptz,
    finished_at        timestamptz,
    updated_at         timestamptz not null default now(),
    primary key (store_id, phase)
);

create table location (
    store_id     uuid    not null references store (id) on delete cascade,
    shopify_id   bigint  not null,
    name         text    not null,
    active       boolean not null default true,
    primary key (store_id, shopify_id)
);

create table product (
    store_id            uuid        not null references store (id) on delete cascade,
    shopify_id          bigint      not null,
    title               text        not null,
    status              text,
    shopify_updated_at  timestamptz not null,
    deleted_at          timestamptz,
    primary key (store_id, shopify_id)
);

create table product_variant (
    store_id            uuid        not null references store (id) on delete cascade,
    shopify_id          bigint      not null,
    product_id          bigint      not null,
    title               text        not null,
    sku                 text,
    price               numeric(20, 4),
    inventory_item_id   bigint,
    shopify_updated_at  timestamptz not null,
    deleted_at          timestamptz,
    primary key (store_id, shopify_id)
);
create index product_variant_by_product on product_variant (store_id, product_id);
create unique index product_variant_by_inventory_item on product_variant (store_id, inventory_item_id);

-- One inventory item per variant (Shopify's 1:1), carrying whether Shopify tracks its stock.
create table inventory_item (
    store_id            uuid        not null references store (id) on delete cascade,
    shopify_id          bigint      not null,
    variant_id          bigint,
    sku                 text,
    tracked             boolean     not null default true,
    shopify_updated_at  timestamptz not null,
    primary key (store_id, shopify_id)
);

create table inventory_level (
    store_id            uuid        not null references store (id) on delete cascade,
    inventory_item_id   bigint      not null,
    location_id         bigint      not null,
    available           integer     not null,
    on_hand             integer,
    committed           integer,
    shopify_updated_at  timestamptz not null,
    primary key (store_id, inventory_item_id, location_id)
);

-- Every change of an available quantity, for sales velocity and stockout prediction.
create table inventory_history (
    id                  bigint generated always as identity primary key,
    store_id            uuid        not null references store (id) on delete cascade,
    inventory_item_id   bigint      not null,
    location_id         bigint      not null,
    available           integer     not null,
    change              integer     not null,
    recorded_at         timestamptz not null
);
create index inventory_history_by_item on inventory_history (store_id, inventory_item_id, recorded_at);

-- Orders ("order" is a reserved word). An order counts when it is neither a test nor cancelled, on the local day
-- of processed_at; total_price is total_price_set.shop_money.amount.
create table shop_order (
    store_id             uuid           not null references store (id) on delete cascade,
    shopify_id           bigint         not null,
    name                 text,
    processed_at         timestamptz    not null,
    shopify_created_at   timestamptz    not null,
    shopify_updated_at   timestamptz    not null,
    cancelled_at         timestamptz,
    test                 boolean        not null default false,
    currency             char(3)        not null,
    total_price          numeric(20, 4) not null,
    current_total_price  numeric(20, 4),
    refunded_amount      numeric(20, 4) not null default 0,
    financial_status     text,
    primary key (store_id, shopify_id)
);
create index shop_order_by_processed_at on shop_order (store_id, processed_at);
create index shop_order_by_updated_at on shop_order (store_id, shopify_updated_at);

create table order_line_item (
    store_id          uuid           not null references store (id) on delete cascade,
    shopify_id        bigint         not null,
    order_id          bigint         not null,
    product_id        bigint,
    variant_id        bigint,
    sku               text,
    quantity          integer        not null,
    current_quantity  integer,
    price             numeric(20, 4) not null,
    primary key (store_id, shopify_id),
    foreign key (store_id, order_id) references shop_order (store_id, shopify_id) on delete cascade
);
create index order_line_item_by_order on order_line_item (store_id, order_id);
create index order_line_item_by_variant on order_line_item (store_id, variant_id);

create table refund (
    store_id      uuid           not null references store (id) on delete cascade,
    shopify_id    bigint         not null,
    order_id      bigint         not null,
    amount        numeric(20, 4) not null,
    processed_at  timestamptz    not null,
    primary key (store_id, shopify_id)
);
create index refund_by_order on refund (store_id, order_id);

-- Sales per local hour of the shop's day, kept current on every order change so a dashboard read does not
-- depend on how many orders a store has. Local hours (not UTC) keep shops with half-hour offsets exact.
create table sales_hourly (
    store_id    uuid           not null references store (id) on delete cascade,
    local_date  date           not null,
    local_hour  smallint       not null check (local_hour between 0 and 23),
    orders      integer        not null default 0,
    revenue     numeric(20, 4) not null default 0,
    primary key (store_id, local_date, local_hour)
);

-- Storefront sessions per local hour, for the conversion rate.
create table traffic_hourly (
    store_id    uuid     not null references store (id) on delete cascade,
    local_date  date     not null,
    local_hour  smallint not null check (local_hour between 0 and 23),
    sessions    integer  not null check (sessions >= 0),
    primary key (store_id, local_date, local_hour)
);

create table inventory_alert (
    id             uuid        primary key default gen_random_uuid(),
    store_id       uuid        not null references store (id) on delete cascade,
    product_id     bigint      not null,
    variant_id     bigint      not null,
    alert_type     text        not null check (alert_type in ('LOW_STOCK', 'PREDICTED_STOCKOUT', 'REORDER_POINT')),
    threshold      numeric(12, 2) not null,
    current_level  integer     not null,
    status         text        not null default 'ACTIVE' check (status in ('ACTIVE', 'ACKNOWLEDGED', 'RESOLVED')),
    created_at     timestamptz not null default now(),
    acknowledged_at timestamptz,
    resolved_at    timestamptz,
    emailed_at     timestamptz              -- set once the alert went out in a digest
);
-- At most one open alert of a kind per variant.
create unique index inventory_alert_open on inventory_alert (store_id, variant_id, alert_type) where status <> 'RESOLVED';
create index inventory_alert_by_status on inventory_alert (store_id, status, created_at);

-- Per-store configuration (FR-4), one row per store with the product's defaults.
create table store_settings (
    store_id               uuid     primary key references store (id) on delete cascade,
    comparison             text     not null default 'YESTERDAY'
                           check (comparison in ('YESTERDAY', 'LAST_WEEK', 'LAST_MONTH')),
    show_orders            boolean  not null default true,
    show_revenue           boolean  not null default true,
    show_aov               boolean  not null default true,
    show_conversion        boolean  not null default true,
    show_revenue_chart     boolean  not null default true,
    low_stock_threshold    integer  not null default 10 check (low_stock_threshold >= 0),
    stockout_horizon_days  integer  not null default 7 check (stockout_horizon_days between 1 and 90),
    reorder_lead_time_days integer  not null default 7 check (reorder_lead_time_days between 0 and 365),
    digest_frequency       text     not null default 'DAILY' check (digest_frequency in ('OFF', 'DAILY', 'WEEKLY')),
    digest_recipients      text,
    updated_at             timestamptz not null default now()
);

-- Verified webhook deliveries, written before the 200 goes out and drained by workers. event_id is
-- X-Shopify-Event-Id (the same on every retry of one event), else X-Shopify-Webhook-Id.
create table webhook_inbox (
    id               bigint generated always as identity primary key,
    event_id         text        not null unique,
    webhook_id       text,
    topic            text        not null,
    shop_domain      text        not null,
    api_version      text,
    triggered_at     timestamptz,
    received_at      timestamptz not null default now(),
    payload          text        not null,
    status           text        not null default 'PENDING' check (status in ('PENDING', 'DONE', 'PARKED')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    processed_at     timestamptz
);
create index webhook_inbox_ready on webhook_inbox (next_attempt_at) where status = 'PENDING';
create index webhook_inbox_parked on webhook_inbox (received_at) where status = 'PARKED';

-- Reconciliation passes: what was checked against Shopify and what was repaired.
create table reconciliation_run (
    id                  bigint generated always as identity primary key,
    store_id            uuid        not null references store (id) on delete cascade,
    checked_from        timestamptz not null,
    started_at          timestamptz not null,
    finished_at         timestamptz,
    orders_checked      integer     not null default 0,
    orders_repaired     integer     not null default 0,
    inventory_checked   integer     not null default 0,
    inventory_repaired  integer     not null default 0,
    error               text
);
create index reconciliation_run_by_store on reconciliation_run (store_id, started_at desc);

-- ShedLock: one runner per scheduled job across all instances.
create table shedlock (
    name        varchar(64)  primary key,
    lock_until  timestamptz  not null,
    locked_at   timestamptz  not null,
    locked_by   varchar(255) not null
);
