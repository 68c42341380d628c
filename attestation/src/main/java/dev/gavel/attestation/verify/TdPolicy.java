package dev.gavel.attestation.verify;

import static dev.gavel.attestation.verify.CheckResult.fail;
import static dev.gavel.attestation.verify.CheckResult.pass;
import static dev.gavel.attestation.verify.CheckResult.skipped;

import dev.gavel.attestation.quote.TdReport;
import dev.gavel.primitives.Hex;
import java.util.Arrays;

/**
 * The acceptance policy's part: the TD is not under debug, its attributes hold no reserved bit and (by
 * default) SEPT_VE_DISABLE, a TD 1.5 has no service TD bound to it (MRSERVICETD zero), and the TCB status
 * is one the policy accepts.
 */
final class TdPolicy {
    /** TDATTRIBUTES bits, little-endian u64: TUD (0..7, bit 0 DEBUG), SEC (8..31), OTHER (32..63). */
    private static final long TUD = 0xffL;

    private static final long SEPT_VE_DISABLE = 1L << 28;
    private static final long RESERVED = 0x0fffff00L | 1L << 29 | 0x7fffffffL << 32;

    private final AcceptancePolicy policy;

    TdPolicy(AcceptancePolicy policy) {
        this.policy = policy;
    }

    void run(VerificationRun run) {
        TdReport report = run.quote.report();
        long attributes = littleEndian(report.tdAttributes());
        boolean debug = (attributes & TUD) != 0;
        run.add(
                debug && !policy.allowDebug()
                        ? fail(
                                Check.DEBUG,
                                "a debug TD (TDATTRIBUTES.TUD " + (attributes & TUD) + "): the host can read it")
                        : pass(Check.DEBUG, debug ? "a debug TD, allowed by policy" : "not a debug TD"));
        if ((attributes & RESERVED) != 0) {
            run.add(fail(
                    Check.TD_ATTRIBUTES,
                    "TDATTRIBUTES " + Hex.quantity(attributes) + " sets reserved bits "
                            + Hex.quantity(attributes & RESERVED)));
        } else if ((attributes & SEPT_VE_DISABLE) == 0 && policy.requireSeptVeDisable()) {
            run.add(fail(
                    Check.TD_ATTRIBUTES,
                    "SEPT_VE_DISABLE is not set: the host can make the TD take #VE on its private memory"));
        } else {
            run.add(pass(Check.TD_ATTRIBUTES, "TDATTRIBUTES " + Hex.quantity(attributes)));
        }
        if (report.mrServiceTd() == null) {
            run.add(pass(Check.SERVICE_TD, "a TD 1.0 report: no service TD"));
        } else if (!Arrays.equals(report.mrServiceTd(), new byte[report.mrServiceTd().length])) {
            run.add(fail(Check.SERVICE_TD, "a service TD is bound to the TD (MRSERVICETD is not zero)"));
        } else {
            run.add(pass(Check.SERVICE_TD, "no service TD bound (MRSERVICETD zero)"));
        }
        statusAccepted(run);
    }

    private void statusAccepted(VerificationRun run) {
        if (run.tcbStatus == null) {
            run.add(skipped(Check.TCB_STATUS_ACCEPTED, "TCB status undetermined"));
            return;
        }
        run.add(
                policy.acceptedStatuses().contains(run.tcbStatus)
                        ? pass(Check.TCB_STATUS_ACCEPTED, run.tcbStatus.intelName() + " is accepted")
                        : fail(
                                Check.TCB_STATUS_ACCEPTED,
                                run.tcbStatus.intelName() + " is not an accepted TCB status "
                                        + policy.acceptedStatuses().stream()
                                                .map(s -> s.intelName())
                                                .sorted()
                                                .toList()));
    }

    private static long littleEndian(byte[] bytes) {
        long value = 0;
        for (int i = bytes.length - 1; i >= 0; i--) {
            value = value << 8 | (bytes[i] & 0xff);
        }
        return value;
    }
}
