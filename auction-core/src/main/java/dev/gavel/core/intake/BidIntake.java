package dev.gavel.core.intake;

import static dev.gavel.core.intake.StageTimings.Stage.CHECK;
import static dev.gavel.core.intake.StageTimings.Stage.DECODE;
import static dev.gavel.core.intake.StageTimings.Stage.OPEN;
import static dev.gavel.core.intake.StageTimings.Stage.ROUTE;
import static dev.gavel.core.intake.StageTimings.Stage.VERIFY;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.InvalidSignatureException;
import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.seal.BidOpener;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.seal.UnopenableBidException;
import dev.gavel.core.round.AcceptedBid;
import dev.gavel.core.round.RoundBook;
import dev.gavel.primitives.Address;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;

/**
 * Bid intake as one list of guards, cheapest first (DESIGN §2 step 2), each of one shape: the bid in, a
 * rejection or nothing out. The order is {@link #guards()}; a bid that passes them all is admitted to its
 * round. Pure CPU work, no I/O: making the bid durable is the caller's job.
 */
public final class BidIntake {
    private final RoundBook rounds;
    private final BuilderDirectory directory;
    private final BidOpener opener;
    private final BidSignatures signatures;
    private final AtomicLong arrivals = new AtomicLong();
    private final List<Guard> guards = List.of(
            new Guard("decode the sealed bid", DECODE, this::decode),
            new Guard("sealed to the auction key", DECODE, this::sealedToTheAuctionKey),
            new Guard("a round for its block and parent", ROUTE, this::route),
            new Guard("round open, in time, room for the builder", ROUTE, BidIntake::roomInTheRound),
            new Guard("builder admitted", ROUTE, this::builderAdmitted),
            new Guard("open the envelope", OPEN, this::open),
            new Guard("header equals the signed bid", VERIFY, BidIntake::headerEqualsTheSignedBid),
            new Guard("signed by the builder", VERIFY, this::signedByTheBuilder),
            new Guard(
                    "value at or above the reserve",
                    CHECK,
                    bid -> bid.round.rules().refusalOfValue(bid.bid().value())),
            new Guard("payload is the bid's block", CHECK, PayloadChecks::payloadIsTheBidsBlock),
            new Guard("payload conforms to the round", CHECK, PayloadChecks::payloadConformsToTheRound),
            new Guard("payload hashes to its block hash", CHECK, PayloadChecks::payloadHashesToItsBlockHash));

    public BidIntake(RoundBook rounds, BuilderDirectory directory, BidOpener opener, BidSignatures signatures) {
        this.rounds = rounds;
        this.directory = directory;
        this.opener = opener;
        this.signatures = signatures;
    }

    /** The guards' names, in the order they run. */
    public List<String> guards() {
        return guards.stream().map(Guard::name).toList();
    }

    /**
     * Runs the guards over one request body, then admits the bid to its round. {@code whileAdmitting} is
     * called with an accepted bid while its round is locked, so that recording it cannot race the round's close.
     */
    public IntakeResult evaluate(byte[] body, Instant receivedAt, Consumer<IntakeResult.Accepted> whileAdmitting) {
        StageTimings.Recorder stages = new StageTimings.Recorder();
        BidUnderReview bid = new BidUnderReview(body, receivedAt);
        for (Guard guard : guards) {
            Optional<Rejection> rejection = guard.check().apply(bid);
            stages.add(guard.stage());
            if (rejection.isPresent()) {
                return new IntakeResult.Rejected(rejection.get(), bid.attempt(), stages.timings());
            }
        }
        AcceptedBid accepted = new AcceptedBid(
                UUID.randomUUID(),
                arrivals.incrementAndGet(),
                receivedAt,
                bid.digest,
                bid.submission.bid(),
                bid.submission.envelope());
        IntakeResult.Accepted result =
                new IntakeResult.Accepted(bid.round, accepted, bid.sealed, bid.attempt(), stages.timings());
        Optional<Rejection> refusal = bid.round.admit(accepted, () -> whileAdmitting.accept(result));
        return refusal.<IntakeResult>map(r -> new IntakeResult.Rejected(r, bid.attempt(), stages.timings()))
                .orElse(result);
    }

    private Optional<Rejection> decode(BidUnderReview bid) {
        try {
            bid.sealed = WireJson.read(bid.body, SealedBid.class);
            return Optional.empty();
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return refuse(RejectionCode.MALFORMED_REQUEST, "not a sealed bid: " + describe(e));
        }
    }

    private Optional<Rejection> sealedToTheAuctionKey(BidUnderReview bid) {
        return bid.sealed.keyId() == opener.keyId()
                ? Optional.empty()
                : refuse(
                        RejectionCode.UNKNOWN_KEY_ID,
                        "bid is sealed to key id " + bid.sealed.keyId() + "; the auction key id is " + opener.keyId());
    }

    private Optional<Rejection> route(BidUnderReview bid) {
        SealedBid sealed = bid.sealed;
        return switch (rounds.route(sealed.blockNumber(), sealed.parentHash())) {
            case RoundBook.Routing.Found found -> {
                bid.round = found.round();
                yield Optional.empty();
            }
            case RoundBook.Routing.WrongParent wrong ->
                refuse(
                        RejectionCode.WRONG_PARENT,
                        "the round for block " + sealed.blockNumber() + " builds on " + wrong.expectedParent()
                                + ", not " + sealed.parentHash());
            case RoundBook.Routing.NoRound none ->
                refuse(RejectionCode.UNKNOWN_ROUND, "no round is open for block " + sealed.blockNumber());
        };
    }

    private static Optional<Rejection> roomInTheRound(BidUnderReview bid) {
        return bid.round.refusalFor(bid.sealed.builder(), bid.receivedAt);
    }

    private Optional<Rejection> builderAdmitted(BidUnderReview bid) {
        return directory.refusal(bid.sealed.builder(), bid.round.policy());
    }

    private Optional<Rejection> open(BidUnderReview bid) {
        byte[] plaintext;
        try {
            plaintext = opener.open(bid.sealed);
        } catch (UnopenableBidException e) {
            return refuse(RejectionCode.DECRYPTION_FAILED, e.getMessage());
        }
        try {
            bid.submission = WireJson.read(plaintext, BidSubmission.class);
            return Optional.empty();
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return refuse(
                    RejectionCode.MALFORMED_BID, "sealed content is not a signed bid with a payload: " + describe(e));
        }
    }

    private static Optional<Rejection> headerEqualsTheSignedBid(BidUnderReview bid) {
        SealedBid sealed = bid.sealed;
        Bid signed = bid.bid();
        return signed.blockNumber().equals(sealed.blockNumber())
                        && signed.parentHash().equals(sealed.parentHash())
                        && signed.builder().equals(sealed.builder())
                ? Optional.empty()
                : refuse(
                        RejectionCode.HEADER_MISMATCH,
                        "the envelope header (block " + sealed.blockNumber() + ", parent " + sealed.parentHash()
                                + ", builder " + sealed.builder() + ") differs from the signed bid");
    }

    private Optional<Rejection> signedByTheBuilder(BidUnderReview bid) {
        bid.digest = signatures.digest(bid.bid());
        Address signer;
        try {
            signer = signatures.recover(bid.submission.bid(), bid.digest);
        } catch (InvalidSignatureException e) {
            return refuse(RejectionCode.BAD_SIGNATURE, e.getMessage());
        }
        Address builder = bid.bid().builder();
        return signer.equals(builder)
                ? Optional.empty()
                : refuse(RejectionCode.SIGNER_MISMATCH, "bid for builder " + builder + " is signed by " + signer);
    }

    static Optional<Rejection> refuse(RejectionCode code, String message) {
        return Optional.of(new Rejection(code, message));
    }

    private static String describe(Exception e) {
        String message = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
