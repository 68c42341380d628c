package dev.gavel.service.data;

/** Why a data API request was refused: a stable code and its HTTP status (docs/analytics.md, docs/builder-api.md). */
public enum DataError {
    UNKNOWN_PARAMETER(400),
    REPEATED_PARAMETER(400),
    INVALID_PARAMETER(400),
    INVALID_RANGE(400),
    INVALID_LIMIT(400),
    INVALID_CURSOR(400),
    UNSUPPORTED_FORMAT(400),
    QUERY_EXPIRED(401),
    BAD_SIGNATURE(400),
    SIGNER_MISMATCH(403),
    UNAVAILABLE(503);

    private final int httpStatus;

    DataError(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
