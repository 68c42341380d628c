package dev.gavel.settlement.mirror;

import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The BuilderHub and AuctionSettlement as of one confirmed block of the chain holding them: builders with
 * their standing and escrow, the policy versions, the auctioneer and the auction key. Immutable; the mirror
 * swaps in a new one after each confirmed block range. {@link #EMPTY}, before the first, has no block.
 */
public record HubView(
        BlockNumber block,
        Hash32 blockHash,
        Map<Address, BuilderStanding> builders,
        List<PolicyVersion> policies,
        Address auctioneer,
        int auctionKeyId,
        Hash32 auctionPublicKey,
        boolean permissionless) {

    public static final HubView EMPTY = new HubView(null, null, Map.of(), List.of(), null, 0, null, false);

    public HubView {
        builders = Map.copyOf(builders);
        policies = List.copyOf(policies);
    }

    public Optional<BuilderStanding> builder(Address address) {
        return Optional.ofNullable(builders.get(address));
    }

    /** The policy governing {@code blockNumber}: the last version activated at or before it. */
    public Optional<AuctionPolicy> policyAt(BlockNumber blockNumber) {
        AuctionPolicy found = null;
        for (PolicyVersion version : policies) {
            if (version.activationBlock().compareTo(blockNumber) <= 0) {
                found = version.policy();
            }
        }
        return Optional.ofNullable(found);
    }

    /** A builder's standing in the hub (status NONE never appears) and its escrow. */
    public record BuilderStanding(
            Address address,
            Status status,
            Hash32 workloadId,
            boolean admitted,
            boolean allowed,
            Wei balance,
            Wei debt) {}

    /** BuilderHub.Status. */
    public enum Status {
        NONE,
        ACTIVE,
        SUSPENDED,
        BANNED
    }

    /** One scheduled policy and the auctioned-chain block from which it governs. */
    public record PolicyVersion(BlockNumber activationBlock, AuctionPolicy policy) {}
}
