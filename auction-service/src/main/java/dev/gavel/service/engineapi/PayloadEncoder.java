package dev.gavel.service.engineapi;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one thread that encodes each round's leading envelope in getPayload's shape when it takes the lead, apart
 * from intake and the Engine API's loop, so that closing a round is a lookup and a write.
 */
public final class PayloadEncoder implements Executor, AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("gavel-payload-encoder").daemon().factory());

    @Override
    public void execute(Runnable encoding) {
        thread.execute(encoding);
    }

    /** Stops at once: an encoding not yet done is of a round no getPayload will be answered for. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
