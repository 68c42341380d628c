package dev.gavel.primitives;

/** keccak256 as the chain hashes (the original Keccak padding, not SHA3-256's), over whole inputs. */
public final class Keccak {
    private Keccak() {}

    /** keccak256 over the concatenation of {@code parts}. */
    public static Hash32 hash(byte[]... parts) {
        Keccak256 keccak = new Keccak256();
        for (byte[] part : parts) {
            keccak.update(part, 0, part.length);
        }
        return Hash32.of(keccak.digest());
    }
}
