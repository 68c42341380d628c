package dev.gavel.primitives;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** keccak256 as the chain hashes (Bouncy Castle's Keccak, not the later SHA3-256 padding). */
public final class Keccak {
    private Keccak() {}

    /** keccak256 over the concatenation of {@code parts}. */
    public static Hash32 hash(byte[]... parts) {
        KeccakDigest keccak = new KeccakDigest(256);
        for (byte[] part : parts) {
            keccak.update(part, 0, part.length);
        }
        byte[] out = new byte[Hash32.LENGTH];
        keccak.doFinal(out, 0);
        return Hash32.of(out);
    }
}
