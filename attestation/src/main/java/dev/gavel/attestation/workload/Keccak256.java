package dev.gavel.attestation.workload;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** keccak256 over the concatenation of {@code parts} (Bouncy Castle's Keccak, as the chain hashes). */
final class Keccak256 {
    private Keccak256() {}

    static byte[] of(byte[]... parts) {
        KeccakDigest keccak = new KeccakDigest(256);
        for (byte[] part : parts) {
            keccak.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        keccak.doFinal(out, 0);
        return out;
    }
}
