package dev.gavel.attestation.admission;

import dev.gavel.attestation.quote.TdReport;
import dev.gavel.attestation.verify.Verification;
import dev.gavel.attestation.workload.ReportDataBinding;
import dev.gavel.attestation.workload.WorkloadId;
import java.util.Set;

/**
 * Whether an attested builder may bid: its quote verified under the acceptance policy, its workload id is
 * one the operator approved, and its report data binds the address that signs its bids (bytes 0..20) and
 * keccak256 of its registration data (bytes 20..52).
 */
public final class BuilderAdmission {
    private final Set<WorkloadId> approvedWorkloads;

    public BuilderAdmission(Set<WorkloadId> approvedWorkloads) {
        this.approvedWorkloads = Set.copyOf(approvedWorkloads);
    }

    public AttestedBuilder decide(Verification verification, byte[] registrationData) {
        if (verification.quote() == null) {
            return new AttestedBuilder(null, null, false, "quote unreadable: " + reasonOf(verification));
        }
        TdReport report = verification.quote().report();
        ReportDataBinding binding = ReportDataBinding.of(report.reportData());
        WorkloadId workload = WorkloadId.of(report);
        if (!verification.accepted()) {
            return new AttestedBuilder(
                    binding.teeAddress(), workload, false, "quote not accepted: " + reasonOf(verification));
        }
        if (!approvedWorkloads.contains(workload)) {
            return new AttestedBuilder(
                    binding.teeAddress(), workload, false, "workload " + workload + " is not approved");
        }
        if (!binding.commitsTo(registrationData)) {
            return new AttestedBuilder(
                    binding.teeAddress(),
                    workload,
                    false,
                    "report data commits to registration data " + binding.registrationDataHash()
                            + ", not to the builder's");
        }
        return new AttestedBuilder(binding.teeAddress(), workload, true, "admitted: attested workload " + workload);
    }

    private static String reasonOf(Verification verification) {
        return verification
                .firstProblem()
                .map(p -> p.check() + ": " + p.reason())
                .orElse("unknown");
    }
}
