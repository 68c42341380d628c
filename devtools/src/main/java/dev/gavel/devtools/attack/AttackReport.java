package dev.gavel.devtools.attack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** What the attackers beside a devnet did, for its summary. */
public record AttackReport(SlowlorisReport slowloris, FloodReport flood) {
    /** {@code connections} held at once; {@code opened} in all; {@code cutOff} by the service (closed or answered). */
    public record SlowlorisReport(int connections, long opened, long cutOff) {}

    /**
     * Forged bids {@code sent}; {@code skipped} ticks (no open round yet, or the in-flight cap reached);
     * {@code failed} without an HTTP answer (connection closed or reset); answers by HTTP status.
     */
    public record FloodReport(long sent, long skipped, long failed, Map<Integer, Long> answeredByStatus) {
        public FloodReport {
            answeredByStatus = Map.copyOf(answeredByStatus);
        }
    }

    /** The summary JSON's {@code attack} object. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("slowloris_connections", slowloris.connections());
        json.put("slowloris_opened", slowloris.opened());
        json.put("slowloris_cut_off", slowloris.cutOff());
        json.put("forged_bids_sent", flood.sent());
        json.put("forged_bids_skipped", flood.skipped());
        json.put("forged_bids_failed", flood.failed());
        json.put("forged_bids_answered_by_status", new TreeMap<>(flood.answeredByStatus()));
        return json;
    }
}
