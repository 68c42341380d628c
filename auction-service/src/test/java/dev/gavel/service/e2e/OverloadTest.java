package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.bid.BidReceipt;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.primitives.Hash32;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.simulation.AcknowledgedBids;
import dev.gavel.simulation.EngineClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/** More bids at once than intake may hold: the excess is refused at once as UNAVAILABLE, the rest acknowledged and kept. */
class OverloadTest {
    static final ECKeyPair ALICE = AuctionFixtures.builderKey(0);

    @TempDir
    Path temp;

    @Test
    void bidsBeyondThePendingLimitAreRefusedAtOnceAndNothingAcknowledgedIsLost() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"));
                RunningGavel gavel = RunningGavel.start(
                        database,
                        temp.resolve("data"),
                        List.of(ALICE),
                        "--gavel.bids.max-pending=2",
                        "--gavel.bids.max-pending-per-builder=2",
                        "--gavel.bids.burst-per-builder=40",
                        "--gavel.auction.policy.max-bids-per-builder=100",
                        "--gavel.bids.max-body-size=1MB")) {
            EngineClient engine = gavel.engine();
            BuilderClient alice = gavel.builder(ALICE);
            ExecutionPayload parent = Sequencer.declareBlock(engine, 20_000, new Random(2));
            PayloadAttributes attributes =
                    SimulatedBlocks.attributes(Instant.now().plusSeconds(30).getEpochSecond(), 20);
            Sequencer.openRound(engine, parent, attributes);
            List<SealedBid> bids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                AuctionFixtures.Offer offer = AuctionFixtures.offer(
                        ALICE, parent.blockNumber().next(), parent.blockHash(), attributes, 2_000 + i, 1);
                bids.add(alice.seal(
                        offer.bid(),
                        offer.envelope(),
                        AuctionFixtures.roundOf(offer.bid().parentHash(), attributes)));
            }

            List<CompletableFuture<SubmitResult>> sent =
                    bids.stream().map(alice::submitSealed).toList();
            List<SubmitResult> results =
                    sent.stream().map(CompletableFuture::join).toList();

            List<BidReceipt> acknowledged = results.stream()
                    .filter(SubmitResult.Accepted.class::isInstance)
                    .map(r -> ((SubmitResult.Accepted) r).receipt())
                    .toList();
            assertThat(acknowledged).isNotEmpty();
            assertThat(results)
                    .filteredOn(SubmitResult.Rejected.class::isInstance)
                    .isNotEmpty()
                    .allSatisfy(r -> {
                        SubmitResult.Rejected refused = (SubmitResult.Rejected) r;
                        assertThat(refused.httpStatus()).isEqualTo(503);
                        assertThat(refused.error().code()).isEqualTo(RejectionCode.UNAVAILABLE);
                        assertThat(refused.error().message()).contains("waiting for intake");
                        assertThat(refused.retryAfter()).as("Retry-After").hasValue(Duration.ofSeconds(1));
                    });
            assertThat(gavel.metric("gavel_bids_shed_total{status=\"503\"}"))
                    .as("every refusal is counted as shed")
                    .isEqualTo(results.size() - acknowledged.size());
            assertThat(gavel.metric("gavel_bid_acknowledgement_seconds_count{status=\"202\"}"))
                    .isEqualTo(acknowledged.size());
            assertThat(AcknowledgedBids.missingFrom(database.dataSource(), acknowledged))
                    .as("sealed, round still open")
                    .isZero();
            BidReceipt invented = new BidReceipt(
                    Hash32.fromHex("0x" + "ab".repeat(32)),
                    acknowledged.getFirst().roundId(),
                    Instant.EPOCH);
            assertThat(AcknowledgedBids.missingFrom(database.dataSource(), List.of(invented)))
                    .isOne();
            engine.call(
                    "engine_getPayloadV4",
                    Sequencer.openRound(engine, parent, attributes).toHex());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> AcknowledgedBids.missingFrom(database.dataSource(), acknowledged) == 0);
        }
    }
}
