package dev.gavel.bidding.seal;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What a builder submits: an HPKE envelope to the auction key {@code keyId}. The routing header
 * (block, parent, builder) travels in clear so intake can refuse a bid cheaply before opening it; it is
 * bound to the ciphertext as HPKE associated data and must match the signed bid inside. The value and
 * the payload stay sealed.
 */
public record SealedBid(
        int keyId,
        BlockNumber blockNumber,
        Hash32 parentHash,
        Address builder,
        Bytes encapsulatedKey,
        Bytes ciphertext) {

    public SealedBid {
        Objects.requireNonNull(blockNumber, "blockNumber");
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(encapsulatedKey, "encapsulatedKey");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /** The HPKE associated data: keyId ‖ blockNumber ‖ parentHash ‖ builder. */
    public byte[] associatedData() {
        return associatedData(keyId, blockNumber, parentHash, builder);
    }

    static byte[] associatedData(int keyId, BlockNumber blockNumber, Hash32 parentHash, Address builder) {
        return ByteBuffer.allocate(Integer.BYTES + Long.BYTES + Hash32.LENGTH + Address.LENGTH)
                .putInt(keyId)
                .putLong(blockNumber.value())
                .put(parentHash.toArray())
                .put(builder.toArray())
                .array();
    }
}
