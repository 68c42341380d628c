package dev.gavel.bidding.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.rlp.Rlp;
import dev.gavel.bidding.rlp.RlpException;
import dev.gavel.bidding.rlp.RlpReader;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Blocks in Ethereum's encoding: a real Isthmus block's hash falls out of it, and simulated ones round-trip. */
class BlockRlpTest {
    private static final Hash32 PARENT = Hash32.fromHex("0x" + "0a".repeat(32));

    @Test
    void theUnichainIsthmusBlockHashesToItsPublishedHashFromItsEncoding() {
        var block = BlockHashFixturesTest.unichainBlock();
        ExecutionPayload payload = RpcBlocks.payload(block, ChainFamily.OP_STACK);
        ExecutionPayloadEnvelope envelope = new ExecutionPayloadEnvelope(
                payload,
                Wei.ZERO,
                null,
                false,
                Hash32.fromHex(block.get("parentBeaconBlockRoot").asString()),
                List.of());

        ExecutionPayloadEnvelope decoded = decode(BlockRlp.encode(envelope), Wei.ZERO);

        assertThat(decoded.executionPayload().blockHash()).isEqualTo(BlockHashFixturesTest.UNICHAIN_HASH);
        assertThat(decoded).isEqualTo(envelope);
        assertThat(decoded.executionPayload().transactions().getFirst().toArray()[0])
                .as("the L1-info deposit, a typed transaction carried as a byte string")
                .isEqualTo((byte) 0x7e);
    }

    @Test
    void simulatedBlocksRoundTripWithTheirValue() {
        Property.forAll(40, Gen.ints(0, 300), Gen.longs(0, 1_000_000), (transactions, seed) -> {
            PayloadAttributes attributes = SimulatedBlocks.attributes(1_800_000_000L, seed);
            ExecutionPayloadEnvelope envelope =
                    SimulatedBlocks.envelope(BlockNumber.of(42), PARENT, attributes, Wei.of(seed), transactions, seed);

            assertThat(decode(BlockRlp.encode(envelope), Wei.of(seed))).isEqualTo(envelope);
        });
    }

    @Test
    void anEcotoneHeaderOfTwentyFieldsIsAV3Envelope() {
        ExecutionPayloadEnvelope v4 = SimulatedBlocks.envelope(
                BlockNumber.of(42), PARENT, SimulatedBlocks.attributes(1_800_000_000L, 3), Wei.of(1), 4, 3);
        ExecutionPayloadEnvelope v3 = v4.asV3();
        ExecutionPayload v3Payload = v3.executionPayload();
        ExecutionPayload rehashed = SimulatedBlocks.rehash(
                v3Payload, BlockHashes.compute(v3Payload, v3.parentBeaconBlockRoot(), null, ChainFamily.OP_STACK));
        ExecutionPayloadEnvelope ecotone =
                new ExecutionPayloadEnvelope(rehashed, Wei.of(1), null, false, v3.parentBeaconBlockRoot(), null);

        ExecutionPayloadEnvelope decoded = decode(BlockRlp.encode(ecotone), Wei.of(1));

        assertThat(decoded).isEqualTo(ecotone);
        assertThat(decoded.executionRequests()).isNull();
        assertThat(decoded.executionPayload().withdrawalsRoot()).isNull();
    }

    @Test
    void malformedBlocksAreRefusedNamingTheirFault() {
        ExecutionPayloadEnvelope envelope = SimulatedBlocks.envelope(
                BlockNumber.of(42), PARENT, SimulatedBlocks.attributes(1_800_000_000L, 5), Wei.of(1), 2, 5);
        RlpReader valid = new RlpReader(BlockRlp.encode(envelope));
        RlpReader.Span header = valid.list("block").span("header");
        byte[] headerRlp = java.util.Arrays.copyOfRange(valid.input(), header.from(), header.to());
        byte[] withOmmer = Rlp.encodeList(List.of(
                headerRlp, Rlp.encodeList(List.of()), Rlp.encodeList(List.of(headerRlp)), Rlp.encodeList(List.of())));
        byte[] headerOnly = Rlp.encodeList(List.of(headerRlp));

        assertThatThrownBy(() -> decode(withOmmer, Wei.ZERO)).hasMessageContaining("no ommers");
        assertThatThrownBy(() -> decode(headerOnly, Wei.ZERO))
                .isInstanceOf(RlpException.class)
                .hasMessageContaining("the transactions is missing");
        assertThatThrownBy(() -> decode(Rlp.encodeBytes(new byte[40]), Wei.ZERO))
                .hasMessageContaining("the block must be a list");
    }

    private static ExecutionPayloadEnvelope decode(byte[] block, Wei value) {
        return BlockRlp.decode(new RlpReader(block), value);
    }
}
