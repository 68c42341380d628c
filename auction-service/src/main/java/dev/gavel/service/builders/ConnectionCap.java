package dev.gavel.service.builders;

import io.netty.channel.Channel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code perAddress} open connections from one source address on the public port: a sender cannot hold
 * the service's connections (a slowloris) beyond its share. A connection over the cap is closed at once.
 */
public final class ConnectionCap {
    private final int perAddress;
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    public ConnectionCap(int perAddress) {
        this.perAddress = perAddress;
    }

    /** Counts a newly accepted channel, closing it if its address already holds {@code perAddress}. */
    public void onAccepted(Channel channel) {
        if (!(channel.remoteAddress() instanceof InetSocketAddress socket)) {
            return;
        }
        InetAddress address = socket.getAddress();
        if (open.merge(address, 1, Integer::sum) > perAddress) {
            release(address);
            refused.incrementAndGet();
            channel.close();
            return;
        }
        channel.closeFuture().addListener(closed -> release(address));
    }

    /** Connections closed at once for being over the cap, since start. */
    public long refused() {
        return refused.get();
    }

    private void release(InetAddress address) {
        open.computeIfPresent(address, (a, count) -> count > 1 ? count - 1 : null);
    }
}
