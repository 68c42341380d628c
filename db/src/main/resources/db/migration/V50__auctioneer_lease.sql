-- The active auctioneer's lease: one row, held by one instance at a time, renewed by its heartbeat. Each grant
-- takes a larger token; every write that matters (the history, settlement batches and their nonces) first reads
-- the row with its writer's token `for key share`, so a writer whose grant has passed to another writes
-- nothing. The token is unique, so a takeover (which changes it) waits for the writes under way under the old
-- grant, and a renewal (which does not) never does. Expiry is judged by this server's clock alone.
create table auctioneer_lease (
    name        text        primary key,
    holder      text        not null,
    token       bigint      not null unique,
    acquired_at timestamptz not null,
    renewed_at  timestamptz not null,
    expires_at  timestamptz not null
);
comment on column auctioneer_lease.token is 'fencing token: larger for every grant';

-- The chain as the active auctioneer last saw it (engine_newPayload blocks, forkchoice heads), so that a standby
-- knows the head the first forkchoice update after a takeover builds on. Recent blocks only.
create table chain_heads (
    block_hash      bytea          primary key,
    block_number    bigint         not null,
    parent_hash     bytea          not null,
    block_timestamp bigint         not null,
    gas_limit       bigint         not null,
    gas_used        bigint         not null,
    base_fee        numeric(78, 0) not null,
    extra_data      bytea          not null,
    declared_at     timestamptz    not null default now()
);
create index chain_heads_number_idx on chain_heads (block_number);

create table chain_forkchoice (
    only_row   boolean     primary key default true check (only_row),
    head_hash  bytea       not null,
    safe_hash  bytea       not null,
    updated_at timestamptz not null default now()
);
