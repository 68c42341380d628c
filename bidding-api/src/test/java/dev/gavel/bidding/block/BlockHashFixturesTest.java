package dev.gavel.bidding.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.trie.OrderedTrie;
import dev.gavel.fixtures.Fixtures;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import tools.jackson.databind.JsonNode;

/** The block hashes the real chains published, reproduced. */
class BlockHashFixturesTest {
    static final Hash32 HOODI_HASH =
            Hash32.fromHex("0x347077ee96ee1cea7149c2adfb0f933ee6096607602dde80383eeb2627059c31");
    static final Hash32 UNICHAIN_HASH =
            Hash32.fromHex("0xc463a3120c35268f610d969f5608b479332ef10953af77c7a6be806195831196");

    @Test
    void hoodiPragueBlockFromItsTransactionsAndWithdrawalsTries() {
        JsonNode dump = WireJson.MAPPER
                .readTree(Fixtures.bytes("payloads/hoodi-772460-newPayload-reth-dump.json"))
                .get("newPayload");
        ExecutionPayload payload = WireJson.MAPPER.treeToValue(dump.get("payload"), ExecutionPayload.class);
        Hash32 parentBeaconBlockRoot = Hash32.fromHex(
                dump.at("/sidecar/cancun/fields/parent_beacon_block_root").asString());

        Hash32 computed = BlockHashes.compute(payload, parentBeaconBlockRoot, List.of(), ChainFamily.ETHEREUM);

        assertThat(payload.transactions()).hasSize(15);
        assertThat(payload.withdrawals()).hasSize(16);
        assertThat(computed).isEqualTo(HOODI_HASH).isEqualTo(payload.blockHash());
    }

    @Test
    void unichainIsthmusBlockFromItsHeaderFields() {
        JsonNode block = unichainBlock();

        assertThat(RpcBlocks.declaredHeader(block).hash()).isEqualTo(UNICHAIN_HASH);
    }

    @Test
    void unichainIsthmusBlockFromItsTransactions() {
        JsonNode block = unichainBlock();
        ExecutionPayload payload = RpcBlocks.payload(block, ChainFamily.OP_STACK);

        for (int i = 0; i < payload.transactions().size(); i++) {
            assertThat(Hex.encode(Hash.sha3(payload.transactions().get(i).toArray())))
                    .as("transaction %d re-encodes to the bytes it was hashed from", i)
                    .isEqualTo(block.get("transactions").get(i).get("hash").asString());
        }
        assertThat(OrderedTrie.root(
                        payload.transactions().stream().map(Bytes::toArray).toList()))
                .isEqualTo(Hash32.fromHex(block.get("transactionsRoot").asString()));
        assertThat(BlockHashes.compute(
                        payload,
                        Hash32.fromHex(block.get("parentBeaconBlockRoot").asString()),
                        List.of(),
                        ChainFamily.OP_STACK))
                .isEqualTo(UNICHAIN_HASH);
    }

    static JsonNode unichainBlock() {
        return WireJson.MAPPER.readTree(Fixtures.bytes("payloads/unichain-sepolia-35535698-rpc-block.json"));
    }
}
