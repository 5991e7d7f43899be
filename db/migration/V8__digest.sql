-- The e-mail digest (issue 14): confirmed recipients, a schedule in the shop's timezone, and one delivery row per
-- store, period and recipient, written before the mail goes out, so that several instances and restarts never send a
-- period's digest twice to one address.

-- A daily or weekly digest goes out at a local hour, a weekly one on a weekday (ISO: 1 = Monday). Recipients move to
-- their own table; no screen ever set the old text column, so nothing is carried over. A store without a confirmed
-- recipient gets no digest, whatever its frequency.
alter table store_settings drop column digest_recipients,
    add column digest_hour    smallint not null default 8 check (digest_hour between 0 and 23),
    add column digest_weekday smallint not null default 1 check (digest_weekday between 1 and 7);

-- An address receives digests only once it has followed the link of its confirmation mail (confirmed_at set), and
-- no more once it unsubscribed (kept, so that the settings page says why). Addresses are stored lower-cased, so that
-- one inbox is one recipient.
create table digest_recipient (
    id               uuid        primary key default gen_random_uuid(),
    store_id         uuid        not null references store (id) on delete cascade,
    email            text        not null check (email = lower(email)),
    added_at         timestamptz not null default now(),
    confirmed_at     timestamptz,
    unsubscribed_at  timestamptz,
    unique (store_id, email)
);

-- One digest of one period (period_start: the scheduled instant) to one address. The row is claimed before the mail is
-- sent and the unique key refuses a second one; a failed send is retried at next_attempt_at until the attempts run
-- out (FAILED), and its error is kept for the settings page.
create table digest_delivery (
    id               bigint generated always as identity primary key,
    store_id         uuid        not null references store (id) on delete cascade,
    period_start     timestamptz not null,
    email            text        not null,
    status           text        not null default 'PENDING' check (status in ('PENDING', 'SENT', 'FAILED')),
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz not null,
    last_error       text,
    created_at       timestamptz not null default now(),
    sent_at          timestamptz,
    unique (store_id, period_start, email)
);
create index digest_delivery_ready on digest_delivery (next_attempt_at) where status = 'PENDING';
