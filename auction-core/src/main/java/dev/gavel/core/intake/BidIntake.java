package dev.gavel.core.intake;

import static dev.gavel.core.intake.StageTimings.Stage.CHECK;
import static dev.gavel.core.intake.StageTimings.Stage.DECODE;
import static dev.gavel.core.intake.StageTimings.Stage.OPEN;
import static dev.gavel.core.intake.StageTimings.Stage.ROUTE;
import static dev.gavel.core.intake.StageTimings.Stage.VERIFY;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.InvalidSignatureException;
import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.json.JsonProblems;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.seal.BidHeader;
import dev.gavel.bidding.seal.BidOpener;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.HeaderSignatures;
import dev.gavel.bidding.seal.RoundReference;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.seal.SubmissionRlp;
import dev.gavel.bidding.seal.UnopenableBidException;
import dev.gavel.core.admission.StrikeBook;
import dev.gavel.core.escrow.CollateralBook;
import dev.gavel.core.round.AcceptedBid;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundBook;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.PayloadId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;

/**
 * Bid intake as one list of guards, each of one shape: the bid in, a rejection or nothing out. The order is
 * {@link #guards()}: cheapest first (DESIGN §2 step 2), except that the header's signature is checked before
 * anything trusts the builder it names (admission, the per-builder limit) and before the expensive opening.
 * A bid that passes them all is admitted to its round. Pure CPU work, no I/O: making the bid durable is the
 * caller's job.
 */
public final class BidIntake {
    private final RoundBook rounds;
    private final BuilderDirectory directory;
    private final BidOpener opener;
    private final BidSignatures signatures;
    private final HeaderSignatures headerSignatures;
    private final CollateralBook collateral;
    private final StrikeBook strikes;
    private final AtomicLong arrivals = new AtomicLong();
    private final Guard decode = new Guard("decode the sealed bid", DECODE, this::decode);
    /** What the header and its signature alone decide: run before the body is read past them. */
    private final List<Guard> headerGuards = List.of(
            new Guard("header version 2", DECODE, BidIntake::headerVersion),
            new Guard("header well formed", DECODE, BidIntake::headerWellFormed),
            new Guard("sealed to the auction key", DECODE, this::sealedToTheAuctionKey),
            new Guard("the round its header names", ROUTE, this::route),
            new Guard("header signed by its builder", VERIFY, this::headerSignedByItsBuilder),
            new Guard("builder admitted", ROUTE, this::builderAdmitted),
            new Guard("builder not suspended", ROUTE, this::builderNotSuspended),
            new Guard("round open, in time, room for the builder", ROUTE, BidIntake::roomInTheRound));

    private final List<Guard> bodyGuards = List.of(
            new Guard("ciphertext as long as announced", DECODE, BidIntake::ciphertextAsLongAsAnnounced),
            new Guard("open the envelope", OPEN, this::open),
            new Guard("signed bid equals the header", VERIFY, BidIntake::signedBidEqualsTheHeader),
            new Guard("bid signed by the builder", VERIFY, this::bidSignedByTheBuilder),
            new Guard(
                    "value at or above the reserve",
                    CHECK,
                    bid -> bid.round.rules().refusalOfValue(bid.bid().value())),
            new Guard("escrow backs the value", CHECK, this::escrowBacksTheValue),
            new Guard("payload is the bid's block", CHECK, PayloadChecks::payloadIsTheBidsBlock),
            new Guard("payload conforms to the round", CHECK, PayloadChecks::payloadConformsToTheRound),
            new Guard("payload hashes to its block hash", CHECK, PayloadChecks::payloadHashesToItsBlockHash));

    public BidIntake(
            RoundBook rounds,
            BuilderDirectory directory,
            BidOpener opener,
            BidSignatures signatures,
            HeaderSignatures headerSignatures,
            CollateralBook collateral,
            StrikeBook strikes) {
        this.rounds = rounds;
        this.directory = directory;
        this.opener = opener;
        this.signatures = signatures;
        this.headerSignatures = headerSignatures;
        this.collateral = collateral;
        this.strikes = strikes;
    }

    /** The guards' names, in the order they run. */
    public List<String> guards() {
        return Stream.of(List.of(decode), headerGuards, bodyGuards)
                .flatMap(List::stream)
                .map(Guard::name)
                .toList();
    }

    /**
     * Phase one, for a transport that reads the header and its signature first: the header guards alone, so a
     * bid is refused before its body is read past them, and nothing trusts the builder the header names until
     * its signature holds. {@code bodyBytes} is the body's announced length, for the history.
     */
    public Screening screen(Bytes header, BidSignature signature, Instant receivedAt, int bodyBytes) {
        BidUnderReview bid = new BidUnderReview(receivedAt, bodyBytes);
        bid.headerBytes = header;
        bid.headerSignature = signature;
        return run(bid, headerGuards).<Screening>map(Screening.Refused::new).orElseGet(() -> new Screening.Passed(bid));
    }

    /**
     * Phase two: the whole body of a bid whose header passed {@link #screen}; it must carry that same header
     * and signature. Then the body guards, then admission to the round.
     */
    public IntakeResult evaluate(
            Screening.Passed screened,
            byte[] body,
            BidEncoding encoding,
            Consumer<IntakeResult.Accepted> whileAdmitting) {
        BidUnderReview bid = screened.bid;
        bid.body = body;
        bid.encoding = encoding;
        bid.bodyBytes = body.length;
        Bytes header = bid.headerBytes;
        BidSignature signature = bid.headerSignature;
        Optional<IntakeResult.Rejected> refusal = run(bid, List.of(decode))
                .or(() -> header.equals(bid.sealed.header()) && signature.equals(bid.sealed.headerSignature())
                        ? Optional.empty()
                        : Optional.of(rejected(
                                bid,
                                new Rejection(
                                        RejectionCode.MALFORMED_REQUEST,
                                        "the body's header or its signature differs from the one read first"))))
                .or(() -> run(bid, bodyGuards));
        return refusal.<IntakeResult>map(r -> r).orElseGet(() -> admit(bid, whileAdmitting));
    }

    /**
     * Both phases over one request body, then admission to the round. {@code whileAdmitting} is called with an
     * accepted bid while its round is locked, so that recording it cannot race the round's close.
     */
    public IntakeResult evaluate(
            byte[] body, BidEncoding encoding, Instant receivedAt, Consumer<IntakeResult.Accepted> whileAdmitting) {
        BidUnderReview bid = new BidUnderReview(receivedAt, body.length);
        bid.body = body;
        bid.encoding = encoding;
        Optional<IntakeResult.Rejected> refusal =
                run(bid, List.of(decode)).or(() -> run(bid, headerGuards)).or(() -> run(bid, bodyGuards));
        return refusal.<IntakeResult>map(r -> r).orElseGet(() -> admit(bid, whileAdmitting));
    }

    private static Optional<IntakeResult.Rejected> run(BidUnderReview bid, List<Guard> guards) {
        for (Guard guard : guards) {
            Optional<Rejection> rejection = guard.check().apply(bid);
            bid.stages.add(guard.stage());
            if (rejection.isPresent()) {
                return Optional.of(rejected(bid, rejection.get()));
            }
        }
        return Optional.empty();
    }

    private static IntakeResult.Rejected rejected(BidUnderReview bid, Rejection rejection) {
        return new IntakeResult.Rejected(rejection, bid.attempt(), bid.admitted, bid.stages.timings());
    }

    private IntakeResult admit(BidUnderReview bid, Consumer<IntakeResult.Accepted> whileAdmitting) {
        AcceptedBid accepted = new AcceptedBid(
                BidIds.arrivedAt(bid.receivedAt),
                arrivals.incrementAndGet(),
                bid.receivedAt,
                bid.digest,
                bid.submission.bid(),
                bid.submission.envelope());
        IntakeResult.Accepted result = new IntakeResult.Accepted(
                bid.round, accepted, bid.sealed, bid.header, bid.attempt(), bid.stages.timings());
        Optional<Rejection> refusal = collateral
                .reserve(accepted.builder(), bid.round.id(), accepted.value(), directory.escrow(accepted.builder()))
                .or(() -> admit(bid.round, accepted, () -> whileAdmitting.accept(result)));
        return refusal.<IntakeResult>map(r -> rejected(bid, r)).orElse(result);
    }

    /** Admits a bid whose escrow is reserved, giving the reservation back if the round refuses it after all. */
    private Optional<Rejection> admit(Round round, AcceptedBid bid, Runnable whileAdmitting) {
        Optional<Rejection> refusal = round.admit(bid, whileAdmitting);
        refusal.ifPresent(r -> collateral.release(bid.builder(), round.id(), bid.value()));
        return refusal;
    }

    private Optional<Rejection> escrowBacksTheValue(BidUnderReview bid) {
        Address builder = bid.header.builder();
        return collateral.refusal(builder, bid.round.id(), bid.bid().value(), directory.escrow(builder));
    }

    private Optional<Rejection> decode(BidUnderReview bid) {
        try {
            bid.sealed = bid.encoding == BidEncoding.BINARY
                    ? SealedBid.fromFrame(bid.body)
                    : WireJson.read(bid.body, SealedBid.class);
            if (bid.headerBytes == null) {
                bid.headerBytes = bid.sealed.header();
                bid.headerSignature = bid.sealed.headerSignature();
            }
            return Optional.empty();
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return refuse(
                    RejectionCode.MALFORMED_REQUEST,
                    (bid.encoding == BidEncoding.BINARY
                                    ? "not a binary sealed bid, header ‖ headerSignature ‖ ciphertext"
                                    : "not a sealed bid {header, headerSignature, ciphertext}")
                            + " (header v2, docs/builder-api.md): " + describe(e));
        }
    }

    private static Optional<Rejection> headerVersion(BidUnderReview bid) {
        int version = BidHeader.version(bid.headerBytes);
        return version == BidHeader.VERSION
                ? Optional.empty()
                : refuse(
                        RejectionCode.UNSUPPORTED_VERSION,
                        "header version " + version + " is not supported; this auction takes version "
                                + BidHeader.VERSION);
    }

    private static Optional<Rejection> headerWellFormed(BidUnderReview bid) {
        try {
            bid.header = BidHeader.decode(bid.headerBytes);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return refuse(RejectionCode.MALFORMED_REQUEST, "header: " + e.getMessage());
        }
    }

    private static Optional<Rejection> ciphertextAsLongAsAnnounced(BidUnderReview bid) {
        int ciphertext = bid.sealed.ciphertext().length();
        return bid.header.ciphertextLength() == ciphertext
                ? Optional.empty()
                : refuse(
                        RejectionCode.MALFORMED_REQUEST,
                        "the header announces a ciphertext of " + bid.header.ciphertextLength()
                                + " bytes, the body carries " + ciphertext);
    }

    private Optional<Rejection> sealedToTheAuctionKey(BidUnderReview bid) {
        return bid.header.keyId() == opener.keyId()
                ? Optional.empty()
                : refuse(
                        RejectionCode.UNKNOWN_KEY_ID,
                        "bid is sealed to key id " + bid.header.keyId() + "; the auction key id is " + opener.keyId());
    }

    private Optional<Rejection> route(BidUnderReview bid) {
        if (!(bid.header.round() instanceof RoundReference.ByPayloadId(PayloadId payloadId))) {
            return refuse(RejectionCode.UNKNOWN_ROUND, "this auction runs no ex-ante slot auctions");
        }
        return switch (rounds.route(payloadId)) {
            case RoundBook.Routing.Found found -> {
                bid.round = found.round();
                yield roundIsTheHeadersBlock(bid.header, found.round());
            }
            case RoundBook.Routing.Closed closed ->
                refuse(
                        RejectionCode.ROUND_CLOSED,
                        "round " + closed.roundId() + " (payload id " + payloadId + ") is closed");
            case RoundBook.Routing.NoRound none ->
                refuse(RejectionCode.UNKNOWN_ROUND, "no round has payload id " + payloadId);
        };
    }

    private static Optional<Rejection> roundIsTheHeadersBlock(BidHeader header, Round round) {
        if (!header.blockNumber().equals(round.blockNumber())) {
            return refuse(
                    RejectionCode.WRONG_BLOCK_NUMBER,
                    "the round of payload id " + round.payloadId() + " is for block " + round.blockNumber() + ", not "
                            + header.blockNumber());
        }
        return header.parentHash().equals(round.parentHash())
                ? Optional.empty()
                : refuse(
                        RejectionCode.WRONG_PARENT,
                        "the round for block " + round.blockNumber() + " builds on " + round.parentHash() + ", not "
                                + header.parentHash());
    }

    private Optional<Rejection> headerSignedByItsBuilder(BidUnderReview bid) {
        Address signer;
        try {
            signer = headerSignatures.recover(bid.headerBytes.toArray(), bid.headerSignature);
        } catch (InvalidSignatureException e) {
            return refuse(RejectionCode.BAD_SIGNATURE, "header signature: " + e.getMessage());
        }
        return signer.equals(bid.header.builder())
                ? Optional.empty()
                : refuse(
                        RejectionCode.SIGNER_MISMATCH,
                        "header for builder " + bid.header.builder() + " is signed by " + signer);
    }

    private static Optional<Rejection> roomInTheRound(BidUnderReview bid) {
        return bid.round.refusalFor(bid.header.builder(), bid.receivedAt);
    }

    private Optional<Rejection> builderAdmitted(BidUnderReview bid) {
        Optional<Rejection> refusal = directory.refusal(bid.header.builder(), bid.round.policy());
        bid.admitted = refusal.isEmpty();
        return refusal;
    }

    private Optional<Rejection> builderNotSuspended(BidUnderReview bid) {
        return strikes.refusal(bid.header.builder(), bid.round.blockNumber());
    }

    private Optional<Rejection> open(BidUnderReview bid) {
        byte[] plaintext;
        try {
            plaintext = bid.encoding == BidEncoding.BINARY
                    ? opener.open(
                            bid.header,
                            bid.headerBytes.toArray(),
                            bid.body,
                            SealedBid.FRAME_PREFIX_BYTES,
                            bid.body.length - SealedBid.FRAME_PREFIX_BYTES)
                    : opener.open(bid.header, bid.sealed);
        } catch (UnopenableBidException e) {
            return refuse(RejectionCode.DECRYPTION_FAILED, e.getMessage());
        }
        try {
            bid.submission = bid.encoding == BidEncoding.BINARY
                    ? SubmissionRlp.decode(plaintext)
                    : WireJson.read(plaintext, BidSubmission.class);
            return Optional.empty();
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            return refuse(
                    RejectionCode.MALFORMED_BID,
                    (bid.encoding == BidEncoding.BINARY
                                    ? "sealed content is not RLP([bid, block, blockValue]): "
                                    : "sealed content is not a signed bid with a payload: ")
                            + describe(e));
        }
    }

    private static Optional<Rejection> signedBidEqualsTheHeader(BidUnderReview bid) {
        BidHeader header = bid.header;
        Bid signed = bid.bid();
        return signed.blockNumber().equals(header.blockNumber())
                        && signed.parentHash().equals(header.parentHash())
                        && signed.builder().equals(header.builder())
                ? Optional.empty()
                : refuse(
                        RejectionCode.HEADER_MISMATCH,
                        "the header (block " + header.blockNumber() + ", parent " + header.parentHash() + ", builder "
                                + header.builder() + ") differs from the signed bid");
    }

    private Optional<Rejection> bidSignedByTheBuilder(BidUnderReview bid) {
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

    /** What is wrong, in the wire format's terms: the field and what it should be, never a class name. */
    private static String describe(Exception e) {
        return JsonProblems.describe(e);
    }
}
