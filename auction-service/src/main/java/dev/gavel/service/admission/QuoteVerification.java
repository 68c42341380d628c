package dev.gavel.service.admission;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.source.CollateralSet;
import dev.gavel.attestation.source.CollateralSource;
import dev.gavel.attestation.source.Platform;
import dev.gavel.attestation.source.SourceHealth;
import dev.gavel.attestation.verify.Verification;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Verifies builders' quotes with the collateral of their platforms: {@link #refresh} asks the collateral source
 * for what the quotes' platforms need (the PCS fetches only what is missing or due), {@link #verify} verifies a
 * quote with what the last refresh held for its platform. Nothing is verified with collateral before the first
 * refresh.
 */
public final class QuoteVerification {
    private final CollateralSource source;
    private final QuoteVerifier verifier;
    private final Function<byte[], Optional<Platform>> platforms;
    private volatile CollateralSet collateral = CollateralSet.none("the collateral has not been refreshed yet");

    /**
     * @param platforms which platform's collateral a quote needs; empty for a quote not worth fetching for
     *     (Platform::ofGenuine: its PCK chain does not lead to the pinned root, so no collateral could help it)
     */
    public QuoteVerification(
            CollateralSource source, QuoteVerifier verifier, Function<byte[], Optional<Platform>> platforms) {
        this.source = source;
        this.verifier = verifier;
        this.platforms = platforms;
    }

    /** Fetching for every quote whose platform can be read. */
    public QuoteVerification(CollateralSource source, QuoteVerifier verifier) {
        this(source, verifier, Platform::of);
    }

    /** Verifies a quote offline against the collateral in hand (DcapVerifier::verify). */
    @FunctionalInterface
    public interface QuoteVerifier {
        Verification verify(byte[] quote, Optional<Collateral> collateral);
    }

    /** Brings the collateral of these quotes' platforms up to date, as far as the source can. */
    public synchronized void refresh(Collection<byte[]> quotes) {
        Set<Platform> platforms =
                quotes.stream().map(Platform::of).flatMap(Optional::stream).collect(Collectors.toUnmodifiableSet());
        collateral = source.refresh(platforms);
    }

    /** {@code quote} verified with the collateral its platform had at the last refresh. */
    public Verification verify(byte[] quote) {
        CollateralSet held = collateral;
        return verifier.verify(quote, Platform.of(quote).flatMap(held::forPlatform));
    }

    /** How the collateral source stood at the last refresh. */
    public SourceHealth health() {
        return collateral.health();
    }
}
