package dev.gavel.service.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.service.broadcast.SlowSubscriberException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** The channel's feed in memory: sequence, resume window, dedup and a slow subscriber's cut-off. */
class ChannelFeedTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    private final ChannelFeed feed = new ChannelFeed(CLOCK, 8, 1 << 20, 4);

    @Test
    void aReconnectingBuilderGetsWhatItMissedThenLiveWithoutGapOrRepeat() {
        IntStream.rangeClosed(1, 5).forEach(this::transaction);

        StepVerifier.create(feed.subscribe(OptionalLong.of(3)).map(ChannelFeedTest::sequence))
                .expectNext(4L, 5L)
                .then(() -> transaction(6))
                .expectNext(6L)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void whatIsNoLongerKeptIsAnnouncedAsAGap() {
        IntStream.rangeClosed(1, 12).forEach(this::transaction);

        StepVerifier.create(feed.subscribe(OptionalLong.of(1)).map(WireJson.MAPPER::readTree))
                .assertNext(gap -> {
                    assertThat(gap.path("type").asString()).isEqualTo("gap");
                    assertThat(gap.path("after").asLong()).isEqualTo(1);
                    assertThat(gap.path("resumesAt").asLong()).isEqualTo(5);
                })
                .expectNextCount(8)
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void messagesArePublishedOnThePublisherInTheOrderHandedInNeverOnTheCallersThread() {
        List<Runnable> handedIn = new CopyOnWriteArrayList<>();
        ChannelFeed queued = new ChannelFeed(CLOCK, 8, 1 << 20, 4, nanos -> {}, handedIn::add);
        queued.transactionReceived(hash(1), Bytes.fromHex("0x01"), "eth_sendRawTransaction", MissingNode.getInstance());
        queued.transactionReceived(hash(2), Bytes.fromHex("0x02"), "eth_sendRawTransaction", MissingNode.getInstance());
        queued.transactionReceived(hash(1), Bytes.fromHex("0x01"), "eth_sendRawTransaction", MissingNode.getInstance());

        assertThat(queued.latestSequence())
                .as("nothing numbered on the caller's thread")
                .isZero();
        handedIn.forEach(Runnable::run);

        assertThat(queued.latestSequence()).isEqualTo(2);
        StepVerifier.create(queued.subscribe(OptionalLong.of(0)).map(WireJson.MAPPER::readTree))
                .assertNext(first -> assertThat(first.path("hash").asString()).isEqualTo(hash(1).toHex()))
                .assertNext(second -> assertThat(second.path("hash").asString()).isEqualTo(hash(2).toHex()))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aTransactionForwardedTwiceIsSentOnce() {
        transaction(1);
        transaction(1);
        transaction(2);

        assertThat(feed.latestSequence()).isEqualTo(2);
        StepVerifier.create(feed.subscribe(OptionalLong.of(0)).map(WireJson.MAPPER::readTree))
                .assertNext(first -> {
                    assertThat(first.path("type").asString()).isEqualTo("transaction");
                    assertThat(first.path("raw").asString()).isEqualTo("0x01");
                    assertThat(first.path("source").asString()).isEqualTo("eth_sendRawTransaction");
                    assertThat(first.path("time").asString()).isEqualTo("2026-11-29T12:00:00Z");
                })
                .assertNext(second -> assertThat(second.path("raw").asString()).isEqualTo("0x02"))
                .thenCancel()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aSlowBuilderIsCutOffAndLosesOnlyItsOwnMessages() {
        List<String> fast = new CopyOnWriteArrayList<>();
        Disposable fastBuilder = feed.subscribe(OptionalLong.empty()).subscribe(fast::add);
        StepVerifier.create(feed.subscribe(OptionalLong.empty()), 0)
                .then(() -> IntStream.rangeClosed(1, 12).forEach(this::transaction))
                .thenRequest(100)
                .thenConsumeWhile(buffered -> sequence(buffered) < 12)
                .expectError(SlowSubscriberException.class)
                .verify(Duration.ofSeconds(5));

        assertThat(fast).hasSize(12);
        assertThat(feed.dropped()).isEqualTo(1);
        assertThat(feed.subscribers()).isOne();
        fastBuilder.dispose();
    }

    @Test
    void theWindowKeepsNoMoreBytesThanItsSize() {
        ChannelFeed small = new ChannelFeed(CLOCK, 1_000, 400, 4);
        for (int i = 1; i <= 20; i++) {
            small.transactionReceived(
                    hash(i), Bytes.of(new byte[60]), "eth_sendRawTransaction", MissingNode.getInstance());
        }

        List<String> replay = small.subscribe(OptionalLong.of(0))
                .take(Duration.ofMillis(300))
                .collectList()
                .block();

        assertThat(WireJson.MAPPER.readTree(replay.getFirst()).path("type").asString())
                .isEqualTo("gap");
        List<String> kept = replay.subList(1, replay.size());
        assertThat(kept).isNotEmpty();
        assertThat(kept.stream().mapToInt(String::length).sum()).isLessThanOrEqualTo(400);
        assertThat(kept.stream().map(ChannelFeedTest::sequence).toList())
                .isEqualTo(LongStream.rangeClosed(21 - kept.size(), 20).boxed().toList());
    }

    private void transaction(int n) {
        feed.transactionReceived(
                hash(n), Bytes.of(new byte[] {(byte) n}), "eth_sendRawTransaction", MissingNode.getInstance());
    }

    private static Hash32 hash(int n) {
        byte[] bytes = new byte[32];
        bytes[31] = (byte) n;
        return Hash32.of(bytes);
    }

    private static long sequence(String json) {
        return sequence(WireJson.MAPPER.readTree(json));
    }

    private static long sequence(JsonNode message) {
        return message.path("sequence").asLong();
    }
}
