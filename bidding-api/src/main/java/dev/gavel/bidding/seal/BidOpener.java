package dev.gavel.bidding.seal;

import java.security.GeneralSecurityException;

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
        byte[] ciphertext = sealed.ciphertext().toArray();
        return open(header, sealed.header().toArray(), ciphertext, 0, ciphertext.length);
    }

    /**
     * As {@link #open(BidHeader, SealedBid)}, for a ciphertext that is {@code length} bytes of {@code body} from
     * {@code offset} (a binary frame), opened where it lies, without a copy.
     */
    public byte[] open(BidHeader header, byte[] encodedHeader, byte[] body, int offset, int length)
            throws UnopenableBidException {
        if (header.keyId() != key.keyId()) {
            throw new UnopenableBidException(
                    "bid is sealed to key " + header.keyId() + ", the auction key is " + key.keyId());
        }
        try {
            return HpkeSuite.open(
                    key.keyPair(),
                    header.encapsulatedKey().toArray(),
                    HpkeSuite.INFO,
                    encodedHeader,
                    body,
                    offset,
                    length);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UnopenableBidException("ciphertext does not authenticate under the auction key and header");
        }
    }
}
