package dev.gavel.benchmarks;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.bid.SignedBid;
import dev.gavel.bidding.block.BlockHashes;
import dev.gavel.bidding.block.ChainFamily;
import dev.gavel.bidding.block.ChainSpec;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.seal.BidHeader;
import dev.gavel.bidding.seal.BidOpener;
import dev.gavel.bidding.seal.BidSealer;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.HeaderSignatures;
import dev.gavel.bidding.seal.RoundReference;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.seal.SubmissionRlp;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.admission.StrikeBook;
import dev.gavel.core.escrow.CollateralBook;
import dev.gavel.core.intake.BidIntake;
import dev.gavel.core.intake.BuilderDirectory;
import dev.gavel.core.intake.IntakeResult;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundBook;
import dev.gavel.devtools.bench.IntakeFloor;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.web3j.crypto.ECKeyPair;

/**
 * Intake of one sealed bid, whole and by step, against the floor (header signature recovery + HPKE open + bid
 * signature recovery + block hashing): what `gavel bench` reports as intake CPU ÷ floor, without the HTTP server and the database.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class IntakeBenchmark {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Param({"16384", "262144"})
    int payloadBytes;

    /** JSON (hex in JSON, a JSON plaintext) or BINARY (a frame, an RLP plaintext). */
    @Param({"JSON", "BINARY"})
    BidEncoding encoding;

    private byte[] body;
    private SealedBid sealed;
    private byte[] plaintext;
    private SignedBid signed;
    private BidSubmission submission;
    private ExecutionPayloadEnvelope envelope;
    private BidOpener opener;
    private BidSignatures signatures;
    private HeaderSignatures headers;
    private BidHeader header;
    private BidIntake intake;
    private final CollateralBook collateral = new CollateralBook();

    @Setup
    public void setUp() throws Exception {
        AuctionKeyPair auctionKey = AuctionKeyPair.generate(1);
        ECKeyPair builder = ECKeyPair.create(BigInteger.valueOf(0xb1d));
        Address builderAddress = Secp256k1.address(builder);
        Eip712Domain domain = Eip712Domain.gavel(901, Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
        signatures = new BidSignatures(domain);
        headers = new HeaderSignatures(domain);
        opener = new BidOpener(auctionKey);
        RoundBook rounds = new RoundBook(
                Clock.fixed(NOW, ZoneOffset.UTC),
                block -> new AuctionPolicy(
                        1, AuctionFormat.SECOND_PRICE, Wei.ZERO, 100, Integer.MAX_VALUE, Wei.ZERO, builderAddress),
                ChainSpec.LATEST);
        PayloadAttributes attributes =
                SimulatedBlocks.attributes(NOW.plusSeconds(2).getEpochSecond(), 1);
        Hash32 parent = Hash32.fromHex("0x" + "0a".repeat(32));
        Round round =
                rounds.open(parent, BlockNumber.of(41), attributes, r -> {}).round();
        envelope = SimulatedBlocks.envelope(
                round.blockNumber(),
                parent,
                attributes,
                Wei.of(1),
                payloadBytes / SimulatedBlocks.TYPICAL_TRANSACTION_BYTES,
                7);
        signed = signatures.sign(
                new Bid(
                        round.blockNumber(),
                        parent,
                        envelope.executionPayload().blockHash(),
                        Wei.of(1_000),
                        builderAddress),
                builder);
        submission = new BidSubmission(signed, envelope);
        byte[] sealedPlaintext =
                encoding == BidEncoding.BINARY ? SubmissionRlp.encode(submission) : WireJson.write(submission);
        sealed = new BidSealer(auctionKey.publicKey(), headers)
                .seal(sealedPlaintext, signed.bid(), new RoundReference.ByPayloadId(round.payloadId()), builder);
        header = BidHeader.decode(sealed.header());
        body = encoding.body(sealed);
        plaintext = opener.open(header, sealed);
        BuilderDirectory everyone = (address, policy) -> Optional.empty();
        intake = new BidIntake(rounds, everyone, opener, signatures, headers, collateral, new StrikeBook(3, 100));
    }

    /** The whole of intake; the admitted bid is withdrawn (and its escrow given back) so every call admits the same bid. */
    @Benchmark
    public IntakeResult intake() {
        IntakeResult result = intake.evaluate(body, encoding, NOW, accepted -> {});
        if (result instanceof IntakeResult.Accepted accepted) {
            accepted.round().withdraw(accepted.bid());
            collateral.release(
                    accepted.bid().builder(),
                    accepted.round().id(),
                    accepted.bid().value());
        }
        return result;
    }

    @Benchmark
    public Hash32 floor() throws Exception {
        return IntakeFloor.oneBid(opener, sealed, submission, signatures, headers);
    }

    @Benchmark
    public SealedBid decodeSealedBid() {
        return encoding == BidEncoding.BINARY ? SealedBid.fromFrame(body) : WireJson.read(body, SealedBid.class);
    }

    @Benchmark
    public byte[] hpkeOpen() throws Exception {
        return opener.open(header, sealed);
    }

    @Benchmark
    public Address recoverHeaderSigner() throws Exception {
        return headers.recover(sealed.header().toArray(), sealed.headerSignature());
    }

    @Benchmark
    public BidSubmission decodeSubmission() {
        return encoding == BidEncoding.BINARY
                ? SubmissionRlp.decode(plaintext)
                : WireJson.read(plaintext, BidSubmission.class);
    }

    @Benchmark
    public Address recoverSigner() throws Exception {
        return signatures.recover(signed);
    }

    @Benchmark
    public Hash32 blockHash() {
        return BlockHashes.compute(
                envelope.executionPayload(),
                envelope.parentBeaconBlockRoot(),
                envelope.executionRequests(),
                ChainFamily.OP_STACK);
    }

    /** What getPayload spends encoding the winner's envelope for rollup-boost. */
    @Benchmark
    public byte[] encodeWinner() {
        return WireJson.write(envelope);
    }
}
