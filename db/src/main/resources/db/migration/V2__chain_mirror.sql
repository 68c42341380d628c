-- The onchain BuilderHub and AuctionSettlement as the service last mirrored them (as of a confirmed block).

create table chain_checkpoints (
    mirror       text primary key,
    block_number bigint      not null,
    block_hash   bytea       not null,
    updated_at   timestamptz not null default now()
);

create table hub_builders (
    address     bytea primary key,
    status      text           not null check (status in ('ACTIVE', 'SUSPENDED', 'BANNED')),
    workload_id bytea          not null,
    admitted    boolean        not null,
    allowed     boolean        not null,
    balance     numeric(78, 0) not null,
    debt        numeric(78, 0) not null,
    as_of_block bigint         not null
);

create table hub_policies (
    version              integer primary key,
    activation_block     bigint         not null,
    format               text           not null,
    reserve_price        numeric(78, 0) not null,
    bid_cutoff_ms        bigint         not null,
    max_bids_per_builder integer        not null,
    min_builder_balance  numeric(78, 0) not null,
    beneficiary          bytea          not null
);

create view hub_builder_standing as
select hex(address) as builder, status, hex(workload_id) as workload_id, admitted, allowed, balance, debt, as_of_block
from hub_builders;
