package dev.gavel.bidding.payload;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Digests;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak256;
import dev.gavel.primitives.PayloadId;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The payload id exactly as op-alloy's {@code OpPayloadAttributes::payload_id} computes it, so that
 * rollup-boost's prediction of a builder's id (flashblocks) agrees with Gavel's.
 */
public final class PayloadIds {
    private PayloadIds() {}

    public static PayloadId compute(Hash32 parent, PayloadAttributes attributes, int payloadVersion) {
        MessageDigest sha256 = Digests.sha256();
        sha256.update(parent.toArray());
        sha256.update(longBytes(attributes.timestamp().value()));
        sha256.update(attributes.prevRandao().toArray());
        sha256.update(attributes.suggestedFeeRecipient().toArray());
        if (attributes.withdrawals() != null) {
            sha256.update(Withdrawal.rlpList(attributes.withdrawals()));
        }
        if (attributes.parentBeaconBlockRoot() != null) {
            sha256.update(attributes.parentBeaconBlockRoot().toArray());
        }
        boolean noTxPool = attributes.noTxPoolOrDefault();
        if (noTxPool || !attributes.forcedTransactions().isEmpty()) {
            sha256.update((byte) (noTxPool ? 1 : 0));
            sha256.update(longBytes(attributes.forcedTransactions().size()));
            for (Bytes transaction : attributes.forcedTransactions()) {
                sha256.update(Keccak256.hash(transaction.toArray()));
            }
        }
        if (attributes.gasLimit() != null) {
            sha256.update(longBytes(attributes.gasLimit().value()));
        }
        if (attributes.eip1559Params() != null) {
            sha256.update(attributes.eip1559Params().toArray());
        }
        if (attributes.minBaseFee() != null) {
            sha256.update(longBytes(attributes.minBaseFee().value()));
        }
        byte[] digest = sha256.digest();
        digest[0] = (byte) payloadVersion;
        return PayloadId.of(Arrays.copyOf(digest, PayloadId.LENGTH));
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }
}
