package dev.gavel.attestation.tcb;

import static dev.gavel.attestation.collateral.TcbStatus.CONFIGURATION_AND_SW_HARDENING_NEEDED;
import static dev.gavel.attestation.collateral.TcbStatus.CONFIGURATION_NEEDED;
import static dev.gavel.attestation.collateral.TcbStatus.OUT_OF_DATE;
import static dev.gavel.attestation.collateral.TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED;
import static dev.gavel.attestation.collateral.TcbStatus.REVOKED;
import static dev.gavel.attestation.collateral.TcbStatus.SW_HARDENING_NEEDED;
import static dev.gavel.attestation.collateral.TcbStatus.TD_RELAUNCH_ADVISED;
import static dev.gavel.attestation.collateral.TcbStatus.TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED;
import static dev.gavel.attestation.collateral.TcbStatus.UP_TO_DATE;

import dev.gavel.attestation.collateral.TcbInfo;
import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.pki.SgxExtension;
import dev.gavel.attestation.quote.TdReport;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A TDX platform's TCB status as Intel's QVL concludes it (TcbLevelCheck, TdxModuleCheck, TDRelaunchCheck):
 * <ol>
 *   <li>the SGX TCB level: the first level (best first) whose SGX components and PCESVN the PCK reaches;
 *   <li>the TDX TCB level: the first level that also has every TEE_TCB_SVN byte at or above its TDX
 *       components, from byte 2 when the module has a version (its own SVN is judged by its identity);
 *   <li>the TDX level's status converged with the module's: a module OutOfDate makes UpToDate or
 *       SWHardeningNeeded OutOfDate and a ConfigurationNeeded status OutOfDateConfigurationNeeded; a module
 *       Revoked makes it Revoked (and then nothing else counts);
 *   <li>for a TD 1.5 report, TDRelaunchAdvised when only the TD's own module is out of date while
 *       TEE_TCB_SVN2 shows the platform already runs the latest TDX module;
 *   <li>converged with the quoting enclave's status by the same rule (a Revoked QE makes it Revoked).
 * </ol>
 * Each step is written down in {@link #steps()}, which {@code gavel attest verify} prints.
 *
 * @param status the conclusion, or null when no level matches ({@link #problem()} says why)
 */
public record TcbEvaluation(TcbStatus status, List<String> steps, List<String> advisoryIds, Optional<String> problem) {

    private static final Set<TcbStatus> SGX_FOR_RELAUNCH =
            EnumSet.of(UP_TO_DATE, SW_HARDENING_NEEDED, CONFIGURATION_NEEDED, CONFIGURATION_AND_SW_HARDENING_NEEDED);

    public static TcbEvaluation of(TcbInfo info, SgxExtension pck, TdReport report, ModuleMatch module, QeMatch qe) {
        List<String> steps = new ArrayList<>();
        int[] teeTcbSvn = unsigned(report.teeTcbSvn());
        int tdxFrom = teeTcbSvn[1] > 0 ? 2 : 0;
        TcbInfo.Level sgxLevel = null;
        TcbInfo.Level tdxLevel = null;
        for (TcbInfo.Level level : info.levels()) {
            if (atLeast(pck.cpuSvnComponents(), level.sgxComponents(), 0) && pck.pceSvn() >= level.pceSvn()) {
                if (sgxLevel == null) {
                    sgxLevel = level;
                }
                if (atLeast(box(teeTcbSvn), level.tdxComponents(), tdxFrom)) {
                    tdxLevel = level;
                    break;
                }
            }
        }
        if (sgxLevel == null) {
            return failed(
                    steps,
                    "no TCB level matches the PCK: SGX components " + pck.cpuSvnComponents() + " / PCESVN "
                            + pck.pceSvn() + " are below every level");
        }
        steps.add("SGX TCB level " + describe(info, sgxLevel) + ": "
                + sgxLevel.status().intelName());
        if (tdxLevel == null) {
            return failed(
                    steps,
                    "no TCB level matches: TEE_TCB_SVN " + box(teeTcbSvn)
                            + (tdxFrom == 2 ? " (from byte 2)" : "") + " is below the TDX components of every level"
                            + " the PCK reaches");
        }
        steps.add("TDX TCB level " + describe(info, tdxLevel) + " by TEE_TCB_SVN"
                + (tdxFrom == 2 ? " from byte 2 (module version " + teeTcbSvn[1] + " is judged by its identity)" : "")
                + ": " + tdxLevel.status().intelName());
        TcbStatus tdx = converge(tdxLevel.status(), module.status());
        steps.add(
                module.judgedByIdentity()
                        ? "with TDX module " + module.identity() + " ISVSVN " + module.isvSvn() + " "
                                + module.status().intelName() + ": " + tdx.intelName()
                        : "TDX module version 0 has no TCB level of its own (its SVN is a TDX component): "
                                + tdx.intelName());
        Set<String> advisories = new LinkedHashSet<>(tdxLevel.advisoryIds());
        advisories.addAll(module.advisoryIds());
        if (tdx == REVOKED) {
            return new TcbEvaluation(tdx, List.copyOf(steps), List.copyOf(advisories), Optional.empty());
        }
        if (report.teeTcbSvn2() != null) {
            TcbStatus relaunch = tdx;
            if (qe.status() == UP_TO_DATE
                    && SGX_FOR_RELAUNCH.contains(sgxLevel.status())
                    && (tdx == OUT_OF_DATE || tdx == OUT_OF_DATE_CONFIGURATION_NEEDED)
                    && module.status() == OUT_OF_DATE) {
                int[] svn2 = unsigned(report.teeTcbSvn2());
                TcbInfo.Level latest = info.levels().get(0);
                int latestModuleSvn;
                if (svn2[1] == 0) {
                    latestModuleSvn = latest.tdxComponents().get(0);
                } else {
                    Optional<TcbInfo.TdxModuleIdentity> identity2 = info.moduleIdentity(svn2[1]);
                    if (identity2.isEmpty()) {
                        return failed(
                                steps,
                                "TEE_TCB_SVN2 names TDX module version " + svn2[1] + ", which the TCB info has no"
                                        + " identity for");
                    }
                    latestModuleSvn = identity2.get().levels().get(0).isvSvn();
                }
                if (svn2[0] >= latestModuleSvn
                        && svn2[2] >= latest.tdxComponents().get(2)) {
                    relaunch = sgxLevel.status().configurationNeeded() || tdx.configurationNeeded()
                            ? TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED
                            : TD_RELAUNCH_ADVISED;
                }
            }
            steps.add("TD 1.5 relaunch check, TEE_TCB_SVN2 " + box(unsigned(report.teeTcbSvn2())) + ": "
                    + (relaunch == tdx ? "no relaunch advised" : relaunch.intelName()));
            tdx = relaunch;
        }
        TcbStatus converged = converge(tdx, qe.status());
        steps.add("with QE identity " + qe.status().intelName() + ": " + converged.intelName());
        advisories.addAll(qe.advisoryIds());
        return new TcbEvaluation(converged, List.copyOf(steps), List.copyOf(advisories), Optional.empty());
    }

    /**
     * Intel's convergence of a TCB level's status with a component's (the TDX module, or the QE): the
     * component out of date drags an up-to-date level down; a revoked component revokes it.
     */
    static TcbStatus converge(TcbStatus level, TcbStatus component) {
        if (component == OUT_OF_DATE) {
            if (level == UP_TO_DATE || level == SW_HARDENING_NEEDED) {
                return OUT_OF_DATE;
            }
            if (level == CONFIGURATION_NEEDED || level == CONFIGURATION_AND_SW_HARDENING_NEEDED) {
                return OUT_OF_DATE_CONFIGURATION_NEEDED;
            }
        }
        return component == REVOKED ? REVOKED : level;
    }

    private static TcbEvaluation failed(List<String> steps, String problem) {
        return new TcbEvaluation(null, List.copyOf(steps), List.of(), Optional.of(problem));
    }

    private static String describe(TcbInfo info, TcbInfo.Level level) {
        return (info.levels().indexOf(level) + 1) + " of " + info.levels().size() + " (SGX " + level.sgxComponents()
                + ", PCESVN " + level.pceSvn() + ", TDX " + level.tdxComponents() + ")";
    }

    private static boolean atLeast(List<Integer> actual, List<Integer> required, int from) {
        for (int i = from; i < required.size(); i++) {
            if (actual.get(i) < required.get(i)) {
                return false;
            }
        }
        return true;
    }

    private static int[] unsigned(byte[] bytes) {
        int[] out = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] & 0xff;
        }
        return out;
    }

    private static List<Integer> box(int[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }
}
