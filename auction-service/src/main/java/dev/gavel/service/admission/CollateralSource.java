package dev.gavel.service.admission;

import dev.gavel.attestation.collateral.Collateral;
import java.util.Optional;

/** Where an attested-builder directory gets Intel's collateral: read again at each refresh; none, no quote is accepted. */
@FunctionalInterface
public interface CollateralSource {
    Optional<Collateral> reload();

    static CollateralSource none() {
        return Optional::empty;
    }
}
