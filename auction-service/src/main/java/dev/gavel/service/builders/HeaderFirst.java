package dev.gavel.service.builders;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.seal.BidHeader;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.primitives.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header and its signature, read from the first bytes of a sealed bid, where they must come first: the
 * first two members of a JSON one ({@code {"header": …, "headerSignature": …, "ciphertext": …}}), the first
 * 175 bytes of a binary frame. Intake judges them before the rest of the body is read, so a sender that is not
 * an admitted builder costs one signature check, not a body.
 */
record HeaderFirst(Bytes header, BidSignature signature) {
    /** Enough bytes of a JSON bid to hold both members and the JSON around them. */
    static final int JSON_PREFIX_BYTES = 512;

    private static final Pattern MEMBERS = Pattern.compile(
            "^\\s*\\{\\s*\"header\"\\s*:\\s*\"(0x[0-9a-fA-F]{0,300})\"\\s*,\\s*\"headerSignature\"\\s*:\\s*\"(0x[0-9a-fA-F]{0,200})\"");

    /** How many bytes of a bid in {@code encoding} hold its header and signature. */
    static int prefixBytes(BidEncoding encoding) {
        return encoding == BidEncoding.BINARY ? SealedBid.FRAME_PREFIX_BYTES : JSON_PREFIX_BYTES;
    }

    /** The header and its signature at the start of {@code prefix}; empty when they are not there, or not well formed. */
    static Optional<HeaderFirst> read(byte[] prefix, BidEncoding encoding) {
        if (encoding == BidEncoding.BINARY) {
            return prefix.length < SealedBid.FRAME_PREFIX_BYTES
                    ? Optional.empty()
                    : Optional.of(new HeaderFirst(
                            Bytes.copyOfRange(prefix, 0, BidHeader.LENGTH),
                            BidSignature.of(
                                    Arrays.copyOfRange(prefix, BidHeader.LENGTH, SealedBid.FRAME_PREFIX_BYTES))));
        }
        Matcher matcher = MEMBERS.matcher(new String(prefix, StandardCharsets.ISO_8859_1));
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new HeaderFirst(Bytes.fromHex(matcher.group(1)), BidSignature.fromHex(matcher.group(2))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
