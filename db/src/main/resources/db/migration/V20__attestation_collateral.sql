-- Intel's collateral as the service last fetched it from the PCS (or a PCCS): one row per document, kept as
-- served, so that a restart while the PCS is unreachable starts from the last good collateral. Numbered 20 so
-- that it stays clear of the migrations other branches add.
create table attestation_collateral (
    kind                        text        not null check (kind in ('root-crl', 'pck-crl', 'qe-identity', 'tcb-info')),
    key                         text        not null,
    body                        bytea       not null,
    issuer_chain                bytea       not null,
    issued_at                   timestamptz not null,
    next_update                 timestamptz not null,
    fetched_at                  timestamptz not null,
    tcb_evaluation_data_number  integer,
    primary key (kind, key)
);
comment on column attestation_collateral.key is 'the FMSPC of a TCB info (12 hex digits), the CA of a PCK CRL (platform or processor), TD_QE for the QE identity, empty for the Root CA CRL';
comment on column attestation_collateral.body is 'exactly as served: the PCS JSON document, or the CRL as DER';
comment on column attestation_collateral.issuer_chain is 'the PEM issuer chain of the signer, from the response header (empty for the Root CA CRL)';

create view attestation_collateral_status as
select kind, key, issued_at, next_update, fetched_at, tcb_evaluation_data_number
from attestation_collateral
order by kind, key;
