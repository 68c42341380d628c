package dev.gavel.bidding.payload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Quantity;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class PayloadIdsTest {
    private static final Hash32 PARENT = Hash32.fromHex("0x" + "3e".repeat(32));

    @Test
    void hashesTheFieldsInOpAlloysOrderAndStampsTheVersion() throws Exception {
        PayloadAttributes attributes = SimulatedBlocks.attributes(1_760_000_000L, 9);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(PARENT.toArray());
        expected.writeBytes(ByteBuffer.allocate(8).putLong(1_760_000_000L).array());
        expected.writeBytes(attributes.prevRandao().toArray());
        expected.writeBytes(attributes.suggestedFeeRecipient().toArray());
        expected.write(0xc0); // RLP of the empty withdrawals list
        expected.writeBytes(attributes.parentBeaconBlockRoot().toArray());
        expected.write(0); // noTxPool = false, written because there are forced transactions
        expected.writeBytes(ByteBuffer.allocate(8).putLong(1).array());
        expected.writeBytes(Hash.sha3(attributes.transactions().get(0).toArray()));
        expected.writeBytes(ByteBuffer.allocate(8).putLong(60_000_000).array());
        expected.writeBytes(Hex.decode("0x000000fa00000006"));
        expected.writeBytes(ByteBuffer.allocate(8).putLong(1).array());
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(expected.toByteArray());
        digest[0] = 4;

        assertThat(PayloadIds.compute(PARENT, attributes, 4)).isEqualTo(PayloadId.of(Arrays.copyOf(digest, 8)));
    }

    @Test
    void absentOptionalFieldsAreLeftOutRatherThanZeroed() {
        PayloadAttributes full = SimulatedBlocks.attributes(1_760_000_000L, 9);
        PayloadAttributes bare = new PayloadAttributes(
                full.timestamp(),
                full.prevRandao(),
                full.suggestedFeeRecipient(),
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        PayloadAttributes emptyTransactions = new PayloadAttributes(
                full.timestamp(),
                full.prevRandao(),
                full.suggestedFeeRecipient(),
                null,
                null,
                List.of(),
                false,
                null,
                null,
                null);

        assertThat(PayloadIds.compute(PARENT, bare, 3)).isEqualTo(PayloadIds.compute(PARENT, emptyTransactions, 3));
        assertThat(PayloadIds.compute(PARENT, bare, 3)).isNotEqualTo(PayloadIds.compute(PARENT, full, 3));
        assertThat(PayloadIds.compute(PARENT, bare, 3).toHex()).startsWith("0x03");
    }

    @Test
    void anyChangedAttributeChangesTheId() {
        PayloadAttributes base = SimulatedBlocks.attributes(1_760_000_000L, 9);
        PayloadAttributes laterTimestamp = new PayloadAttributes(
                Quantity.of(1_760_000_001L),
                base.prevRandao(),
                base.suggestedFeeRecipient(),
                base.withdrawals(),
                base.parentBeaconBlockRoot(),
                base.transactions(),
                base.noTxPool(),
                base.gasLimit(),
                base.eip1559Params(),
                base.minBaseFee());
        PayloadAttributes otherMinBaseFee = new PayloadAttributes(
                base.timestamp(),
                base.prevRandao(),
                base.suggestedFeeRecipient(),
                base.withdrawals(),
                base.parentBeaconBlockRoot(),
                base.transactions(),
                base.noTxPool(),
                base.gasLimit(),
                base.eip1559Params(),
                new MinBaseFee(2));

        PayloadId id = PayloadIds.compute(PARENT, base, 4);
        assertThat(PayloadIds.compute(PARENT, laterTimestamp, 4)).isNotEqualTo(id);
        assertThat(PayloadIds.compute(PARENT, otherMinBaseFee, 4)).isNotEqualTo(id);
        assertThat(PayloadIds.compute(Hash32.fromHex("0x" + "3f".repeat(32)), base, 4))
                .isNotEqualTo(id);
    }
}
