-- A strike: a won block that did not become canonical (the safe chain holds another block at its height), kept
-- with the block. Strikes within gavel.strikes.window-blocks of the highest one are counted again at start-up,
-- so a restart does not lift a suspension.
create table strikes (
    round_id             bigint primary key references outcomes (round_id),
    builder              bytea       not null,
    block_number         bigint      not null,
    won_block_hash       bytea       not null,
    canonical_block_hash bytea       not null,
    struck_at            timestamptz not null default now()
);
create index strikes_block_number_idx on strikes (block_number);
create index strikes_builder_idx on strikes (builder, block_number);
