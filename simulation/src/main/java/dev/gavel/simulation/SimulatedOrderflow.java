package dev.gavel.simulation;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import tools.jackson.databind.JsonNode;

/**
 * The chain's users, as the sequencer sees them: {@code transactionsPerSecond} real signed EIP-1559 transfers
 * from funded accounts, forwarded to Gavel's Engine API with the JWT as rollup-boost forwards them
 * ({@code eth_sendRawTransaction}, every {@value #CONDITIONAL_EVERY}th as {@code eth_sendRawTransactionConditional}).
 * Each sender has its own thread, so its transactions reach Gavel in nonce order, and its nonce moves on only
 * once Gavel took the transaction (one that got no answer is sent again, the same bytes): the nonces of the
 * transactions taken have no holes, as a block needs.
 */
public final class SimulatedOrderflow implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedOrderflow.class);
    static final int CONDITIONAL_EVERY = 4;
    private static final BigInteger GAS = BigInteger.valueOf(21_000);
    /** Above the simulated blocks' base fee, so every transaction can pay it. */
    private static final BigInteger MAX_FEE = BigInteger.valueOf(2_000_000_000L);

    private static final BigInteger TIP = BigInteger.valueOf(1_000_000);

    private final EngineClient engine;
    private final long chainId;
    private final List<Credentials> senders;
    private final Duration interval;
    private final ObjLongConsumer<Hash32> sent;
    private final LongAdder taken = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * {@code sent}: told each transaction's hash and when it was first sent ({@link System#nanoTime}), before the
     * call, so a builder can never seem to have it before it was sent.
     */
    public SimulatedOrderflow(
            EngineClient engine,
            long chainId,
            List<Credentials> senders,
            int transactionsPerSecond,
            ObjLongConsumer<Hash32> sent) {
        if (transactionsPerSecond < 1 || senders.isEmpty()) {
            throw new IllegalArgumentException("need at least one sender and one transaction a second");
        }
        this.engine = engine;
        this.chainId = chainId;
        this.senders = List.copyOf(senders);
        this.interval = Duration.ofNanos(TimeUnit.SECONDS.toNanos(1) * senders.size() / transactionsPerSecond);
        this.sent = sent;
    }

    public SimulatedOrderflow start() {
        for (int i = 0; i < senders.size(); i++) {
            int offset = i;
            Credentials sender = senders.get(i);
            Credentials recipient = senders.get((i + 1) % senders.size());
            threads.add(
                    Thread.ofPlatform().daemon().name("orderflow-" + i).start(() -> send(sender, recipient, offset)));
        }
        return this;
    }

    /** Transactions Gavel took (answered with their hash). */
    public long taken() {
        return taken.sum();
    }

    /** Calls that failed or were refused (each sent again). */
    public long failed() {
        return failed.sum();
    }

    private void send(Credentials sender, Credentials recipient, int offset) {
        long next = System.nanoTime() + interval.toNanos() * offset / senders.size();
        long nonce = 0;
        long count = 0;
        Bytes raw = sign(sender, recipient, nonce);
        while (!stopped) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += interval.toNanos();
            Hash32 hash = Hash32.of(Hash.sha3(raw.toArray()));
            sent.accept(hash, System.nanoTime());
            if (forward(raw, count++ % CONDITIONAL_EVERY == CONDITIONAL_EVERY - 1)) {
                taken.increment();
                raw = sign(sender, recipient, ++nonce);
            } else {
                failed.increment();
            }
        }
    }

    private Bytes sign(Credentials sender, Credentials recipient, long nonce) {
        RawTransaction transfer = RawTransaction.createEtherTransaction(
                chainId, BigInteger.valueOf(nonce), GAS, recipient.getAddress(), BigInteger.ONE, TIP, MAX_FEE);
        return Bytes.of(TransactionEncoder.signMessage(transfer, sender));
    }

    /** Whether Gavel took {@code raw}: answered with a hash. */
    private boolean forward(Bytes raw, boolean conditional) {
        try {
            JsonNode answer = conditional
                    ? engine.call(
                            "eth_sendRawTransactionConditional",
                            raw,
                            Map.of(
                                    "timestampMax",
                                    "0x" + Long.toHexString(Instant.now().getEpochSecond() + 60)))
                    : engine.call("eth_sendRawTransaction", raw);
            return answer.has("result");
        } catch (IOException e) {
            log.debug("orderflow: {}", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(5));
        }
    }
}
