package dev.gavel.service.admission;

import dev.gavel.attestation.collateral.Collateral;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collateral of a directory that an operator (or a fetcher) refreshes. Each {@link #reload()} reads
 * it again; if the directory cannot be read, the last good collateral stays, so a passing read error
 * never evicts builders, while collateral that expires still does.
 */
public final class CollateralCache implements CollateralSource {
    private static final Logger log = LoggerFactory.getLogger(CollateralCache.class);

    private final Path directory;
    private volatile Optional<Collateral> current = Optional.empty();

    public CollateralCache(Path directory) {
        this.directory = directory;
    }

    @Override
    public Optional<Collateral> reload() {
        try {
            current = Optional.of(Collateral.load(directory));
        } catch (Exception e) {
            log.warn(
                    "collateral in {} could not be read ({}); keeping the last good collateral",
                    directory,
                    e.getMessage());
        }
        return current;
    }
}
