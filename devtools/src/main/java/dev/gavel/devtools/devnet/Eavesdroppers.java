package dev.gavel.devtools.devnet;

import dev.gavel.bidding.channel.ChannelLogins;
import dev.gavel.settlement.contracts.BuilderHub;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.simulation.channel.ChannelClient;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Those the builder channel must tell nothing: a stranger (a key the hub never admitted) and an admitted builder
 * that governance suspends mid-run. Both keep connecting and listening, as an eavesdropper would. What reaches
 * the stranger leaks; what reaches the suspended builder leaks once the suspension is deeper than the mirror's
 * confirmation depth by a block (the design disconnects a builder within that depth; the block is the mirror's
 * poll and the channel's recheck).
 */
final class Eavesdroppers implements AutoCloseable {
    private static final Duration RECONNECT = Duration.ofMillis(500);

    private final ChannelClient stranger;
    private final ChannelClient suspended;
    private final LongAdder heardByStranger = new LongAdder();
    private final ConcurrentLinkedQueue<Long> heardBySuspended = new ConcurrentLinkedQueue<>();
    /** When the suspension became deep enough ({@link System#nanoTime}); null before. */
    private volatile Long suspensionDeepNanos;

    private volatile String suspensionFailure;

    private Eavesdroppers(URI channel, ChannelLogins logins, ECKeyPair strangerKey, ECKeyPair suspendedKey) {
        this.stranger = new ChannelClient(
                channel, logins, strangerKey, (message, at) -> heardByStranger.increment(), RECONNECT);
        this.suspended =
                new ChannelClient(channel, logins, suspendedKey, (message, at) -> heardBySuspended.add(at), RECONNECT);
    }

    static Eavesdroppers start(URI channel, ChannelLogins logins, ECKeyPair strangerKey, ECKeyPair suspendedKey) {
        Eavesdroppers eavesdroppers = new Eavesdroppers(channel, logins, strangerKey, suspendedKey);
        eavesdroppers.stranger.start();
        eavesdroppers.suspended.start();
        return eavesdroppers;
    }

    /** Suspends the listening builder through the hub ({@code hub} as its owner), in the background. */
    void suspend(AnvilChain chain, BuilderHub hub, long confirmations) {
        Thread.ofPlatform().daemon().name("devnet-suspension").start(() -> {
            try {
                TransactionReceipt receipt =
                        hub.suspend(suspended.builder().toHex()).send();
                long deep = receipt.getBlockNumber().longValueExact() + confirmations + 1;
                while (chain.blockNumber().longValueExact() < deep) {
                    Thread.sleep(20);
                }
                suspensionDeepNanos = System.nanoTime();
            } catch (Exception e) {
                suspensionFailure = e.getMessage();
            }
        });
    }

    /** Messages that reached the stranger, and the suspended builder once its suspension was deep enough. */
    long leaked() {
        Long deep = suspensionDeepNanos;
        long afterSuspension = deep == null
                ? 0
                : heardBySuspended.stream().filter(at -> at - deep > 0).count();
        return heardByStranger.sum() + afterSuspension;
    }

    /** Handshakes refused to either. */
    long refused() {
        return stranger.refused() + suspended.refused();
    }

    /** Whether the suspended builder's admitted connection was closed by the service; why not, if it failed. */
    boolean suspendedDisconnected() {
        if (suspensionFailure != null) {
            throw new IllegalStateException("the devnet could not suspend its builder: " + suspensionFailure);
        }
        return suspended.disconnected() > 0;
    }

    @Override
    public void close() {
        stranger.close();
        suspended.close();
    }
}
