-- The settler's transactions. A batch is one nonce of the settler's account; every signed transaction for
-- that nonce (the first and each fee-bumped replacement) is an attempt, written here before it is broadcast so
-- that a restarted service reconciles by nonce and receipt instead of sending blindly.
create table settlement_batches (
    batch_id     bigserial primary key,
    settler      bytea          not null,
    nonce        bigint         not null,
    state        text           not null default 'submitted'
        check (state in ('submitted', 'confirmed', 'reverted', 'dropped')),
    items        integer        not null,
    created_at   timestamptz    not null default now(),
    tx_hash      bytea,
    mined_block  bigint,
    gas_used     bigint,
    fee_paid     numeric(78, 0),
    ended_at     timestamptz,
    unique (settler, nonce)
);
comment on column settlement_batches.state is 'submitted (in flight); confirmed (mined, past the confirmation depth); reverted; dropped (the nonce went to another transaction)';
create index settlement_batches_in_flight_idx on settlement_batches (settler) where state = 'submitted';

create table settlement_attempts (
    tx_hash                  bytea primary key,
    batch_id                 bigint         not null references settlement_batches (batch_id),
    max_fee_per_gas          numeric(78, 0) not null,
    max_priority_fee_per_gas numeric(78, 0) not null,
    gas_limit                bigint         not null,
    raw_transaction          bytea          not null,
    signed_at                timestamptz    not null default now()
);
create index settlement_attempts_batch_idx on settlement_attempts (batch_id, signed_at);

alter table outcome_settlements
    add column batch_id bigint references settlement_batches (batch_id),
    add column price    numeric(78, 0),
    add column charged  numeric(78, 0),
    add column ended_at timestamptz;
comment on column outcome_settlements.charged is 'what escrow paid; less than price when the builder''s deposit fell short (the rest is debt)';

drop view settlement_status;
create view settlement_status as
select r.*, s.state as settlement_state, s.skip_reason, s.price as settled_price, s.charged,
       hex(b.tx_hash) as settlement_tx, b.mined_block as settlement_block, s.batch_id,
       s.updated_at as settlement_updated_at, s.ended_at as settled_at,
       extract(epoch from (s.ended_at - r.closed_at)) as settlement_latency_s
from auction_results r
join outcome_settlements s on s.round_id = r.round_id
left join settlement_batches b on b.batch_id = s.batch_id;

create view settlement_batch_history as
select b.batch_id, hex(b.settler) as settler, b.nonce, b.state, b.items, hex(b.tx_hash) as tx_hash, b.mined_block,
       b.gas_used, b.fee_paid, b.created_at, b.ended_at,
       (select count(*) from settlement_attempts a where a.batch_id = b.batch_id) as attempts,
       (select count(*) from outcome_settlements s where s.batch_id = b.batch_id and s.state = 'settled') as settled,
       (select count(*) from outcome_settlements s where s.batch_id = b.batch_id and s.state = 'skipped') as skipped,
       (select sum(s.charged) from outcome_settlements s where s.batch_id = b.batch_id) as charged
from settlement_batches b;
