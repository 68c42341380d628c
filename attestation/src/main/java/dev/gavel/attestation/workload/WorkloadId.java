package dev.gavel.attestation.workload;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.gavel.attestation.quote.TdReport;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Keccak;

/**
 * The workload id as flashtestations' BlockBuilderPolicy computes it: keccak256 of the raw report fields
 * MRTD ‖ RTMR0 ‖ RTMR1 ‖ RTMR2 ‖ RTMR3 ‖ MRCONFIGID ‖ XFAM ‖ TDATTRIBUTES (304 bytes, no byte swapping).
 */
public record WorkloadId(@JsonValue Hash32 value) {
    public WorkloadId {
        if (value == null) {
            throw new IllegalArgumentException("a workload id is missing");
        }
    }

    public static WorkloadId of(TdReport report) {
        return new WorkloadId(Keccak.hash(
                report.mrTd(),
                report.rtmr0(),
                report.rtmr1(),
                report.rtmr2(),
                report.rtmr3(),
                report.mrConfigId(),
                report.xfam(),
                report.tdAttributes()));
    }

    @Override
    public String toString() {
        return value.toHex();
    }
}
