package dev.gavel.core.round;

import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.primitives.BlockNumber;

/** The operator's auction policy in force at each block: static configuration today, the BuilderHub later. */
public interface PolicySchedule {
    AuctionPolicy policyAt(BlockNumber block);
}
