package dev.gavel.settlement.testing;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.db.history.BidReveal;
import dev.gavel.db.history.BidRow;
import dev.gavel.db.history.HistoryWriter;
import dev.gavel.db.history.InclusionChange;
import dev.gavel.db.history.OutcomeRow;
import dev.gavel.db.history.RoundClosure;
import dev.gavel.db.history.RoundRow;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.web3j.crypto.Credentials;

/** Won L2 blocks written to the history as the auction service writes them: round, signed bids, outcome, inclusion. */
public final class WonBlocks {
    private final HistoryWriter writer;
    private final SettlementWorld world;
    private final Random random = new Random(11);
    private long nextRound = 1;

    public WonBlocks(HistoryWriter writer, SettlementWorld world) {
        this.writer = writer;
        this.world = world;
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
        writer.write(new InclusionChange(round, "payable")).get();
        return round;
    }

    /** A second-price block won by {@code winner} alone (so at the reserve), whose block has hash {@code blockHash}, now canonical. */
    public long payableAlone(long block, Hash32 blockHash, Credentials winner, long value) throws Exception {
        long round =
                won(block, blockHash, winner, value, null, 0, "second-price", SettlementWorld.RESERVE.longValueExact());
        writer.write(new InclusionChange(round, "payable")).get();
        return round;
    }

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
        writer.write(new RoundRow(
                round,
                PayloadId.of(new byte[8]),
                BlockNumber.of(block),
                parent,
                Quantity.of(now.getEpochSecond()),
                "{}",
                1,
                format,
                new Wei(SettlementWorld.RESERVE),
                100,
                4,
                Wei.ZERO,
                Address.of(new byte[20]),
                now,
                now));
        List<BidReveal> reveals = new ArrayList<>();
        BidReveal won = sealedBid(round, winner, block, parent, blockHash, value, reveals);
        UUID second = runnerUp == null
                ? null
                : sealedBid(round, runnerUp, block, parent, hash(), runnerUpValue, reveals)
                        .bidId();
        OutcomeRow outcome = new OutcomeRow(
                round,
                BlockNumber.of(block),
                parent,
                PayloadId.of(new byte[8]),
                format,
                addressOf(winner),
                won.bidId(),
                Wei.of(value),
                Wei.of(price),
                runnerUp == null ? null : addressOf(runnerUp),
                second,
                runnerUp == null ? null : Wei.of(runnerUpValue),
                reveals.size(),
                won.blockHash(),
                now);
        writer.write(new RoundClosure(round, RoundClosure.Status.CLOSED, now, reveals, outcome))
                .get();
        return round;
    }

    /** An accepted bid, stored sealed; its reveal is added to {@code reveals} and returned. */
    private BidReveal sealedBid(
            long round,
            Credentials builder,
            long block,
            Hash32 parent,
            Hash32 blockHash,
            long value,
            List<BidReveal> reveals) {
        UUID id = UUID.randomUUID();
        Bid bid = world.bid(builder, block, parent, blockHash, value);
        writer.write(new BidRow(
                id,
                round,
                null,
                null,
                Instant.now(),
                1_000,
                BlockNumber.of(block),
                parent,
                addressOf(builder),
                1,
                Bytes.of(new byte[32]),
                Bytes.of(new byte[64]),
                new BidRow.StageMicros(1, 1, 1, 1, 1)));
        BidReveal reveal = new BidReveal(
                id, world.signatures.digest(bid), bid.blockHash(), bid.value(), Bytes.of(world.sign(bid, builder)));
        reveals.add(reveal);
        return reveal;
    }

    private static Address addressOf(Credentials key) {
        return Address.fromHex(key.getAddress());
    }

    private Hash32 hash() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Hash32.of(bytes);
    }
}
