package dev.gavel.attestation.verify;

import dev.gavel.attestation.quote.TdReport;
import dev.gavel.attestation.tcb.ModuleMatch;
import dev.gavel.attestation.workload.ReportDataBinding;
import dev.gavel.attestation.workload.WorkloadId;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A verification as one JSON-ready document (what `gavel attest verify` prints): the report fields, the
 * builder's identity, the PCK chain, every check, the TDX module as the collateral judged it, the steps by
 * which the TCB status converged, the status, advisories and the verdict.
 */
public record VerificationReport(
        Integer version,
        Map<String, String> fields,
        WorkloadId workloadId,
        Address teeAddress,
        Hash32 registrationDataHash,
        String fmspc,
        List<String> pckChain,
        List<CheckResult> checks,
        Integer tcbEvaluationDataNumber,
        TdxModule tdxModule,
        List<String> convergence,
        String tcbStatus,
        List<String> advisoryIds,
        String verdict,
        String reason) {

    /** The TDX module: its version and ISVSVN (TEE_TCB_SVN[1] and [0]), the identity that judged it, its status. */
    public record TdxModule(int version, int isvSvn, String identity, String mrSigner, String status) {
        static TdxModule of(ModuleMatch module) {
            return new TdxModule(
                    module.version(),
                    module.isvSvn(),
                    module.identity(),
                    module.mrSigner().toHex(),
                    module.judgedByIdentity() ? module.status().intelName() : null);
        }
    }

    public static VerificationReport of(Verification verification) {
        TdReport report =
                verification.quote() == null ? null : verification.quote().report();
        ReportDataBinding binding = report == null ? null : ReportDataBinding.of(report.reportData());
        String reason = verification
                .firstProblem()
                .map(p -> p.check() + ": " + p.reason())
                .orElse(null);
        return new VerificationReport(
                verification.quote() == null ? null : verification.quote().version(),
                report == null ? Map.of() : fields(report),
                report == null ? null : WorkloadId.of(report),
                binding == null ? null : binding.teeAddress(),
                binding == null ? null : binding.registrationDataHash(),
                verification.pckExtension() == null
                        ? null
                        : Hex.encodeWithoutPrefix(
                                verification.pckExtension().fmspc().toArray()),
                verification.pckChain() == null
                        ? List.of()
                        : verification.pckChain().stream()
                                .map(c -> c.getSubjectX500Principal().getName())
                                .toList(),
                verification.checks(),
                verification.tcbEvaluationDataNumber(),
                verification.tdxModule() == null ? null : TdxModule.of(verification.tdxModule()),
                verification.convergence(),
                verification.tcbStatus() == null
                        ? null
                        : verification.tcbStatus().intelName(),
                verification.advisoryIds(),
                verification.accepted() ? "accepted" : "rejected",
                reason);
    }

    private static Map<String, String> fields(TdReport report) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("MRTD", Hex.encode(report.mrTd()));
        fields.put("RTMR0", Hex.encode(report.rtmr0()));
        fields.put("RTMR1", Hex.encode(report.rtmr1()));
        fields.put("RTMR2", Hex.encode(report.rtmr2()));
        fields.put("RTMR3", Hex.encode(report.rtmr3()));
        fields.put("MRCONFIGID", Hex.encode(report.mrConfigId()));
        fields.put("XFAM", Hex.encode(report.xfam()));
        fields.put("TDATTRIBUTES", Hex.encode(report.tdAttributes()));
        fields.put("REPORTDATA", Hex.encode(report.reportData()));
        fields.put("TEE_TCB_SVN", Hex.encode(report.teeTcbSvn()));
        if (report.teeTcbSvn2() != null) {
            fields.put("TEE_TCB_SVN2", Hex.encode(report.teeTcbSvn2()));
            fields.put("MRSERVICETD", Hex.encode(report.mrServiceTd()));
        }
        return fields;
    }
}
