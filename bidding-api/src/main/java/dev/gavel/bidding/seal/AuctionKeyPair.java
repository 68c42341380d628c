package dev.gavel.bidding.seal;

import dev.gavel.primitives.Bytes;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;

/** The auction's HPKE key pair. The private half never leaves this object; toString shows only the public key. */
public final class AuctionKeyPair {
    private final int keyId;
    private final AsymmetricCipherKeyPair keyPair;
    private final AuctionPublicKey publicKey;

    private AuctionKeyPair(int keyId, AsymmetricCipherKeyPair keyPair) {
        this.keyId = keyId;
        this.keyPair = keyPair;
        HPKE hpke = HpkeSuite.create();
        this.publicKey =
                new AuctionPublicKey(keyId, HpkeSuite.NAME, Bytes.of(hpke.serializePublicKey(keyPair.getPublic())));
    }

    public static AuctionKeyPair generate(int keyId) {
        return new AuctionKeyPair(keyId, HpkeSuite.create().generatePrivateKey());
    }

    /** Restores a key pair from its 32-byte X25519 private key (as kept in the key file). */
    public static AuctionKeyPair fromPrivateKey(int keyId, byte[] privateKey) {
        if (privateKey.length != HpkeSuite.KEY_LENGTH) {
            throw new IllegalArgumentException("an X25519 private key is 32 bytes, got " + privateKey.length);
        }
        HPKE hpke = HpkeSuite.create();
        AsymmetricCipherKeyPair derived = hpke.deserializePrivateKey(privateKey, null);
        return new AuctionKeyPair(keyId, derived);
    }

    public byte[] privateKeyBytes() {
        return HpkeSuite.create().serializePrivateKey(keyPair.getPrivate());
    }

    public int keyId() {
        return keyId;
    }

    public AuctionPublicKey publicKey() {
        return publicKey;
    }

    AsymmetricCipherKeyPair keyPair() {
        return keyPair;
    }

    @Override
    public String toString() {
        return "AuctionKeyPair[keyId=" + keyId + ", publicKey=" + publicKey.publicKey() + "]";
    }
}
