package dev.gavel.service.hub;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.core.intake.BuilderDirectory;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Wei;
import dev.gavel.service.admission.AttestedBuilderDirectory;
import dev.gavel.settlement.mirror.HubView;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who may bid, as the onchain BuilderHub says (through the chain mirror) and Gavel's own verification of the
 * quote each builder registered with agrees: registered, active, admitted, quote verified, funded.
 */
public final class HubBuilderDirectory implements BuilderDirectory {
    private final Supplier<HubView> view;
    private final QuoteCheck quotes;

    public HubBuilderDirectory(Supplier<HubView> view, QuoteCheck quotes) {
        this.view = view;
        this.quotes = quotes;
    }

    /** Gavel's own verdict on a hub builder's registration quote: why it is refused, or empty. */
    @FunctionalInterface
    public interface QuoteCheck {
        /** The hub's word alone (development only: the devnet's builders have no TDX quotes). */
        QuoteCheck TRUST_HUB = builder -> Optional.empty();

        Optional<String> refusal(Address builder);
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
        Optional<String> quoteRefused = quotes.refusal(builder);
        if (quoteRefused.isPresent()) {
            return Optional.of(AttestedBuilderDirectory.notAdmitted(builder, quoteRefused.get()));
        }
        return b.balance().isLessThan(policy.minBuilderBalance())
                ? BuilderDirectory.belowMinimumBalance(builder, policy)
                : Optional.empty();
    }
}
