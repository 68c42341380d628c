package dev.gavel.settlement.batch;

import java.io.IOException;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settler as the service runs it: one pass at a time, each pass's report to a sink (the metrics). It
 * connects at its first pass that reaches the chain, so an unreachable chain at start-up delays settlement, never
 * the auction; a pass that meets an unreachable chain or store only warns, and the next pass tries again.
 */
public final class ChainSettler {
    private static final Logger log = LoggerFactory.getLogger(ChainSettler.class);

    private final Connector connector;
    private final Consumer<SettlementReport> reports;
    private Settler settler;

    public ChainSettler(
            SettlerConnection connection,
            SettlementStore store,
            BatchRules rules,
            Settler.Timing timing,
            Clock clock,
            Consumer<SettlementReport> reports) {
        this(() -> connection.connect(store, rules, timing, clock), reports);
    }

    ChainSettler(Connector connector, Consumer<SettlementReport> reports) {
        this.connector = connector;
        this.reports = reports;
    }

    /** One pass: connects first if it has not yet, then settles; never throws for an unreachable chain or store. */
    public synchronized void runOnce() {
        if (settler == null) {
            try {
                settler = connector.connect();
            } catch (IOException e) {
                log.warn("settlement waits for the chain ({}); retrying at the next pass", e.getMessage());
                return;
            }
        }
        try {
            settler.runOnce().ifPresent(reports);
        } catch (IOException | SettlementStoreException e) {
            log.warn("settlement pass failed ({}); retrying at the next", e.getMessage());
        }
    }

    /** Builds the settler against the chain. */
    @FunctionalInterface
    interface Connector {
        Settler connect() throws IOException;
    }
}
