package dev.gavel.service.config;

import dev.gavel.bidding.engine.EngineJwt;
import dev.gavel.bidding.seal.AuctionKeyDocument;
import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.core.auction.Auctioneer;
import dev.gavel.core.lease.AuctioneerLease;
import dev.gavel.db.history.HistoryQueries;
import dev.gavel.db.upkeep.HistoryUpkeep;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.service.broadcast.AuctionBroadcasts;
import dev.gavel.service.broadcast.LimitedHandshakes;
import dev.gavel.service.broadcast.LimitedSocket;
import dev.gavel.service.builders.BidGate;
import dev.gavel.service.builders.BidLimits;
import dev.gavel.service.builders.BuilderApi;
import dev.gavel.service.builders.ConnectionCap;
import dev.gavel.service.builders.JunkLimits;
import dev.gavel.service.channel.ChannelFeed;
import dev.gavel.service.engineapi.EngineApi;
import dev.gavel.service.engineapi.EngineApiServer;
import dev.gavel.service.history.Handover;
import dev.gavel.service.history.JdbcAuctionJournal;
import dev.gavel.service.lease.Leadership;
import dev.gavel.service.lease.PodRoleLabel;
import dev.gavel.service.lifecycle.PeriodicTask;
import dev.gavel.service.lifecycle.ServiceLifecycle;
import dev.gavel.service.ops.BidAcknowledgementMetrics;
import dev.gavel.service.ops.EngineCallMetrics;
import dev.gavel.service.ops.OversizedBidCounter;
import dev.gavel.service.ops.ServeBanner;
import dev.gavel.service.winners.WinnersSocket;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.server.WebSocketService;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The API surfaces: the Engine API on its own port, the builders' HTTP API and the websockets. */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {
    private static final Duration ROUND_SWEEP = Duration.ofMillis(500);

    /** The checks every sealed bid passes, over HTTP or the builder channel: one set of limits for both. */
    @Bean
    BidGate bidGate(Auctioneer auctioneer, BidsProperties bids, Clock clock, MeterRegistry registry) {
        BidLimits limits = new BidLimits(
                clock, bids.maxPending(), bids.maxPendingPerBuilder(), bids.ratePerBuilder(), bids.burstPerBuilder());
        registry.gauge("gavel.bids.pending", limits, BidLimits::pending);
        return new BidGate(
                auctioneer,
                limits,
                new JunkLimits(clock, bids.junkPerAddress(), (int) Math.max(1, 2 * bids.junkPerAddress())),
                Math.toIntExact(bids.maxBodySize().toBytes()),
                Math.toIntExact(bids.maxBinaryBodySize().toBytes()),
                registry.counter("gavel.bids.too.large")::increment);
    }

    @Bean
    RouterFunction<ServerResponse> builderRoutes(
            BidGate gate,
            AuctionKeyPair auctionKey,
            AuctionProperties auction,
            ChainMirroring chain,
            BidsProperties bids,
            MeterRegistry registry) {
        BuilderApi api = new BuilderApi(
                gate,
                () -> AuctionKeyDocument.of(auctionKey.publicKey(), auction.domain(), chain.hubKeyId()),
                bids.headerTimeout(),
                bids.bodyTimeout());
        return RouterFunctions.route()
                .POST("/v1/bids", new BidAcknowledgementMetrics(registry).apply(api::submitBid))
                .GET("/v1/auction-key", api::auctionKey)
                .filter(new OversizedBidCounter(registry))
                .build();
    }

    /**
     * The public port closes a connection at once when its source address already holds its share, and one
     * that waits idle for its next request longer than the idle timeout.
     */
    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> connectionCap(
            BidsProperties bids, MeterRegistry registry) {
        ConnectionCap cap = new ConnectionCap(bids.maxConnectionsPerAddress());
        registry.more().counter("gavel.connections.refused", List.of(), cap, ConnectionCap::refused);
        return factory -> factory.addServerCustomizers(server -> server.idleTimeout(bids.idleTimeout())
                .doOnChannelInit((observer, channel, remote) -> cap.onAccepted(channel)));
    }

    @Bean
    HandlerMapping websocketRoutes(
            AuctionBroadcasts broadcasts,
            JdbcAuctionJournal history,
            WebsocketProperties websockets,
            Scheduler replays) {
        // build jobs travel on the builder channel (/v1/builder), to logged-in admitted builders only
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of(
                "/v1/winners",
                limited(new WinnersSocket(broadcasts.outcomes(), history, replays), "winners", websockets)));
        mapping.setOrder(-1);
        return mapping;
    }

    private static LimitedSocket limited(WebSocketHandler socket, String feed, WebsocketProperties websockets) {
        return new LimitedSocket(socket, feed, websockets.maxSubscribers(), websockets.maxSubscribersPerAddress());
    }

    /** The winners feed's {@code fromBlock} replays: a few threads of their own, so a few connections at most. */
    @Bean(destroyMethod = "dispose")
    Scheduler replays(WebsocketProperties websockets) {
        return Schedulers.newBoundedElastic(websockets.replayThreads(), websockets.maxSubscribers(), "gavel-replay");
    }

    /** Websocket upgrades go through the subscriber limits. */
    @Bean
    WebFluxConfigurer websocketHandshakes() {
        return new WebFluxConfigurer() {
            @Override
            public WebSocketService getWebSocketService() {
                return new LimitedHandshakes();
            }
        };
    }

    @Bean
    EngineJwt engineJwt(EngineProperties engine, GavelProperties gavel, Clock clock) {
        String secret = SecretFiles.readConfiguredOrDevelopment(
                engine.jwtSecretFile(), jwtSecretFile(engine, gavel), () -> SecretFiles.randomHex(32));
        return new EngineJwt(EngineJwt.parseSecret(secret), clock, engine.jwtIatTolerance());
    }

    @Bean
    ServeBanner serveBanner(EngineApiServer engineApi, EngineProperties engine, GavelProperties gavel) {
        return new ServeBanner(engineApi, jwtSecretFile(engine, gavel), gavel.dataDir());
    }

    @Bean(destroyMethod = "close")
    EngineApiServer engineApiServer(
            Auctioneer auctioneer,
            ChannelFeed channel,
            AuctioneerLease lease,
            EngineJwt jwt,
            EngineProperties engine,
            MeterRegistry registry) {
        Counter jwtRejected = Counter.builder("gavel.engine.jwt.rejected")
                .description("Engine API requests refused for their JWT (rollup-boost's secret or clock)")
                .register(registry);
        return new EngineApiServer(
                new EngineApi(auctioneer, channel, lease, new EngineCallMetrics(registry)),
                jwt,
                engine.maxRequestSize().toBytes(),
                jwtRejected::increment);
    }

    /**
     * The lease's heartbeat; a deposed instance reports itself broken (liveness), so that its orchestrator
     * restarts it as a standby.
     */
    @Bean
    Leadership leadership(
            AuctioneerLease lease,
            Auctioneer auctioneer,
            DataSource dataSource,
            JdbcAuctionJournal journal,
            StrikesProperties strikes,
            Clock clock,
            ApplicationEventPublisher events) {
        return new Leadership(
                lease,
                auctioneer,
                new Handover(new HistoryQueries(dataSource), journal, strikes.windowBlocks(), clock),
                () -> AvailabilityChangeEvent.publish(events, lease, LivenessState.BROKEN));
    }

    /**
     * The periodic work, each task run once before the Engine API opens: the lease's heartbeat first (a lone
     * instance is the auctioneer before it takes a call); only the active auctioneer settles.
     */
    @Bean
    ServiceLifecycle serviceLifecycle(
            EngineApiServer engineApi,
            EngineProperties engine,
            Leadership leadership,
            LeaseProperties lease,
            AuctioneerLease auctioneerLease,
            Auctioneer auctioneer,
            AuctionProperties auction,
            AttestationAdmission attestation,
            AttestationProperties attestationProperties,
            ChainMirroring chain,
            ChainProperties chainProperties,
            SettlementWiring settlement,
            SettlementProperties settlementProperties,
            JdbcAuctionJournal journal,
            HistoryUpkeep historyUpkeep,
            HistoryProperties history,
            Clock clock,
            AuctionBroadcasts broadcasts) {
        List<PeriodicTask> tasks = new ArrayList<>();
        tasks.add(new PeriodicTask("auctioneer lease", lease.renewInterval(), leadership::beat));
        if (lease.labelPod()) {
            tasks.add(new PeriodicTask(
                    "pod role label",
                    lease.renewInterval(),
                    PodRoleLabel.inCluster(auctioneerLease, lease.podName())::update));
        }
        tasks.add(new PeriodicTask("round sweep", ROUND_SWEEP, () -> auctioneer.expireRounds(auction.expiryGrace())));
        tasks.add(
                new PeriodicTask("history upkeep", history.upkeepInterval(), () -> historyUpkeep.run(clock.instant())));
        chain.mirror()
                .ifPresent(mirror -> tasks.add(new PeriodicTask(
                        "chain mirror catch-up",
                        chainProperties.pollInterval(),
                        attestation
                                .hubQuotes()
                                .<Runnable>map(quotes -> () -> quotes.update(mirror.catchUp()))
                                .orElse(mirror::catchUp))));
        attestation
                .directory()
                .ifPresent(directory -> tasks.add(new PeriodicTask(
                        "attestation refresh", attestationProperties.refreshInterval(), directory::refresh)));
        attestation
                .hubQuotes()
                .ifPresent(quotes -> tasks.add(new PeriodicTask(
                        "attestation refresh", attestationProperties.refreshInterval(), quotes::reverify)));
        settlement
                .settler()
                .ifPresent(settler ->
                        tasks.add(new PeriodicTask("settlement", settlementProperties.pollInterval(), () -> {
                            if (auctioneerLease.active()) {
                                settler.runOnce();
                            }
                        })));
        settlement
                .settler()
                .ifPresent(settler -> tasks.add(new PeriodicTask(
                        "escrow of settled wins",
                        settlementProperties.pollInterval(),
                        () -> auctioneer.winsResolved(
                                journal.resolvedAmong(auctioneer.unresolvedWins(), escrowReadThrough(chain))))));
        return new ServiceLifecycle(engineApi, engine.host(), engine.port(), tasks, broadcasts::close);
    }

    /** The block of the contracts' chain the escrow balances were read at; -1 before the mirror's first view. */
    private static long escrowReadThrough(ChainMirroring chain) {
        BlockNumber block = chain.view().block();
        return block == null ? -1 : block.value();
    }

    private static Path jwtSecretFile(EngineProperties engine, GavelProperties gavel) {
        return engine.jwtSecretFile() != null
                ? engine.jwtSecretFile()
                : gavel.dataDir().resolve("jwt.hex");
    }
}
