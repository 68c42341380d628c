package dev.gavel.bidding.bid;

/**
 * Why a bid was refused: a stable machine-readable code and the HTTP status it is answered with.
 * Listed in the order intake checks them, cheapest first.
 */
public enum RejectionCode {
    BODY_TOO_LARGE(413),
    MALFORMED_REQUEST(400),
    UNSUPPORTED_VERSION(400),
    /** A bid on the builder channel that names another builder than the one logged in on it. */
    NOT_CHANNEL_BUILDER(403),
    UNKNOWN_KEY_ID(400),
    UNKNOWN_ROUND(409),
    WRONG_PARENT(409),
    ROUND_CLOSED(409),
    LATE_BID(409),
    UNKNOWN_BUILDER(403),
    SUSPENDED(403),
    TOO_MANY_BIDS(429),
    RATE_LIMITED(429),
    TOO_SLOW(408),
    DECRYPTION_FAILED(400),
    MALFORMED_BID(400),
    HEADER_MISMATCH(422),
    BAD_SIGNATURE(400),
    SIGNER_MISMATCH(403),
    PAYLOAD_MISMATCH(422),
    WRONG_BLOCK_NUMBER(422),
    WRONG_TIMESTAMP(422),
    WRONG_PREV_RANDAO(422),
    WRONG_FEE_RECIPIENT(422),
    WRONG_GAS_LIMIT(422),
    WRONG_PARENT_BEACON_BLOCK_ROOT(422),
    WITHDRAWALS_NOT_EMPTY(422),
    WRONG_EXTRA_DATA(422),
    MISSING_FORCED_TRANSACTIONS(422),
    GAS_LIMIT_EXCEEDED(422),
    UNDECODABLE_TRANSACTION(422),
    BLOB_TRANSACTION(422),
    BLOCK_HASH_MISMATCH(422),
    WRONG_PAYLOAD_VERSION(422),
    EXECUTION_REQUESTS_NOT_EMPTY(422),
    WRONG_BASE_FEE(422),
    BELOW_RESERVE(422),
    INSUFFICIENT_ESCROW(422),
    DUPLICATE_BID(409),
    UNAVAILABLE(503);

    private final int httpStatus;

    RejectionCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
