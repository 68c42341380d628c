package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.service.config.SecretFiles;
import dev.gavel.service.testing.ChildGavel;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.simulation.Http11;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/**
 * With the chain unreachable, the service still starts and serves the Engine API; mirroring, settlement and the
 * check of the contracts against the settings wait for the chain.
 */
class ChainDownAtStartTest {
    @TempDir
    Path temp;

    @Test
    void anUnreachableChainDelaysSettlementNotTheAuction() throws Exception {
        Path settlerKey = SecretFiles.writePrivateKey(temp.resolve("settler.key"), ECKeyPair.create(BigInteger.TWO));
        String nobody = "http://127.0.0.1:" + ChildGavel.freePort();
        try (EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"));
                RunningGavel gavel = RunningGavel.start(
                        database,
                        temp.resolve("data"),
                        List.of(),
                        "--gavel.chain.rpc-url=" + nobody,
                        "--gavel.chain.hub-address=0x" + "01".repeat(20),
                        "--gavel.chain.settlement-address=0x" + "02".repeat(20),
                        "--gavel.auction.settlement-contract=0x" + "02".repeat(20),
                        "--gavel.settlement.settler-key-file=" + settlerKey)) {
            ExecutionPayload declared = Sequencer.declareBlock(gavel.engine(), 9_000, new Random(9));

            assertThat(declared.blockNumber().value()).isEqualTo(9_000);
            assertThat(Http11.client()
                            .send(
                                    HttpRequest.newBuilder(URI.create(gavel.management() + "/actuator/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .contains("\"status\":\"UP\"");
        }
    }
}
