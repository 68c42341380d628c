package dev.gavel.attestation.collateral;

import java.io.IOException;

/** Collateral that is not what Intel's PCS (or a collateral bundle) serves, with the reason. */
public final class CollateralFormatException extends IOException {
    public CollateralFormatException(String message) {
        super(message);
    }
}
