package dev.gavel.simulation;

import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.util.List;

/**
 * What a hostile builder does unlike an honest one ({@code gavel devnet --hostile}), and what should stop it: each
 * is the attack of one finding of issue 12.
 */
public enum Hostility {
    /** Bids a thousand times the honest values from a deposit of 1,000 wei: refused INSUFFICIENT_ESCROW. */
    OVERBIDS,
    /** Requested the withdrawal of its whole deposit and keeps bidding: refused INSUFFICIENT_ESCROW. */
    WITHDRAWING,
    /** Its blocks carry execution requests, which an OP Stack block must not: EXECUTION_REQUESTS_NOT_EMPTY. */
    EXECUTION_REQUESTS,
    /** Sends Cancun-shaped blocks (no withdrawalsRoot, no execution requests) to Isthmus rounds: WRONG_PAYLOAD_VERSION. */
    WRONG_FORK,
    /**
     * Outbids everyone with blocks whose state root is wrong. Gavel, executing nothing, takes them; the sequencer's
     * execution client refuses them, so each win is a strike and enough strikes suspend it (SUSPENDED).
     */
    WRONG_STATE_ROOT;

    /**
     * The state root of this simulation's wrong blocks: its execution client (in {@link SimulatedRollupBoost})
     * refuses a block carrying it, as a real one refuses a block whose state root execution does not reproduce.
     */
    public static final Hash32 WRONG_ROOT = Hash32.fromHex("0x" + "0bad".repeat(16));

    /** What this builder bids where an honest one would bid {@code honest}. */
    long value(long honest, long honestMax) {
        return switch (this) {
            case OVERBIDS -> honest * 1_000;
            case WRONG_STATE_ROOT -> honestMax * 2;
            default -> honest;
        };
    }

    /** Its block where an honest builder's would be {@code honest}. */
    ExecutionPayloadEnvelope block(ExecutionPayloadEnvelope honest) {
        return switch (this) {
            case EXECUTION_REQUESTS ->
                new ExecutionPayloadEnvelope(
                        honest.executionPayload(),
                        honest.blockValue(),
                        honest.blobsBundle(),
                        false,
                        honest.parentBeaconBlockRoot(),
                        List.of(Bytes.fromHex("0x01" + "ab".repeat(76))));
            case WRONG_FORK ->
                new ExecutionPayloadEnvelope(
                        honest.executionPayload().withoutWithdrawalsRoot(),
                        honest.blockValue(),
                        honest.blobsBundle(),
                        false,
                        honest.parentBeaconBlockRoot(),
                        null);
            case WRONG_STATE_ROOT -> SimulatedBlocks.withStateRoot(honest, WRONG_ROOT);
            default -> honest;
        };
    }
}
