package dev.gavel.bidding.seal;

import dev.gavel.primitives.Bytes;

/** The auction's HPKE key pair. The private half never leaves this object; toString shows only the public key. */
public final class AuctionKeyPair {
    private final int keyId;
    private final HpkeSuite.KeyPair keyPair;
    private final AuctionPublicKey publicKey;

    private AuctionKeyPair(int keyId, HpkeSuite.KeyPair keyPair) {
        this.keyId = keyId;
        this.keyPair = keyPair;
        this.publicKey = new AuctionPublicKey(keyId, HpkeSuite.NAME, Bytes.of(keyPair.publicKey()));
    }

    public static AuctionKeyPair generate(int keyId) {
        return new AuctionKeyPair(keyId, HpkeSuite.generate());
    }

    /** Restores a key pair from its 32-byte X25519 private key (as kept in the key file). */
    public static AuctionKeyPair fromPrivateKey(int keyId, byte[] privateKey) {
        return new AuctionKeyPair(keyId, HpkeSuite.KeyPair.of(privateKey));
    }

    public byte[] privateKeyBytes() {
        return keyPair.privateKey().clone();
    }

    public int keyId() {
        return keyId;
    }

    public AuctionPublicKey publicKey() {
        return publicKey;
    }

    HpkeSuite.KeyPair keyPair() {
        return keyPair;
    }

    @Override
    public String toString() {
        return "AuctionKeyPair[keyId=" + keyId + ", publicKey=" + publicKey.publicKey() + "]";
    }
}
