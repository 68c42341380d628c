package dev.gavel.bidding.seal;

import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.primitives.Bytes;

/**
 * What GET /v1/auction-key answers: the HPKE key bids are sealed to (its id, suite, public key and the
 * {@code info} string of the sealing), the EIP-712 domain bids, headers and queries are signed in, and the
 * auction key id the BuilderHub publishes ({@code null} without a chain, or before the hub has one).
 */
public record AuctionKeyDocument(
        int keyId, String suite, Bytes publicKey, String info, Eip712Domain eip712Domain, Integer hubKeyId) {

    public static AuctionKeyDocument of(AuctionPublicKey key, Eip712Domain domain, Integer hubKeyId) {
        return new AuctionKeyDocument(key.keyId(), key.suite(), key.publicKey(), HpkeSuite.INFO_TEXT, domain, hubKeyId);
    }
}
