package dev.gavel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.fixtures.Fixtures;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayloadHashCommandTest {
    @TempDir
    Path temp;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void theRethDumpOfHoodiMatches() {
        assertThat(run(Fixtures.path("payloads/hoodi-772460-newPayload-reth-dump.json")))
                .isEqualTo(Command.OK);
        assertThat(output())
                .contains(
                        "reth newPayload dump",
                        "ethereum",
                        "0x347077ee96ee1cea7149c2adfb0f933ee6096607602dde80383eeb2627059c31",
                        "match     yes");
    }

    @Test
    void theUnichainBlockMatchesFromItsTransactions() {
        assertThat(run(Fixtures.path("payloads/unichain-sepolia-35535698-rpc-block.json")))
                .isEqualTo(Command.OK);
        assertThat(output()).contains("eth_getBlockByNumber block", "op stack", "6 transactions", "match     yes");
    }

    @Test
    void newPayloadRequestsAndGetPayloadEnvelopesAreRead() throws Exception {
        PayloadAttributes attributes = SimulatedBlocks.attributes(1_760_000_000L, 3);
        ExecutionPayloadEnvelope envelope = SimulatedBlocks.envelope(
                BlockNumber.of(9), SimulatedBlocks.hash(new Random(3)), attributes, Wei.of(1), 4, 3);
        Path request = write(
                "request.json",
                Map.of(
                        "jsonrpc",
                        "2.0",
                        "id",
                        1,
                        "method",
                        "engine_newPayloadV4",
                        "params",
                        List.of(envelope.executionPayload(), List.of(), envelope.parentBeaconBlockRoot(), List.of())));
        Path response = write("response.json", Map.of("jsonrpc", "2.0", "id", 1, "result", envelope.asV4()));

        assertThat(run(request)).isEqualTo(Command.OK);
        assertThat(run(response)).isEqualTo(Command.OK);
        assertThat(output()).contains("engine_newPayloadV4 request", "getPayloadV4 envelope");
    }

    @Test
    void aTamperedPayloadIsAMismatchAndGarbageIsUnreadable() throws Exception {
        PayloadAttributes attributes = SimulatedBlocks.attributes(1_760_000_000L, 4);
        ExecutionPayloadEnvelope envelope = SimulatedBlocks.envelope(
                BlockNumber.of(9), SimulatedBlocks.hash(new Random(4)), attributes, Wei.of(1), 4, 4);
        ExecutionPayloadEnvelope tampered = new ExecutionPayloadEnvelope(
                SimulatedBlocks.rehash(envelope.executionPayload(), Hash32.fromHex("0x" + "12".repeat(32))),
                envelope.blockValue(),
                envelope.blobsBundle(),
                false,
                envelope.parentBeaconBlockRoot(),
                List.of());

        assertThat(run(write("tampered.json", tampered))).isEqualTo(Command.FAILED);
        assertThat(output()).contains("match     NO");
        assertThat(run(write("garbage.json", Map.of("hello", "world")))).isEqualTo(Command.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not a newPayload request");
    }

    private int run(Path file) {
        return Gavel.commandLine()
                .run(
                        new String[] {"payload", "hash", file.toString()},
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, Object json) throws Exception {
        return Files.write(temp.resolve(name), WireJson.write(json));
    }
}
