package dev.gavel.core.testing;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.payload.PayloadIds;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.bidding.seal.BidOpener;
import dev.gavel.bidding.seal.BidSealer;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.HeaderSignatures;
import dev.gavel.bidding.seal.RoundReference;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.admission.Strike;
import dev.gavel.core.admission.StrikeBook;
import dev.gavel.core.escrow.CollateralBook;
import dev.gavel.core.intake.BidIntake;
import dev.gavel.core.intake.BuilderDirectory;
import dev.gavel.core.round.RoundBook;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import java.math.BigInteger;
import java.time.Instant;
import org.web3j.crypto.ECKeyPair;

/** Seeded keys, policies and sealed bids for auction tests. */
public final class AuctionFixtures {
    public static final long CHAIN_ID = 1301;
    public static final Address SETTLEMENT = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    public static final Eip712Domain DOMAIN = Eip712Domain.gavel(CHAIN_ID, SETTLEMENT);
    public static final Address BENEFICIARY = Address.fromHex("0x" + "be".repeat(20));
    public static final HeaderSignatures HEADERS = new HeaderSignatures(DOMAIN);

    private AuctionFixtures() {}

    public static ECKeyPair builderKey(int index) {
        return ECKeyPair.create(BigInteger.valueOf(1_000_003L * (index + 1)));
    }

    public static Address address(ECKeyPair key) {
        return Secp256k1.address(key);
    }

    /** The outcome of round {@code round} (block {@code round}) that nobody won: what a feed of outcomes carries. */
    public static Outcome unwonOutcome(long round) {
        return new Outcome(
                round,
                BlockNumber.of(round),
                Hash32.fromHex("0x" + "0a".repeat(32)),
                PayloadId.fromHex("0x" + "01".repeat(8)),
                AuctionFormat.SECOND_PRICE,
                null,
                null,
                null,
                null,
                0,
                null,
                Instant.parse("2026-11-23T12:00:00Z"));
    }

    public static AuctionPolicy policy(AuctionFormat format, long reserve, int maxBidsPerBuilder) {
        return new AuctionPolicy(1, format, Wei.of(reserve), 100, maxBidsPerBuilder, Wei.ZERO, BENEFICIARY);
    }

    /** A bid of {@code value} by {@code key} and the real block it pays for, built on {@code parent} for {@code attributes}. */
    public static Offer offer(
            ECKeyPair key, BlockNumber number, Hash32 parent, PayloadAttributes attributes, long value, long seed) {
        ExecutionPayloadEnvelope envelope =
                SimulatedBlocks.envelope(number, parent, attributes, Wei.of(value), 5, seed);
        return new Offer(
                new Bid(number, parent, envelope.executionPayload().blockHash(), Wei.of(value), address(key)),
                envelope);
    }

    /** The sealed form of {@link #offer}, signed by {@code key}, for the round of {@code parent} and {@code attributes}. */
    public static SealedBid sealedBid(
            AuctionKeyPair auctionKey,
            ECKeyPair key,
            BlockNumber number,
            Hash32 parent,
            PayloadAttributes attributes,
            long value,
            long seed) {
        Offer offer = offer(key, number, parent, attributes, value, seed);
        return seal(auctionKey, key, offer.bid(), offer.envelope(), roundOf(parent, attributes));
    }

    /** Signs {@code bid} and seals it with {@code envelope} under a header for {@code round}, both signed by {@code signer}. */
    public static SealedBid seal(
            AuctionKeyPair auctionKey,
            ECKeyPair signer,
            Bid bid,
            ExecutionPayloadEnvelope envelope,
            RoundReference round) {
        BidSubmission submission = new BidSubmission(new BidSignatures(DOMAIN).sign(bid, signer), envelope);
        return sealer(auctionKey).seal(submission, round, signer);
    }

    public static BidSealer sealer(AuctionKeyPair auctionKey) {
        return new BidSealer(auctionKey.publicKey(), HEADERS);
    }

    /** The reference a bid's header gives to the round opened on {@code parent} with {@code attributes}. */
    public static RoundReference roundOf(Hash32 parent, PayloadAttributes attributes) {
        return new RoundReference.ByPayloadId(PayloadIds.compute(parent, attributes, RoundBook.PAYLOAD_ID_VERSION));
    }

    /** Intake over {@code rounds} with the fixtures' EIP-712 domain. */
    public static BidIntake intake(
            RoundBook rounds,
            BuilderDirectory directory,
            AuctionKeyPair auctionKey,
            CollateralBook collateral,
            StrikeBook strikes) {
        return new BidIntake(
                rounds, directory, new BidOpener(auctionKey), new BidSignatures(DOMAIN), HEADERS, collateral, strikes);
    }

    /** A strike against {@code builder} for the block {@code block} it won in round {@code roundId}. */
    public static Strike strike(long roundId, Address builder, long block) {
        return new Strike(
                roundId,
                builder,
                BlockNumber.of(block),
                Hash32.fromHex("0x" + "01".repeat(32)),
                Hash32.fromHex("0x" + "02".repeat(32)));
    }

    /** Strikes as the service counts them by default: 3 in 100 auctioned blocks suspend. */
    public static StrikeBook strikes() {
        return new StrikeBook(3, 100);
    }

    /** A bid and the block it pays for. */
    public record Offer(Bid bid, ExecutionPayloadEnvelope envelope) {}
}
