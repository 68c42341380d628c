package dev.gavel.attestation.admission;

import dev.gavel.attestation.workload.WorkloadId;
import dev.gavel.primitives.Address;

/**
 * A builder as its quote presents it: the TEE address that signs its bids, its workload, and whether it is
 * admitted. The address and workload are null only when the quote could not be read at all.
 */
public record AttestedBuilder(Address teeAddress, WorkloadId workloadId, boolean admitted, String reason) {}
