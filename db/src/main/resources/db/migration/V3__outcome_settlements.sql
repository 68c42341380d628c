-- Where each won block stands on its way to payment: pending until the chain shows which block won the
-- height; payable (the winner's block is canonical) or not_included (another block is); then submitted,
-- settled, or skipped (with the contract's reason). A reorg may move payable and not_included back and forth
-- until the outcome is submitted.
create table outcome_settlements (
    round_id     bigint primary key references outcomes (round_id),
    block_number bigint      not null,
    block_hash   bytea       not null,
    state        text        not null default 'pending'
        check (state in ('pending', 'payable', 'not_included', 'submitted', 'settled', 'skipped')),
    skip_reason  text,
    updated_at   timestamptz not null default now()
);
create index outcome_settlements_state_idx on outcome_settlements (state, block_number);

create view settlement_status as
select r.*, s.state as settlement_state, s.skip_reason, s.updated_at as settlement_updated_at
from auction_results r
join outcome_settlements s on s.round_id = r.round_id;
