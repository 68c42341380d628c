package dev.gavel.service.builders;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.primitives.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header and its signature, read from the first bytes of a JSON sealed bid, where they must come first
 * ({@code {"header": …, "headerSignature": …, "ciphertext": …}}): intake judges them before the rest of the
 * body is read, so a sender that is not an admitted builder costs one signature check, not a body.
 */
record HeaderFirst(Bytes header, BidSignature signature) {
    /** Enough bytes to hold both members and the JSON around them. */
    static final int PREFIX_BYTES = 512;

    private static final Pattern MEMBERS = Pattern.compile(
            "^\\s*\\{\\s*\"header\"\\s*:\\s*\"(0x[0-9a-fA-F]{0,300})\"\\s*,\\s*\"headerSignature\"\\s*:\\s*\"(0x[0-9a-fA-F]{0,200})\"");

    /** The two members at the start of {@code prefix}; empty when they are not there, or not well formed. */
    static Optional<HeaderFirst> read(byte[] prefix) {
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
