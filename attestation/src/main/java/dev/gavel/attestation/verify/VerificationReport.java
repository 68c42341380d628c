package dev.gavel.attestation.verify;

import dev.gavel.attestation.quote.TdReport;
import dev.gavel.attestation.workload.ReportDataBinding;
import dev.gavel.attestation.workload.WorkloadId;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A verification as one JSON-ready document (what `gavel attest verify` prints). */
public record VerificationReport(
        Integer version,
        Map<String, String> fields,
        WorkloadId workloadId,
        Address teeAddress,
        Hash32 registrationDataHash,
        String fmspc,
        List<String> pckChain,
        List<CheckResult> checks,
        String tcbStatus,
        List<String> advisoryIds,
        String verdict,
        String reason) {

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
                        : Hex.encodeWithoutPrefix(verification.pckExtension().fmspc()),
                verification.pckChain() == null
                        ? List.of()
                        : verification.pckChain().stream()
                                .map(c -> c.getSubjectX500Principal().getName())
                                .toList(),
                verification.checks(),
                verification.tcbStatus() == null
                        ? null
                        : verification.tcbStatus().intelName(),
                verification.advisoryIds(),
                verification.accepted() ? "accepted" : "rejected",
                reason);
    }

    private static Map<String, String> fields(TdReport report) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("MRTD", hex(report.mrTd()));
        fields.put("RTMR0", hex(report.rtmr0()));
        fields.put("RTMR1", hex(report.rtmr1()));
        fields.put("RTMR2", hex(report.rtmr2()));
        fields.put("RTMR3", hex(report.rtmr3()));
        fields.put("MRCONFIGID", hex(report.mrConfigId()));
        fields.put("XFAM", hex(report.xfam()));
        fields.put("TDATTRIBUTES", hex(report.tdAttributes()));
        fields.put("REPORTDATA", hex(report.reportData()));
        fields.put("TEE_TCB_SVN", hex(report.teeTcbSvn()));
        return fields;
    }

    private static String hex(byte[] bytes) {
        return Hex.encode(bytes);
    }
}
