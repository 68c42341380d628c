package dev.gavel.devtools.failover;

import dev.gavel.cli.Options;
import java.util.Optional;

/**
 * What {@code --failover-at N} or {@code --freeze-at N} does to the devnet's active instance once its N-th block is
 * made: kill it (kill -9, a dead machine) or freeze it (SIGSTOP, a hung JVM or a partition; woken again after the
 * standby has taken over, to show that it is fenced off).
 */
public record FailoverPlan(Fault fault, long afterBlock) {
    public static final String OPTIONS = "--failover-at N | --freeze-at N";

    /** How the active instance is struck. */
    public enum Fault {
        KILL("kill -9"),
        FREEZE("SIGSTOP");

        private final String signal;

        Fault(String signal) {
            this.signal = signal;
        }

        public String signal() {
            return signal;
        }
    }

    public FailoverPlan {
        if (afterBlock < 1) {
            throw new IllegalArgumentException("--failover-at and --freeze-at need a block ≥ 1");
        }
    }

    /** The plan {@code options} ask for, if any; both options at once are refused. */
    public static Optional<FailoverPlan> from(Options options) {
        Optional<String> kill = options.value("--failover-at");
        Optional<String> freeze = options.value("--freeze-at");
        if (kill.isPresent() && freeze.isPresent()) {
            throw new IllegalArgumentException("give --failover-at or --freeze-at, not both");
        }
        if (kill.isPresent()) {
            return Optional.of(new FailoverPlan(Fault.KILL, options.integer("--failover-at", 0)));
        }
        return freeze.map(block -> new FailoverPlan(Fault.FREEZE, options.integer("--freeze-at", 0)));
    }
}
