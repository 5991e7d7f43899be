-- The settings page (issue 14, FR-4) lets a store set its alert defaults. They take the same ranges as a variant's
-- own settings (V6), so that a horizon a variant may have (up to 365 days) is one the store may have as its default,
-- and an absurd threshold is refused by the table too, not only by the form.
alter table store_settings drop constraint store_settings_stockout_horizon_days_check,
    add constraint store_settings_stockout_horizon_days_check check (stockout_horizon_days between 1 and 365);
alter table store_settings drop constraint store_settings_low_stock_threshold_check,
    add constraint store_settings_low_stock_threshold_check check (low_stock_threshold between 0 and 1000000);
