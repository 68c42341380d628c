package dev.gavel.attestation.workload;

import dev.gavel.attestation.quote.TdReport;
import java.util.HexFormat;

/**
 * The workload id as flashtestations' BlockBuilderPolicy computes it: keccak256 of the raw report fields
 * MRTD ‖ RTMR0 ‖ RTMR1 ‖ RTMR2 ‖ RTMR3 ‖ MRCONFIGID ‖ XFAM ‖ TDATTRIBUTES (304 bytes, no byte swapping).
 */
public record WorkloadId(byte[] value) {
    public static WorkloadId of(TdReport report) {
        return new WorkloadId(Keccak256.of(
                report.mrTd(),
                report.rtmr0(),
                report.rtmr1(),
                report.rtmr2(),
                report.rtmr3(),
                report.mrConfigId(),
                report.xfam(),
                report.tdAttributes()));
    }

    public String hex() {
        return "0x" + HexFormat.of().formatHex(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WorkloadId id && java.util.Arrays.equals(value, id.value);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return hex();
    }
}
