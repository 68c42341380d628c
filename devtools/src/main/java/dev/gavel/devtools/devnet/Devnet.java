package dev.gavel.devtools.devnet;

import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.channel.ChannelLogins;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.seal.HeaderSignatures;
import dev.gavel.devtools.failover.FailoverDrill;
import dev.gavel.devtools.failover.FailoverPair;
import dev.gavel.devtools.inprocess.InProcessGavel;
import dev.gavel.devtools.service.GavelService;
import dev.gavel.primitives.Address;
import dev.gavel.service.config.SecretFiles;
import dev.gavel.settlement.contracts.BuilderHub;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.LocalDeployment;
import dev.gavel.simulation.BidTally;
import dev.gavel.simulation.BuilderStrategy;
import dev.gavel.simulation.Hostility;
import dev.gavel.simulation.Http11;
import dev.gavel.simulation.SimulatedBuilder;
import dev.gavel.simulation.SimulatedRollupBoost;
import dev.gavel.simulation.channel.PendingOrderflow;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * Everything on this machine with no configuration: anvil with Gavel's contracts (a signed block-hash source
 * trusting the simulated sequencer), builders registered by attestor-verified proofs with deposits, the
 * auction service over embedded PostgreSQL, and a simulated rollup-boost driving the real Engine API. The
 * simulated L2 is its own chain of blocks; the settlement contract learns its canonical hashes from the
 * sequencer's signatures, so settlement runs for real.
 */
public final class Devnet {
    static final long L2_CHAIN_ID = 901;
    static final long FIRST_L2_BLOCK = 1_000;
    static final BigInteger RESERVE = BigInteger.valueOf(1_000);
    static final Duration BID_CUTOFF = Duration.ofMillis(100);
    private static final BigInteger DEPOSIT = BigInteger.TEN.pow(18);
    private static final BigInteger DEADBEAT_DEPOSIT = BigInteger.ONE;
    private static final BigInteger OVERBIDDER_DEPOSIT = BigInteger.valueOf(1_000);
    private static final ECKeyPair TYPESCRIPT_BUILDER_KEY = ECKeyPair.create(BigInteger.valueOf(0x75b111de7L));
    /** Registered and admitted, it only listens on the channel until governance suspends it mid-run. */
    private static final ECKeyPair SUSPENDED_LISTENER_KEY = ECKeyPair.create(BigInteger.valueOf(0x5115e7dL));
    /** Never registered: the channel must refuse it. */
    private static final ECKeyPair STRANGER_KEY = ECKeyPair.create(BigInteger.valueOf(0x57a7e7L));

    static final long CONFIRMATIONS = 1;

    private final AnvilChain chain;
    private final LocalDeployment deployment;
    private final DevnetRecords records;
    private final SimulatedRollupBoost rollupBoost;
    private final BidTally tally;
    private final Credentials beneficiary;
    private final Attackers attackers;
    private final List<Address> hostileBuilders;
    private final Optional<TypeScriptBuilder> typescript;
    private final DevnetChannel channel;
    private final Optional<FailoverDrill> failover;
    private Optional<String> struck = Optional.empty();

    private Devnet(
            AnvilChain chain,
            LocalDeployment deployment,
            GavelService service,
            SimulatedRollupBoost rollupBoost,
            BidTally tally,
            Credentials beneficiary,
            Attackers attackers,
            List<Address> hostileBuilders,
            Optional<TypeScriptBuilder> typescript,
            DevnetChannel channel,
            Optional<FailoverDrill> failover) {
        this.chain = chain;
        this.deployment = deployment;
        this.records = new DevnetRecords(service.database());
        this.rollupBoost = rollupBoost;
        this.tally = tally;
        this.beneficiary = beneficiary;
        this.attackers = attackers;
        this.hostileBuilders = List.copyOf(hostileBuilders);
        this.typescript = typescript;
        this.channel = channel;
        this.failover = failover;
    }

    /** Starts the devnet, each part registered in {@code started} as soon as it runs: the caller stops them. */
    static Devnet start(DevnetOptions options, Path dataDir, Started started) throws Exception {
        AnvilChain chain = started.add(AnvilChain.startWithBlockTime(Duration.ofSeconds(1)));
        Credentials owner = chain.account(0);
        Credentials sequencer = chain.account(5);
        Credentials beneficiary = chain.account(4);
        LocalDeployment deployment = LocalDeployment.deploy(chain, owner, chain.account(7), sequencer, L2_CHAIN_ID);
        deployment.schedulePolicy(
                new BuilderHub.Policy(
                        BigInteger.valueOf(AuctionFormat.SECOND_PRICE.contractCode()),
                        RESERVE,
                        BigInteger.valueOf(BID_CUTOFF.toMillis()),
                        BigInteger.valueOf(4),
                        BigInteger.ZERO,
                        beneficiary.getAddress()),
                deployment.earliestActivation());
        BuilderHub governance = handOverGovernance(chain, deployment, chain.account(6));
        List<Registered> registered = registerBuilders(chain, deployment, options);
        register(chain, deployment, SUSPENDED_LISTENER_KEY, DEPOSIT);
        Optional<ECKeyPair> typescriptKey = options.typescriptClient().map(client -> TYPESCRIPT_BUILDER_KEY);
        for (ECKeyPair key : typescriptKey.stream().toList()) {
            register(chain, deployment, key, DEPOSIT);
        }
        int admitted = registered.size() + 1 + (typescriptKey.isPresent() ? 1 : 0);
        List<String> settings = serviceSettings(
                chain,
                deployment,
                SecretFiles.writePrivateKey(dataDir.resolve("settler.key"), owner.getEcKeyPair()),
                SecretFiles.writePrivateKey(dataDir.resolve("sequencer.key"), sequencer.getEcKeyPair()));
        Optional<FailoverPair> pair = options.failover().isPresent()
                ? Optional.of(started.add(FailoverPair.start(dataDir, settings)))
                : Optional.empty();
        GavelService service = pair.isPresent() ? pair.get() : started.add(InProcessGavel.start(dataDir, settings));
        DevnetRecords records = new DevnetRecords(service.database());
        awaitTrue(
                Duration.ofSeconds(30),
                // the hostile builders register last: once all are seen, so is the withdrawal request before them
                () -> records.activeBuilders() >= admitted && records.policies() > 0,
                "the service's chain mirror did not see the builders and the policy");
        URI http = service.http();
        BidTally tally = new BidTally();
        Eip712Domain domain =
                Eip712Domain.gavel(AnvilChain.CHAIN_ID, Address.fromHex(deployment.settlement.getContractAddress()));
        BuilderStrategy strategy = new BuilderStrategy(
                10_000,
                1_000_000,
                options.bidsPerRound(),
                options.transactions(),
                options.invalidShare(),
                options.lateShare());
        DevnetChannel channel = started.add(new DevnetChannel(
                service.ws("/v1/builder"),
                new ChannelLogins(domain),
                options.blocks(),
                chain,
                governance,
                CONFIRMATIONS));
        List<SimulatedBuilder> builders = new ArrayList<>();
        for (Registered builder : registered) {
            // honest builders alternate JSON and binary frames, so the devnet runs both transports; hostile ones
            // bid as JSON, whose envelope can carry what they abuse (execution requests, a Cancun-shaped payload)
            BidEncoding encoding =
                    builder.hostility().isPresent() ? BidEncoding.JSON : BidEncoding.values()[builders.size() % 2];
            BuilderClient client = new BuilderClient(http, Http11.client(), builder.key(), domain, encoding);
            client.fetchAuctionKey();
            PendingOrderflow pending = channel.connect(builder.key());
            builders.add(new SimulatedBuilder(
                    client,
                    strategy,
                    tally,
                    builders.size(),
                    builder.hostility(),
                    options.orderflowTps() > 0 ? Optional.of(pending) : Optional.empty()));
        }
        awaitTrue(
                Duration.ofSeconds(30), channel::allAdmitted, "the builders were not admitted to the builder channel");
        SimulatedRollupBoost rollupBoost = new SimulatedRollupBoost(
                service.engine(), builders, options.blockTime(), BID_CUTOFF, Clock.systemUTC());
        rollupBoost.genesis(FIRST_L2_BLOCK);
        channel.start(STRANGER_KEY, SUSPENDED_LISTENER_KEY, service, L2_CHAIN_ID, options.orderflowTps());
        Attackers attackers = started.add(Attackers.start(
                options,
                http,
                builders.getFirst().client().builder(),
                builders.getFirst().client().fetchAuctionKey(),
                new HeaderSignatures(domain),
                rollupBoost::currentRound));
        List<Address> hostile = builders.stream()
                .filter(b -> b.hostility().isPresent())
                .map(b -> b.client().builder())
                .toList();
        Optional<TypeScriptBuilder> typescript = Optional.empty();
        if (typescriptKey.isPresent()) {
            typescript = Optional.of(started.add(TypeScriptBuilder.start(
                    options.typescriptClient().orElseThrow(),
                    http,
                    SecretFiles.writePrivateKey(dataDir.resolve("ts-builder.key"), typescriptKey.get()),
                    Address.fromHex(Credentials.create(typescriptKey.get()).getAddress()))));
        }
        Optional<FailoverDrill> failover =
                pair.map(both -> new FailoverDrill(both, options.failover().orElseThrow()));
        return new Devnet(
                chain,
                deployment,
                service,
                rollupBoost,
                tally,
                beneficiary,
                attackers,
                hostile,
                typescript,
                channel,
                failover);
    }

    /** A builder registered on the hub: its key, and how it is hostile, if it is. */
    private record Registered(ECKeyPair key, Optional<Hostility> hostility) {}

    /**
     * Builders with fresh keys, funded on anvil, registered through the attestor and with a deposit of 1 ether (the
     * deadbeat's is 1 wei); with {@code --hostile}, one builder of each {@link Hostility} after them, the
     * overbidder with 1,000 wei, the withdrawing one with its whole deposit requested back.
     */
    private static List<Registered> registerBuilders(
            AnvilChain chain, LocalDeployment deployment, DevnetOptions options) throws Exception {
        List<Optional<Hostility>> kinds = new ArrayList<>();
        for (int i = 0; i < options.builders(); i++) {
            kinds.add(Optional.empty());
        }
        if (options.hostile()) {
            Arrays.stream(Hostility.values()).map(Optional::of).forEach(kinds::add);
        }
        List<Registered> registered = new ArrayList<>();
        for (Optional<Hostility> hostility : kinds) {
            int i = registered.size();
            ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(0xb111de7L + i));
            boolean deadbeat = options.deadbeat() && i == options.builders() - 1;
            boolean overbidder = hostility.equals(Optional.of(Hostility.OVERBIDS));
            register(chain, deployment, key, deadbeat ? DEADBEAT_DEPOSIT : overbidder ? OVERBIDDER_DEPOSIT : DEPOSIT);
            if (hostility.equals(Optional.of(Hostility.WITHDRAWING))) {
                deployment
                        .settlementAs(Credentials.create(key))
                        .requestWithdrawal(DEPOSIT)
                        .send();
            }
            registered.add(new Registered(key, hostility));
        }
        return registered;
    }

    /**
     * Moves the hub's ownership from the deployer, whose key the service's settler holds, to {@code governance}:
     * the devnet suspends a builder through the hub mid-run, and two senders sharing one account would race for
     * its nonces.
     */
    private static BuilderHub handOverGovernance(AnvilChain chain, LocalDeployment deployment, Credentials governance)
            throws Exception {
        deployment.hub.transferOwnership(governance.getAddress()).send();
        BuilderHub governed =
                BuilderHub.load(deployment.hub.getContractAddress(), chain.web3j(), chain.tx(governance), chain.gas());
        governed.acceptOwnership().send();
        return governed;
    }

    private static void register(AnvilChain chain, LocalDeployment deployment, ECKeyPair key, BigInteger deposit)
            throws Exception {
        Credentials builder = Credentials.create(key);
        chain.fund(builder.getAddress(), DEPOSIT.multiply(BigInteger.TEN));
        deployment.register(builder);
        deployment.deposit(builder, deposit);
    }

    private static List<String> serviceSettings(
            AnvilChain chain, LocalDeployment deployment, Path settlerKey, Path sequencerKey) {
        return List.of(
                "--gavel.auction.chain-id=" + AnvilChain.CHAIN_ID,
                "--gavel.auction.settlement-contract=" + deployment.settlement.getContractAddress(),
                "--gavel.chain.rpc-url=http://127.0.0.1:" + chain.port(),
                "--gavel.chain.hub-address=" + deployment.hub.getContractAddress(),
                "--gavel.chain.settlement-address=" + deployment.settlement.getContractAddress(),
                "--gavel.chain.confirmations=" + CONFIRMATIONS,
                // a suspended builder leaves the channel within a block of the mirror seeing it
                "--gavel.channel.recheck-interval=250ms",
                "--gavel.chain.poll-interval=500ms",
                // the devnet's builders have no TDX: an attestor vouches for stand-in quotes Gavel cannot verify
                "--gavel.attestation.verify-hub-quotes=false",
                "--gavel.settlement.settler-key-file=" + settlerKey,
                "--gavel.settlement.sequencer-key-file=" + sequencerKey,
                "--gavel.settlement.target-batch-items=8",
                "--gavel.settlement.max-batch-age=3s",
                "--gavel.settlement.poll-interval=500ms");
    }

    /**
     * The next block; halfway through, the hub's governance suspends the channel's listening builder; after the
     * run's last, the orderflow stops (no block would take more); with a failover plan, the active instance is struck
     * after the plan's block.
     */
    public SimulatedRollupBoost.BlockResult nextBlock() throws IOException, InterruptedException {
        SimulatedRollupBoost.BlockResult block = rollupBoost.nextBlock();
        channel.madeHead(block);
        if (failover.isPresent()) {
            struck = failover.get().afterBlock(block);
        }
        return block;
    }

    /** The line shown for a block: number, accepted bids, winner, value, price, getPayload latency, settled so far. */
    public String line(SimulatedRollupBoost.BlockResult block) throws InterruptedException {
        DevnetRecords.BlockLine row = records.block(block.number().value());
        for (int wait = 0; !block.fallback() && row.winner().equals("-") && wait < 10; wait++) {
            Thread.sleep(20); // the outcome is written by the next group commit
            row = records.block(block.number().value());
        }
        return String.format(
                "block %d  bids %d  %s  getPayload %.1f ms  settled %d%s",
                block.number().value(),
                row.acceptedBids(),
                block.gavelUnavailable()
                        ? "Gavel unavailable: sequencer's own block"
                        : block.fallback()
                                ? "no winner: sequencer's own block"
                                : "winner " + row.winner() + "  value "
                                        + block.blockValue().amount() + "  price " + row.price(),
                block.getPayloadLatency().toNanos() / 1e6,
                records.settledOutcomes(),
                struck.map(event -> "  [" + event + "]").orElse(""));
    }

    /** Where the chain is (the service's own URLs are in its banner). */
    public String chainLine() {
        return "chain (anvil)  http://127.0.0.1:" + chain.port() + "  BuilderHub " + deployment.hub.getContractAddress()
                + "  AuctionSettlement " + deployment.settlement.getContractAddress();
    }

    /** Waits (mining on) until every canonical won block is settled or {@code patience} runs out. */
    public void awaitSettlement(Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (records.unsettledOutcomes() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
    }

    public DevnetSummary summary(long blocks) throws Exception {
        DevnetSummary summary =
                records.summary(blocks, tally, deployment, chain.web3j(), beneficiary.getAddress(), hostileBuilders);
        summary = attackers.report().map(summary::withAttack).orElse(summary);
        summary = summary.withChannel(channel.report());
        for (TypeScriptBuilder builder : typescript.stream().toList()) {
            summary = summary.withTypeScriptBuilder(builder.toJson(records.wins(builder.builder())));
        }
        for (FailoverDrill drill : failover.stream().toList()) {
            summary = summary.withFailover(drill.report(records::chargeable));
        }
        return summary;
    }

    private static void awaitTrue(Duration patience, BooleanSupplier condition, String failure)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(failure + " within " + patience.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }
}
