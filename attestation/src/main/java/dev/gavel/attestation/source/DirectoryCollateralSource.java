package dev.gavel.attestation.source;

import dev.gavel.attestation.collateral.Collateral;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collateral of a directory (or one bundle file) that an operator refreshes, for offline use: read again
 * at each refresh, and the same for every platform (a quote of another platform fails its TCB info match).
 * If it cannot be read, the last good collateral stays, so a passing read error never evicts builders; once
 * what it holds is past its next update, verification refuses it and the source reports itself STOPPED.
 */
public final class DirectoryCollateralSource implements CollateralSource {
    private static final Logger log = LoggerFactory.getLogger(DirectoryCollateralSource.class);

    private final Path path;
    private final Clock clock;
    private Optional<Collateral> current = Optional.empty();
    private String lastError;

    public DirectoryCollateralSource(Path path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    @Override
    public synchronized CollateralSet refresh(Set<Platform> platforms) {
        try {
            current = Optional.of(Collateral.load(path));
            lastError = null;
        } catch (Exception e) {
            lastError = e.getMessage();
            log.warn("collateral in {} could not be read ({}); keeping the last good collateral", path, lastError);
        }
        Optional<Collateral> held = current;
        return new CollateralSet(platform -> held, health(held));
    }

    private SourceHealth health(Optional<Collateral> held) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", path.toString());
        if (lastError != null) {
            details.put("lastError", lastError);
        }
        if (held.isEmpty()) {
            return new SourceHealth(SourceHealth.State.STOPPED, "no collateral could be read from " + path, details);
        }
        Optional<Instant> nextUpdate = held.get().nextUpdate();
        nextUpdate.ifPresent(at -> details.put("nextUpdate", at.toString()));
        if (nextUpdate.isEmpty() || nextUpdate.get().isBefore(clock.instant())) {
            return new SourceHealth(
                    SourceHealth.State.STOPPED,
                    "the collateral in " + path + " is unreadable or past its next update",
                    details);
        }
        return lastError == null
                ? new SourceHealth(SourceHealth.State.CURRENT, "collateral read from " + path, details)
                : new SourceHealth(SourceHealth.State.STALE, "the last good collateral of " + path, details);
    }
}
