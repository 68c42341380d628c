package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.simulation.Http11;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;

/**
 * The Engine API answers a JSON-RPC batch (an array of requests) with an array of answers in the same order, each
 * as it would be answered alone, as execution clients do: a forwarder can send many transactions in one request.
 */
class EngineApiBatchTest {
    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;

    @BeforeAll
    static void start() throws Exception {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(database, temp.resolve("data"), List.of(AuctionFixtures.builderKey(0)));
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    void aBatchIsAnsweredInOrderEachAnswerAsAlone() throws Exception {
        String first = "0x02c0ffee01"; // the Engine API hashes and forwards what it is given: any bytes serve
        String second = "0x02c0ffee02";
        JsonNode answers = post("[" + call(7, "eth_sendRawTransaction", "\"" + first + "\"")
                + "," + call(8, "eth_noSuchMethod", "")
                + "," + call(9, "eth_sendRawTransaction", "\"" + second + "\"") + "]");

        assertThat(answers.isArray()).as(answers.toString()).isTrue();
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0).path("id").asInt()).isEqualTo(7);
        assertThat(answers.get(0).path("result").asString()).isEqualTo(Hash.sha3(first));
        assertThat(answers.get(1).path("id").asInt()).isEqualTo(8);
        assertThat(answers.get(1).path("error").path("code").asInt()).isEqualTo(-32601);
        assertThat(answers.get(2).path("id").asInt()).isEqualTo(9);
        assertThat(answers.get(2).path("result").asString()).isEqualTo(Hash.sha3(second));
    }

    @Test
    void anEmptyBatchIsAnInvalidRequest() throws Exception {
        JsonNode answer = post("[]");

        assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32600);
        assertThat(answer.path("error").path("message").asString()).isEqualTo("a batch must not be empty");
    }

    private static String call(int id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":[" + params + "]}";
    }

    private static JsonNode post(String body) throws Exception {
        HttpResponse<String> response = Http11.client()
                .send(
                        HttpRequest.newBuilder(gavel.engineUri())
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + gavel.jwt().mint())
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return WireJson.MAPPER.readTree(response.body());
    }
}
