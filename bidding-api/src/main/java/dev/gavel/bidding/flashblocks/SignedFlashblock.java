package dev.gavel.bidding.flashblocks;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.json.JsonProblems;
import dev.gavel.bidding.json.WireJson;
import java.util.Arrays;
import java.util.Objects;
import tools.jackson.core.JacksonException;

/**
 * A flashblock as the winner sends it to Gavel: its signature (65 bytes, r ‖ s ‖ v) followed by the flashblock's
 * JSON text, which is what Gavel relays, byte for byte, once it passed the checks. Read strictly (one JSON
 * object, no key twice, no member rollup-boost does not know), so what the signature covers is what Gavel
 * checked and what rollup-boost reads.
 */
public record SignedFlashblock(BidSignature signature, byte[] json, Flashblock flashblock) {
    public SignedFlashblock {
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(flashblock, "flashblock");
        json = json.clone();
    }

    public static SignedFlashblock fromFrame(byte[] frame) throws FlashblockFormatException {
        if (frame.length <= BidSignature.LENGTH) {
            throw new FlashblockFormatException("a signed flashblock is a 65-byte signature followed by the"
                    + " flashblock's JSON; the frame has " + frame.length + " bytes");
        }
        byte[] json = Arrays.copyOfRange(frame, BidSignature.LENGTH, frame.length);
        try {
            return new SignedFlashblock(
                    BidSignature.of(Arrays.copyOf(frame, BidSignature.LENGTH)),
                    json,
                    WireJson.readStrict(json, Flashblock.class));
        } catch (JacksonException e) {
            throw new FlashblockFormatException("the flashblock is " + JsonProblems.describe(e));
        }
    }

    public byte[] toFrame() {
        byte[] frame = Arrays.copyOf(signature.toArray(), BidSignature.LENGTH + json.length);
        System.arraycopy(json, 0, frame, BidSignature.LENGTH, json.length);
        return frame;
    }

    @Override
    public byte[] json() {
        return json.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedFlashblock that
                && signature.equals(that.signature)
                && Arrays.equals(json, that.json);
    }

    @Override
    public int hashCode() {
        return 31 * signature.hashCode() + Arrays.hashCode(json);
    }

    @Override
    public String toString() {
        return "SignedFlashblock[" + flashblock.payloadId() + " #" + flashblock.index() + ", " + json.length
                + " bytes]";
    }
}
