package dev.gavel.service.round;

import dev.gavel.bidding.primitives.BlockNumber;
import dev.gavel.bidding.round.AuctionPolicy;

/** The operator's auction policy in force at each block: static configuration today, the BuilderHub later. */
public interface PolicySchedule {
    AuctionPolicy policyAt(BlockNumber block);
}
