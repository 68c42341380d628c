package dev.gavel.attestation.workload;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak;
import java.util.Arrays;

/** REPORTDATA as builders fill it: bytes 0..20 the builder's TEE address, 20..52 keccak256(registrationData). */
public record ReportDataBinding(Address teeAddress, Hash32 registrationDataHash) {
    public static ReportDataBinding of(byte[] reportData) {
        return new ReportDataBinding(
                Address.of(Arrays.copyOfRange(reportData, 0, Address.LENGTH)),
                Hash32.of(Arrays.copyOfRange(reportData, Address.LENGTH, Address.LENGTH + Hash32.LENGTH)));
    }

    /** Whether bytes 20..52 are keccak256 of {@code registrationData}. */
    public boolean commitsTo(byte[] registrationData) {
        return Keccak.hash(registrationData).equals(registrationDataHash);
    }
}
