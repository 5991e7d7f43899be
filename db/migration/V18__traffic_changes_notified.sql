-- Every instance keeps the storefront sessions of the days its dashboards show (TrafficRepository), so that a
-- dashboard read or a live frame is one statement, its sales, rather than two: they change once an hour or so (an
-- import from Shopify's analytics, a post to the traffic API), while a store selling 10 orders a second is read a
-- few times a second. A change to them is announced to every instance when it commits, as V13 does for stores and
-- settings, whichever instance, tool or script made it.
create trigger traffic_hourly_changed after insert or update or delete on traffic_hourly
  for each row execute function notify_row_changed('traffic_hourly_changed', 'store_id');
create trigger traffic_hourly_truncated after truncate on traffic_hourly
  for each statement execute function notify_row_changed('traffic_hourly_changed', 'store_id');
