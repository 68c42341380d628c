-- A history that fits on disk (docs/analytics.md).
--
-- bids is partitioned by day of arrival and keeps every field forever, but no longer the sealed ciphertext: that
-- lives in bid_ciphertexts, partitioned by hour, and a whole partition is dropped once it is older than the
-- retention setting and every round of its bids is closed and settled (dropping a partition returns its disk
-- space at once; an UPDATE ... SET NULL returns none). Partitions are made ahead of time by the service
-- (create_history_partitions); the rows of an older schema move to one "before" partition of each table.
-- Revealed bids also record the gas their block used and its transaction count. Views keep their 0x-hex columns
-- and gain raw bytea ones beside them (*_bytes), which a filter can use an index for. Daily statistics per
-- builder are a table the service rolls up day by day (roll_up_builder_days), not a percentile over all history.

alter table bids rename to bids_unpartitioned;
alter index bids_pkey rename to bids_unpartitioned_pkey;
alter index bids_round_idx rename to bids_unpartitioned_round_idx;
alter index bids_block_number_idx rename to bids_unpartitioned_block_number_idx;
alter index bids_builder_idx rename to bids_unpartitioned_builder_idx;
alter index bids_received_at_idx rename to bids_unpartitioned_received_at_idx;
alter index bids_digest_per_round_idx rename to bids_unpartitioned_digest_per_round_idx;

create table bids (
    bid_id            uuid        not null,
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
    gas_used          bigint,
    transaction_count integer,
    primary key (bid_id, received_at),
    check ((status = 'accepted') = (rejection_code is null))
) partition by range (received_at);
comment on table bids is 'every bid, partitioned by day of arrival (bids_YYYYMMDD); ids of new bids are UUID version 7, ordered by arrival';
comment on column bids.gas_used is 'the gas the bid''s block used, recorded when its round closes';
create index bids_round_idx on bids (round_id);
create index bids_block_number_idx on bids (block_number);
create index bids_builder_idx on bids (builder, received_at);
create index bids_received_at_idx on bids (received_at);
create index bids_digest_idx on bids (bid_digest) where bid_digest is not null;

-- The sealed bids as received, until the retention drops their partition.
create table bid_ciphertexts (
    bid_id      uuid        not null,
    received_at timestamptz not null,
    round_id    bigint      not null,
    ciphertext  bytea       not null,
    primary key (bid_id, received_at)
) partition by range (received_at);
comment on table bid_ciphertexts is 'accepted bids'' HPKE ciphertext, partitioned by hour of arrival (bid_ciphertexts_YYYYMMDDHH), dropped whole after gavel.history.ciphertext-retention once their rounds are closed and settled';
create index bid_ciphertexts_round_idx on bid_ciphertexts (round_id);

-- Makes the day partitions of bids and the hour partitions of bid_ciphertexts covering [from_time, to_time),
-- each as a table of its own attached afterwards: attaching locks the parent only against other DDL, never
-- against the history writer's inserts. A range taken by an existing partition is skipped. Returns how many
-- partitions it made.
create function create_history_partitions(from_time timestamptz, to_time timestamptz) returns integer
    language plpgsql as $$
declare
    made integer := 0;
    start_at timestamptz;
begin
    start_at := date_trunc('day', from_time, 'UTC');
    while start_at < to_time loop
        made := made + attach_history_partition('bids', 'bids_' || to_char(start_at at time zone 'UTC', 'YYYYMMDD'),
                                                start_at, start_at + interval '1 day');
        start_at := start_at + interval '1 day';
    end loop;
    start_at := date_trunc('hour', from_time, 'UTC');
    while start_at < to_time loop
        made := made + attach_history_partition('bid_ciphertexts',
                                                'bid_ciphertexts_' || to_char(start_at at time zone 'UTC', 'YYYYMMDDHH24'),
                                                start_at, start_at + interval '1 hour');
        start_at := start_at + interval '1 hour';
    end loop;
    return made;
end $$;

create function attach_history_partition(parent text, partition text, from_time timestamptz, to_time timestamptz)
    returns integer
    language plpgsql as $$
begin
    if to_regclass(partition) is not null then
        return 0;
    end if;
    if exists (select 1 from pg_inherits i
               where i.inhparent = parent::regclass
                 and tstzrange(from_time, to_time) && history_partition_range(i.inhrelid)) then
        return 0;
    end if;
    execute format('create table %I (like %I including defaults including constraints)', partition, parent);
    execute format('alter table %I attach partition %I for values from (%L) to (%L)', parent, partition, from_time, to_time);
    return 1;
end $$;

-- The range of times a partition of bids or bid_ciphertexts covers, read from its bound.
create function history_partition_range(partition oid) returns tstzrange
    language sql stable as $$
    select tstzrange(m[1]::timestamptz, m[2]::timestamptz)
    from (select regexp_match(pg_get_expr(relpartbound, oid), 'FROM \(''([^'']+)''\) TO \(''([^'']+)''\)') as m
          from pg_class where oid = partition) bound
$$;

-- The rows of the schema before this one, in one "before" partition of each table.
do $$
declare
    oldest timestamptz;
begin
    select min(received_at) into oldest from bids_unpartitioned;
    if oldest < date_trunc('day', now(), 'UTC') then
        execute format('create table bids_before partition of bids for values from (%L) to (%L)',
                       oldest, date_trunc('day', now(), 'UTC'));
    end if;
    if oldest < date_trunc('hour', now(), 'UTC') then
        execute format('create table bid_ciphertexts_before partition of bid_ciphertexts for values from (%L) to (%L)',
                       oldest, date_trunc('hour', now(), 'UTC'));
    end if;
    perform create_history_partitions(now(),
        greatest(now(), coalesce((select max(received_at) from bids_unpartitioned), now())) + interval '1 hour');
end $$;

insert into bids (bid_id, round_id, status, rejection_code, rejection_message, received_at, body_bytes, block_number,
                  parent_hash, builder, key_id, encapsulated_key, decode_us, route_us, open_us, verify_us, check_us,
                  bid_digest, block_hash, value, signature, revealed_at)
select bid_id, round_id, status, rejection_code, rejection_message, received_at, body_bytes, block_number,
       parent_hash, builder, key_id, encapsulated_key, decode_us, route_us, open_us, verify_us, check_us,
       bid_digest, block_hash, value, signature, revealed_at
from bids_unpartitioned;
insert into bid_ciphertexts (bid_id, received_at, round_id, ciphertext)
select bid_id, received_at, round_id, ciphertext from bids_unpartitioned where ciphertext is not null;

create or replace view bid_history as
select bid_id, round_id, status, rejection_code, rejection_message, received_at, body_bytes, block_number,
       hex(parent_hash) as parent_hash, hex(builder) as builder, key_id,
       hex(bid_digest) as bid_digest, hex(block_hash) as block_hash, value, revealed_at,
       decode_us, route_us, open_us, verify_us, check_us,
       decode_us + route_us + open_us + verify_us + check_us as total_us,
       gas_used, transaction_count,
       parent_hash as parent_hash_bytes, builder as builder_bytes, bid_digest as bid_digest_bytes,
       block_hash as block_hash_bytes
from bids;

create or replace view auction_results as
select r.round_id, r.block_number, hex(r.parent_hash) as parent_hash, hex(r.payload_id) as payload_id,
       r.status, r.format, r.policy_version, r.reserve_price,
       hex(o.winner) as winner, o.bid_value, o.price, hex(o.runner_up) as runner_up, o.runner_up_value,
       coalesce(o.bid_count, (select count(*) from bids b where b.round_id = r.round_id and b.status = 'accepted')) as bid_count,
       hex(o.block_hash) as block_hash, o.winning_bid_id,
       r.opened_at, r.bid_deadline, r.closed_at,
       extract(epoch from (r.closed_at - r.opened_at)) * 1000 as open_ms,
       r.parent_hash as parent_hash_bytes, r.payload_id as payload_id_bytes, o.winner as winner_bytes,
       o.runner_up as runner_up_bytes, o.block_hash as block_hash_bytes
from rounds r
left join outcomes o on o.round_id = r.round_id;

create or replace view hub_builder_standing as
select hex(address) as builder, status, hex(workload_id) as workload_id, admitted, allowed, balance, debt, as_of_block,
       address as builder_bytes
from hub_builders;

drop view builder_daily_stats;
drop table bids_unpartitioned;

-- One row per builder and UTC day, recomputed for recent days by roll_up_builder_days; earlier days are final.
create table builder_days (
    day              date           not null,
    builder          bytea          not null,
    bids_submitted   bigint         not null,
    bids_accepted    bigint         not null,
    bids_rejected    bigint         not null,
    rounds_entered   bigint         not null,
    rounds_won       bigint         not null,
    wei_owed         numeric(78, 0) not null,
    wei_bid_in_wins  numeric(78, 0) not null,
    highest_bid      numeric(78, 0),
    median_intake_us double precision,
    gas_used_in_wins numeric        not null,
    rolled_up_at     timestamptz    not null,
    primary key (day, builder)
);
create index builder_days_builder_idx on builder_days (builder, day);

-- Recomputes the days [from_day, to_day] (UTC) from those days' partitions only, leaving out the bids of rounds still
-- open (a later pass counts them); returns the rows written.
create function roll_up_builder_days(from_day date, to_day date) returns integer
    language plpgsql as $$
declare
    written integer;
begin
    delete from builder_days where day between from_day and to_day;
    insert into builder_days
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
          and received_at >= from_day::timestamp at time zone 'UTC'
          and received_at < (to_day + 1)::timestamp at time zone 'UTC'
          and not exists (select 1 from rounds r where r.round_id = bids.round_id and r.status = 'open')
        group by 1, 2),
    win_days as (
        select (o.closed_at at time zone 'UTC')::date as day, o.winner as builder,
               count(*) as rounds_won, sum(o.price) as wei_owed, sum(o.bid_value) as wei_bid_in_wins,
               coalesce(sum(w.gas_used), 0) as gas_used_in_wins
        from outcomes o
        left join bids w on w.bid_id = o.winning_bid_id
            and w.received_at >= from_day::timestamp at time zone 'UTC' - interval '1 day'
            and w.received_at < (to_day + 1)::timestamp at time zone 'UTC'
        where o.winner is not null
          and o.closed_at >= from_day::timestamp at time zone 'UTC'
          and o.closed_at < (to_day + 1)::timestamp at time zone 'UTC'
        group by 1, 2)
    select coalesce(b.day, w.day), coalesce(b.builder, w.builder),
           coalesce(b.bids_submitted, 0), coalesce(b.bids_accepted, 0), coalesce(b.bids_rejected, 0),
           coalesce(b.rounds_entered, 0), coalesce(w.rounds_won, 0), coalesce(w.wei_owed, 0),
           coalesce(w.wei_bid_in_wins, 0), b.highest_bid, b.median_intake_us, coalesce(w.gas_used_in_wins, 0), now()
    from bid_days b
    full outer join win_days w on b.day = w.day and b.builder = w.builder;
    get diagnostics written = row_count;
    return written;
end $$;

create view builder_daily_stats as
select day, hex(builder) as builder, bids_submitted, bids_accepted, bids_rejected, rounds_entered, rounds_won, wei_owed,
       wei_bid_in_wins, highest_bid, median_intake_us, gas_used_in_wins, rolled_up_at, builder as builder_bytes
from builder_days;

select roll_up_builder_days(coalesce((select min(received_at at time zone 'UTC')::date from bids), current_date),
                            current_date);
