package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.round.BuildJob;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.service.testing.ChannelBuilder;
import dev.gavel.service.testing.RawHttp;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.TextSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * Websocket subscribers cannot hurt the service: each feed takes a bounded number of them, in all and per source
 * address, refused with the reason; one that stops reading is dropped while the others get everything; and a
 * stopping service lets every subscriber go at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebsocketLimitsTest {
    static final Map<String, String> UPGRADE = Map.of(
            "Upgrade", "websocket",
            "Connection", "Upgrade",
            "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version", "13");
    static final int BUFFER = 16;
    static final ECKeyPair ALICE = AuctionFixtures.builderKey(0);

    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(
                database,
                temp.resolve("data"),
                List.of(ALICE),
                "--gavel.websockets.max-subscribers=3",
                "--gavel.websockets.max-subscribers-per-address=2",
                "--gavel.bids.subscriber-buffer=" + BUFFER,
                "--gavel.channel.subscriber-buffer=" + BUFFER);
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    @Order(1)
    void beyondItsCapsTheWinnersUpgradeIsRefusedWithTheReason() throws Exception {
        InetAddress local = InetAddress.getByName("127.0.0.1");
        try (TextSocket first = new TextSocket(gavel.ws("/v1/winners"));
                TextSocket second = new TextSocket(gavel.ws("/v1/winners?fromBlock=0"))) {
            RawHttp.Response sameAddress = upgrade("/v1/winners", local);
            assertThat(sameAddress.status()).isEqualTo(503);
            assertThat(sameAddress.headers()).containsKey("retry-after");
            assertThat(sameAddress.body())
                    .isEqualTo("the winners feed takes at most 2 subscribers from one address; retry later");

            try (RawHttp third = new RawHttp(gavel.http(), Duration.ofSeconds(5), InetAddress.getByName("127.0.0.2"))) {
                third.send("GET", "/v1/winners", UPGRADE, new byte[0]);
                assertThat(third.read().status()).as("another address").isEqualTo(101);

                RawHttp.Response full = upgrade("/v1/winners", InetAddress.getByName("127.0.0.3"));
                assertThat(full.status()).isEqualTo(503);
                assertThat(full.body()).isEqualTo("the winners feed has its maximum of 3 subscribers; retry later");
                assertThat(upgrade("/v1/builder", local).status())
                        .as("another websocket")
                        .isEqualTo(101);
            }
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> upgrade("/v1/winners", local).status() == 101);
    }

    @Test
    @Order(2)
    void aBuilderThatStopsReadingIsDroppedWhileTheOthersGetEveryJob() throws Exception {
        int jobs = 600;
        try (StalledSubscriber stalled = new StalledSubscriber(gavel.http(), "/v1/builder");
                TextSocket reading = new TextSocket(gavel.ws("/v1/builder"))) {
            stalled.logIn(ALICE);
            assertThat(ChannelBuilder.logIn(
                                    reading, AuctionFixtures.DOMAIN, ALICE, AuctionFixtures.address(ALICE), null)
                            .path("type")
                            .asString())
                    .isEqualTo("welcome");
            for (int round = 1; round <= jobs; round += BUFFER / 2) {
                for (int next = round; next < round + BUFFER / 2; next++) {
                    gavel.channel().buildJobPublished(job(next));
                }
                for (int next = round; next < round + BUFFER / 2; next++) {
                    assertThat(ChannelBuilder.next(reading)
                                    .path("job")
                                    .path("roundId")
                                    .asLong())
                            .as("job %d, while another builder reads nothing", next)
                            .isEqualTo(next);
                }
            }

            Ending ending = stalled.readToTheEnd();

            assertThat(ending.messages())
                    .as("jobs the stalled builder could still read: what was in flight when it was dropped")
                    .isLessThan(jobs / 2);
            if (ending.closeCode() != -1) {
                assertThat(ending.closeCode()).isEqualTo(1008);
                assertThat(ending.reason()).startsWith("too slow: subscriber fell more than " + BUFFER);
            }
        }
    }

    /** SIGTERM closes the context as this does: the subscribers must not hold it for the graceful period (30 s). */
    @Test
    @Order(3)
    void stoppingTheServiceClosesEverySubscriberAtOnce() throws Exception {
        try (TextSocket winners = new TextSocket(gavel.ws("/v1/winners"));
                TextSocket replaying = new TextSocket(gavel.ws("/v1/winners?fromBlock=0"))) {
            long start = System.nanoTime();

            gavel.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("the context's close, which waited 34 s before")
                    .isLessThan(Duration.ofSeconds(10));
            for (TextSocket socket : List.of(winners, replaying)) {
                await().atMost(Duration.ofSeconds(5)).until(() -> socket.closeCode() == 1001);
            }
        }
    }

    private static RawHttp.Response upgrade(String path, InetAddress from) throws Exception {
        try (RawHttp connection = new RawHttp(gavel.http(), Duration.ofSeconds(5), from)) {
            connection.send("GET", path, UPGRADE, new byte[0]);
            return connection.read();
        }
    }

    /** A build job of about 32 KB of JSON: a forced transaction of 16 KB. */
    private static BuildJob job(long round) {
        PayloadAttributes sequencer = SimulatedBlocks.attributes(1_700_000_000L + round, round);
        PayloadAttributes attributes = new PayloadAttributes(
                sequencer.timestamp(),
                sequencer.prevRandao(),
                sequencer.suggestedFeeRecipient(),
                sequencer.withdrawals(),
                sequencer.parentBeaconBlockRoot(),
                List.of(Bytes.of(new byte[16 * 1024])),
                sequencer.noTxPool(),
                sequencer.gasLimit(),
                sequencer.eip1559Params(),
                sequencer.minBaseFee());
        return new BuildJob(
                round,
                PayloadId.fromHex("0x" + "01".repeat(8)),
                BlockNumber.of(round),
                Hash32.fromHex("0x" + "0a".repeat(32)),
                attributes,
                Instant.parse("2026-11-29T12:00:00Z"),
                AuctionFixtures.policy(AuctionFormat.SECOND_PRICE, 1_000, 8));
    }

    /**
     * A websocket subscriber that upgrades (and logs in, on the builder channel), then reads nothing until asked (its receive buffer made small, so the
     * server's writes to it soon stall), as a peer that stopped reading does.
     */
    private static final class StalledSubscriber implements AutoCloseable {
        private final Socket socket = new Socket();
        private final DataInputStream in;

        StalledSubscriber(URI base, String path) throws IOException {
            socket.setReceiveBufferSize(4 * 1024);
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n");
            UPGRADE.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            String head = readHead();
            if (!head.startsWith("HTTP/1.1 101")) {
                throw new IOException("not upgraded: " + head);
            }
        }

        /** Answers the channel's challenge as {@code key}'s builder, without reading what follows. */
        void logIn(ECKeyPair key) throws IOException {
            JsonNode challenge = WireJson.MAPPER.readTree(readFrame());
            sendText(ChannelBuilder.login(challenge, AuctionFixtures.DOMAIN, key, AuctionFixtures.address(key), null));
        }

        /** One unfragmented frame's payload. */
        private byte[] readFrame() throws IOException {
            in.readUnsignedByte();
            int length = in.readUnsignedByte() & 0x7f;
            long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
            return in.readNBytes(Math.toIntExact(size));
        }

        /** A text frame, masked as a client's must be (RFC 6455 §5.3; a zero mask keeps the bytes as they are). */
        private void sendText(String text) throws IOException {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x81);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else {
                frame.write(0x80 | 126);
                frame.write(payload.length >> 8);
                frame.write(payload.length & 0xff);
            }
            frame.write(new byte[4]);
            frame.write(payload);
            socket.getOutputStream().write(frame.toByteArray());
        }

        private String readHead() throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            return head.toString();
        }

        /** Reads every frame left until the server closes: the text messages, and the close frame if one came. */
        Ending readToTheEnd() throws IOException {
            int messages = 0;
            try {
                while (true) {
                    int first = in.readUnsignedByte();
                    int length = in.readUnsignedByte() & 0x7f;
                    long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
                    byte[] payload = in.readNBytes(Math.toIntExact(size));
                    int opcode = first & 0x0f;
                    if (opcode == 8 && payload.length < 2) {
                        return new Ending(messages, 1005, ""); // a close frame without a status
                    }
                    if (opcode == 8) {
                        int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
                        return new Ending(
                                messages, code, new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
                    }
                    boolean finalFrame = (first & 0x80) != 0;
                    if (finalFrame && (opcode == 0 || opcode == 1)) {
                        messages++;
                    }
                }
            } catch (EOFException | java.net.SocketException cut) {
                return new Ending(messages, -1, "");
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** How a stalled subscriber's stream ended: the messages it still read, and the close frame's code (-1: none). */
    private record Ending(int messages, int closeCode, String reason) {}
}
