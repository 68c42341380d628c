package dev.gavel.devtools.bench.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.cli.Command;
import dev.gavel.devtools.GavelDevTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import tools.jackson.databind.JsonNode;

/**
 * A short, light `gavel bench orderflow`: three builders, the last reading one message every 50 ms behind a
 * 16-message buffer while transactions with 4 KB of calldata flow (the sockets' own buffers fill in a second),
 * so the service cuts it off; the report is consistent (the command fails otherwise) and the
 * slow builder's losses are its own: the fast ones receive every transaction once, in sequence, never closed.
 */
class OrderflowBenchTest {
    @TempDir
    Path temp;

    @Test
    void theSlowBuilderIsCutOffAndTheFastOnesMissNothing() throws Exception {
        Path json = temp.resolve("orderflow.json");

        int exit = GavelDevTools.commandLine()
                .run(
                        new String[] {
                            "bench", "orderflow",
                            "--builders", "3",
                            "--rate", "400",
                            "--batch", "4",
                            "--calldata-size", "4KB",
                            "--duration", "4s",
                            "--warmup", "1s",
                            "--slow-read-delay", "50ms",
                            "--subscriber-buffer", "16",
                            "--json", json.toString()
                        },
                        new PrintStream(new ByteArrayOutputStream()),
                        System.err);

        JsonNode report = WireJson.MAPPER.readTree(Files.readString(json));
        assertThat(report.get("inconsistencies")).as(report.toString()).isEmpty();
        assertThat(exit).isEqualTo(Command.OK);
        assertThat(report.get("transactions_accepted").asLong()).isEqualTo(2_000);
        assertThat(report.get("published").asLong()).isEqualTo(2_000);
        List<JsonNode> builders = StreamSupport.stream(report.get("builders").spliterator(), false)
                .toList();
        JsonNode slow = builders.get(2);
        assertThat(slow.get("slow").asBoolean()).isTrue();
        assertThat(slow.get("received").asLong())
                .as("the slow builder falls behind")
                .isLessThan(2_000);
        assertThat(report.get("service_dropped_subscribers").asLong())
                .as("the service cuts it off (it sees its close only once it has read what came before)")
                .isPositive();
        for (JsonNode fast : builders.subList(0, 2)) {
            assertThat(fast.get("received").asLong()).isEqualTo(2_000);
            assertThat(fast.get("missed").asLong()
                            + fast.get("repeats").asLong()
                            + fast.get("closed").asLong())
                    .isZero();
            assertThat(fast.get("delivery_latency_ms").get("count").asLong())
                    .as("the 1 600 transactions after the warm-up are timed")
                    .isEqualTo(1_600);
            assertThat(fast.get("delivery_latency_ms").get("p99").asDouble()).isPositive();
        }
        assertThat(report.get("fast_delivery_latency_ms").get("count").asLong()).isEqualTo(3_200);
    }

    @Test
    void theTransactionsAreDistinctAndSignedByTheirUsers() throws Exception {
        SignedTransactions transactions = SignedTransactions.sign(64, 901, 100);

        for (int i = 0; i < transactions.count(); i++) {
            SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(transactions.raw(i));
            ECKeyPair user = SignedTransactions.USERS.get(i % SignedTransactions.USERS.size());
            assertThat(decoded.getFrom()).isEqualTo("0x" + Keys.getAddress(user));
            assertThat(transactions.index(Hash.sha3(transactions.raw(i)))).hasValue(i);
        }
    }
}
