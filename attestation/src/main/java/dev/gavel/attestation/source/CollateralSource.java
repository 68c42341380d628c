package dev.gavel.attestation.source;

import java.util.Set;

/**
 * Where Intel's collateral comes from: a directory an operator fills, or Intel's PCS (or a PCCS) fetched by
 * platform. A refresh brings what the given platforms need up to date as far as the source can, and answers
 * what it holds then; it never throws (a source that cannot be reached leaves its last good collateral, as its
 * rules allow, and says so in the set's health).
 */
public interface CollateralSource {
    CollateralSet refresh(Set<Platform> platforms);

    /** No collateral at all: no quote can be accepted. */
    static CollateralSource none() {
        return platforms -> CollateralSet.none("no collateral source is configured");
    }
}
