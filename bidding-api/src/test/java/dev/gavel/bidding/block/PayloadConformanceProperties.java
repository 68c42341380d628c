package dev.gavel.bidding.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.payload.Withdrawal;
import dev.gavel.bidding.rlp.Rlp;
import dev.gavel.bidding.testing.PayloadDraft;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Every rule rejects exactly its own violation, and a block built as asked passes them all. */
class PayloadConformanceProperties {
    enum Breach {
        PARENT(RejectionCode.WRONG_PARENT, d -> d.parentHash = Hash32.fromHex("0x" + "99".repeat(32))),
        NUMBER(RejectionCode.WRONG_BLOCK_NUMBER, d -> d.blockNumber = d.blockNumber.next()),
        TIMESTAMP(RejectionCode.WRONG_TIMESTAMP, d -> d.timestamp = Quantity.of(d.timestamp.value() + 2)),
        PREV_RANDAO(RejectionCode.WRONG_PREV_RANDAO, d -> d.prevRandao = Hash32.fromHex("0x" + "98".repeat(32))),
        FEE_RECIPIENT(RejectionCode.WRONG_FEE_RECIPIENT, d -> d.feeRecipient = Address.fromHex("0x" + "97".repeat(20))),
        GAS_LIMIT(RejectionCode.WRONG_GAS_LIMIT, d -> d.gasLimit = Quantity.of(d.gasLimit.value() * 2)),
        WITHDRAWALS(
                RejectionCode.WITHDRAWALS_NOT_EMPTY,
                d -> d.withdrawals = List.of(new Withdrawal(
                        Quantity.of(1), Quantity.of(2), Address.fromHex("0x" + "96".repeat(20)), Quantity.of(3)))),
        EXTRA_DATA_PARAMS(
                RejectionCode.WRONG_EXTRA_DATA,
                d -> d.extraData = Bytes.fromHex("0x01000000fb00000006" + "0000000000000001")),
        EXTRA_DATA_VERSION(RejectionCode.WRONG_EXTRA_DATA, d -> d.extraData = Bytes.fromHex("0x00000000fa00000006")),
        EXTRA_DATA_MIN_BASE_FEE(
                RejectionCode.WRONG_EXTRA_DATA,
                d -> d.extraData = Bytes.fromHex("0x01000000fa00000006" + "0000000000000002")),
        FORCED_TRANSACTION_DROPPED(RejectionCode.MISSING_FORCED_TRANSACTIONS, d -> d.transactions.remove(0)),
        FORCED_TRANSACTION_MOVED(
                RejectionCode.MISSING_FORCED_TRANSACTIONS, d -> d.transactions.add(d.transactions.remove(0))),
        GAS_USED(RejectionCode.GAS_LIMIT_EXCEEDED, d -> d.gasUsed = Quantity.of(d.gasLimit.value() + 1)),
        GARBAGE_TRANSACTION(RejectionCode.UNDECODABLE_TRANSACTION, d -> d.transactions.add(Bytes.fromHex("0x02c0ff"))),
        UNKNOWN_TYPE(RejectionCode.UNDECODABLE_TRANSACTION, d -> d.transactions.add(Bytes.fromHex("0x55c0"))),
        TRUNCATED_TRANSACTION(
                RejectionCode.UNDECODABLE_TRANSACTION, d -> d.transactions.add(truncated(d.transactions.get(1)))),
        BLOB(RejectionCode.BLOB_TRANSACTION, d -> d.transactions.add(blobTransaction())),
        BASE_FEE(
                RejectionCode.WRONG_BASE_FEE,
                d -> d.baseFeePerGas = Wei.of(d.baseFeePerGas.amount().longValue() + 1)),
        CANCUN_SHAPE_IN_AN_ISTHMUS_ROUND(RejectionCode.WRONG_PAYLOAD_VERSION, d -> d.withdrawalsRoot = null);

        final RejectionCode code;
        final Consumer<PayloadDraft> apply;

        Breach(RejectionCode code, Consumer<PayloadDraft> apply) {
            this.code = code;
            this.apply = apply;
        }
    }

    private static final Gen<Long> SEEDS = Gen.longs(1, 1_000_000);

    @Test
    void aBlockBuiltAsAskedConforms() {
        Property.forAll(100, SEEDS, seed -> {
            Round round = round(seed);

            assertThat(PayloadConformance.check(round.envelope, round.request)).isEmpty();
        });
    }

    @Test
    void eachBreachIsRejectedWithItsOwnCode() {
        Property.forAll(400, Gen.enums(Breach.class), SEEDS, (breach, seed) -> {
            Round round = round(seed);
            PayloadDraft draft = new PayloadDraft(round.envelope.executionPayload());
            breach.apply.accept(draft);
            ExecutionPayloadEnvelope breached = new ExecutionPayloadEnvelope(
                    draft.build(),
                    round.envelope.blockValue(),
                    round.envelope.blobsBundle(),
                    false,
                    round.envelope.parentBeaconBlockRoot(),
                    round.envelope.executionRequests());

            Optional<Rejection> violation = PayloadConformance.check(breached, round.request);

            assertThat(violation)
                    .hasValueSatisfying(
                            v -> assertThat(v.code()).as(v.message()).isEqualTo(breach.code));
        });
    }

    @Test
    void anotherParentBeaconBlockRootIsRejected() {
        Property.forAll(50, SEEDS, seed -> {
            Round round = round(seed);
            ExecutionPayloadEnvelope breached = new ExecutionPayloadEnvelope(
                    round.envelope.executionPayload(),
                    round.envelope.blockValue(),
                    round.envelope.blobsBundle(),
                    false,
                    Hash32.fromHex("0x" + "95".repeat(32)),
                    round.envelope.executionRequests());

            assertThat(PayloadConformance.check(breached, round.request))
                    .hasValueSatisfying(
                            v -> assertThat(v.code()).isEqualTo(RejectionCode.WRONG_PARENT_BEACON_BLOCK_ROOT));
        });
    }

    @Test
    void executionRequestsAreRefusedOnOpAndEachUpgradeTakesItsOwnShape() {
        Property.forAll(50, SEEDS, seed -> {
            Round round = round(seed);
            ExecutionPayloadEnvelope withRequests = new ExecutionPayloadEnvelope(
                    round.envelope.executionPayload(),
                    round.envelope.blockValue(),
                    round.envelope.blobsBundle(),
                    false,
                    round.envelope.parentBeaconBlockRoot(),
                    List.of(Bytes.fromHex("0x00" + "aa".repeat(20))));
            BlockRequest holocene = new BlockRequest(
                    round.request.number(),
                    round.request.parent(),
                    round.request.attributes(),
                    Fork.HOLOCENE,
                    round.request.baseFee());

            assertThat(PayloadConformance.check(withRequests, round.request))
                    .hasValueSatisfying(
                            v -> assertThat(v.code()).isEqualTo(RejectionCode.EXECUTION_REQUESTS_NOT_EMPTY));
            assertThat(PayloadConformance.check(round.envelope, holocene))
                    .hasValueSatisfying(v -> assertThat(v.code()).isEqualTo(RejectionCode.WRONG_PAYLOAD_VERSION));
            assertThat(PayloadConformance.check(round.envelope.asV3(), holocene))
                    .isEmpty();
        });
    }

    /** A Jovian round whose parent used exactly its gas target, so the block's base fee is the parent's. */
    record Round(BlockRequest request, ExecutionPayloadEnvelope envelope) {}

    static Round round(long seed) {
        PayloadAttributes attributes = SimulatedBlocks.attributes(1_760_000_000L + seed, seed);
        Hash32 parent = SimulatedBlocks.hash(new Random(seed));
        BlockNumber number = BlockNumber.of(seed);
        return new Round(
                new BlockRequest(number, parent, attributes, Fork.JOVIAN, Optional.of(SimulatedBlocks.BASE_FEE)),
                SimulatedBlocks.envelope(number, parent, attributes, Wei.of(seed), 4, seed));
    }

    private static Bytes truncated(Bytes transaction) {
        byte[] raw = transaction.toArray();
        return Bytes.of(java.util.Arrays.copyOf(raw, raw.length - 3));
    }

    /** A well-formed type-3 envelope: 14 fields. */
    private static Bytes blobTransaction() {
        List<byte[]> fields = new java.util.ArrayList<>();
        for (int i = 0; i < 14; i++) {
            fields.add(Rlp.encodeLong(i));
        }
        byte[] body = Rlp.encodeList(fields);
        byte[] raw = new byte[body.length + 1];
        raw[0] = 0x03;
        System.arraycopy(body, 0, raw, 1, body.length);
        return Bytes.of(raw);
    }
}
