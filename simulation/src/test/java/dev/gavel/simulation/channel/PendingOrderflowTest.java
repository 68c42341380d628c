package dev.gavel.simulation.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** A builder's pending orderflow, fed channel messages as the service sends them. */
class PendingOrderflowTest {
    private static final Credentials SENDER = Credentials.create(ECKeyPair.create(BigInteger.valueOf(0x5e4d)));

    private final List<Hash32> delivered = new ArrayList<>();
    private final PendingOrderflow pending = new PendingOrderflow(3, (hash, at) -> delivered.add(hash));

    @Test
    void aBlocksOrderflowIsWhatWasPendingWhenItsBuildJobCameLessWhatTheChainIncluded() throws Exception {
        Bytes first = transfer(0);
        Bytes second = transfer(1);
        Bytes third = transfer(2);
        CompletableFuture<List<Bytes>> block7 = pending.forBlock(BlockNumber.of(7));
        pending.message(transaction(first), 1);
        pending.message(transaction(second), 2);
        pending.message(block(first), 3);
        pending.message(buildJob(7), 4);
        pending.message(transaction(third), 5);

        assertThat(block7.getNow(null)).containsExactly(second);
        assertThat(delivered).containsExactly(hash(first), hash(second), hash(third));
        pending.message(buildJob(8), 6);
        assertThat(pending.forBlock(BlockNumber.of(8)).getNow(null)).containsExactly(second, third);
    }

    @Test
    void aTransactionWhoseHashIsNotItsOwnIsDropped() {
        ObjectNode forged = transaction(transfer(0));
        forged.put("hash", hash(transfer(1)).toHex());

        pending.message(forged, 1);
        pending.message(buildJob(9), 2);

        assertThat(delivered).isEmpty();
        assertThat(pending.forBlock(BlockNumber.of(9)).getNow(null)).isEmpty();
    }

    @Test
    void beyondItsCapacityTheOldestGoFirst() {
        for (int nonce = 0; nonce < 5; nonce++) {
            pending.message(transaction(transfer(nonce)), nonce);
        }
        pending.message(buildJob(10), 6);

        assertThat(pending.forBlock(BlockNumber.of(10)).getNow(null))
                .containsExactly(transfer(2), transfer(3), transfer(4));
    }

    private static Bytes transfer(long nonce) {
        RawTransaction transfer = RawTransaction.createEtherTransaction(
                901,
                BigInteger.valueOf(nonce),
                BigInteger.valueOf(21_000),
                SENDER.getAddress(),
                BigInteger.ONE,
                BigInteger.ONE,
                BigInteger.valueOf(2_000_000_000L));
        return Bytes.of(TransactionEncoder.signMessage(transfer, SENDER));
    }

    private static Hash32 hash(Bytes raw) {
        return Hash32.of(Hash.sha3(raw.toArray()));
    }

    private static ObjectNode transaction(Bytes raw) {
        ObjectNode message = WireJson.MAPPER.createObjectNode();
        message.put("type", "transaction");
        message.put("hash", hash(raw).toHex());
        message.put("raw", raw.toHex());
        message.put("source", "eth_sendRawTransaction");
        return message;
    }

    private static JsonNode block(Bytes... transactions) {
        ObjectNode message = WireJson.MAPPER.createObjectNode();
        message.put("type", "block");
        ArrayNode included = message.putObject("payload").putArray("transactions");
        for (Bytes transaction : transactions) {
            included.add(transaction.toHex());
        }
        return message;
    }

    private static JsonNode buildJob(long number) {
        ObjectNode message = WireJson.MAPPER.createObjectNode();
        message.put("type", "buildJob");
        message.putObject("job").put("blockNumber", BlockNumber.of(number).toHex());
        return message;
    }
}
