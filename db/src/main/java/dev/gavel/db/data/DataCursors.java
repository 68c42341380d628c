package dev.gavel.db.data;

import dev.gavel.primitives.Address;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cursors the data API hands out: the key of a page's last row, so that the next page starts right after it.
 * A round's id; a bid's arrival in microseconds and id ({@code 1764447300123456.0193…}); a builder's address.
 * A cursor that is not one of these is refused with {@link InvalidCursorException}.
 */
public final class DataCursors {
    private static final Pattern ROUND = Pattern.compile("[0-9]{1,18}");
    private static final Pattern BID =
            Pattern.compile("([0-9]{1,18})\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

    private DataCursors() {}

    static long roundId(String cursor) {
        if (!ROUND.matcher(cursor).matches()) {
            throw new InvalidCursorException("a round cursor is a round id (decimal), got '" + cursor + "'");
        }
        return Long.parseLong(cursor);
    }

    static Address address(String cursor) {
        try {
            return Address.fromHex(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException(
                    "a builder cursor is a builder's address (0x and 40 hex digits), got '" + cursor + "'");
        }
    }

    static BidKey bidKey(String cursor) {
        Matcher matcher = BID.matcher(cursor);
        if (!matcher.matches()) {
            throw new InvalidCursorException(
                    "a bid cursor is <arrival in microseconds>.<bid id>, as the previous page gave it, got '" + cursor
                            + "'");
        }
        long micros = Long.parseLong(matcher.group(1));
        return new BidKey(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(matcher.group(2)));
    }

    static String bidCursor(Instant receivedAt, UUID bidId) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, receivedAt) + "." + bidId;
    }

    record BidKey(Instant receivedAt, UUID bidId) {}

    /** A cursor this API did not hand out. */
    public static final class InvalidCursorException extends IllegalArgumentException {
        InvalidCursorException(String message) {
            super(message);
        }
    }
}
