-- Tokens and sessions (issue 15).

-- API tokens the app issues to a store's owner from the settings page (CONTRACT.md, option b). Only the SHA-256 of
-- a token is kept: the token itself is shown once and never stored. Revoking deletes the row.
create table api_token (
    id            uuid        primary key default gen_random_uuid(),
    store_id      uuid        not null references store (id) on delete cascade,
    name          text        not null check (length(name) between 1 and 100),
    token_hash    bytea       not null unique check (length(token_hash) = 32),
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    last_used_at  timestamptz
);
create index api_token_store on api_token (store_id);

-- Shopify session tokens (by jti) already used to install by token exchange: each installs once. A row is of no use
-- once its token has expired, and is deleted with the next insert.
create table exchanged_id_token (
    jti          text        primary key,
    valid_until  timestamptz not null
);
create index exchanged_id_token_valid_until on exchanged_id_token (valid_until);
