package dev.gavel.bidding.seal;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;

/** The auction's side: opens sealed bids addressed to its key. Thread-safe. */
public final class BidOpener {
    private final AuctionKeyPair key;

    public BidOpener(AuctionKeyPair key) {
        this.key = key;
    }

    public int keyId() {
        return key.keyId();
    }

    /** The plaintext, or an exception naming why it cannot be opened (wrong key, tampering). */
    public byte[] open(BidHeader header, SealedBid sealed) throws UnopenableBidException {
        if (header.keyId() != key.keyId()) {
            throw new UnopenableBidException(
                    "bid is sealed to key " + header.keyId() + ", the auction key is " + key.keyId());
        }
        HPKE hpke = HpkeSuite.create();
        try {
            HPKEContext context = hpke.setupBaseR(header.encapsulatedKey().toArray(), key.keyPair(), HpkeSuite.INFO);
            return context.open(sealed.header().toArray(), sealed.ciphertext().toArray());
        } catch (InvalidCipherTextException | IllegalArgumentException | IllegalStateException e) {
            throw new UnopenableBidException("ciphertext does not authenticate under the auction key and header");
        }
    }
}
