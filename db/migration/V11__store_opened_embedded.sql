-- When the Shopify admin last opened the store's pages in its iframe (written at most once an hour): a store used
-- embedded gets links into the app (a digest's) that open inside its admin.
alter table store add column opened_embedded_at timestamptz;
