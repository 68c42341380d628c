package dev.gavel.devtools.devnet;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.Address;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * A builder of the devnet run through the TypeScript client ({@code clients/typescript}, {@code
 * src/devnet-builder.ts}) in its own node process: it logs in on the builder channel (/v1/builder), builds, signs
 * and seals a block per round with hpke-js and ethers, and prints one JSON line per answer, tallied here. It bids {@link #VALUE}, above
 * the simulated builders' highest, so each of its bids that arrives in time wins its round.
 */
final class TypeScriptBuilder implements AutoCloseable {
    static final BigInteger VALUE = BigInteger.valueOf(2_000_000);
    private static final String SCRIPT = "dist/src/devnet-builder.js";
    private static final long READY_SECONDS = 30;

    private final Process process;
    private final Address builder;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final Map<String, AtomicLong> refusedByCode = new ConcurrentHashMap<>();

    private TypeScriptBuilder(Process process, Address builder) {
        this.process = process;
        this.builder = builder;
    }

    /** Starts the client's builder against {@code service} with the key in {@code keyFile}; returns once it follows the build jobs. */
    static TypeScriptBuilder start(Path clientDirectory, URI service, Path keyFile, Address expected)
            throws IOException, InterruptedException {
        Path script = clientDirectory.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("no " + script + ": build the TypeScript client first (in "
                    + clientDirectory + ": npm ci && npm run build)");
        }
        Process process = new ProcessBuilder(
                        "node",
                        script.toString(),
                        "--url",
                        service.toString(),
                        "--key-file",
                        keyFile.toString(),
                        "--value",
                        VALUE.toString(),
                        "--base-fee",
                        "1000252", // the simulated chain's steady base fee (its blocks use exactly the gas target)
                        "--gas-used",
                        "10000000")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        TypeScriptBuilder running = new TypeScriptBuilder(process, expected);
        CountDownLatch ready = new CountDownLatch(1);
        Thread.ofVirtual().name("ts-builder").start(() -> running.read(ready));
        if (!ready.await(READY_SECONDS, TimeUnit.SECONDS)) {
            process.destroy();
            throw new IllegalStateException(
                    "the TypeScript builder did not follow the build jobs within " + READY_SECONDS + " s");
        }
        return running;
    }

    Address builder() {
        return builder;
    }

    private void read(CountDownLatch ready) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                tally(WireJson.MAPPER.readTree(line), ready);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void tally(JsonNode line, CountDownLatch ready) {
        if (line.has("ready")) {
            if (!Address.fromHex(line.get("ready").asString()).equals(builder)) {
                throw new IllegalStateException(
                        "the TypeScript builder runs as " + line.get("ready") + ", not as " + builder);
            }
            ready.countDown();
        } else if (line.has("error")) {
            failed.incrementAndGet();
        } else {
            answered.incrementAndGet();
            if (line.get("status").asInt() == 202) {
                accepted.incrementAndGet();
            } else {
                refusedByCode
                        .computeIfAbsent(line.get("code").asString(), code -> new AtomicLong())
                        .incrementAndGet();
            }
        }
    }

    /** The summary JSON's {@code typescript_builder} object; {@code wins} as Gavel recorded them. */
    Map<String, Object> toJson(long wins) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("address", builder.toHex());
        json.put("bids_answered", answered.get());
        json.put("bids_accepted", accepted.get());
        json.put("bids_failed_unanswered", failed.get());
        Map<String, Long> refused = new TreeMap<>();
        refusedByCode.forEach((code, count) -> refused.put(code, count.get()));
        json.put("bids_rejected_by_reason", refused);
        json.put("wins", wins);
        return json;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
    }
}
