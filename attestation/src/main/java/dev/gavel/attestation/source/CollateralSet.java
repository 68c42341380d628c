package dev.gavel.attestation.source;

import dev.gavel.attestation.collateral.Collateral;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The collateral a source held after a refresh: for each platform, the collateral to verify its quotes with
 * (empty when there is none usable: then no quote of that platform is accepted), and the source's health.
 */
public final class CollateralSet {
    private final Function<Platform, Optional<Collateral>> byPlatform;
    private final SourceHealth health;

    public CollateralSet(Function<Platform, Optional<Collateral>> byPlatform, SourceHealth health) {
        this.byPlatform = byPlatform;
        this.health = health;
    }

    /** A set with nothing in it, for {@code reason}. */
    public static CollateralSet none(String reason) {
        return new CollateralSet(
                platform -> Optional.empty(), new SourceHealth(SourceHealth.State.STOPPED, reason, Map.of()));
    }

    /** The collateral for quotes of {@code platform}; the same for every platform when the source has one set. */
    public Optional<Collateral> forPlatform(Platform platform) {
        return byPlatform.apply(platform);
    }

    public SourceHealth health() {
        return health;
    }
}
