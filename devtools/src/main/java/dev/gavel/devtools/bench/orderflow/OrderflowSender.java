package dev.gavel.devtools.bench.orderflow;

import dev.gavel.bidding.engine.EngineJwt;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.devtools.bench.Latencies;
import dev.gavel.simulation.Http11;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * Forwards the transactions to the Engine API as rollup-boost forwards eth_sendRawTransaction (with its JWT),
 * at a steady rate: a JSON-RPC batch of {@code batch} every {@code batch / rate} seconds, without waiting for
 * answers, so a slow answer never slows the offered rate. Every answer must be the transaction's hash.
 */
final class OrderflowSender {
    private final URI engine;
    private final EngineJwt jwt;
    private final HttpClient http = Http11.client();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Latencies answers = new Latencies();
    private volatile String firstError;
    private long maxLagNanos;

    OrderflowSender(URI engine, EngineJwt jwt) {
        this.engine = engine;
        this.jwt = jwt;
    }

    /** Sends every transaction at {@code rate} a second in batches of {@code batch}, noting when each went. */
    void send(SignedTransactions transactions, SendTimes times, int rate, int batch) throws Exception {
        long interval = TimeUnit.SECONDS.toNanos(batch) / rate;
        long start = System.nanoTime();
        List<CompletableFuture<Void>> inFlight = new ArrayList<>();
        for (int first = 0, k = 0; first < transactions.count(); first += batch, k++) {
            long due = start + k * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLagNanos = Math.max(maxLagNanos, System.nanoTime() - due);
            int end = Math.min(first + batch, transactions.count());
            String body = body(transactions, first, end);
            long now = System.nanoTime();
            for (int i = first; i < end; i++) {
                times.sent(i, now);
            }
            inFlight.add(post(body, transactions, first, end));
            if (inFlight.size() > 256) {
                inFlight.removeIf(CompletableFuture::isDone);
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private static String body(SignedTransactions transactions, int first, int end) {
        StringBuilder body = new StringBuilder((end - first) * 300).append('[');
        for (int i = first; i < end; i++) {
            if (i > first) {
                body.append(',');
            }
            body.append("{\"jsonrpc\":\"2.0\",\"id\":")
                    .append(i)
                    .append(",\"method\":\"eth_sendRawTransaction\",\"params\":[\"")
                    .append(transactions.raw(i))
                    .append("\"]}");
        }
        return body.append(']').toString();
    }

    private CompletableFuture<Void> post(String body, SignedTransactions transactions, int first, int end) {
        HttpRequest request = HttpRequest.newBuilder(engine)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + jwt.mint())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long posted = System.nanoTime();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            answers.record(System.nanoTime() - posted);
            if (failure != null) {
                failed(end - first, failure.toString());
            } else if (response.statusCode() != 200) {
                failed(end - first, "HTTP " + response.statusCode() + ": " + response.body());
            } else {
                check(WireJson.MAPPER.readTree(response.body()), transactions, end - first);
            }
            return null;
        });
    }

    /** Each answer must be the hash of the transaction its id names. */
    private void check(JsonNode answers, SignedTransactions transactions, int expected) {
        if (!answers.isArray() || answers.size() != expected) {
            failed(expected, "not an answer per transaction: " + answers);
            return;
        }
        for (JsonNode answer : answers) {
            if (transactions.index(answer.path("result").asString("")).orElse(-1)
                    == answer.path("id").asInt(-2)) {
                accepted.incrementAndGet();
            } else {
                failed(1, answer.toString());
            }
        }
    }

    private void failed(int transactions, String why) {
        errors.addAndGet(transactions);
        if (firstError == null) {
            firstError = why;
        }
    }

    long accepted() {
        return accepted.get();
    }

    long errors() {
        return errors.get();
    }

    String firstError() {
        return firstError;
    }

    /** How long the Engine API took to answer each batch (from the request's sending to its answer's last byte). */
    Latencies answers() {
        return answers;
    }

    /** How far behind its schedule a batch went out, at worst: the generator's own lag. */
    double maxLagMillis() {
        return maxLagNanos / 1e6;
    }
}
