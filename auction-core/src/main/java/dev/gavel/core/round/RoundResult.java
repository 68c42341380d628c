package dev.gavel.core.round;

import dev.gavel.bidding.round.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * What closing a round produced: the outcome, the winning bid (if any) and every bid, now revealed; and the
 * winner's envelope as getPayload answers it ({@link Round#shaped}), when it was encoded before the close.
 */
public record RoundResult(
        Round round,
        Outcome outcome,
        Optional<AcceptedBid> winner,
        Optional<AcceptedBid> runnerUp,
        List<AcceptedBid> bids,
        Closing closing,
        Optional<byte[]> encodedWinner) {

    /** Why the round closed: the sequencer asked for the payload, or nobody did before the deadline passed. */
    public enum Closing {
        GET_PAYLOAD,
        EXPIRED
    }
}
