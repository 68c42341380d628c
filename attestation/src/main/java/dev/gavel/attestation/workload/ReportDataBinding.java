package dev.gavel.attestation.workload;

import java.util.Arrays;
import java.util.HexFormat;

/** REPORTDATA as builders fill it: bytes 0..20 the builder's TEE address, 20..52 keccak256(registrationData). */
public record ReportDataBinding(byte[] teeAddress, byte[] registrationDataHash) {
    public static ReportDataBinding of(byte[] reportData) {
        return new ReportDataBinding(Arrays.copyOfRange(reportData, 0, 20), Arrays.copyOfRange(reportData, 20, 52));
    }

    /** Whether bytes 20..52 are keccak256 of {@code registrationData}. */
    public boolean commitsTo(byte[] registrationData) {
        return Arrays.equals(Keccak256.of(registrationData), registrationDataHash);
    }

    public String teeAddressHex() {
        return "0x" + HexFormat.of().formatHex(teeAddress);
    }

    public String registrationDataHashHex() {
        return "0x" + HexFormat.of().formatHex(registrationDataHash);
    }
}
