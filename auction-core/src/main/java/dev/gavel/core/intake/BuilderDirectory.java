package dev.gavel.core.intake;

import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.primitives.Address;

/** Who may bid: a static allowlist today, the BuilderHub mirror (attested, registered, funded) later. */
public interface BuilderDirectory {
    Admission admission(Address builder, AuctionPolicy policy);

    /** A builder's standing for one round's policy. */
    enum Admission {
        ADMITTED,
        UNKNOWN,
        SUSPENDED,
        INSUFFICIENT_BALANCE
    }
}
