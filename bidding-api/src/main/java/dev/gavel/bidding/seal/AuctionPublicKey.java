package dev.gavel.bidding.seal;

import dev.gavel.primitives.Bytes;
import java.util.Objects;

/** The auction's published HPKE key (GET /v1/auction-key): builders seal bids to it. */
public record AuctionPublicKey(int keyId, String suite, Bytes publicKey) {
    public AuctionPublicKey {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
