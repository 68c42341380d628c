package dev.gavel.core.intake;

import dev.gavel.bidding.bid.Rejection;
import java.util.Optional;
import java.util.function.Function;

/**
 * One check of intake, of one shape: the bid as far as intake has read it in, a rejection (or nothing) out.
 * A guard may record what it learnt (the decoded envelope, the round, the opened bid) for the guards after it.
 */
record Guard(String name, StageTimings.Stage stage, Function<BidUnderReview, Optional<Rejection>> check) {}
