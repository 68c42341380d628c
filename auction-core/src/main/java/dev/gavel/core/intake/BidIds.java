package dev.gavel.core.intake;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * A bid's id: a UUID version 7 (RFC 9562), its first 48 bits the millisecond of its arrival and the rest
 * random, so that ids sort by arrival and new rows land at the end of the history's indexes.
 */
public final class BidIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private BidIds() {}

    public static UUID arrivedAt(Instant receivedAt) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long millis = receivedAt.toEpochMilli();
        long high = (millis << 16) | 0x7000L | ((random[0] & 0x0fL) << 8) | (random[1] & 0xffL);
        long low = 0x8000_0000_0000_0000L | (bits(random, 2) & 0x3fff_ffff_ffff_ffffL);
        return new UUID(high, low);
    }

    private static long bits(byte[] bytes, int from) {
        long value = 0;
        for (int i = from; i < from + 8; i++) {
            value = (value << 8) | (bytes[i] & 0xffL);
        }
        return value;
    }
}
