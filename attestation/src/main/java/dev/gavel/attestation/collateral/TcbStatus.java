package dev.gavel.attestation.collateral;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * TCB statuses: those Intel's collateral assigns to TCB levels, and the two that only Intel's QVL
 * concludes for TD 1.5 reports (a TD to relaunch on a platform that is already up to date).
 */
public enum TcbStatus {
    UP_TO_DATE("UpToDate"),
    SW_HARDENING_NEEDED("SWHardeningNeeded"),
    CONFIGURATION_NEEDED("ConfigurationNeeded"),
    CONFIGURATION_AND_SW_HARDENING_NEEDED("ConfigurationAndSWHardeningNeeded"),
    OUT_OF_DATE("OutOfDate"),
    OUT_OF_DATE_CONFIGURATION_NEEDED("OutOfDateConfigurationNeeded"),
    TD_RELAUNCH_ADVISED("TDRelaunchAdvised"),
    TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED("TDRelaunchAdvisedConfigurationNeeded"),
    REVOKED("Revoked");

    /** What a TCB level of TCB info may say (Intel's VALID_TCB_INFO_STATUSES). */
    static final Set<TcbStatus> OF_TCB_LEVELS = EnumSet.of(
            UP_TO_DATE,
            SW_HARDENING_NEEDED,
            CONFIGURATION_NEEDED,
            CONFIGURATION_AND_SW_HARDENING_NEEDED,
            OUT_OF_DATE,
            OUT_OF_DATE_CONFIGURATION_NEEDED,
            REVOKED);

    /** What a TDX module identity's TCB level may say (Intel's VALID_MODULE_TCB_STATUSES). */
    static final Set<TcbStatus> OF_MODULE_LEVELS = EnumSet.of(UP_TO_DATE, OUT_OF_DATE, REVOKED);

    /** What a QE identity's TCB level may say (Intel's EnclaveIdentity statuses). */
    static final Set<TcbStatus> OF_QE_LEVELS =
            EnumSet.of(UP_TO_DATE, CONFIGURATION_NEEDED, OUT_OF_DATE, OUT_OF_DATE_CONFIGURATION_NEEDED, REVOKED);

    private final String intelName;

    TcbStatus(String intelName) {
        this.intelName = intelName;
    }

    public String intelName() {
        return intelName;
    }

    /** The status Intel writes as {@code intelName}. */
    public static TcbStatus named(String intelName) {
        return Arrays.stream(values())
                .filter(s -> s.intelName.equals(intelName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown TCB status \"" + intelName + "\""));
    }

    /** Whether a platform with this status must have its configuration changed (Intel's isConfigurationNeeded). */
    public boolean configurationNeeded() {
        return this == CONFIGURATION_NEEDED
                || this == OUT_OF_DATE_CONFIGURATION_NEEDED
                || this == CONFIGURATION_AND_SW_HARDENING_NEEDED
                || this == TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED;
    }

    static TcbStatus of(String intelName, Set<TcbStatus> allowed, String where) throws CollateralFormatException {
        TcbStatus status = Arrays.stream(values())
                .filter(s -> s.intelName.equals(intelName))
                .findFirst()
                .orElse(null);
        if (status == null || !allowed.contains(status)) {
            throw new CollateralFormatException("\"" + intelName + "\" is not a status " + where + " may have");
        }
        return status;
    }
}
