package dev.gavel.service.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.block.ChainSpec;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.admission.StrikeBook;
import dev.gavel.core.auction.Auctioneer;
import dev.gavel.core.auction.BidVerdict;
import dev.gavel.core.chain.ChainHeads;
import dev.gavel.core.escrow.CollateralBook;
import dev.gavel.core.round.RoundBook;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.core.testing.InMemoryBuilderDirectory;
import dev.gavel.core.testing.RecordingAuctionEvents;
import dev.gavel.db.history.HistoryQueries;
import dev.gavel.db.history.HistoryWriter;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.service.history.JdbcAuctionJournal;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.web3j.crypto.ECKeyPair;

/** A history writer stopped by an Error: the bids waiting on it are refused UNAVAILABLE at once, and health turns DOWN. */
class HistoryHealthIndicatorTest {
    private static final Instant NOW = Instant.now();
    private static final Hash32 PARENT = Hash32.fromHex("0x" + "0a".repeat(32));

    private final CountDownLatch inBatch = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final DataSource breaking = (DataSource) Proxy.newProxyInstance(
            DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                inBatch.countDown();
                release.await();
                throw new StackOverflowError("injected by the test");
            });
    private final AuctionKeyPair auctionKey = AuctionKeyPair.generate(1);
    private final ECKeyPair alice = AuctionFixtures.builderKey(0);
    private final PayloadAttributes attributes =
            SimulatedBlocks.attributes(NOW.plusSeconds(2).getEpochSecond(), 7);

    @Test
    void aWriterStoppedByAnErrorTurnsHealthDownAndEveryWaitingBidHearsUnavailable() throws Exception {
        HistoryWriter writer = new HistoryWriter(breaking, 100, 16);
        HistoryHealthIndicator health = new HistoryHealthIndicator(writer);
        Auctioneer auctioneer = auctioneer(writer);
        try {
            auctioneer.openRound(PARENT, attributes).orElseThrow(); // its row is the batch the writer is in
            assertThat(inBatch.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<BidVerdict> waiting = auctioneer.submitBid(bid(1), BidEncoding.JSON);
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            release.countDown();

            assertUnavailable(waiting.get(5, TimeUnit.SECONDS));
            Health down = health.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails().get("writer").toString()).contains("StackOverflowError");
            assertUnavailable(auctioneer.submitBid(bid(2), BidEncoding.JSON).get(5, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            writer.close();
        }
    }

    private Auctioneer auctioneer(HistoryWriter writer) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        RoundBook rounds = new RoundBook(
                clock, block -> AuctionFixtures.policy(AuctionFormat.SECOND_PRICE, 10, 4), ChainSpec.LATEST);
        CollateralBook collateral = new CollateralBook();
        StrikeBook strikes = AuctionFixtures.strikes();
        Auctioneer auctioneer = new Auctioneer(
                clock,
                rounds,
                AuctionFixtures.intake(
                        rounds,
                        new InMemoryBuilderDirectory().admit(AuctionFixtures.address(alice)),
                        auctionKey,
                        collateral,
                        strikes),
                new ChainHeads(64),
                new JdbcAuctionJournal(writer, new HistoryQueries(breaking)),
                new RecordingAuctionEvents(),
                collateral,
                strikes,
                Runnable::run);
        auctioneer.blockDeclared(new ChainHeads.Head(
                PARENT, BlockNumber.of(41), Hash32.fromHex("0x" + "09".repeat(32)), NOW.getEpochSecond()));
        return auctioneer;
    }

    private byte[] bid(long seed) {
        return WireJson.write(
                AuctionFixtures.sealedBid(auctionKey, alice, BlockNumber.of(42), PARENT, attributes, 100, seed));
    }

    private static void assertUnavailable(BidVerdict verdict) {
        assertThat(verdict)
                .isInstanceOfSatisfying(
                        BidVerdict.Refused.class,
                        refused -> assertThat(refused.rejection().code()).isEqualTo(RejectionCode.UNAVAILABLE));
    }
}
