-- Gavel's auction history: written by the auction service, read by analysts.
-- Wei amounts are numeric(78,0) (a uint256 has up to 78 decimal digits). Hashes and addresses are
-- bytea; the views show them as 0x-hex. Times are timestamptz; stage timings are microseconds.

create function hex(bytes bytea) returns text
    language sql immutable strict parallel safe
    as $$ select '0x' || encode(bytes, 'hex') $$;

create table rounds (
    round_id             bigint primary key,
    payload_id           bytea       not null,
    block_number         bigint      not null,
    parent_hash          bytea       not null,
    block_timestamp      bigint      not null,
    attributes           jsonb       not null,
    policy_version       integer     not null,
    format               text        not null,
    reserve_price        numeric(78, 0) not null,
    bid_cutoff_ms        bigint      not null,
    max_bids_per_builder integer     not null,
    min_builder_balance  numeric(78, 0) not null,
    beneficiary          bytea       not null,
    bid_deadline         timestamptz not null,
    opened_at            timestamptz not null,
    status               text        not null default 'open'
        check (status in ('open', 'closed', 'expired', 'aborted')),
    closed_at            timestamptz
);
comment on column rounds.status is 'open; closed by getPayload; expired (nobody asked for the payload); aborted (the service stopped mid-round)';
create index rounds_block_number_idx on rounds (block_number);
create index rounds_opened_at_idx on rounds (opened_at);
create index rounds_still_open_idx on rounds (round_id) where status = 'open';

-- Every bid, accepted or rejected. An accepted bid is stored sealed (as received) and revealed
-- (value, block hash, signature) only when its round closes.
create table bids (
    bid_id            uuid primary key,
    round_id          bigint references rounds (round_id),
    status            text        not null check (status in ('accepted', 'rejected')),
    rejection_code    text,
    rejection_message text,
    received_at       timestamptz not null,
    body_bytes        integer     not null,
    block_number      bigint,
    parent_hash       bytea,
    builder           bytea,
    key_id            integer,
    encapsulated_key  bytea,
    ciphertext        bytea,
    decode_us         bigint      not null,
    route_us          bigint      not null,
    open_us           bigint      not null,
    verify_us         bigint      not null,
    check_us          bigint      not null,
    bid_digest        bytea,
    block_hash        bytea,
    value             numeric(78, 0),
    signature         bytea,
    revealed_at       timestamptz,
    check ((status = 'accepted') = (rejection_code is null))
);
create index bids_round_idx on bids (round_id);
create index bids_block_number_idx on bids (block_number);
create index bids_builder_idx on bids (builder, received_at);
create index bids_received_at_idx on bids (received_at);
create unique index bids_digest_per_round_idx on bids (round_id, bid_digest) where bid_digest is not null;

-- One row per round closed by getPayload. The bid ids are not foreign keys: an outcome is recorded even
-- if its winning bid's own write failed (that bid was then never acknowledged).
create table outcomes (
    round_id         bigint primary key references rounds (round_id),
    block_number     bigint      not null,
    parent_hash      bytea       not null,
    payload_id       bytea       not null,
    format           text        not null,
    winner           bytea,
    winning_bid_id   uuid,
    bid_value        numeric(78, 0),
    price            numeric(78, 0),
    runner_up        bytea,
    runner_up_bid_id uuid,
    runner_up_value  numeric(78, 0),
    bid_count        integer     not null,
    block_hash       bytea,
    closed_at        timestamptz not null
);
create index outcomes_block_number_idx on outcomes (block_number);
create index outcomes_winner_idx on outcomes (winner, closed_at);
create index outcomes_closed_at_idx on outcomes (closed_at);

create view bid_history as
select bid_id, round_id, status, rejection_code, rejection_message, received_at, body_bytes, block_number,
       hex(parent_hash) as parent_hash, hex(builder) as builder, key_id,
       hex(bid_digest) as bid_digest, hex(block_hash) as block_hash, value, revealed_at,
       decode_us, route_us, open_us, verify_us, check_us,
       decode_us + route_us + open_us + verify_us + check_us as total_us
from bids;

create view auction_results as
select r.round_id, r.block_number, hex(r.parent_hash) as parent_hash, hex(r.payload_id) as payload_id,
       r.status, r.format, r.policy_version, r.reserve_price,
       hex(o.winner) as winner, o.bid_value, o.price, hex(o.runner_up) as runner_up, o.runner_up_value,
       coalesce(o.bid_count, (select count(*) from bids b where b.round_id = r.round_id and b.status = 'accepted')) as bid_count,
       hex(o.block_hash) as block_hash, o.winning_bid_id,
       r.opened_at, r.bid_deadline, r.closed_at,
       extract(epoch from (r.closed_at - r.opened_at)) * 1000 as open_ms
from rounds r
left join outcomes o on o.round_id = r.round_id;

create view builder_daily_stats as
with bid_days as (
    select (received_at at time zone 'UTC')::date as day, builder,
           count(*) as bids_submitted,
           count(*) filter (where status = 'accepted') as bids_accepted,
           count(*) filter (where status = 'rejected') as bids_rejected,
           count(distinct round_id) filter (where status = 'accepted') as rounds_entered,
           max(value) as highest_bid,
           percentile_cont(0.5) within group (order by decode_us + route_us + open_us + verify_us + check_us) as median_intake_us
    from bids
    where builder is not null
    group by 1, 2),
win_days as (
    select (closed_at at time zone 'UTC')::date as day, winner as builder,
           count(*) as rounds_won, sum(price) as wei_owed, sum(bid_value) as wei_bid_in_wins
    from outcomes
    where winner is not null
    group by 1, 2)
select coalesce(b.day, w.day) as day, hex(coalesce(b.builder, w.builder)) as builder,
       coalesce(b.bids_submitted, 0) as bids_submitted, coalesce(b.bids_accepted, 0) as bids_accepted,
       coalesce(b.bids_rejected, 0) as bids_rejected, coalesce(b.rounds_entered, 0) as rounds_entered,
       coalesce(w.rounds_won, 0) as rounds_won, coalesce(w.wei_owed, 0) as wei_owed,
       coalesce(w.wei_bid_in_wins, 0) as wei_bid_in_wins, b.highest_bid, b.median_intake_us
from bid_days b
full outer join win_days w on b.day = w.day and b.builder = w.builder;
