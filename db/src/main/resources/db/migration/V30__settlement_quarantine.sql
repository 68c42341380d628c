-- An outcome whose settle call fails on its own (the node's pre-flight says so while settle([]) passes) is set
-- aside as 'quarantined', with the node's reason in skip_reason, so that it cannot hold back the others. An
-- operator who has dealt with the cause makes it payable again:
--   update outcome_settlements set state = 'payable', skip_reason = null where round_id = …;
alter table outcome_settlements drop constraint outcome_settlements_state_check;
alter table outcome_settlements add constraint outcome_settlements_state_check
    check (state in ('pending', 'payable', 'not_included', 'submitted', 'settled', 'skipped', 'quarantined'));
comment on column outcome_settlements.skip_reason is 'skipped: the contract''s reason; quarantined: why the settle call fails with this outcome alone';
