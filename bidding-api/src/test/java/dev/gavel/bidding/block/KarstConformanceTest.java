package dev.gavel.bidding.block;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.rlp.Rlp;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A synthetic Karst block, from OP upgrade 19's specification (Osaka on L2): the Isthmus/Jovian envelope (V4
 * shape, served by getPayloadV5), and EIP-7825's cap of 2^24 gas on each transaction but deposits.
 */
class KarstConformanceTest {
    private static final Hash32 PARENT = Hash32.fromHex("0x" + "0a".repeat(32));
    private static final long KARST = 1_800_000_000L;
    private static final ChainSpec CHAIN = new ChainSpec(0, 0, 0, KARST, 250, 6);

    @Test
    void aKarstBlockIsTheJovianEnvelopeWithTransactionsWithinTheCap() {
        PayloadAttributes attributes = SimulatedBlocks.attributes(KARST, 1);
        ExecutionPayloadEnvelope block = withTransaction(attributes, Fork.KARST_TRANSACTION_GAS_CAP);

        assertThat(PayloadConformance.check(block, request(attributes))).isEmpty();
        assertThat(CHAIN.forkAt(KARST).getPayloadVersion()).isEqualTo(5);
    }

    @Test
    void aTransactionAskingForMoreThanTwoToTheTwentyFourGasIsRefusedFromKarstOnly() {
        PayloadAttributes karst = SimulatedBlocks.attributes(KARST, 2);
        PayloadAttributes jovian = SimulatedBlocks.attributes(KARST - 1, 2);

        Optional<?> refusal =
                PayloadConformance.check(withTransaction(karst, Fork.KARST_TRANSACTION_GAS_CAP + 1), request(karst));

        assertThat(refusal)
                .hasValueSatisfying(r -> assertThat(((dev.gavel.bidding.bid.Rejection) r).code())
                        .isEqualTo(RejectionCode.GAS_LIMIT_EXCEEDED));
        assertThat(refusal.get().toString()).contains("EIP-7825", "16777217");
        assertThat(PayloadConformance.check(
                        withTransaction(jovian, Fork.KARST_TRANSACTION_GAS_CAP + 1), request(jovian)))
                .as("a Jovian block has no such cap")
                .isEmpty();
    }

    private static BlockRequest request(PayloadAttributes attributes) {
        return new BlockRequest(
                BlockNumber.of(42),
                PARENT,
                attributes,
                CHAIN.forkAt(attributes.timestamp().value()),
                Optional.empty());
    }

    /** The simulated block for {@code attributes} with one more EIP-1559 transaction asking for {@code gas}. */
    private static ExecutionPayloadEnvelope withTransaction(PayloadAttributes attributes, long gas) {
        ExecutionPayloadEnvelope base = SimulatedBlocks.envelope(
                BlockNumber.of(42),
                PARENT,
                attributes,
                Wei.of(1),
                3,
                attributes.timestamp().value());
        ExecutionPayload payload = base.executionPayload();
        List<Bytes> transactions = new ArrayList<>(payload.transactions());
        transactions.add(eip1559(gas));
        ExecutionPayload draft = new ExecutionPayload(
                payload.parentHash(),
                payload.feeRecipient(),
                payload.stateRoot(),
                payload.receiptsRoot(),
                payload.logsBloom(),
                payload.prevRandao(),
                payload.blockNumber(),
                payload.gasLimit(),
                payload.gasUsed(),
                payload.timestamp(),
                payload.extraData(),
                payload.baseFeePerGas(),
                payload.blockHash(),
                transactions,
                payload.withdrawals(),
                payload.blobGasUsed(),
                payload.excessBlobGas(),
                payload.withdrawalsRoot());
        Hash32 hash = BlockHashes.compute(draft, base.parentBeaconBlockRoot(), List.of(), ChainFamily.OP_STACK);
        return new ExecutionPayloadEnvelope(
                SimulatedBlocks.rehash(draft, hash), Wei.of(1), null, false, base.parentBeaconBlockRoot(), List.of());
    }

    private static Bytes eip1559(long gas) {
        byte[] body = Rlp.encodeList(List.of(
                Rlp.encodeLong(1301),
                Rlp.encodeLong(7),
                Rlp.encodeLong(1_000_000),
                Rlp.encodeLong(2_000_000_000L),
                Rlp.encodeLong(gas),
                Rlp.encodeBytes(new byte[20]),
                Rlp.encodeLong(0),
                Rlp.encodeBytes(new byte[0]),
                Rlp.encodeList(List.of()),
                Rlp.encodeLong(1),
                Rlp.encodeBytes(new byte[] {1}),
                Rlp.encodeBytes(new byte[] {2})));
        byte[] typed = new byte[body.length + 1];
        typed[0] = 0x02;
        System.arraycopy(body, 0, typed, 1, body.length);
        return Bytes.of(typed);
    }
}
