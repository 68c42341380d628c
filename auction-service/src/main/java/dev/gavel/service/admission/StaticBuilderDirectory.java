package dev.gavel.service.admission;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.core.intake.BuilderDirectory;
import dev.gavel.primitives.Address;
import java.util.Optional;
import java.util.Set;

/** The permissioned start: builders named in configuration are admitted, nobody else. */
public final class StaticBuilderDirectory implements BuilderDirectory {
    private final Set<Address> allowed;

    public StaticBuilderDirectory(Set<Address> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    @Override
    public Optional<Rejection> refusal(Address builder, AuctionPolicy policy) {
        return allowed.contains(builder) ? Optional.empty() : BuilderDirectory.unknown(builder);
    }
}
