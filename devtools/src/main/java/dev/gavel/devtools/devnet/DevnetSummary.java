package dev.gavel.devtools.devnet;

import dev.gavel.devtools.attack.AttackReport;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a devnet run did, from three sides: the builders' (what they sent and were told, and how fast their
 * honest bids were acknowledged), PostgreSQL's (what Gavel recorded) and the chain's (what was charged, and
 * whether any block was charged twice); what any attackers beside it did, what its TypeScript builder did, and
 * what its builder channel carried ({@link ChannelReport}).
 *
 * <p>{@code hostileWins}: blocks the hostile builders won and kept (payable, in settlement or settled);
 * {@code honestOutcomesUnsettled}: payable won blocks of the others not settled by the end; {@code strikes}: won
 * blocks that did not become canonical.
 */
public record DevnetSummary(
        long blocks,
        long roundsWithWinner,
        long bidsSubmitted,
        long bidsAccepted,
        long honestBidsSent,
        long honestBidsAccepted,
        double honestAckP99Millis,
        Map<String, Long> bidsRejectedByReason,
        long acknowledgedBidsMissingFromDb,
        long outcomesPayable,
        long outcomesSettled,
        BigInteger weiCharged,
        BigInteger weiExpected,
        BigInteger weiDebt,
        long doubleCharges,
        long hostileWins,
        long honestOutcomesUnsettled,
        long strikes,
        Optional<AttackReport> attack,
        Optional<Map<String, Object>> typescriptBuilder,
        Optional<ChannelReport> channel) {

    public DevnetSummary {
        bidsRejectedByReason = Map.copyOf(bidsRejectedByReason);
    }

    /** The same run, with what the attackers beside it did. */
    public DevnetSummary withAttack(AttackReport report) {
        return with(Optional.of(report), typescriptBuilder, channel);
    }

    /** The same run, with what its TypeScript builder sent, was told and won. */
    public DevnetSummary withTypeScriptBuilder(Map<String, Object> report) {
        return with(attack, Optional.of(report), channel);
    }

    /** The same run, with what its builder channel carried and kept from those not admitted. */
    DevnetSummary withChannel(ChannelReport report) {
        return with(attack, typescriptBuilder, Optional.of(report));
    }

    private DevnetSummary with(
            Optional<AttackReport> attack,
            Optional<Map<String, Object>> typescriptBuilder,
            Optional<ChannelReport> channel) {
        return new DevnetSummary(
                blocks,
                roundsWithWinner,
                bidsSubmitted,
                bidsAccepted,
                honestBidsSent,
                honestBidsAccepted,
                honestAckP99Millis,
                bidsRejectedByReason,
                acknowledgedBidsMissingFromDb,
                outcomesPayable,
                outcomesSettled,
                weiCharged,
                weiExpected,
                weiDebt,
                doubleCharges,
                hostileWins,
                honestOutcomesUnsettled,
                strikes,
                attack,
                typescriptBuilder,
                channel);
    }

    /** The summary JSON's keys, in this order; wei are exact JSON numbers. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("blocks", blocks);
        json.put("rounds_with_winner", roundsWithWinner);
        json.put("bids_submitted", bidsSubmitted);
        json.put("bids_accepted", bidsAccepted);
        json.put("honest_bids_sent", honestBidsSent);
        json.put("honest_bids_accepted", honestBidsAccepted);
        json.put("honest_ack_p99_ms", honestAckP99Millis);
        json.put("bids_rejected_by_reason", new TreeMap<>(bidsRejectedByReason));
        json.put("acknowledged_bids_missing_from_db", acknowledgedBidsMissingFromDb);
        json.put("outcomes_payable", outcomesPayable);
        json.put("outcomes_settled", outcomesSettled);
        json.put("wei_charged", weiCharged);
        json.put("wei_expected", weiExpected);
        json.put("wei_debt", weiDebt);
        json.put("double_charges", doubleCharges);
        json.put("hostile_wins", hostileWins);
        json.put("honest_outcomes_unsettled", honestOutcomesUnsettled);
        json.put("strikes", strikes);
        channel.ifPresent(report -> json.putAll(report.toJson()));
        attack.ifPresent(report -> json.put("attack", report.toJson()));
        typescriptBuilder.ifPresent(report -> json.put("typescript_builder", report));
        return json;
    }
}
