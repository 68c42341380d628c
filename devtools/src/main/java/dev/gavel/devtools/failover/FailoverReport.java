package dev.gavel.devtools.failover;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a failover drill measured. {@code failoverMillis}: from the signal to the active instance until the proxy
 * (standing in for rollup-boost's Service) first saw the standby ready, i.e. the moment new connections went to the
 * new auctioneer; empty if it never did. {@code roundsMissed}: blocks after the fault, before the first one a
 * builder won again, that were the sequencer's own: Gavel gave no answer or no payload id, or no bid reached it.
 * {@code firstAnsweredBlock}: the first block after the fault whose round the new auctioneer opened;
 * {@code firstWonBlock} the first a builder won. {@code wonBlocksNotCharged}: blocks of the whole run a builder won
 * and the sequencer made the head that are not payable, in settlement or settled by the end: their outcome never
 * recorded (the struck instance answered the winner before committing it), or their inclusion never decided (the
 * new auctioneer never learned the blocks between them and its head). For a freeze, what the woken former leader
 * reported itself ({@code formerActiveRole}) and whether it refused a forkchoice update sent to it directly.
 */
public record FailoverReport(
        FailoverPlan plan,
        OptionalLong failoverMillis,
        long roundsMissed,
        OptionalLong firstAnsweredBlock,
        OptionalLong firstWonBlock,
        long wonBlocksNotCharged,
        Optional<String> formerActiveRole,
        Optional<Boolean> formerActiveRefusedRollupBoost) {

    /** The summary's keys: the two figures at its top level, the details under {@code failover}. */
    public Map<String, Object> toJson() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("fault", plan.fault().signal());
        details.put("after_block", plan.afterBlock());
        details.put("first_answered_block", orNull(firstAnsweredBlock));
        details.put("first_won_block", orNull(firstWonBlock));
        details.put("won_blocks_not_charged", wonBlocksNotCharged);
        formerActiveRole.ifPresent(role -> details.put("former_active_role_after_waking", role));
        formerActiveRefusedRollupBoost.ifPresent(refused -> details.put("former_active_refused_rollup_boost", refused));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("failover_ms", orNull(failoverMillis));
        json.put("rounds_missed_during_failover", roundsMissed);
        json.put("failover", details);
        return json;
    }

    private static Long orNull(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
