package dev.gavel.attestation.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a collateral source stands after its last refresh.
 *
 * @param state CURRENT: every platform asked for has collateral that is not due for a refresh; STALE: some
 *     collateral is past its refresh and the source could not refresh it, but it is still within its grace
 *     period (quotes are still accepted with it); STOPPED: some platform asked for has no usable collateral,
 *     so its builders are not admitted
 * @param summary one line for an operator
 * @param details per document (or file): when fetched, next update, refresh due, usable until, last error
 */
public record SourceHealth(State state, String summary, Map<String, Object> details) {
    public SourceHealth {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public enum State {
        CURRENT,
        STALE,
        STOPPED
    }
}
