package dev.gavel.attestation.admission;

import dev.gavel.attestation.workload.WorkloadId;
import java.util.Arrays;
import java.util.HexFormat;

/** A builder as its quote presents it: the TEE address that signs its bids, its workload, and whether it is admitted. */
public record AttestedBuilder(byte[] teeAddress, WorkloadId workloadId, boolean admitted, String reason) {
    public String teeAddressHex() {
        return teeAddress == null ? null : "0x" + HexFormat.of().formatHex(teeAddress);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AttestedBuilder b
                && Arrays.equals(teeAddress, b.teeAddress)
                && admitted == b.admitted
                && java.util.Objects.equals(workloadId, b.workloadId)
                && reason.equals(b.reason);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(teeAddress) * 31 + reason.hashCode();
    }
}
