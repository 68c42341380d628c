package dev.gavel.bidding.seal;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.primitives.Bytes;
import java.util.Objects;

/**
 * What a builder submits: the clear {@link BidHeader} (as its 110 encoded bytes), the builder's signature over
 * it, and the HPKE ciphertext of the signed bid and its payload, sealed to the auction key the header names
 * with the header as associated data. Intake authenticates the header before it opens anything; the value
 * and the payload stay sealed until the round closes. On the JSON transport it is {@code {header,
 * headerSignature, ciphertext}} in hex; on the binary one a frame, the three concatenated ({@link #toFrame()}).
 */
public record SealedBid(Bytes header, BidSignature headerSignature, Bytes ciphertext) {
    /** A binary frame starts with the header and its signature: intake reads this many bytes first. */
    public static final int FRAME_PREFIX_BYTES = BidHeader.LENGTH + BidSignature.LENGTH;

    public SealedBid {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(headerSignature, "headerSignature");
        Objects.requireNonNull(ciphertext, "ciphertext");
    }

    /** header (110 bytes) ‖ headerSignature (65) ‖ ciphertext: the binary transport's body. */
    public byte[] toFrame() {
        byte[] frame = new byte[header.length() + BidSignature.LENGTH + ciphertext.length()];
        header.copyTo(frame, 0);
        headerSignature.copyTo(frame, header.length());
        ciphertext.copyTo(frame, header.length() + BidSignature.LENGTH);
        return frame;
    }

    /** @throws IllegalArgumentException when {@code frame} is shorter than a header and its signature */
    public static SealedBid fromFrame(byte[] frame) {
        if (frame.length < FRAME_PREFIX_BYTES) {
            throw new IllegalArgumentException("a binary sealed bid starts with the " + BidHeader.LENGTH
                    + "-byte header and its " + BidSignature.LENGTH + "-byte signature; got " + frame.length
                    + " bytes");
        }
        return new SealedBid(
                Bytes.copyOfRange(frame, 0, BidHeader.LENGTH),
                BidSignature.of(java.util.Arrays.copyOfRange(frame, BidHeader.LENGTH, FRAME_PREFIX_BYTES)),
                Bytes.copyOfRange(frame, FRAME_PREFIX_BYTES, frame.length));
    }
}
