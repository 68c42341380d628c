package dev.gavel.db.history;

import java.time.Instant;
import java.util.List;

/** A round's close: its status, its bids revealed and (when closed by getPayload) its outcome. */
public record RoundClosure(long roundId, Status status, Instant closedAt, List<BidReveal> reveals, OutcomeRow outcome)
        implements HistoryWrite {

    public RoundClosure {
        reveals = List.copyOf(reveals);
    }

    /** How the round ended, as stored in rounds.status. */
    public enum Status {
        CLOSED("closed"),
        EXPIRED("expired");

        private final String column;

        Status(String column) {
            this.column = column;
        }

        public String column() {
            return column;
        }
    }
}
