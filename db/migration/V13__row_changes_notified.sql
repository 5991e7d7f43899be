-- Every instance keeps rows it reads on every request (the installed stores, the dashboard settings; see KeptRows),
-- so that an API read or a webhook does not read the same row again each time. A change to such a row is announced
-- to every instance when it commits (LISTEN/NOTIFY: the channel given to the trigger, the row's store id as payload;
-- an empty payload: any row may have changed), whichever instance, tool or script made it, so that no instance keeps
-- a store uninstalled, or settings saved, elsewhere.
create function notify_row_changed() returns trigger language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    perform pg_notify(tg_argv[0], '');
  elsif tg_op = 'DELETE' then
    perform pg_notify(tg_argv[0], to_jsonb(old) ->> tg_argv[1]);
  else
    perform pg_notify(tg_argv[0], to_jsonb(new) ->> tg_argv[1]);
  end if;
  return null;
end
$$;

-- what Stores looks up: whether the store is installed, its shop, timezone and currency
create trigger store_changed after update on store for each row
  when ((old.status, old.shopify_domain, old.timezone, old.currency)
        is distinct from (new.status, new.shopify_domain, new.timezone, new.currency))
  execute function notify_row_changed('store_changed', 'id');
create trigger store_deleted after delete on store
  for each row execute function notify_row_changed('store_changed', 'id');
create trigger store_truncated after truncate on store
  for each statement execute function notify_row_changed('store_changed', 'id');

-- a store without settings has the defaults, so a first insert changes them too
create trigger store_settings_changed after insert or update or delete on store_settings
  for each row execute function notify_row_changed('store_settings_changed', 'store_id');
create trigger store_settings_truncated after truncate on store_settings
  for each statement execute function notify_row_changed('store_settings_changed', 'store_id');
