package dev.gavel.devtools.devnet;

import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the devnet has started so far (anvil, the service and its embedded PostgreSQL, the attackers), stopped last
 * first, each once, whichever thread gets there first: the devnet's own end, or a SIGTERM's shutdown hook while it
 * is still starting. Whatever is started after {@link #close()} is stopped at once, so a start-up that was under
 * way when SIGTERM came leaves nothing running.
 */
final class Started implements AutoCloseable {
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final PrintStream err;
    private boolean closed;

    Started(PrintStream err) {
        this.err = err;
    }

    /** Registers {@code part}, or stops it now if everything was stopped already; returns it. */
    <T extends AutoCloseable> T add(T part) {
        synchronized (this) {
            if (!closed) {
                parts.push(part);
                return part;
            }
        }
        stop(part);
        return part;
    }

    @Override
    public void close() {
        while (true) {
            AutoCloseable part;
            synchronized (this) {
                closed = true;
                part = parts.poll();
            }
            if (part == null) {
                return;
            }
            stop(part);
        }
    }

    private void stop(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception | Error e) {
            err.println("gavel devnet: a part did not stop cleanly: " + e.getMessage());
        }
    }
}
