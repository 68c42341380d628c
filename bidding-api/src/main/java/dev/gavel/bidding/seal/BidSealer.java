package dev.gavel.bidding.seal;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.Bytes;
import org.web3j.crypto.ECKeyPair;

/** The builder's side: seals a {@link BidSubmission} to the auction's public key under a signed header v2. Thread-safe. */
public final class BidSealer {
    private final AuctionPublicKey auctionKey;
    private final byte[] recipient;
    private final HeaderSignatures headers;

    public BidSealer(AuctionPublicKey auctionKey, HeaderSignatures headers) {
        this.auctionKey = auctionKey;
        this.recipient = auctionKey.publicKey().toArray();
        this.headers = headers;
    }

    /** Seals a submission as JSON, the plaintext of the JSON transport. */
    public SealedBid seal(BidSubmission submission, RoundReference round, ECKeyPair builderKey) {
        return seal(WireJson.write(submission), submission.bid().bid(), round, builderKey);
    }

    /** Seals already encoded plaintext (JSON or, for the binary transport, RLP) under the header of {@code bid}. */
    public SealedBid seal(byte[] plaintext, Bid bid, RoundReference round, ECKeyPair builderKey) {
        return seal(plaintext, bid, round, builderKey, HpkeSuite.generate());
    }

    /** With the ephemeral key derived from {@code ikm}: for the published test vectors only, never for real bids. */
    SealedBid sealWithEphemeralIkm(byte[] plaintext, Bid bid, RoundReference round, ECKeyPair builderKey, byte[] ikm) {
        return seal(plaintext, bid, round, builderKey, HpkeSuite.derive(ikm));
    }

    private SealedBid seal(
            byte[] plaintext, Bid bid, RoundReference round, ECKeyPair builderKey, HpkeSuite.KeyPair ephemeral) {
        BidHeader header = new BidHeader(
                auctionKey.keyId(),
                round,
                bid.blockNumber(),
                bid.parentHash(),
                bid.builder(),
                plaintext.length + HpkeSuite.TAG_LENGTH,
                Bytes.of(ephemeral.publicKey()));
        byte[] encoded = header.encode();
        return new SealedBid(
                Bytes.of(encoded),
                headers.sign(encoded, builderKey),
                Bytes.of(HpkeSuite.seal(recipient, ephemeral, HpkeSuite.INFO, encoded, plaintext)));
    }
}
