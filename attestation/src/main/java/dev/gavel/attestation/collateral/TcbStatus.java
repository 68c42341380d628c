package dev.gavel.attestation.collateral;

import java.util.Arrays;

/** The TCB statuses of Intel's collateral, from best to worst. */
public enum TcbStatus {
    UP_TO_DATE("UpToDate"),
    SW_HARDENING_NEEDED("SWHardeningNeeded"),
    CONFIGURATION_NEEDED("ConfigurationNeeded"),
    CONFIGURATION_AND_SW_HARDENING_NEEDED("ConfigurationAndSWHardeningNeeded"),
    OUT_OF_DATE("OutOfDate"),
    OUT_OF_DATE_CONFIGURATION_NEEDED("OutOfDateConfigurationNeeded"),
    REVOKED("Revoked");

    private final String intelName;

    TcbStatus(String intelName) {
        this.intelName = intelName;
    }

    public String intelName() {
        return intelName;
    }

    public static TcbStatus named(String intelName) {
        return Arrays.stream(values())
                .filter(s -> s.intelName.equals(intelName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown TCB status \"" + intelName + "\""));
    }

    /** The worse of two statuses (a TD is only as trustworthy as its weaker part). */
    public TcbStatus worse(TcbStatus other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
