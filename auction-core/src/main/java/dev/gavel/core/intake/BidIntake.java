package dev.gavel.core.intake;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.InvalidSignatureException;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.seal.BidOpener;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.seal.UnopenableBidException;
import dev.gavel.core.round.AcceptedBid;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundBook;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;

/**
 * Bid intake as a checklist of guards, cheapest first (DESIGN §2 step 2): decode → auction key → round
 * open and bid in time → builder admitted → bid limit → HPKE open → header matches the signed bid →
 * signature recovers the builder → payload is the bid's block → payload conforms to the round's attributes
 * → payload hashes to its block hash → value ≥ reserve → admission to the round.
 * Pure CPU work, no I/O: making the bid durable is the caller's job.
 */
public final class BidIntake {
    private final RoundBook rounds;
    private final BuilderDirectory directory;
    private final BidOpener opener;
    private final BidSignatures signatures;
    private final AtomicLong arrivals = new AtomicLong();

    public BidIntake(RoundBook rounds, BuilderDirectory directory, BidOpener opener, BidSignatures signatures) {
        this.rounds = rounds;
        this.directory = directory;
        this.opener = opener;
        this.signatures = signatures;
    }

    /**
     * Runs the guards over one request body. {@code whileAdmitting} is called with an accepted bid while
     * its round is locked, so that recording it cannot race the round's close.
     */
    public IntakeResult evaluate(byte[] body, Instant receivedAt, Consumer<IntakeResult.Accepted> whileAdmitting) {
        StageTimings.Recorder stages = new StageTimings.Recorder();
        BidAttempt attempt = BidAttempt.unread(receivedAt, body.length);
        try {
            SealedBid sealed = decode(body);
            attempt = new BidAttempt(
                    receivedAt, body.length, null, sealed.blockNumber(), sealed.parentHash(), sealed.builder());
            requireAuctionKey(sealed);
            stages.lap();
            Round round = route(sealed);
            attempt = new BidAttempt(
                    receivedAt, body.length, round.id(), sealed.blockNumber(), sealed.parentHash(), sealed.builder());
            requireRoom(round, sealed.builder(), receivedAt);
            requireAdmitted(round, sealed.builder());
            stages.lap();
            BidSubmission submission = open(sealed);
            stages.lap();
            Bid bid = submission.bid().bid();
            requireHeaderMatches(sealed, bid);
            Hash32 digest = signatures.digest(bid);
            requireSignedByBuilder(submission, digest);
            stages.lap();
            require(PayloadChecks.matchesBid(bid, submission.envelope().executionPayload()));
            require(PayloadChecks.conformsToRound(round, submission.envelope()));
            require(PayloadChecks.hashesToItsBlockHash(submission.envelope()));
            requireReserve(round, bid);
            AcceptedBid accepted = new AcceptedBid(
                    UUID.randomUUID(),
                    arrivals.incrementAndGet(),
                    receivedAt,
                    digest,
                    submission.bid(),
                    submission.envelope());
            stages.lap();
            IntakeResult.Accepted result =
                    new IntakeResult.Accepted(round, accepted, sealed, attempt, stages.timings());
            admit(round, accepted, () -> whileAdmitting.accept(result));
            return result;
        } catch (Refused refused) {
            return new IntakeResult.Rejected(refused.rejection, attempt, stages.timings());
        }
    }

    private static SealedBid decode(byte[] body) throws Refused {
        try {
            return WireJson.read(body, SealedBid.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw refuse(RejectionCode.MALFORMED_REQUEST, "not a sealed bid: " + describe(e));
        }
    }

    private void requireAuctionKey(SealedBid sealed) throws Refused {
        if (sealed.keyId() != opener.keyId()) {
            throw refuse(
                    RejectionCode.UNKNOWN_KEY_ID,
                    "bid is sealed to key id " + sealed.keyId() + "; the auction key id is " + opener.keyId());
        }
    }

    private Round route(SealedBid sealed) throws Refused {
        return switch (rounds.route(sealed.blockNumber(), sealed.parentHash())) {
            case RoundBook.Routing.Found found -> found.round();
            case RoundBook.Routing.WrongParent wrong ->
                throw refuse(
                        RejectionCode.WRONG_PARENT,
                        "the round for block " + sealed.blockNumber() + " builds on " + wrong.expectedParent()
                                + ", not " + sealed.parentHash());
            case RoundBook.Routing.NoRound none ->
                throw refuse(RejectionCode.UNKNOWN_ROUND, "no round is open for block " + sealed.blockNumber());
        };
    }

    private static void requireRoom(Round round, Address builder, Instant receivedAt) throws Refused {
        Optional<Round.Refusal> refusal = round.refusalFor(builder, receivedAt);
        if (refusal.isPresent()) {
            throw refuse(refusal.get(), round, receivedAt);
        }
    }

    private void requireAdmitted(Round round, Address builder) throws Refused {
        switch (directory.admission(builder, round.policy())) {
            case ADMITTED -> {}
            case UNKNOWN -> throw refuse(RejectionCode.UNKNOWN_BUILDER, "builder " + builder + " is not admitted");
            case SUSPENDED -> throw refuse(RejectionCode.UNKNOWN_BUILDER, "builder " + builder + " is suspended");
            case INSUFFICIENT_BALANCE ->
                throw refuse(
                        RejectionCode.UNKNOWN_BUILDER,
                        "builder " + builder + " holds less than the minimum balance "
                                + round.policy().minBuilderBalance());
        }
    }

    private BidSubmission open(SealedBid sealed) throws Refused {
        byte[] plaintext;
        try {
            plaintext = opener.open(sealed);
        } catch (UnopenableBidException e) {
            throw refuse(RejectionCode.DECRYPTION_FAILED, e.getMessage());
        }
        try {
            return WireJson.read(plaintext, BidSubmission.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw refuse(
                    RejectionCode.MALFORMED_BID, "sealed content is not a signed bid with a payload: " + describe(e));
        }
    }

    private static void requireHeaderMatches(SealedBid sealed, Bid bid) throws Refused {
        if (!bid.blockNumber().equals(sealed.blockNumber())
                || !bid.parentHash().equals(sealed.parentHash())
                || !bid.builder().equals(sealed.builder())) {
            throw refuse(
                    RejectionCode.HEADER_MISMATCH,
                    "the envelope header (block " + sealed.blockNumber() + ", parent " + sealed.parentHash()
                            + ", builder " + sealed.builder() + ") differs from the signed bid");
        }
    }

    private void requireSignedByBuilder(BidSubmission submission, Hash32 digest) throws Refused {
        Address signer;
        try {
            signer = signatures.recover(submission.bid(), digest);
        } catch (InvalidSignatureException e) {
            throw refuse(RejectionCode.BAD_SIGNATURE, e.getMessage());
        }
        Address builder = submission.bid().bid().builder();
        if (!signer.equals(builder)) {
            throw refuse(RejectionCode.SIGNER_MISMATCH, "bid for builder " + builder + " is signed by " + signer);
        }
    }

    private static void requireReserve(Round round, Bid bid) throws Refused {
        if (bid.value().isLessThan(round.policy().reservePrice())) {
            throw refuse(
                    RejectionCode.BELOW_RESERVE,
                    "bid value " + bid.value() + " is below the reserve "
                            + round.policy().reservePrice());
        }
    }

    private static void admit(Round round, AcceptedBid bid, Runnable whileAdmitting) throws Refused {
        Optional<Round.Refusal> refusal = round.admit(bid, whileAdmitting);
        if (refusal.isPresent()) {
            throw refuse(refusal.get(), round, bid.receivedAt());
        }
    }

    private static void require(Optional<Rejection> rejection) throws Refused {
        if (rejection.isPresent()) {
            throw new Refused(rejection.get());
        }
    }

    private static Refused refuse(Round.Refusal refusal, Round round, Instant receivedAt) {
        return switch (refusal) {
            case CLOSED ->
                refuse(
                        RejectionCode.ROUND_CLOSED,
                        "round " + round.id() + " for block " + round.blockNumber() + " is closed");
            case LATE ->
                refuse(
                        RejectionCode.LATE_BID,
                        "bid received at " + receivedAt + " is after the deadline " + round.bidDeadline());
            case TOO_MANY_BIDS ->
                refuse(
                        RejectionCode.TOO_MANY_BIDS,
                        "at most " + round.policy().maxBidsPerBuilder() + " bids per builder per round");
            case DUPLICATE ->
                refuse(RejectionCode.DUPLICATE_BID, "this signed bid was already accepted in round " + round.id());
        };
    }

    private static Refused refuse(RejectionCode code, String message) {
        return new Refused(new Rejection(code, message));
    }

    private static String describe(Exception e) {
        String message = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /** Carries a rejection out of the guard chain; stackless, as refusals are expected, not faults. */
    private static final class Refused extends Exception {
        private final Rejection rejection;

        Refused(Rejection rejection) {
            super(rejection.message(), null, false, false);
            this.rejection = rejection;
        }
    }
}
