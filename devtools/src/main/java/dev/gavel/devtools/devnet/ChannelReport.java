package dev.gavel.devtools.devnet;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the builder channel did in a devnet run: orderflow sent, how fast it reached the builders (99th percentile
 * of sent to received, over every builder's copy), the share that ended in canonical won blocks, the handshakes
 * refused, the messages that reached a stranger or a suspended builder (must be none), and whether the suspended
 * builder was disconnected.
 */
record ChannelReport(
        long orderflowSent,
        double deliveredP99Millis,
        double includedShare,
        long refused,
        long leaked,
        boolean suspendedDisconnected) {

    /** The summary's keys for it. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderflow_sent", orderflowSent);
        json.put("orderflow_delivered_p99_ms", deliveredP99Millis);
        json.put("orderflow_included_share", includedShare);
        json.put("channel_refused", refused);
        json.put("orderflow_leaked", leaked);
        json.put("channel_suspended_disconnected", suspendedDisconnected);
        return json;
    }
}
