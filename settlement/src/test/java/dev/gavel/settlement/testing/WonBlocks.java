package dev.gavel.settlement.testing;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.db.history.BidReveal;
import dev.gavel.db.history.BidRow;
import dev.gavel.db.history.HistoryWriter;
import dev.gavel.db.history.InclusionChange;
import dev.gavel.db.history.OutcomeRow;
import dev.gavel.db.history.RoundClosure;
import dev.gavel.db.history.RoundRow;
import dev.gavel.db.settlement.PayableOutcome;
import dev.gavel.db.settlement.StoredBid;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.web3j.crypto.Credentials;

/**
 * Won L2 blocks with really signed bids, recorded as the auction service records them: into a PostgreSQL
 * history (round, sealed bids, reveals, outcome, inclusion), or straight into an {@link InMemorySettlementStore}.
 */
public final class WonBlocks {
    private final Recorder recorder;
    private final BidSignatures signatures;
    private final Random random = new Random(11);
    private long nextRound = 1;

    private WonBlocks(Recorder recorder, BidSignatures signatures) {
        this.recorder = recorder;
        this.signatures = signatures;
    }

    /** Won blocks, their bids signed in {@code signatures}' domain, written to the history through {@code writer}. */
    public static WonBlocks inHistory(HistoryWriter writer, BidSignatures signatures) {
        return new WonBlocks(new HistoryRecorder(writer, signatures), signatures);
    }

    /** Won blocks, their bids signed in {@code signatures}' domain, handed to {@code store} as its history would. */
    public static WonBlocks in(InMemorySettlementStore store, BidSignatures signatures) {
        return new WonBlocks(
                new Recorder() {
                    @Override
                    public void won(PayableOutcome outcome, Wei price) {
                        store.won(outcome);
                    }

                    @Override
                    public void include(long roundId, String state) {
                        store.include(roundId, state);
                    }
                },
                signatures);
    }

    /** A block won by {@code winner} at {@code value}, against {@code runnerUp} (or alone when null), now canonical. */
    public long payable(
            long block,
            Credentials winner,
            long value,
            Credentials runnerUp,
            long runnerUpValue,
            String format,
            long price)
            throws Exception {
        long round = won(block, winner, value, runnerUp, runnerUpValue, format, price);
        recorder.include(round, "payable");
        return round;
    }

    /** A second-price block won by {@code winner} alone (so at the reserve), whose block has hash {@code blockHash}, now canonical. */
    public long payableAlone(long block, Hash32 blockHash, Credentials winner, long value) throws Exception {
        long round =
                won(block, blockHash, winner, value, null, 0, "second-price", SettlementWorld.RESERVE.longValueExact());
        recorder.include(round, "payable");
        return round;
    }

    /**
     * A canonical block won by {@code winner} alone whose stored signature is {@code signatureBytes} long: the
     * contract would skip it as badly signed, but a settle call carrying it needs more gas than a block holds
     * (calldata costs at least 40 gas a byte under Prague), so any batch with it fails the node's pre-flight.
     */
    public long poisoned(long block, Credentials winner, long value, int signatureBytes) throws Exception {
        long round = nextRound++;
        Hash32 parent = hash();
        StoredBid signed = signed(winner, block, parent, hash(), value);
        byte[] huge = new byte[signatureBytes];
        Arrays.fill(huge, (byte) 0xff);
        Instant now = Instant.now();
        recorder.won(
                new PayableOutcome(
                        round,
                        BlockNumber.of(block),
                        "second-price",
                        new StoredBid(
                                signed.blockNumber(),
                                signed.parentHash(),
                                signed.blockHash(),
                                signed.value(),
                                signed.builder(),
                                Bytes.of(huge)),
                        null,
                        now,
                        now),
                new Wei(SettlementWorld.RESERVE));
        recorder.include(round, "payable");
        return round;
    }

    /** A won block whose inclusion is not known yet. */
    public long won(
            long block,
            Credentials winner,
            long value,
            Credentials runnerUp,
            long runnerUpValue,
            String format,
            long price)
            throws Exception {
        return won(block, hash(), winner, value, runnerUp, runnerUpValue, format, price);
    }

    /** The won block's inclusion decided: "payable" or "not_included". */
    public void include(long round, String state) throws Exception {
        recorder.include(round, state);
    }

    private long won(
            long block,
            Hash32 blockHash,
            Credentials winner,
            long value,
            Credentials runnerUp,
            long runnerUpValue,
            String format,
            long price)
            throws Exception {
        long round = nextRound++;
        Hash32 parent = hash();
        Instant now = Instant.now();
        recorder.won(
                new PayableOutcome(
                        round,
                        BlockNumber.of(block),
                        format,
                        signed(winner, block, parent, blockHash, value),
                        runnerUp == null ? null : signed(runnerUp, block, parent, hash(), runnerUpValue),
                        now,
                        now),
                Wei.of(price));
        return round;
    }

    private StoredBid signed(Credentials builder, long block, Hash32 parent, Hash32 blockHash, long value) {
        Bid bid =
                new Bid(BlockNumber.of(block), parent, blockHash, Wei.of(value), Address.fromHex(builder.getAddress()));
        return new StoredBid(
                bid.blockNumber(),
                bid.parentHash(),
                bid.blockHash(),
                bid.value(),
                bid.builder(),
                Bytes.of(
                        signatures.sign(bid, builder.getEcKeyPair()).signature().toArray()));
    }

    private Hash32 hash() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Hash32.of(bytes);
    }

    /** Where won blocks go. */
    private interface Recorder {
        void won(PayableOutcome outcome, Wei price) throws Exception;

        void include(long roundId, String state) throws Exception;
    }

    /** The rows the auction service writes for a won block: round, sealed bids, their reveals and the outcome. */
    private record HistoryRecorder(HistoryWriter writer, BidSignatures signatures) implements Recorder {
        @Override
        public void won(PayableOutcome outcome, Wei price) throws Exception {
            StoredBid winner = outcome.winner();
            writer.write(new RoundRow(
                    outcome.roundId(),
                    PayloadId.of(new byte[8]),
                    outcome.blockNumber(),
                    winner.parentHash(),
                    Quantity.of(outcome.closedAt().getEpochSecond()),
                    "{}",
                    1,
                    outcome.format(),
                    new Wei(SettlementWorld.RESERVE),
                    100,
                    4,
                    Wei.ZERO,
                    Address.of(new byte[20]),
                    outcome.closedAt(),
                    outcome.closedAt()));
            List<BidReveal> reveals = new ArrayList<>();
            UUID won = sealedBid(outcome, winner, reveals);
            UUID second = outcome.runnerUp() == null ? null : sealedBid(outcome, outcome.runnerUp(), reveals);
            OutcomeRow row = new OutcomeRow(
                    outcome.roundId(),
                    outcome.blockNumber(),
                    winner.parentHash(),
                    PayloadId.of(new byte[8]),
                    outcome.format(),
                    winner.builder(),
                    won,
                    winner.value(),
                    price,
                    outcome.runnerUp() == null ? null : outcome.runnerUp().builder(),
                    second,
                    outcome.runnerUp() == null ? null : outcome.runnerUp().value(),
                    reveals.size(),
                    winner.blockHash(),
                    outcome.closedAt());
            writer.write(new RoundClosure(
                            outcome.roundId(), RoundClosure.Status.CLOSED, outcome.closedAt(), reveals, row))
                    .get();
        }

        @Override
        public void include(long roundId, String state) throws Exception {
            writer.write(new InclusionChange(roundId, state)).get();
        }

        /** An accepted bid, stored sealed; its reveal is added to {@code reveals}. */
        private UUID sealedBid(PayableOutcome outcome, StoredBid bid, List<BidReveal> reveals) {
            UUID id = UUID.randomUUID();
            writer.write(new BidRow(
                    id,
                    outcome.roundId(),
                    null,
                    null,
                    outcome.closedAt(),
                    1_000,
                    bid.blockNumber(),
                    bid.parentHash(),
                    bid.builder(),
                    1,
                    Bytes.of(new byte[32]),
                    Bytes.of(new byte[64]),
                    new BidRow.StageMicros(1, 1, 1, 1, 1)));
            reveals.add(new BidReveal(
                    id,
                    outcome.closedAt(),
                    signatures.digest(
                            new Bid(bid.blockNumber(), bid.parentHash(), bid.blockHash(), bid.value(), bid.builder())),
                    bid.blockHash(),
                    bid.value(),
                    bid.signature(),
                    30_000_000,
                    2));
            return id;
        }
    }
}
