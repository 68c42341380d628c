package dev.gavel.service.config;

import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.bidding.seal.BidOpener;
import dev.gavel.bidding.seal.HeaderSignatures;
import dev.gavel.core.admission.StrikeBook;
import dev.gavel.core.auction.AuctionEvents;
import dev.gavel.core.auction.AuctionJournal;
import dev.gavel.core.auction.Auctioneer;
import dev.gavel.core.chain.ChainHeads;
import dev.gavel.core.escrow.CollateralBook;
import dev.gavel.core.intake.BidIntake;
import dev.gavel.core.intake.BuilderDirectory;
import dev.gavel.core.round.PolicySchedule;
import dev.gavel.core.round.RoundBook;
import dev.gavel.primitives.Hex;
import dev.gavel.service.admission.CreditLimitedDirectory;
import dev.gavel.service.admission.StaticBuilderDirectory;
import dev.gavel.service.broadcast.AuctionBroadcasts;
import dev.gavel.service.broadcast.Broadcast;
import dev.gavel.service.channel.ChannelFeed;
import dev.gavel.service.engineapi.PayloadEncoder;
import dev.gavel.service.history.JdbcAuctionJournal;
import dev.gavel.service.hub.HubBuilderDirectory;
import dev.gavel.service.hub.HubPolicySchedule;
import dev.gavel.service.ops.AttestationHealthIndicator;
import dev.gavel.service.ops.DeliveryMetrics;
import dev.gavel.service.ops.MetricRecordingAuctionJournal;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The auction core, wired from configuration. The only place that knows how its parts fit. */
@Configuration(proxyBeanMethods = false)
class AuctionConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AuctionConfiguration.class);
    private static final int RECENT_HEADS = 1_024;

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    AuctionKeyPair auctionKey(AuctionProperties auction, GavelProperties gavel) {
        String hex = SecretFiles.readConfiguredOrDevelopment(
                auction.keyFile(),
                gavel.dataDir().resolve("auction-key.hex"),
                () -> Hex.encode(AuctionKeyPair.generate(auction.keyId()).privateKeyBytes()));
        return AuctionKeyPair.fromPrivateKey(auction.keyId(), Hex.decodeOptionalPrefix(hex));
    }

    /** The BuilderHub's policies when a chain is configured (the configured one until its first version activates). */
    @Bean
    PolicySchedule policySchedule(AuctionProperties auction, ChainMirroring chain) {
        AuctionProperties.Policy p = auction.policy();
        AuctionPolicy policy = new AuctionPolicy(
                1,
                p.format(),
                p.reservePrice(),
                p.bidCutoff().toMillis(),
                p.maxBidsPerBuilder(),
                p.minBuilderBalance(),
                p.beneficiary());
        PolicySchedule configured = block -> policy;
        return chain.mirror().isPresent() ? new HubPolicySchedule(chain::view, configured) : configured;
    }

    /**
     * Gavel's own quote verification (configured attested builders, or the hub's builders), against the Intel SGX
     * Root CA pinned in the build; a test may register another root as a TrustAnchor bean (no setting can).
     */
    @Bean
    AttestationAdmission attestationAdmission(
            AttestationProperties attestation,
            ChainMirroring chain,
            ObjectProvider<TrustAnchor> anchor,
            Clock clock,
            StorageConfiguration.MigratedDatabase migrated) {
        return AttestationAdmission.from(
                attestation, chain, anchor.getIfAvailable(TrustAnchor::intelSgxRoot), clock, migrated.dataSource());
    }

    /** "attestation" on the management port: OUT_OF_SERVICE once some builder's platform has no usable collateral. */
    @Bean
    AttestationHealthIndicator attestationHealthIndicator(AttestationAdmission attestation) {
        return new AttestationHealthIndicator(attestation::health);
    }

    /**
     * The BuilderHub's builders (escrow from the hub) whose registered quotes Gavel verified too when a chain is
     * configured, else attested builders, else the static allowlist (with the credit configured for them).
     */
    @Bean
    BuilderDirectory builderDirectory(
            AuctionProperties auction,
            AttestationAdmission attestation,
            ChainMirroring chain,
            CreditProperties credit) {
        if (chain.mirror().isPresent()) {
            return new HubBuilderDirectory(chain::view, attestation.hubQuoteCheck());
        }
        BuilderDirectory admitted = attestation
                .directory()
                .<BuilderDirectory>map(d -> d)
                .orElseGet(() -> new StaticBuilderDirectory(Set.copyOf(auction.builders())));
        return new CreditLimitedDirectory(admitted, credit.byBuilder());
    }

    /** Round ids continue above the last one recorded; a clock now behind it stepped back since. */
    private static long lastRecordedRoundId(JdbcAuctionJournal history, Clock clock) {
        long last = history.highestRecordedRoundId();
        long nowMicros = Math.multiplyExact(clock.millis(), 1000L);
        if (last > nowMicros) {
            log.warn(
                    "the last recorded round id {} lies {} ms ahead of the clock: the clock stepped back;"
                            + " new round ids continue above it",
                    last,
                    (last - nowMicros) / 1000);
        }
        return last;
    }

    @Bean(destroyMethod = "close")
    AuctionBroadcasts auctionBroadcasts(BidsProperties bids, MeterRegistry registry) {
        DeliveryMetrics metrics = new DeliveryMetrics(registry);
        AuctionBroadcasts broadcasts = new AuctionBroadcasts(bids.subscriberBuffer(), metrics::delivery);
        metrics.dropped("winners", broadcasts.outcomes(), Broadcast::cutOff);
        registry.more().counter("gavel.broadcast.events.dropped", List.of(), broadcasts, AuctionBroadcasts::dropped);
        return broadcasts;
    }

    @Bean
    PayloadEncoder payloadEncoder() {
        return new PayloadEncoder();
    }

    @Bean
    Auctioneer auctioneer(
            Clock clock,
            PolicySchedule policies,
            BuilderDirectory directory,
            AuctionKeyPair auctionKey,
            AuctionProperties auction,
            JdbcAuctionJournal history,
            AuctionBroadcasts broadcasts,
            ChannelFeed channel,
            ForkProperties forks,
            PayloadEncoder payloadEncoder,
            StrikesProperties strikeSettings,
            MeterRegistry registry) {
        AuctionJournal journal = new MetricRecordingAuctionJournal(history, registry, clock);
        RoundBook rounds = new RoundBook(clock, policies, forks.chainSpec(), lastRecordedRoundId(history, clock));
        Eip712Domain domain = auction.domain();
        CollateralBook collateral = new CollateralBook();
        StrikeBook strikes = new StrikeBook(strikeSettings.limit(), strikeSettings.windowBlocks());
        BidIntake intake = new BidIntake(
                rounds,
                directory,
                new BidOpener(auctionKey),
                new BidSignatures(domain),
                new HeaderSignatures(domain),
                collateral,
                strikes);
        Auctioneer auctioneer = new Auctioneer(
                clock,
                rounds,
                intake,
                new ChainHeads(RECENT_HEADS),
                journal,
                AuctionEvents.both(broadcasts, channel),
                collateral,
                strikes,
                payloadEncoder);
        // a restart lifts no debt and no suspension: recorded wins are owed (and watched) again, strikes count again
        auctioneer.restore(history.unresolvedWins(), history.recentStrikes(strikeSettings.windowBlocks()));
        registry.gauge("gavel.rounds.open", auctioneer, Auctioneer::openRounds);
        return auctioneer;
    }
}
