package dev.gavel.bidding.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.PayloadDraft;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.bidding.trie.OrderedTrie;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BlockHashProperties {
    enum HeaderField {
        PARENT_HASH(d -> d.parentHash = flip(d.parentHash)),
        FEE_RECIPIENT(d -> d.feeRecipient = dev.gavel.primitives.Address.fromHex("0x" + "77".repeat(20))),
        STATE_ROOT(d -> d.stateRoot = flip(d.stateRoot)),
        RECEIPTS_ROOT(d -> d.receiptsRoot = flip(d.receiptsRoot)),
        LOGS_BLOOM(d -> d.logsBloom = flip(d.logsBloom)),
        PREV_RANDAO(d -> d.prevRandao = flip(d.prevRandao)),
        BLOCK_NUMBER(d -> d.blockNumber = d.blockNumber.next()),
        GAS_LIMIT(d -> d.gasLimit = Quantity.of(d.gasLimit.value() + 1)),
        GAS_USED(d -> d.gasUsed = Quantity.of(d.gasUsed.value() + 1)),
        TIMESTAMP(d -> d.timestamp = Quantity.of(d.timestamp.value() + 1)),
        EXTRA_DATA(d -> d.extraData = flip(d.extraData)),
        BASE_FEE(d -> d.baseFeePerGas = Wei.of(d.baseFeePerGas.amount().longValueExact() + 1)),
        BLOB_GAS_USED(d -> d.blobGasUsed = Quantity.of(d.blobGasUsed.value() + 1)),
        EXCESS_BLOB_GAS(d -> d.excessBlobGas = Quantity.of(d.excessBlobGas.value() + 1)),
        WITHDRAWALS_ROOT(d -> d.withdrawalsRoot = flip(d.withdrawalsRoot));

        final Consumer<PayloadDraft> change;

        HeaderField(Consumer<PayloadDraft> change) {
            this.change = change;
        }
    }

    private static final Gen<Long> SEEDS = Gen.longs(1, 1_000_000);

    @Test
    void changingAnyHeaderFieldChangesTheHash() {
        Property.forAll(150, Gen.enums(HeaderField.class), SEEDS, (field, seed) -> {
            ExecutionPayloadEnvelope envelope = envelope(seed, 3);
            PayloadDraft draft = new PayloadDraft(envelope.executionPayload());
            field.change.accept(draft);

            assertThat(hash(draft.build(), envelope))
                    .isNotEqualTo(envelope.executionPayload().blockHash());
        });
    }

    @Test
    void changingAnyTransactionByteChangesTheHash() {
        Property.forAll(150, Gen.ints(0, 7), Gen.ints(0, 400), SEEDS, (transaction, position, seed) -> {
            ExecutionPayloadEnvelope envelope = envelope(seed, 7);
            PayloadDraft draft = new PayloadDraft(envelope.executionPayload());
            byte[] raw = draft.transactions.get(transaction).toArray();
            raw[position % raw.length] ^= 0x01;
            draft.transactions.set(transaction, Bytes.of(raw));

            assertThat(hash(draft.build(), envelope))
                    .isNotEqualTo(envelope.executionPayload().blockHash());
        });
    }

    @Test
    void theParentBeaconBlockRootIsPartOfTheHash() {
        Property.forAll(60, SEEDS, seed -> {
            ExecutionPayloadEnvelope envelope = envelope(seed, 2);

            assertThat(BlockHashes.compute(
                            envelope.executionPayload(),
                            flip(envelope.parentBeaconBlockRoot()),
                            List.of(),
                            ChainFamily.OP_STACK))
                    .isNotEqualTo(envelope.executionPayload().blockHash());
        });
    }

    @Test
    void transactionOrderIsPartOfTheRoot() {
        Property.forAll(40, Gen.ints(2, 300), SEEDS, (count, seed) -> {
            Random random = new Random(seed);
            List<byte[]> transactions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                transactions.add(SimulatedBlocks.userTransaction(random, i).toArray());
            }
            List<byte[]> swapped = new ArrayList<>(transactions);
            java.util.Collections.swap(swapped, 0, count - 1);

            assertThat(OrderedTrie.root(swapped)).isNotEqualTo(OrderedTrie.root(transactions));
        });
    }

    private static ExecutionPayloadEnvelope envelope(long seed, int transactions) {
        PayloadAttributes attributes = SimulatedBlocks.attributes(1_760_000_000L + seed, seed);
        return SimulatedBlocks.envelope(
                BlockNumber.of(seed),
                SimulatedBlocks.hash(new Random(seed)),
                attributes,
                Wei.of(seed),
                transactions,
                seed);
    }

    private static Hash32 hash(ExecutionPayload payload, ExecutionPayloadEnvelope envelope) {
        return BlockHashes.compute(payload, envelope.parentBeaconBlockRoot(), List.of(), ChainFamily.OP_STACK);
    }

    private static Hash32 flip(Hash32 hash) {
        byte[] bytes = hash.toArray();
        bytes[31] ^= 1;
        return Hash32.of(bytes);
    }

    private static Bytes flip(Bytes data) {
        byte[] bytes = data.toArray();
        bytes[bytes.length - 1] ^= 1;
        return Bytes.of(bytes);
    }
}
