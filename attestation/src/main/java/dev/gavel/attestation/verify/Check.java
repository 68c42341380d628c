package dev.gavel.attestation.verify;

/** The steps of DCAP verification, in the order they run (Intel's QVL order, then the acceptance policy). */
public enum Check {
    PARSE,
    HEADER,
    PCK_CHAIN,
    PCK_REVOCATION,
    PCK_EXTENSION,
    QE_REPORT_SIGNATURE,
    ATTESTATION_KEY_BINDING,
    QUOTE_SIGNATURE,
    COLLATERAL_SIGNATURES,
    COLLATERAL_FRESHNESS,
    QE_IDENTITY,
    TCB_INFO_MATCH,
    TDX_MODULE,
    TCB_LEVEL,
    TCB_EVALUATION_DATA_NUMBER,
    DEBUG,
    TD_ATTRIBUTES,
    SERVICE_TD,
    TCB_STATUS_ACCEPTED
}
