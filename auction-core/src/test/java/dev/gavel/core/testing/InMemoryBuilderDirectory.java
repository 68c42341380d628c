package dev.gavel.core.testing;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.core.intake.BuilderDirectory;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Wei;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Who may bid, in memory: the admitted builders and, where a test sets one, each builder's escrow. */
public final class InMemoryBuilderDirectory implements BuilderDirectory {
    private final Set<Address> admitted = ConcurrentHashMap.newKeySet();
    private final Map<Address, Wei> escrow = new ConcurrentHashMap<>();

    public InMemoryBuilderDirectory admit(Address builder) {
        admitted.add(builder);
        return this;
    }

    public InMemoryBuilderDirectory withEscrow(Address builder, Wei amount) {
        escrow.put(builder, amount);
        return this;
    }

    @Override
    public Optional<Rejection> refusal(Address builder, AuctionPolicy policy) {
        return admitted.contains(builder) ? Optional.empty() : BuilderDirectory.unknown(builder);
    }

    @Override
    public Optional<Wei> escrow(Address builder) {
        return Optional.ofNullable(escrow.get(builder));
    }
}
