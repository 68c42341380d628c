package dev.gavel.attestation.tcb;

import dev.gavel.attestation.collateral.IsvSvnLevel;
import dev.gavel.attestation.collateral.QeIdentity;
import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.quote.QeReport;
import java.util.List;
import java.util.Optional;

/**
 * The quoting enclave judged by its TD_QE identity, as Intel's EnclaveReportVerifier does: MISCSELECT and
 * ATTRIBUTES under their masks, MRSIGNER and ISVPRODID equal, then the first TCB level its ISVSVN reaches.
 * Intel's QVL then only distinguishes UpToDate, Revoked and, for every other level status, OutOfDate.
 *
 * @param levelStatus what the matched level says
 * @param status what the QVL makes of it for convergence: UP_TO_DATE, OUT_OF_DATE or REVOKED
 */
public record QeMatch(
        int isvSvn, TcbStatus levelStatus, TcbStatus status, List<String> advisoryIds, Optional<String> problem) {

    public static QeMatch of(QeIdentity identity, QeReport report) {
        int isvSvn = report.isvSvn();
        if (!masked(
                report.miscSelect(),
                identity.miscSelectMask().toArray(),
                identity.miscSelect().toArray())) {
            return failed(isvSvn, "the QE report's MISCSELECT does not match the TD_QE identity under its mask");
        }
        if (!masked(
                report.attributes(),
                identity.attributesMask().toArray(),
                identity.attributes().toArray())) {
            return failed(isvSvn, "the QE report's ATTRIBUTES do not match the TD_QE identity under its mask");
        }
        if (!identity.mrSigner().equals(report.mrSigner())) {
            return failed(isvSvn, "the QE's MRSIGNER " + report.mrSigner() + " is not the TD_QE identity's");
        }
        if (identity.isvProdId() != report.isvProdId()) {
            return failed(
                    isvSvn,
                    "the QE's ISVPRODID " + report.isvProdId() + " is not the TD_QE identity's "
                            + identity.isvProdId());
        }
        for (IsvSvnLevel level : identity.levels()) {
            if (isvSvn >= level.isvSvn()) {
                TcbStatus status = switch (level.status()) {
                    case UP_TO_DATE -> TcbStatus.UP_TO_DATE;
                    case REVOKED -> TcbStatus.REVOKED;
                    default -> TcbStatus.OUT_OF_DATE;
                };
                return new QeMatch(isvSvn, level.status(), status, level.advisoryIds(), Optional.empty());
            }
        }
        return failed(isvSvn, "QE ISVSVN " + isvSvn + " is below every TD_QE TCB level");
    }

    private static QeMatch failed(int isvSvn, String problem) {
        return new QeMatch(isvSvn, null, null, List.of(), Optional.of(problem));
    }

    /** Intel's rule: the report's value under the mask equals the identity's value (the latter unmasked). */
    static boolean masked(byte[] actual, byte[] mask, byte[] expected) {
        if (actual.length != mask.length || expected.length != mask.length) {
            return false;
        }
        for (int i = 0; i < mask.length; i++) {
            if ((actual[i] & mask[i]) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
