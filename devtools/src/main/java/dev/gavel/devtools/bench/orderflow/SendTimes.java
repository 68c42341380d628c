package dev.gavel.devtools.bench.orderflow;

import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each transaction was handed to the Engine API ({@link System#nanoTime()}, the clock the builders read
 * too), and which are timed: those after the warm-up.
 */
final class SendTimes {
    private final SignedTransactions transactions;
    private final int firstTimed;
    private final AtomicLongArray sentAt;

    SendTimes(SignedTransactions transactions, int firstTimed) {
        this.transactions = transactions;
        this.firstTimed = firstTimed;
        this.sentAt = new AtomicLongArray(transactions.count());
    }

    void sent(int index, long nanos) {
        sentAt.set(index, nanos);
    }

    OptionalInt index(String hash) {
        return transactions.index(hash);
    }

    /** When transaction {@code index} was sent, if it is a timed one. */
    OptionalLong timedSendTime(int index) {
        return index < firstTimed ? OptionalLong.empty() : OptionalLong.of(sentAt.get(index));
    }
}
