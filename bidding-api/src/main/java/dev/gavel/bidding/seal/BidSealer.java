package dev.gavel.bidding.seal;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.Bytes;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.web3j.crypto.ECKeyPair;

/**
 * The builder's side: seals a {@link BidSubmission} to the auction's public key under a signed header v2.
 * Thread-safe: Bouncy Castle's HPKE object keeps digest state, so each seal uses its own.
 */
public final class BidSealer {
    private final AuctionPublicKey auctionKey;
    private final AsymmetricKeyParameter recipient;
    private final HeaderSignatures headers;

    public BidSealer(AuctionPublicKey auctionKey, HeaderSignatures headers) {
        this.auctionKey = auctionKey;
        this.recipient =
                HpkeSuite.create().deserializePublicKey(auctionKey.publicKey().toArray());
        this.headers = headers;
    }

    public SealedBid seal(BidSubmission submission, RoundReference round, ECKeyPair builderKey) {
        return seal(WireJson.write(submission), submission.bid().bid(), round, builderKey);
    }

    /** Seals already encoded plaintext under the header of {@code bid}, signed with {@code builderKey}. */
    public SealedBid seal(byte[] plaintext, Bid bid, RoundReference round, ECKeyPair builderKey) {
        HPKE hpke = HpkeSuite.create();
        AsymmetricCipherKeyPair ephemeral = hpke.generatePrivateKey();
        return seal(plaintext, bid, round, builderKey, ephemeral);
    }

    /** With a given ephemeral key: for the published test vectors only, never for real bids. */
    SealedBid seal(
            byte[] plaintext, Bid bid, RoundReference round, ECKeyPair builderKey, AsymmetricCipherKeyPair ephemeral) {
        HPKE hpke = HpkeSuite.create();
        BidHeader header = new BidHeader(
                auctionKey.keyId(),
                round,
                bid.blockNumber(),
                bid.parentHash(),
                bid.builder(),
                plaintext.length + HpkeSuite.TAG_LENGTH,
                Bytes.of(hpke.serializePublicKey(ephemeral.getPublic())));
        byte[] encoded = header.encode();
        HPKEContextWithEncapsulation context = hpke.setupBaseS(recipient, HpkeSuite.INFO, ephemeral);
        try {
            return new SealedBid(
                    Bytes.of(encoded), headers.sign(encoded, builderKey), Bytes.of(context.seal(encoded, plaintext)));
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("sealing cannot fail on well-formed input", e);
        }
    }
}
