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
 * The BuilderHub and AuctionSettlement as of one confirmed block of the contracts' chain: builders with their
 * standing, escrow and withdrawal request, the policy versions, the auctioneer and the auction key, and the
 * delays. Immutable; the mirror swaps in a new one after each confirmed block range. {@link #EMPTY}, before
 * the first, has no block.
 *
 * <p>Two units: {@code block}, {@code withdrawalDelay}, {@code withdrawalWindow} and a request's blocks count
 * the contracts' chain; policy activations, {@code highestProvenBlock} and {@code policyDelay} count the
 * auctioned chain.
 *
 * @param highestProvenBlock the highest auctioned-chain block the contracts have seen proven canonical
 * @param policyDelay auctioned-chain blocks past {@code highestProvenBlock} before a rule change may activate
 * @param withdrawalDelay blocks of the contracts' chain between a withdrawal request and its first payable block
 * @param withdrawalWindow blocks of the contracts' chain a matured request stays payable
 */
public record HubView(
        BlockNumber block,
        Hash32 blockHash,
        Map<Address, BuilderStanding> builders,
        List<PolicyVersion> policies,
        Address auctioneer,
        int auctionKeyId,
        Hash32 auctionPublicKey,
        boolean permissionless,
        long highestProvenBlock,
        long policyDelay,
        long withdrawalDelay,
        long withdrawalWindow) {

    public static final HubView EMPTY = new HubView(null, null, Map.of(), List.of(), null, 0, null, false, 0, 0, 0, 0);

    public HubView {
        builders = Map.copyOf(builders);
        policies = List.copyOf(policies);
    }

    /**
     * The earliest auctioned-chain block a rule change (policy or block-hash source) scheduled as of this view
     * may govern: every policy for an earlier block is already in this view.
     */
    public long earliestActivation() {
        return highestProvenBlock + policyDelay;
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

    /**
     * A builder's standing in the hub (status NONE never appears) and its escrow.
     *
     * @param balance its escrow, requested withdrawals included (they stay chargeable until paid)
     * @param debt what its wins owe beyond its escrow; a debtor's balance is zero
     * @param available the escrow that may back new bids: balance less a live withdrawal request, as the
     *     contract's {@code availableOf} computed it at the view's block
     * @param withdrawal its withdrawal request, {@link WithdrawalRequest#NONE} when there is none
     * @param registration the hub's record of its last registration: where to find the quote it registered with
     */
    public record BuilderStanding(
            Address address,
            Status status,
            Hash32 workloadId,
            boolean admitted,
            boolean allowed,
            Wei balance,
            Wei debt,
            Wei available,
            WithdrawalRequest withdrawal,
            RegistrationRecord registration) {}

    /**
     * The hub's record of a builder's last registration: the block of the contracts' chain it was registered
     * in and keccak256 of its registration data. The quote itself is in that block's registration call.
     */
    public record RegistrationRecord(long block, Hash32 registrationDataHash) {}

    /**
     * A withdrawal request: {@code amount} payable from block {@code availableAt} until just before
     * {@code expiresAt}, blocks of the contracts' chain. An expired request is still shown; it asks for nothing.
     */
    public record WithdrawalRequest(Wei amount, long availableAt, long expiresAt) {
        public static final WithdrawalRequest NONE = new WithdrawalRequest(Wei.ZERO, 0, 0);

        /** Whether the request can still be paid at block {@code block} of the contracts' chain. */
        public boolean liveAt(long block) {
            return Wei.ZERO.isLessThan(amount) && block < expiresAt;
        }
    }

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
