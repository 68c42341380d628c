package dev.gavel.service.data;

/** A data API request refused before any query: its code and a message in the caller's terms. */
final class DataRefusal extends RuntimeException {
    private final DataError error;

    DataRefusal(DataError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    DataError error() {
        return error;
    }
}
