package dev.gavel.service.orderflow;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.InvalidSignatureException;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.web3j.crypto.Sign;

/**
 * The {@code X-Flashbots-Signature} header searchers already send with {@code eth_sendBundle}:
 * {@code address:signature}, the address's EIP-191 signature ({@code personal_sign}) of the hex string of
 * keccak256 of the request body, as ethers' {@code wallet.signMessage(id(body))} makes it. The sender is who the
 * signature recovers to, and only if that is the address it names.
 */
public final class FlashbotsSignature {
    public static final String HEADER = "X-Flashbots-Signature";

    private FlashbotsSignature() {}

    /** The sender of {@code body}, if {@code header} is its valid signature; else why not, in the sender's terms. */
    static Signed verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            return new Signed.Refused("no " + HEADER + " header: address:signature of keccak256 of the body");
        }
        int colon = header.indexOf(':');
        Address claimed;
        BidSignature signature;
        try {
            claimed = Address.fromHex(header.substring(0, Math.max(0, colon)).trim());
            signature = BidSignature.fromHex(header.substring(colon + 1).trim());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return new Signed.Refused(HEADER + " is not address:signature (0x…20 bytes:0x…65 bytes)");
        }
        Optional<Address> signer = recover(signature, body);
        return signer.filter(claimed::equals)
                .<Signed>map(Signed.By::new)
                .orElseGet(() ->
                        new Signed.Refused(HEADER + " is not " + claimed + "'s signature of keccak256 of this body"));
    }

    private static Optional<Address> recover(BidSignature signature, byte[] body) {
        try {
            return Optional.of(Secp256k1.recover(signature, digest(body)));
        } catch (InvalidSignatureException e) {
            return Optional.empty();
        }
    }

    /** EIP-191 of the 66 ASCII characters of keccak256(body) in hex. */
    private static Hash32 digest(byte[] body) {
        byte[] message = Keccak.hash(body).toHex().getBytes(StandardCharsets.US_ASCII);
        return Hash32.of(Sign.getEthereumMessageHash(message));
    }

    /** Who signed a body, or why no one did. */
    sealed interface Signed {
        record By(Address sender) implements Signed {}

        record Refused(String reason) implements Signed {}
    }
}
