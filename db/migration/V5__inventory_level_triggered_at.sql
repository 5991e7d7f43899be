-- Shopify's updated_at comes to the second, so two sales of one variant within a second send two
-- inventory_levels/update deliveries of the same time, which may arrive in either order. X-Shopify-Triggered-At
-- tells them apart (it comes to the fraction of a second): the level keeps the trigger time of the delivery it was
-- last written from, null when it was read from the Admin API instead.
alter table inventory_level add column shopify_triggered_at timestamptz;
