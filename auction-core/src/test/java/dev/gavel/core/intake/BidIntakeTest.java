package dev.gavel.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.bid.SignedBid;
import dev.gavel.bidding.block.ChainSpec;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.RoundReference;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.seal.SubmissionRlp;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.admission.StrikeBook;
import dev.gavel.core.escrow.CollateralBook;
import dev.gavel.core.round.Round;
import dev.gavel.core.round.RoundBook;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.core.testing.InMemoryBuilderDirectory;
import dev.gavel.fixtures.SteppingClock;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/** Every guard of intake, with real HPKE envelopes and real signatures. */
class BidIntakeTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Hash32 PARENT = Hash32.fromHex("0x" + "0a".repeat(32));
    private static final Hash32 OTHER_PARENT = Hash32.fromHex("0x" + "0c".repeat(32));
    private static final BlockNumber BLOCK = BlockNumber.of(42);
    private final SteppingClock clock = new SteppingClock(NOW);
    private final AuctionKeyPair auctionKey = AuctionKeyPair.generate(1);
    private final ECKeyPair alice = AuctionFixtures.builderKey(0);
    private final ECKeyPair mallory = AuctionFixtures.builderKey(9);
    private final RoundBook rounds =
            new RoundBook(clock, block -> AuctionFixtures.policy(AuctionFormat.SECOND_PRICE, 10, 2), ChainSpec.LATEST);
    private final InMemoryBuilderDirectory directory =
            new InMemoryBuilderDirectory().admit(AuctionFixtures.address(alice));
    private final CollateralBook collateral = new CollateralBook();
    private final StrikeBook strikes = AuctionFixtures.strikes();
    private final BidIntake intake = AuctionFixtures.intake(rounds, directory, auctionKey, collateral, strikes);
    private final PayloadAttributes attributes =
            SimulatedBlocks.attributes(NOW.plusSeconds(2).getEpochSecond(), 7);
    private final Round round =
            rounds.open(PARENT, BlockNumber.of(41), attributes, r -> {}).round();

    @Test
    void aBinaryBidIsAdmittedWithTheSameBlockAsItsJsonTwin() {
        AuctionFixtures.Offer offer = offer(100, 1);
        SealedBid binary = seal(offer, SubmissionRlp::encode);

        IntakeResult result = intake.evaluate(binary.toFrame(), BidEncoding.BINARY, NOW, accepted -> {});

        assertThat(result).isInstanceOfSatisfying(IntakeResult.Accepted.class, accepted -> {
            assertThat(accepted.bid().value()).isEqualTo(Wei.of(100));
            assertThat(accepted.bid().envelope()).isEqualTo(offer.envelope());
            assertThat(accepted.sealed()).isEqualTo(binary);
        });
    }

    @Test
    void aBinaryFrameIsJudgedAsOneAndItsPlaintextAsRlp() {
        AuctionFixtures.Offer offer = offer(100, 1);
        byte[] frame = seal(offer, SubmissionRlp::encode).toFrame();

        assertRejected(
                intake.evaluate(Arrays.copyOf(frame, 174), BidEncoding.BINARY, NOW, accepted -> {}),
                RejectionCode.MALFORMED_REQUEST,
                "binary sealed bid");
        assertRejected(
                intake.evaluate(Arrays.copyOf(frame, frame.length - 1), BidEncoding.BINARY, NOW, accepted -> {}),
                RejectionCode.MALFORMED_REQUEST,
                "announces a ciphertext");
        assertRejected(
                intake.evaluate(seal(offer, WireJson::write).toFrame(), BidEncoding.BINARY, NOW, accepted -> {}),
                RejectionCode.MALFORMED_BID,
                "RLP([bid, block, blockValue])");
        assertRejected(
                intake.evaluate(WireJson.write(seal(offer, SubmissionRlp::encode)), BidEncoding.JSON, NOW, a -> {}),
                RejectionCode.MALFORMED_BID,
                "signed bid with a payload");
    }

    @Test
    void aWellFormedBidIsAdmittedWithItsTimings() {
        IntakeResult result = evaluate(body(sealed(alice, 100, 1)), NOW);

        assertThat(result).isInstanceOfSatisfying(IntakeResult.Accepted.class, accepted -> {
            assertThat(accepted.round()).isSameAs(round);
            assertThat(accepted.bid().value()).isEqualTo(Wei.of(100));
            assertThat(accepted.timings().totalMicros()).isPositive();
        });
    }

    @Test
    void malformedJson() {
        assertRejected(
                evaluate("{\"header\":\"0x02\",".getBytes(StandardCharsets.UTF_8), NOW),
                RejectionCode.MALFORMED_REQUEST);
        assertRejected(
                evaluate("{\"keyId\":1}".getBytes(StandardCharsets.UTF_8), NOW), RejectionCode.MALFORMED_REQUEST);
        assertRejected(evaluate("[]".getBytes(StandardCharsets.UTF_8), NOW), RejectionCode.MALFORMED_REQUEST);
    }

    @Test
    void anotherHeaderVersionIsUnsupportedAndAMalformedHeaderIsNamed() {
        SealedBid sealed = sealed(alice, 100, 1);
        byte[] version1 = sealed.header().toArray();
        version1[0] = 1;
        byte[] truncated = Arrays.copyOf(sealed.header().toArray(), 100);
        SealedBid longer = new SealedBid(sealed.header(), sealed.headerSignature(), Bytes.of(new byte[5]));

        assertRejected(
                evaluate(body(withHeader(sealed, version1)), NOW), RejectionCode.UNSUPPORTED_VERSION, "version 1");
        assertRejected(evaluate(body(withHeader(sealed, truncated)), NOW), RejectionCode.MALFORMED_REQUEST, "110");
        assertRejected(evaluate(body(longer), NOW), RejectionCode.MALFORMED_REQUEST, "the body carries 5");
    }

    @Test
    void wrongKeyId() {
        SealedBid toOtherKey =
                AuctionFixtures.sealedBid(AuctionKeyPair.generate(2), alice, BLOCK, PARENT, attributes, 100, 1);

        assertRejected(evaluate(body(toOtherKey), NOW), RejectionCode.UNKNOWN_KEY_ID);
    }

    @Test
    void aBidIsRoutedToTheRoundItsHeaderNamesAndMustBeForThatRoundsBlock() {
        PayloadAttributes otherTimestamp =
                SimulatedBlocks.attributes(attributes.timestamp().value() + 1, 7);
        Round sameParent =
                rounds.open(PARENT, BlockNumber.of(41), otherTimestamp, r -> {}).round();
        AuctionFixtures.Offer offer = AuctionFixtures.offer(alice, BLOCK, PARENT, otherTimestamp, 100, 1);
        SealedBid forSecond = AuctionFixtures.seal(
                auctionKey, alice, offer.bid(), offer.envelope(), AuctionFixtures.roundOf(PARENT, otherTimestamp));
        SealedBid unknownRound = AuctionFixtures.seal(
                auctionKey,
                alice,
                offer.bid(),
                offer.envelope(),
                new RoundReference.ByPayloadId(PayloadId.fromHex("0x" + "00".repeat(8))));
        SealedBid wrongNumber =
                AuctionFixtures.sealedBid(auctionKey, alice, BlockNumber.of(43), PARENT, attributes, 100, 1);
        SealedBid wrongParent = AuctionFixtures.seal(
                auctionKey,
                alice,
                AuctionFixtures.offer(alice, BLOCK, OTHER_PARENT, attributes, 100, 1)
                        .bid(),
                offer.envelope(),
                AuctionFixtures.roundOf(PARENT, attributes));

        assertThat(evaluate(body(forSecond), NOW))
                .isInstanceOfSatisfying(
                        IntakeResult.Accepted.class,
                        accepted -> assertThat(accepted.round()).isSameAs(sameParent));
        assertRejected(evaluate(body(unknownRound), NOW), RejectionCode.UNKNOWN_ROUND);
        assertRejected(evaluate(body(wrongNumber), NOW), RejectionCode.WRONG_BLOCK_NUMBER);
        assertRejected(evaluate(body(wrongParent), NOW), RejectionCode.WRONG_PARENT);
    }

    @Test
    void aSlotReferenceFindsNoExPostRound() {
        AuctionFixtures.Offer offer = offer(100, 1);
        SealedBid forSlot =
                AuctionFixtures.seal(auctionKey, alice, offer.bid(), offer.envelope(), new RoundReference.Slot());

        assertRejected(evaluate(body(forSlot), NOW), RejectionCode.UNKNOWN_ROUND, "ex-ante");
    }

    @Test
    void lateBidAndClosedRound() {
        assertRejected(
                evaluate(body(sealed(alice, 100, 1)), round.bidDeadline().plusMillis(1)), RejectionCode.LATE_BID);
        rounds.close(round.payloadId());
        assertRejected(evaluate(body(sealed(alice, 100, 2)), NOW), RejectionCode.ROUND_CLOSED);
    }

    @Test
    void aHeaderNotSignedByTheBuilderItNamesIsRefusedBeforeAnythingTrustsThatBuilder() {
        AuctionFixtures.Offer offer = offer(100, 1);
        SealedBid signedByMallory = AuctionFixtures.sealer(auctionKey)
                .seal(
                        new BidSubmission(
                                new BidSignatures(AuctionFixtures.DOMAIN).sign(offer.bid(), alice), offer.envelope()),
                        AuctionFixtures.roundOf(PARENT, attributes),
                        mallory);
        SealedBid sealed = sealed(alice, 100, 2);
        byte[] broken = sealed.headerSignature().toArray();
        broken[64] = 5;
        SealedBid badSignature = new SealedBid(sealed.header(), BidSignature.of(broken), sealed.ciphertext());
        for (int i = 0; i < 3; i++) {
            evaluate(body(signedByMallory), NOW);
        }

        assertRejected(evaluate(body(signedByMallory), NOW), RejectionCode.SIGNER_MISMATCH);
        assertRejected(evaluate(body(badSignature), NOW), RejectionCode.BAD_SIGNATURE, "header signature");
        assertThat(evaluate(body(sealed(alice, 100, 3)), NOW))
                .as("forged headers naming alice used none of her bids")
                .isInstanceOf(IntakeResult.Accepted.class);
    }

    @Test
    void unknownBuilder() {
        assertRejected(evaluate(body(sealed(mallory, 100, 1)), NOW), RejectionCode.UNKNOWN_BUILDER);
    }

    @Test
    void tooManyBidsAndDuplicates() {
        SealedBid first = sealed(alice, 100, 1);
        assertThat(evaluate(body(first), NOW)).isInstanceOf(IntakeResult.Accepted.class);
        assertRejected(evaluate(body(first), NOW), RejectionCode.DUPLICATE_BID);
        assertThat(evaluate(body(sealed(alice, 101, 2)), NOW)).isInstanceOf(IntakeResult.Accepted.class);

        assertRejected(evaluate(body(sealed(alice, 102, 3)), NOW), RejectionCode.TOO_MANY_BIDS);
    }

    @Test
    void tamperedCiphertext() {
        SealedBid sealed = sealed(alice, 100, 1);
        byte[] ciphertext = sealed.ciphertext().toArray();
        ciphertext[ciphertext.length / 2] ^= 0x40;
        SealedBid tampered = new SealedBid(sealed.header(), sealed.headerSignature(), Bytes.of(ciphertext));

        assertRejected(evaluate(body(tampered), NOW), RejectionCode.DECRYPTION_FAILED);
    }

    @Test
    void sealedGarbage() {
        SealedBid garbage = AuctionFixtures.sealer(auctionKey)
                .seal(
                        "not json".getBytes(StandardCharsets.UTF_8),
                        offer(100, 1).bid(),
                        AuctionFixtures.roundOf(PARENT, attributes),
                        alice);

        assertRejected(evaluate(body(garbage), NOW), RejectionCode.MALFORMED_BID);
    }

    @Test
    void aSignedBidWithABadSignatureOrAnotherSigner() {
        AuctionFixtures.Offer offer = offer(100, 1);
        Bid bid = offer.bid();
        ExecutionPayloadEnvelope envelope = offer.envelope();
        SignedBid signedByMallory = new BidSignatures(AuctionFixtures.DOMAIN).sign(bid, mallory);
        byte[] broken = signedByMallory.signature().toArray();
        broken[64] = 5;
        SignedBid malformed = new SignedBid(bid, BidSignature.of(broken));

        assertRejected(
                evaluate(body(seal(new BidSubmission(signedByMallory, envelope), bid)), NOW),
                RejectionCode.SIGNER_MISMATCH);
        assertRejected(
                evaluate(body(seal(new BidSubmission(malformed, envelope), bid)), NOW), RejectionCode.BAD_SIGNATURE);
    }

    @Test
    void headerThatDiffersFromTheSignedBid() {
        AuctionFixtures.Offer onOtherParent =
                AuctionFixtures.offer(alice, BLOCK, Hash32.fromHex("0x" + "0c".repeat(32)), attributes, 100, 1);
        BidSubmission submission = new BidSubmission(
                new BidSignatures(AuctionFixtures.DOMAIN).sign(onOtherParent.bid(), alice), onOtherParent.envelope());

        assertRejected(evaluate(body(seal(submission, offer(100, 1).bid())), NOW), RejectionCode.HEADER_MISMATCH);
    }

    @Test
    void payloadThatIsNotTheBidsBlock() {
        Bid bid = offer(100, 1).bid();
        BidSubmission submission = new BidSubmission(
                new BidSignatures(AuctionFixtures.DOMAIN).sign(bid, alice),
                offer(100, 2).envelope());

        assertRejected(evaluate(body(seal(submission, bid)), NOW), RejectionCode.PAYLOAD_MISMATCH);
    }

    @Test
    void payloadBuiltForOtherAttributes() {
        PayloadAttributes later =
                SimulatedBlocks.attributes(attributes.timestamp().value() + 1, 7);
        AuctionFixtures.Offer offer = AuctionFixtures.offer(alice, BLOCK, PARENT, later, 100, 1);

        assertRejected(
                evaluate(
                        body(AuctionFixtures.seal(
                                auctionKey,
                                alice,
                                offer.bid(),
                                offer.envelope(),
                                AuctionFixtures.roundOf(PARENT, attributes))),
                        NOW),
                RejectionCode.WRONG_TIMESTAMP);
    }

    @Test
    void payloadThatDoesNotHashToItsBlockHash() {
        AuctionFixtures.Offer offer = offer(100, 1);
        Hash32 claimed = Hash32.fromHex("0x" + "0d".repeat(32));
        ExecutionPayloadEnvelope lying = new ExecutionPayloadEnvelope(
                SimulatedBlocks.rehash(offer.envelope().executionPayload(), claimed),
                offer.envelope().blockValue(),
                offer.envelope().blobsBundle(),
                false,
                offer.envelope().parentBeaconBlockRoot(),
                offer.envelope().executionRequests());
        Bid bid =
                new Bid(BLOCK, PARENT, claimed, offer.bid().value(), offer.bid().builder());

        assertRejected(
                evaluate(
                        body(AuctionFixtures.seal(
                                auctionKey, alice, bid, lying, AuctionFixtures.roundOf(PARENT, attributes))),
                        NOW),
                RejectionCode.BLOCK_HASH_MISMATCH);
    }

    @Test
    void belowReserve() {
        assertRejected(evaluate(body(sealed(alice, 9, 1)), NOW), RejectionCode.BELOW_RESERVE);
    }

    @Test
    void theGuardsRunCheapestFirstAndAuthenticateTheBuilderBeforeTrustingIt() {
        assertThat(intake.guards())
                .containsExactly(
                        "decode the sealed bid",
                        "header version 2",
                        "header well formed",
                        "sealed to the auction key",
                        "the round its header names",
                        "header signed by its builder",
                        "builder admitted",
                        "builder not suspended",
                        "round open, in time, room for the builder",
                        "ciphertext as long as announced",
                        "open the envelope",
                        "signed bid equals the header",
                        "bid signed by the builder",
                        "value at or above the reserve",
                        "escrow backs the value",
                        "payload is the bid's block",
                        "payload conforms to the round",
                        "payload hashes to its block hash");
    }

    @Test
    void aBidBeyondWhatTheEscrowBacksIsRefusedWithBothFigures() {
        directory.withEscrow(AuctionFixtures.address(alice), Wei.of(150));

        assertRejected(evaluate(body(sealed(alice, 151, 1)), NOW), RejectionCode.INSUFFICIENT_ESCROW, "151 wei");
        assertThat(evaluate(body(sealed(alice, 150, 2)), NOW)).isInstanceOf(IntakeResult.Accepted.class);
        assertThat(evaluate(body(sealed(alice, 150, 3)), NOW))
                .as("a builder's bids in one round stand for one block: only its best counts")
                .isInstanceOf(IntakeResult.Accepted.class);
    }

    @Test
    void aBidTheRoundRefusesGivesItsEscrowBack() {
        directory.withEscrow(AuctionFixtures.address(alice), Wei.of(150));
        SealedBid first = sealed(alice, 100, 1);
        evaluate(body(first), NOW);

        assertRejected(evaluate(body(first), NOW), RejectionCode.DUPLICATE_BID);
        assertThat(collateral.committed(AuctionFixtures.address(alice), -1)).isEqualTo(Wei.of(100));
    }

    @Test
    void aScreenedHeaderLetsTheBodyThroughOnlyWithThatSameHeader() {
        SealedBid sealed = sealed(alice, 100, 1);
        Screening screening = intake.screen(sealed.header(), sealed.headerSignature(), NOW, 0);

        assertThat(screening).isInstanceOf(Screening.Passed.class);
        Screening.Passed passed = (Screening.Passed) screening;
        assertThat(passed.builder()).isEqualTo(AuctionFixtures.address(alice));
        assertRejected(
                intake.evaluate(passed, body(sealed(alice, 101, 2)), BidEncoding.JSON, accepted -> {}),
                RejectionCode.MALFORMED_REQUEST,
                "differs from the one read first");
        assertThat(intake.evaluate(passed, body(sealed), BidEncoding.JSON, accepted -> {}))
                .isInstanceOf(IntakeResult.Accepted.class);
    }

    @Test
    void onlyRefusalsOfAnAdmittedBuildersOwnHeaderAreWorthRecording() {
        AuctionFixtures.Offer offer = offer(100, 1);
        SealedBid forgedForAlice = AuctionFixtures.sealer(auctionKey)
                .seal(
                        new BidSubmission(
                                new BidSignatures(AuctionFixtures.DOMAIN).sign(offer.bid(), alice), offer.envelope()),
                        AuctionFixtures.roundOf(PARENT, attributes),
                        mallory);
        SealedBid mallorysOwn = sealed(mallory, 100, 2);
        SealedBid alicesLate = sealed(alice, 100, 3);

        assertThat(refusal(intake.screen(forgedForAlice.header(), forgedForAlice.headerSignature(), NOW, 0)))
                .satisfies(r -> {
                    assertThat(r.rejection().code()).isEqualTo(RejectionCode.SIGNER_MISMATCH);
                    assertThat(r.fromAdmittedBuilder())
                            .as("nobody proved to be alice")
                            .isFalse();
                });
        assertThat(refusal(intake.screen(mallorysOwn.header(), mallorysOwn.headerSignature(), NOW, 0)))
                .satisfies(r -> assertThat(r.fromAdmittedBuilder())
                        .as("mallory is not admitted")
                        .isFalse());
        assertThat(refusal(intake.screen(
                        alicesLate.header(),
                        alicesLate.headerSignature(),
                        round.bidDeadline().plusMillis(1),
                        0)))
                .satisfies(r -> {
                    assertThat(r.rejection().code()).isEqualTo(RejectionCode.LATE_BID);
                    assertThat(r.fromAdmittedBuilder()).isTrue();
                });
    }

    @Test
    void theReserveIsCheckedBeforeThePayloadIsHashed() {
        AuctionFixtures.Offer offer = offer(9, 1);
        Hash32 claimed = Hash32.fromHex("0x" + "0e".repeat(32));
        ExecutionPayloadEnvelope lying = new ExecutionPayloadEnvelope(
                SimulatedBlocks.rehash(offer.envelope().executionPayload(), claimed),
                offer.envelope().blockValue(),
                offer.envelope().blobsBundle(),
                false,
                offer.envelope().parentBeaconBlockRoot(),
                offer.envelope().executionRequests());
        Bid bid =
                new Bid(BLOCK, PARENT, claimed, offer.bid().value(), offer.bid().builder());

        IntakeResult result = evaluate(
                body(AuctionFixtures.seal(auctionKey, alice, bid, lying, AuctionFixtures.roundOf(PARENT, attributes))),
                NOW);

        assertRejected(result, RejectionCode.BELOW_RESERVE);
        assertThat(((IntakeResult.Rejected) result).attempt().roundId()).isEqualTo(round.id());
    }

    @Test
    void rejectionsLeaveTheRoundUntouched() {
        evaluate(body(sealed(alice, 9, 1)), NOW);
        evaluate(body(sealed(mallory, 500, 2)), NOW);
        clock.advance(Duration.ofSeconds(1));

        assertThat(rounds.close(round.payloadId()).orElseThrow().outcome().bidCount())
                .isZero();
    }

    private IntakeResult evaluate(byte[] body, Instant receivedAt) {
        return intake.evaluate(body, BidEncoding.JSON, receivedAt, accepted -> {});
    }

    private AuctionFixtures.Offer offer(long value, long seed) {
        return AuctionFixtures.offer(alice, BLOCK, PARENT, attributes, value, seed);
    }

    private SealedBid sealed(ECKeyPair key, long value, long seed) {
        return AuctionFixtures.sealedBid(auctionKey, key, BLOCK, PARENT, attributes, value, seed);
    }

    /** Seals {@code submission} under the header of {@code header}, for this test's round, signed by alice. */
    private SealedBid seal(BidSubmission submission, Bid header) {
        return AuctionFixtures.sealer(auctionKey)
                .seal(WireJson.write(submission), header, AuctionFixtures.roundOf(PARENT, attributes), alice);
    }

    /** Alice's signed bid on {@code offer}, sealed with the plaintext {@code encoding} makes of it. */
    private SealedBid seal(AuctionFixtures.Offer offer, java.util.function.Function<BidSubmission, byte[]> encoding) {
        BidSubmission submission =
                new BidSubmission(new BidSignatures(AuctionFixtures.DOMAIN).sign(offer.bid(), alice), offer.envelope());
        return AuctionFixtures.sealer(auctionKey)
                .seal(encoding.apply(submission), offer.bid(), AuctionFixtures.roundOf(PARENT, attributes), alice);
    }

    private static SealedBid withHeader(SealedBid sealed, byte[] header) {
        return new SealedBid(Bytes.of(header), sealed.headerSignature(), sealed.ciphertext());
    }

    private static byte[] body(SealedBid sealed) {
        return WireJson.write(sealed);
    }

    private static IntakeResult.Rejected refusal(Screening screening) {
        assertThat(screening).isInstanceOf(Screening.Refused.class);
        return ((Screening.Refused) screening).result();
    }

    private static void assertRejected(IntakeResult result, RejectionCode code, String inMessage) {
        assertRejected(result, code);
        assertThat(((IntakeResult.Rejected) result).rejection().message()).contains(inMessage);
    }

    private static void assertRejected(IntakeResult result, RejectionCode code) {
        assertThat(result)
                .isInstanceOfSatisfying(
                        IntakeResult.Rejected.class,
                        rejected -> assertThat(rejected.rejection().code())
                                .as(rejected.rejection().message())
                                .isEqualTo(code));
    }
}
