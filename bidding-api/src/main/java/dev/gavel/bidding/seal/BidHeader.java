package dev.gavel.bidding.seal;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The clear header of a sealed bid, version 2: what intake reads and authenticates before it opens
 * anything. Its 110 bytes are the HPKE associated data of the ciphertext, and the builder signs them
 * (EIP-712 {@code BidHeader(bytes header)}, see {@link HeaderSignatures}); docs/builder-api.md gives the
 * layout byte for byte:
 *
 * <pre>
 * version u8 (2) ‖ keyId u32 ‖ round tag u8 ‖ payloadId bytes8 ‖ blockNumber u64 ‖ parentHash bytes32
 *   ‖ builder bytes20 ‖ ciphertext length u32 ‖ encapsulated key bytes32          (big-endian)
 * </pre>
 */
public record BidHeader(
        int keyId,
        RoundReference round,
        BlockNumber blockNumber,
        Hash32 parentHash,
        Address builder,
        int ciphertextLength,
        Bytes encapsulatedKey) {
    public static final int VERSION = 2;
    public static final int LENGTH = 110;
    private static final int PAYLOAD_ID_LENGTH = 8;

    public BidHeader {
        Objects.requireNonNull(round, "round");
        Objects.requireNonNull(blockNumber, "blockNumber");
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(encapsulatedKey, "encapsulatedKey");
        if (ciphertextLength < 0) {
            throw new IllegalArgumentException("ciphertext length must not be negative: " + ciphertextLength);
        }
        if (encapsulatedKey.length() != HpkeSuite.KEY_LENGTH) {
            throw new IllegalArgumentException(
                    "the encapsulated key is " + HpkeSuite.KEY_LENGTH + " bytes, got " + encapsulatedKey.length());
        }
    }

    public byte[] encode() {
        ByteBuffer out =
                ByteBuffer.allocate(LENGTH).put((byte) VERSION).putInt(keyId).put(round.tag());
        if (round instanceof RoundReference.ByPayloadId byId) {
            out.put(byId.payloadId().toArray());
        } else {
            out.put(new byte[PAYLOAD_ID_LENGTH]);
        }
        return out.putLong(blockNumber.value())
                .put(parentHash.toArray())
                .put(builder.toArray())
                .putInt(ciphertextLength)
                .put(encapsulatedKey.toArray())
                .array();
    }

    /** The version byte of an encoded header, to refuse an unknown version before reading on. */
    public static int version(Bytes encoded) {
        return encoded.length() == 0 ? -1 : encoded.toArray()[0] & 0xff;
    }

    /** @throws IllegalArgumentException naming what is wrong; the version must already be {@link #VERSION} */
    public static BidHeader decode(Bytes encoded) {
        byte[] bytes = encoded.toArray();
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a header v2 is " + LENGTH + " bytes, got " + bytes.length);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if ((in.get() & 0xff) != VERSION) {
            throw new IllegalArgumentException("not a header v" + VERSION);
        }
        int keyId = in.getInt();
        byte tag = in.get();
        byte[] payloadId = read(in, PAYLOAD_ID_LENGTH);
        RoundReference round = switch (tag) {
            case RoundReference.ByPayloadId.TAG -> new RoundReference.ByPayloadId(PayloadId.of(payloadId));
            case RoundReference.Slot.TAG -> new RoundReference.Slot();
            default -> throw new IllegalArgumentException("unknown round reference tag " + tag + " (1 or 2)");
        };
        long blockNumber = in.getLong();
        if (blockNumber < 0) {
            throw new IllegalArgumentException("block number above 2^63 - 1");
        }
        return new BidHeader(
                keyId,
                round,
                BlockNumber.of(blockNumber),
                Hash32.of(read(in, Hash32.LENGTH)),
                Address.of(read(in, Address.LENGTH)),
                in.getInt(),
                Bytes.of(read(in, HpkeSuite.KEY_LENGTH)));
    }

    private static byte[] read(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
