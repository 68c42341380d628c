package dev.gavel.devtools.bench;

import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.payload.PayloadIds;
import dev.gavel.bidding.seal.RoundReference;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.round.RoundBook;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The benchmark's L2, fixed in advance: every block is the sequencer's own, so every round's parent and
 * attributes are known before the run and its bids can be built off the measured path. Timestamps start a
 * day ahead, one second apart, so no bid cut-off passes before getPayload closes the round.
 */
final class BenchChain {
    private final Random random;
    private final ExecutionPayloadEnvelope genesis;
    private ExecutionPayloadEnvelope head;

    BenchChain(long firstBlock) {
        this.random = new Random(firstBlock);
        PayloadAttributes attributes = SimulatedBlocks.attributes(
                Instant.now().plus(Duration.ofDays(1)).getEpochSecond(), random.nextLong());
        this.genesis = SimulatedBlocks.envelope(
                BlockNumber.of(firstBlock), SimulatedBlocks.hash(random), attributes, Wei.ZERO, 1, random.nextLong());
        this.head = genesis;
    }

    /** The block the first planned round builds on. */
    ExecutionPayloadEnvelope genesis() {
        return genesis;
    }

    /** The round after the last one planned. */
    Plan next() {
        BlockNumber number = head.executionPayload().blockNumber().next();
        Hash32 parent = head.executionPayload().blockHash();
        long timestamp = head.executionPayload().timestamp().value() + 1;
        PayloadAttributes attributes = SimulatedBlocks.attributes(timestamp, random.nextLong());
        ExecutionPayloadEnvelope own =
                SimulatedBlocks.envelope(number, parent, attributes, Wei.ZERO, 2, random.nextLong());
        Plan plan = new Plan(number, parent, attributes, own);
        head = own;
        return plan;
    }

    /** One round: the block it is for, its parent and attributes, and the block the sequencer makes canonical after it. */
    record Plan(BlockNumber number, Hash32 parent, PayloadAttributes attributes, ExecutionPayloadEnvelope own) {
        /** The round's reference in a bid header: the payload id Gavel will answer its forkchoice update with. */
        RoundReference round() {
            return new RoundReference.ByPayloadId(PayloadIds.compute(parent, attributes, RoundBook.PAYLOAD_ID_VERSION));
        }
    }
}
