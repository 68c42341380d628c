package dev.gavel.bidding.channel;

import dev.gavel.primitives.Hash32;

/**
 * What the service sends first on a builder channel: a fresh nonce for this connection only, the time it was
 * made (seconds), and the id of the auction key bids are sealed to now. The builder signs it with its TEE key
 * ({@link ChannelLogins}); the EIP-712 domain binds the chain and the settlement contract.
 */
public record ChannelChallenge(Hash32 nonce, long issuedAt, int auctionKeyId) {
    public ChannelChallenge {
        if (issuedAt < 0 || auctionKeyId < 0) {
            throw new IllegalArgumentException("issuedAt and auctionKeyId are non-negative");
        }
    }
}
