package dev.gavel.service.channel;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Lets every builder on the channel go when the service stops: each socket is closed "going away" (1001), and
 * stopping waits a moment for the close frames to leave. It runs before the web server's graceful shutdown (a
 * later phase), which would otherwise wait its whole period for builders that never hang up.
 */
public final class ChannelClosing implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ChannelClosing.class);
    private static final Duration CLOSING = Duration.ofSeconds(2);

    private final ChannelFeed feed;
    private volatile boolean running;

    public ChannelClosing(ChannelFeed feed) {
        this.feed = feed;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        long start = System.nanoTime();
        int builders = feed.sockets();
        feed.close();
        try {
            if (!feed.awaitSockets(CLOSING)) {
                log.warn("some builder channel sockets were still closing after {} ms", CLOSING.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info(
                "{} builder channel socket(s) told Gavel is stopping, in {} ms",
                builders,
                (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
