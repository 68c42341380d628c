package dev.gavel.bidding.seal;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.Bytes;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;

/**
 * The builder's side: seals a {@link BidSubmission} to the auction's public key. Thread-safe: Bouncy Castle's
 * HPKE object keeps digest state, so each seal uses its own.
 */
public final class BidSealer {
    private final AuctionPublicKey auctionKey;
    private final AsymmetricKeyParameter recipient;

    public BidSealer(AuctionPublicKey auctionKey) {
        this.auctionKey = auctionKey;
        this.recipient =
                HpkeSuite.create().deserializePublicKey(auctionKey.publicKey().toArray());
    }

    public SealedBid seal(BidSubmission submission) {
        return seal(WireJson.write(submission), submission.bid().bid());
    }

    /** Seals already encoded plaintext under the routing header of {@code bid}. */
    public SealedBid seal(byte[] plaintext, Bid bid) {
        byte[] aad = SealedBid.associatedData(auctionKey.keyId(), bid.blockNumber(), bid.parentHash(), bid.builder());
        HPKEContextWithEncapsulation context = HpkeSuite.create().setupBaseS(recipient, HpkeSuite.INFO);
        try {
            byte[] ciphertext = context.seal(aad, plaintext);
            return new SealedBid(
                    auctionKey.keyId(),
                    bid.blockNumber(),
                    bid.parentHash(),
                    bid.builder(),
                    Bytes.of(context.getEncapsulation()),
                    Bytes.of(ciphertext));
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("sealing cannot fail on well-formed input", e);
        }
    }
}
