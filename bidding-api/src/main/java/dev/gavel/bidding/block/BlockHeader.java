package dev.gavel.bidding.block;

import dev.gavel.bidding.rlp.Rlp;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An execution block header. Its RLP is the 15 London-era fields followed by those each fork added
 * (baseFee; withdrawalsRoot; blobGasUsed, excessBlobGas, parentBeaconBlockRoot; requestsHash): a later
 * field is present only with every field before it.
 */
public record BlockHeader(
        Hash32 parentHash,
        Hash32 ommersHash,
        Address beneficiary,
        Hash32 stateRoot,
        Hash32 transactionsRoot,
        Hash32 receiptsRoot,
        Bytes logsBloom,
        BigInteger difficulty,
        long number,
        long gasLimit,
        long gasUsed,
        long timestamp,
        Bytes extraData,
        Hash32 mixHash,
        Bytes nonce,
        BigInteger baseFeePerGas,
        Hash32 withdrawalsRoot,
        Long blobGasUsed,
        Long excessBlobGas,
        Hash32 parentBeaconBlockRoot,
        Hash32 requestsHash) {

    /** keccak256(RLP([])): the ommers hash of every post-merge block. */
    public static final Hash32 EMPTY_OMMERS_HASH =
            Hash32.fromHex("0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347");
    /** sha256(""): the requests hash of a block without execution requests. */
    public static final Hash32 EMPTY_REQUESTS_HASH =
            Hash32.fromHex("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");

    public static final Bytes ZERO_NONCE = Bytes.of(new byte[8]);

    public BlockHeader {
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(extraData, "extraData");
        Objects.requireNonNull(logsBloom, "logsBloom");
        if (logsBloom.length() != 256) {
            throw new IllegalArgumentException("logsBloom must be 256 bytes, got " + logsBloom.length());
        }
        if (nonce.length() != 8) {
            throw new IllegalArgumentException("nonce must be 8 bytes, got " + nonce.length());
        }
    }

    public byte[] rlp() {
        List<byte[]> fields = new ArrayList<>(21);
        fields.add(Rlp.encodeBytes(parentHash.toArray()));
        fields.add(Rlp.encodeBytes(ommersHash.toArray()));
        fields.add(Rlp.encodeBytes(beneficiary.toArray()));
        fields.add(Rlp.encodeBytes(stateRoot.toArray()));
        fields.add(Rlp.encodeBytes(transactionsRoot.toArray()));
        fields.add(Rlp.encodeBytes(receiptsRoot.toArray()));
        fields.add(Rlp.encodeBytes(logsBloom.toArray()));
        fields.add(Rlp.encodeBigInteger(difficulty));
        fields.add(Rlp.encodeLong(number));
        fields.add(Rlp.encodeLong(gasLimit));
        fields.add(Rlp.encodeLong(gasUsed));
        fields.add(Rlp.encodeLong(timestamp));
        fields.add(Rlp.encodeBytes(extraData.toArray()));
        fields.add(Rlp.encodeBytes(mixHash.toArray()));
        fields.add(Rlp.encodeBytes(nonce.toArray()));
        List<byte[]> forkFields = new ArrayList<>(6);
        forkFields.add(baseFeePerGas == null ? null : Rlp.encodeBigInteger(baseFeePerGas));
        forkFields.add(withdrawalsRoot == null ? null : Rlp.encodeBytes(withdrawalsRoot.toArray()));
        forkFields.add(blobGasUsed == null ? null : Rlp.encodeLong(blobGasUsed));
        forkFields.add(excessBlobGas == null ? null : Rlp.encodeLong(excessBlobGas));
        forkFields.add(parentBeaconBlockRoot == null ? null : Rlp.encodeBytes(parentBeaconBlockRoot.toArray()));
        forkFields.add(requestsHash == null ? null : Rlp.encodeBytes(requestsHash.toArray()));
        for (byte[] field : forkFields) {
            if (field == null) {
                break;
            }
            fields.add(field);
        }
        return Rlp.encodeList(fields);
    }

    public Hash32 hash() {
        return Hash32.of(Keccak256.hash(rlp()));
    }
}
