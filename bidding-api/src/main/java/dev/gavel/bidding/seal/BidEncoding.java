package dev.gavel.bidding.seal;

/**
 * The two transports of a sealed bid: JSON ({@code {header, headerSignature, ciphertext}} in hex, with a JSON
 * plaintext) and binary (a frame, {@link SealedBid#toFrame()}, with an RLP plaintext, {@link SubmissionRlp}).
 * The HTTP content type says which.
 */
public enum BidEncoding {
    JSON("application/json"),
    BINARY("application/octet-stream");

    private final String mediaType;

    BidEncoding(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The body of {@code sealed} in this encoding. */
    public byte[] body(SealedBid sealed) {
        return this == JSON ? dev.gavel.bidding.json.WireJson.write(sealed) : sealed.toFrame();
    }
}
