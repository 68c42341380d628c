package dev.gavel.devtools.devnet;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a devnet run did, from three sides: the builders' (what they sent and were told), PostgreSQL's (what
 * Gavel recorded) and the chain's (what was charged, and whether any block was charged twice).
 */
public record DevnetSummary(
        long blocks,
        long roundsWithWinner,
        long bidsSubmitted,
        long bidsAccepted,
        Map<String, Long> bidsRejectedByReason,
        long acknowledgedBidsMissingFromDb,
        long outcomesPayable,
        long outcomesSettled,
        BigInteger weiCharged,
        BigInteger weiExpected,
        BigInteger weiDebt,
        long doubleCharges) {

    public DevnetSummary {
        bidsRejectedByReason = Map.copyOf(bidsRejectedByReason);
    }

    /** The summary JSON's keys, in this order; wei are exact JSON numbers. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("blocks", blocks);
        json.put("rounds_with_winner", roundsWithWinner);
        json.put("bids_submitted", bidsSubmitted);
        json.put("bids_accepted", bidsAccepted);
        json.put("bids_rejected_by_reason", new TreeMap<>(bidsRejectedByReason));
        json.put("acknowledged_bids_missing_from_db", acknowledgedBidsMissingFromDb);
        json.put("outcomes_payable", outcomesPayable);
        json.put("outcomes_settled", outcomesSettled);
        json.put("wei_charged", weiCharged);
        json.put("wei_expected", weiExpected);
        json.put("wei_debt", weiDebt);
        json.put("double_charges", doubleCharges);
        return json;
    }
}
