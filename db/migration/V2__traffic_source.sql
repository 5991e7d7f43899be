-- Storefront sessions come from two sources: posted through the traffic API (API, the default, which every row so far
-- was) and imported from Shopify's own analytics through ShopifyQL (SHOPIFY, for stores that granted read_reports).
-- Each source keeps its own row per local hour; conversion reads Shopify's figure for an hour that has one and the
-- posted figure otherwise, so the two are never added together.
alter table traffic_hourly add column source text not null default 'API' check (source in ('API', 'SHOPIFY'));
alter table traffic_hourly drop constraint traffic_hourly_pkey;
alter table traffic_hourly add primary key (store_id, local_date, local_hour, source);
