package dev.gavel.service.config;

import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.channel.ChannelLogins;
import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.core.auction.Auctioneer;
import dev.gavel.core.intake.BuilderDirectory;
import dev.gavel.core.round.PolicySchedule;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.service.builders.BidGate;
import dev.gavel.service.channel.BuilderChannelSocket;
import dev.gavel.service.channel.ChannelBids;
import dev.gavel.service.channel.ChannelClosing;
import dev.gavel.service.channel.ChannelFeed;
import dev.gavel.service.channel.ChannelPublisher;
import dev.gavel.service.ops.DeliveryMetrics;
import dev.gavel.service.orderflow.BundleApi;
import dev.gavel.service.orderflow.PendingPool;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;

/**
 * The builder channel: its feed (fed by the Engine API and the auction) and its websocket, whose bids pass the
 * same {@link BidGate} (checks and limits) as POST /v1/bids.
 */
@Configuration(proxyBeanMethods = false)
class ChannelConfiguration {
    /** A bundle of 100 transactions of 10 KB each, hex encoded, fits. */
    private static final int MAX_BUNDLE_BODY_BYTES = 4 * 1024 * 1024;
    /** Messages handed to the channel and not yet published: a few seconds of orderflow at 10,000 a second. */
    private static final int PUBLISHER_QUEUE = 65_536;

    /** The channel's own thread: the fan-out never runs on the Engine API's loop, which also answers getPayload. */
    @Bean(destroyMethod = "close")
    ChannelPublisher channelPublisher(MeterRegistry registry) {
        ChannelPublisher publisher = new ChannelPublisher(PUBLISHER_QUEUE);
        registry.more().counter("gavel.channel.messages.dropped", List.of(), publisher, ChannelPublisher::dropped);
        return publisher;
    }

    @Bean
    ChannelFeed channelFeed(
            ChannelProperties channel, Clock clock, MeterRegistry registry, ChannelPublisher publisher) {
        DeliveryMetrics delivery = new DeliveryMetrics(registry);
        ChannelFeed feed = new ChannelFeed(
                clock,
                channel.resumeWindow(),
                channel.resumeWindowSize().toBytes(),
                channel.subscriberBuffer(),
                delivery.delivery("channel"),
                publisher);
        delivery.dropped("channel", feed, ChannelFeed::dropped);
        registry.gauge("gavel.channel.builders", feed, ChannelFeed::subscribers);
        registry.more().counter("gavel.channel.dropped", List.of(), feed, ChannelFeed::dropped);
        return feed;
    }

    /** POST /v1/bundles: signed eth_sendBundle, to the admitted builders on their channel. */
    @Bean
    RouterFunction<ServerResponse> bundleRoutes(ChannelFeed feed, ChannelProperties channel, Clock clock) {
        BundleApi api = new BundleApi(feed, clock, channel.bundleRatePerSender(), MAX_BUNDLE_BODY_BYTES);
        return RouterFunctions.route().POST("/v1/bundles", api::sendBundle).build();
    }

    /** The execution client's pending pool, when configured: its transactions join the channel's orderflow. */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnProperty("gavel.channel.pending-pool-url")
    PendingPool pendingPool(ChannelFeed feed, ChannelProperties channel) {
        return new PendingPool(channel.pendingPoolUrl(), HttpClient.newHttpClient(), feed);
    }

    /** Closes the builders' sockets "going away" when the service stops, before the web server's graceful shutdown. */
    @Bean
    ChannelClosing channelClosing(ChannelFeed feed) {
        return new ChannelClosing(feed);
    }

    /**
     * A builder is admitted to the channel as it would be to bid on the next block: by the directory, under
     * the policy of the block after the latest one the sequencer declared.
     */
    @Bean
    HandlerMapping channelRoutes(
            ChannelFeed feed,
            ChannelProperties channel,
            AuctionProperties auction,
            AuctionKeyPair auctionKey,
            BuilderDirectory directory,
            PolicySchedule policies,
            Auctioneer auctioneer,
            BidGate gate,
            BidsProperties bids,
            Clock clock) {
        BuilderChannelSocket socket = new BuilderChannelSocket(
                feed,
                new ChannelBids(
                        gate,
                        bids.maxPendingPerBuilder(),
                        Math.toIntExact(Math.max(
                                bids.maxBinaryBodySize().toBytes(),
                                bids.maxBodySize().toBytes()))),
                new ChannelLogins(Eip712Domain.gavel(auction.chainId(), auction.settlementContract())),
                builder -> directory.refusal(
                        builder,
                        policies.policyAt(auctioneer
                                .heads()
                                .latest()
                                .map(head -> head.number().next())
                                .orElse(BlockNumber.of(0)))),
                auctionKey::keyId,
                clock,
                new BuilderChannelSocket.Timing(channel.loginTimeout(), channel.recheckInterval()));
        SimpleUrlHandlerMapping mapping = new SimpleUrlHandlerMapping(Map.of("/v1/builder", socket));
        mapping.setOrder(-1);
        return mapping;
    }
}
