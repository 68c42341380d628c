package dev.gavel.service.hub;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.core.intake.BuilderDirectory;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.mirror.HubView;
import java.util.Optional;
import java.util.function.Supplier;

/** Who may bid, as the onchain BuilderHub says (through the chain mirror): registered, active, admitted, funded. */
public final class HubBuilderDirectory implements BuilderDirectory {
    private final Supplier<HubView> view;

    public HubBuilderDirectory(Supplier<HubView> view) {
        this.view = view;
    }

    /** What the escrow backs at the mirror's confirmed block: the balance less a live withdrawal request. */
    @Override
    public Optional<Wei> escrow(Address builder) {
        return Optional.of(view.get()
                .builder(builder)
                .map(HubView.BuilderStanding::available)
                .orElse(Wei.ZERO));
    }

    @Override
    public Optional<Rejection> refusal(Address builder, AuctionPolicy policy) {
        Optional<HubView.BuilderStanding> standing = view.get().builder(builder);
        if (standing.isEmpty()) {
            return BuilderDirectory.unknown(builder);
        }
        HubView.BuilderStanding b = standing.get();
        if (b.status() == HubView.Status.SUSPENDED || b.status() == HubView.Status.BANNED) {
            return BuilderDirectory.suspended(builder);
        }
        if (!b.admitted()) {
            return BuilderDirectory.unknown(builder);
        }
        return b.balance().isLessThan(policy.minBuilderBalance())
                ? BuilderDirectory.belowMinimumBalance(builder, policy)
                : Optional.empty();
    }
}
