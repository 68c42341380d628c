package dev.gavel.devtools.devnet;

import dev.gavel.bidding.channel.ChannelLogins;
import dev.gavel.devtools.service.GavelService;
import dev.gavel.settlement.contracts.BuilderHub;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.simulation.SimulatedOrderflow;
import dev.gavel.simulation.SimulatedRollupBoost;
import dev.gavel.simulation.channel.ChannelClient;
import dev.gavel.simulation.channel.PendingOrderflow;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * The devnet's builder channel and the orderflow it carries: each builder's channel, the chain's users sending
 * through the Engine API, those who must hear nothing (a stranger, a builder suspended halfway through the run),
 * and the ledger of what was sent, received and included. Closing it closes its channels and stops the users.
 */
final class DevnetChannel implements AutoCloseable {
    /** The pending orderflow a simulated builder holds, and puts into one block, at most. */
    private static final int ORDERFLOW_CAPACITY = 20_000;

    private static final Duration RECONNECT = Duration.ofMillis(200);
    /** When the devnet runs until stopped, the block after which it suspends its listening builder. */
    private static final long SUSPEND_AFTER_UNBOUNDED = 10;

    private final URI uri;
    private final ChannelLogins logins;
    private final AnvilChain chain;
    private final BuilderHub governance;
    private final long confirmations;
    private final OrderflowLedger ledger = new OrderflowLedger();
    private final List<ChannelClient> builders = new ArrayList<>();
    private final long lastBlock;
    private final long suspendAfter;
    private Optional<SimulatedOrderflow> users = Optional.empty();
    private Optional<Eavesdroppers> eavesdroppers = Optional.empty();
    private long blocksMade;

    /**
     * {@code blocks}: the run's length, 0 when it runs until stopped; {@code governance}: the hub as its owner, to
     * suspend a builder through; {@code confirmations}: the service's chain mirror's depth.
     */
    DevnetChannel(
            URI uri, ChannelLogins logins, long blocks, AnvilChain chain, BuilderHub governance, long confirmations) {
        this.uri = uri;
        this.logins = logins;
        this.chain = chain;
        this.governance = governance;
        this.confirmations = confirmations;
        this.lastBlock = blocks;
        this.suspendAfter = blocks > 0 ? Math.max(1, blocks / 2) : SUSPEND_AFTER_UNBOUNDED;
    }

    /** Connects the builder holding {@code key}: what it learns from its channel to build from. */
    PendingOrderflow connect(ECKeyPair key) {
        PendingOrderflow pending = new PendingOrderflow(ORDERFLOW_CAPACITY, ledger::delivered);
        builders.add(new ChannelClient(uri, logins, key, pending, RECONNECT).start());
        return pending;
    }

    boolean allAdmitted() {
        return builders.stream().allMatch(ChannelClient::admitted);
    }

    /**
     * Starts the stranger and the builder to be suspended listening, and, at {@code transactionsPerSecond} above
     * 0, the chain's users: the dev accounts an OP Stack devnet's genesis funds.
     */
    void start(ECKeyPair stranger, ECKeyPair suspended, GavelService service, long chainId, int transactionsPerSecond)
            throws IOException {
        eavesdroppers = Optional.of(Eavesdroppers.start(uri, logins, stranger, suspended));
        if (transactionsPerSecond > 0) {
            List<Credentials> senders = new ArrayList<>();
            for (int i = 0; i < chain.accounts(); i++) {
                senders.add(chain.account(i));
            }
            users = Optional.of(
                    new SimulatedOrderflow(service.engine(), chainId, senders, transactionsPerSecond, ledger::sent)
                            .start());
        }
    }

    /**
     * {@code block} was made the head: its orderflow counts as included if it won; halfway through the run the
     * hub's governance suspends the listening builder; after the run's last block the users stop (no block would
     * take more).
     */
    void madeHead(SimulatedRollupBoost.BlockResult block) throws InterruptedException {
        ledger.madeHead(block);
        blocksMade++;
        if (blocksMade == suspendAfter) {
            eavesdroppers.orElseThrow().suspend(chain, governance, confirmations);
        }
        if (blocksMade == lastBlock) {
            for (SimulatedOrderflow sender : users.stream().toList()) {
                sender.close();
            }
        }
    }

    ChannelReport report() {
        Eavesdroppers listening = eavesdroppers.orElseThrow();
        return new ChannelReport(
                ledger.sent(),
                ledger.deliveredP99Millis(),
                ledger.includedShare(),
                builders.stream().mapToLong(ChannelClient::refused).sum() + listening.refused(),
                listening.leaked(),
                listening.suspendedDisconnected());
    }

    @Override
    public void close() throws InterruptedException {
        for (SimulatedOrderflow sender : users.stream().toList()) {
            sender.close();
        }
        eavesdroppers.ifPresent(Eavesdroppers::close);
        builders.forEach(ChannelClient::close);
    }
}
