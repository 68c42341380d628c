package dev.gavel.core.round;

import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.primitives.BlockNumber;

/**
 * The operator's auction policy in force at each block: the BuilderHub's versions when a chain is configured,
 * else the static configuration.
 */
public interface PolicySchedule {
    AuctionPolicy policyAt(BlockNumber block);
}
