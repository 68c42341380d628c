package dev.gavel.benchmarks;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.bid.SignedBid;
import dev.gavel.bidding.block.ChainSpec;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.round.AcceptedBid;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundBook;
import dev.gavel.core.round.RoundResult;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.web3j.crypto.ECKeyPair;

/** Closing a second-price round holding 100 bids of 16 builders: what getPayload waits for before it answers. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoundCloseBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final int BIDS = 100;
    private static final int BUILDERS = 16;

    private final List<AcceptedBid> bids = new ArrayList<>();
    private PayloadAttributes attributes;
    private RoundBook rounds;
    private Round round;

    @Setup(Level.Trial)
    public void signBids() {
        BidSignatures signatures = new BidSignatures(
                Eip712Domain.gavel(901, Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3")));
        attributes = SimulatedBlocks.attributes(NOW.plusSeconds(2).getEpochSecond(), 1);
        Hash32 parent = Hash32.fromHex("0x" + "0a".repeat(32));
        Random random = new Random(100);
        for (int i = 0; i < BIDS; i++) {
            ECKeyPair builder = ECKeyPair.create(BigInteger.valueOf(0xb00 + i % BUILDERS));
            ExecutionPayloadEnvelope envelope =
                    SimulatedBlocks.envelope(BlockNumber.of(42), parent, attributes, Wei.of(1), 1, i);
            Bid bid = new Bid(
                    BlockNumber.of(42),
                    parent,
                    envelope.executionPayload().blockHash(),
                    Wei.of(1_000 + random.nextInt(1_000_000)),
                    Secp256k1.address(builder));
            SignedBid signed = signatures.sign(bid, builder);
            bids.add(new AcceptedBid(UUID.randomUUID(), i, NOW, signatures.digest(bid), signed, envelope));
        }
    }

    @Setup(Level.Invocation)
    public void openFullRound() {
        rounds = new RoundBook(
                Clock.fixed(NOW, ZoneOffset.UTC),
                block -> new AuctionPolicy(
                        1,
                        AuctionFormat.SECOND_PRICE,
                        Wei.of(100),
                        100,
                        BIDS,
                        Wei.ZERO,
                        bids.getFirst().builder()),
                ChainSpec.LATEST);
        round = rounds.open(Hash32.fromHex("0x" + "0a".repeat(32)), BlockNumber.of(41), attributes, r -> {})
                .round();
        for (AcceptedBid bid : bids) {
            round.admit(bid, () -> {});
            round.confirmDurable(bid);
        }
    }

    @Benchmark
    public RoundResult close() {
        return rounds.close(round.payloadId()).orElseThrow();
    }
}
