package dev.gavel.service.admission;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.core.intake.BuilderDirectory;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Wei;
import java.util.Map;
import java.util.Optional;

/**
 * A directory without a chain (static or attested builders) given the credit the operator grants each builder
 * (gavel.credit.limits): what its bids may stand for at once, as escrow would onchain.
 */
public final class CreditLimitedDirectory implements BuilderDirectory {
    private final BuilderDirectory admitted;
    private final Map<Address, Wei> limits;

    public CreditLimitedDirectory(BuilderDirectory admitted, Map<Address, Wei> limits) {
        this.admitted = admitted;
        this.limits = Map.copyOf(limits);
    }

    @Override
    public Optional<Rejection> refusal(Address builder, AuctionPolicy policy) {
        return admitted.refusal(builder, policy);
    }

    @Override
    public Optional<Wei> escrow(Address builder) {
        return Optional.ofNullable(limits.get(builder));
    }
}
