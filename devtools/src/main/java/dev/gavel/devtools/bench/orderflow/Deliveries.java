package dev.gavel.devtools.bench.orderflow;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.devtools.bench.Latencies;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.OptionalInt;
import java.util.OptionalLong;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * What one builder saw on the channel: which sequence numbers reached it (so what it missed, as a builder would
 * count it from the gaps), repeats, the service's {@code gap} notices, how often it was closed and why, and how
 * long each timed transaction took from its sending to its receipt (and from its publication by the service). A
 * message is read only as far as its sequence number, time and hash (they come before the transaction's bytes).
 */
final class Deliveries {
    private final SendTimes sent;
    private final BitSet received = new BitSet();
    private final Latencies latencies = new Latencies();
    private final Latencies fromPublication = new Latencies();
    private long firstExpected = -1;
    private long highest;
    private long repeats;
    private long gapNotices;
    private long closes;
    private long tooSlowCloses;
    private long unknown;

    Deliveries(SendTimes sent) {
        this.sent = sent;
    }

    /** The service welcomed this builder; the first time, its stream starts after {@code latestSequence}. */
    synchronized void welcomed(long latestSequence) {
        if (firstExpected < 0) {
            firstExpected = latestSequence + 1;
            highest = latestSequence;
        }
    }

    /** The last sequence number seen, for resuming; empty before the first welcome. */
    synchronized OptionalLong lastSequence() {
        return firstExpected < 0 ? OptionalLong.empty() : OptionalLong.of(highest);
    }

    synchronized void received(String message, long receivedAt, Instant receivedAtWall) {
        long sequence = -1;
        String hash = null;
        Instant published = null;
        try (JsonParser parser = WireJson.MAPPER.createParser(message)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.PROPERTY_NAME && (sequence < 0 || hash == null)) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "type" -> {
                        if (parser.getString().equals("gap")) {
                            gapNotices++;
                            return;
                        }
                    }
                    case "sequence" -> sequence = parser.getLongValue();
                    case "time" -> published = Instant.parse(parser.getString());
                    case "hash" -> hash = parser.getString();
                    default -> {
                        if (value.isStructStart()) {
                            parser.skipChildren();
                        }
                    }
                }
            }
        }
        if (sequence < firstExpected || sequence > Integer.MAX_VALUE) {
            unknown++;
            return;
        }
        if (received.get((int) sequence)) {
            repeats++;
            return;
        }
        received.set((int) sequence);
        highest = Math.max(highest, sequence);
        OptionalInt index = hash == null ? OptionalInt.empty() : sent.index(hash);
        if (index.isEmpty()) {
            unknown++;
            return;
        }
        OptionalLong sentAt = sent.timedSendTime(index.getAsInt());
        if (sentAt.isPresent()) {
            latencies.record(receivedAt - sentAt.getAsLong());
            if (published != null) {
                fromPublication.record(
                        Duration.between(published, receivedAtWall).toNanos());
            }
        }
    }

    synchronized void closed(String reason) {
        closes++;
        if (reason != null && reason.startsWith("too slow")) {
            tooSlowCloses++;
        }
    }

    /** How many of the messages up to {@code lastPublished} reached it, and what it missed, now. */
    synchronized Tally tally(long lastPublished) {
        long first = Math.max(firstExpected, 1);
        long got = received.cardinality();
        long upToHighest = highest - first + 1;
        return new Tally(
                got,
                Math.max(0, upToHighest - got),
                Math.max(0, lastPublished - highest),
                repeats,
                gapNotices,
                closes,
                tooSlowCloses,
                unknown);
    }

    /** Send → receipt, of the timed transactions. */
    Latencies latencies() {
        return latencies;
    }

    /**
     * The service's publication (the message's {@code time}) → receipt, of the timed transactions: the fan-out's
     * part of the delivery, to the wall clock's precision.
     */
    Latencies fromPublication() {
        return fromPublication;
    }

    /**
     * {@code missed}: sequence numbers below the highest it received that never reached it (what a builder
     * counts from gaps); {@code unread}: those after it, published but not yet read when the bench stopped.
     */
    record Tally(
            long received,
            long missed,
            long unread,
            long repeats,
            long gapNotices,
            long closes,
            long tooSlowCloses,
            long unknown) {}
}
