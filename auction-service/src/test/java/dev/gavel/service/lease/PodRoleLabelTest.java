package dev.gavel.service.lease;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gavel.core.lease.AuctioneerLease;
import dev.gavel.core.lease.Succession;
import dev.gavel.core.testing.InMemoryLeaseStore;
import dev.gavel.fixtures.SteppingClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pod's role label, patched through a stand-in for the Kubernetes API server over real HTTP. */
class PodRoleLabelTest {
    private static final Duration LEASE = Duration.ofSeconds(1);
    private static final Succession NOTHING = new Succession() {
        @Override
        public void takeOver(long token) {}

        @Override
        public void deposed() {}
    };

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-30T12:00:00Z"));
    private final InMemoryLeaseStore store = new InMemoryLeaseStore(clock);
    private final BlockingQueue<List<String>> patches = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresToGive = new AtomicInteger();
    private HttpServer apiServer;

    @BeforeEach
    void startApiServer() throws Exception {
        apiServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        apiServer.createContext("/api/v1/namespaces/chain/pods/gavel-0", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            patches.add(List.of(
                    exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    body));
            int status = failuresToGive.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        apiServer.start();
    }

    @AfterEach
    void stopApiServer() {
        apiServer.stop(0);
    }

    @Test
    void theActiveInstanceLabelsItsPodActiveOnceAndAStandbyStandby() throws Exception {
        AuctioneerLease active = new AuctioneerLease("a", store, clock, LEASE);
        AuctioneerLease standby = new AuctioneerLease("b", store, clock, LEASE);
        active.heartbeat(NOTHING);
        standby.heartbeat(NOTHING);
        PodRoleLabel label = label(active);

        label.update();

        assertThat(patches.poll(5, TimeUnit.SECONDS))
                .containsExactly(
                        "PATCH",
                        "application/merge-patch+json",
                        "Bearer token-1",
                        "{\"metadata\":{\"labels\":{\"gavel.dev/role\":\"active\"}}}");
        awaitApplied(label, "active");
        label.update();
        assertThat(patches.poll(300, TimeUnit.MILLISECONDS))
                .as("no patch while the role stands")
                .isNull();

        PodRoleLabel standbyLabel = label(standby);
        standbyLabel.update();
        assertThat(patches.poll(5, TimeUnit.SECONDS)).last().asString().contains("\"standby\"");
    }

    @Test
    void aFailedPatchIsTriedAgainAndARoleChangeRelabels() throws Exception {
        AuctioneerLease first = new AuctioneerLease("a", store, clock, LEASE);
        AuctioneerLease second = new AuctioneerLease("b", store, clock, LEASE);
        second.heartbeat(NOTHING);
        first.heartbeat(NOTHING);
        PodRoleLabel label = label(first);
        failuresToGive.set(1);

        label.update();
        assertThat(patches.poll(5, TimeUnit.SECONDS)).last().asString().contains("\"standby\"");
        Thread.sleep(200);
        assertThat(label.applied()).as("the API server refused it").isNull();
        label.update();
        assertThat(patches.poll(5, TimeUnit.SECONDS)).last().asString().contains("\"standby\"");
        awaitApplied(label, "standby");

        clock.advance(LEASE.multipliedBy(2)); // the holder stopped renewing: the standby takes over
        first.heartbeat(NOTHING);
        label.update();
        assertThat(patches.poll(5, TimeUnit.SECONDS)).last().asString().contains("\"active\"");
        awaitApplied(label, "active");
    }

    private PodRoleLabel label(AuctioneerLease lease) {
        AtomicInteger tokens = new AtomicInteger();
        return new PodRoleLabel(
                lease,
                HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:" + apiServer.getAddress().getPort()
                        + "/api/v1/namespaces/chain/pods/gavel-0"),
                () -> "token-" + tokens.incrementAndGet());
    }

    private static void awaitApplied(PodRoleLabel label, String role) throws InterruptedException {
        for (int i = 0; i < 50 && !role.equals(label.applied()); i++) {
            Thread.sleep(20);
        }
        assertThat(label.applied()).isEqualTo(role);
    }
}
