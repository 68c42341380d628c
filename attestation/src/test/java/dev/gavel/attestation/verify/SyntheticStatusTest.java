package dev.gavel.attestation.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.testing.SyntheticDcap;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Intel's TCB evaluation on synthetic collateral signed under a test root: the TDX module's identity and
 * status, the TCB level, and how the statuses of level, module and QE converge.
 */
class SyntheticStatusTest {
    private static final AcceptancePolicy ANY_STATUS =
            new AcceptancePolicy(EnumSet.allOf(TcbStatus.class), java.time.Duration.ofDays(30), false);
    private final SyntheticDcap dcap = new SyntheticDcap();

    @Test
    void theDefaultWorldIsUpToDateAndAccepted() {
        Verification verification = verify(dcap.quote(), dcap.tcbInfo(), dcap.qeIdentity());

        assertThat(verification.accepted())
                .as(String.valueOf(verification.firstProblem()))
                .isTrue();
        assertThat(verification.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(verification.tdxModule().identity()).isEqualTo("TDX_01");
        assertThat(verification.tdxModule().isvSvn()).isEqualTo(5);
        assertThat(verification.convergence()).hasSize(4).last().isEqualTo("with QE identity UpToDate: UpToDate");
    }

    @Test
    void aModuleSvnTheCollateralMarksOutOfDateMakesTheQuoteOutOfDate() {
        SyntheticDcap.Quote quote = dcap.quote().svn(3, 1, 3);

        Verification verification = verify(quote, dcap.tcbInfo(), dcap.qeIdentity());

        assertThat(verification.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(verification.tdxModule().status()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(verification.convergence())
                .containsExactly(
                        "SGX TCB level 1 of 2 (SGX [3, 3, 2, 2, 2, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0], PCESVN 13, TDX [5, 0,"
                                + " 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]): UpToDate",
                        "TDX TCB level 1 of 2 (SGX [3, 3, 2, 2, 2, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0], PCESVN 13, TDX [5, 0,"
                                + " 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) by TEE_TCB_SVN from byte 2 (module version 1"
                                + " is judged by its identity): UpToDate",
                        "with TDX module TDX_01 ISVSVN 3 OutOfDate: OutOfDate",
                        "with QE identity UpToDate: OutOfDate");
        assertThat(verification.accepted()).isTrue();
        assertThat(dcap.verifier(AcceptancePolicy.DEFAULT)
                        .verify(quote.build(), Optional.of(dcap.bundle().collateral()))
                        .firstProblem())
                .hasValueSatisfying(p -> assertThat(p.reason())
                        .isEqualTo("OutOfDate is not an accepted TCB status" + " [SWHardeningNeeded, UpToDate]"));
    }

    @Test
    void theModuleIsJudgedByItsIdentityEvenWhenNoTcbLevelCarriesItsSvn() {
        SyntheticDcap.TcbInfo info =
                dcap.tcbInfo().withoutLevels().level(svns(0, 0, 3), "UpToDate").level(svns(0, 0, 2), "OutOfDate");

        assertThat(verify(dcap.quote().svn(3, 1, 3), info, dcap.qeIdentity()).tcbStatus())
                .isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(verify(dcap.quote().svn(5, 1, 3), info, dcap.qeIdentity()).tcbStatus())
                .isEqualTo(TcbStatus.UP_TO_DATE);
    }

    @Test
    void eachTcbLevelStatusIsReportedWithItsAdvisories() {
        SyntheticDcap.TcbInfo hardening = dcap.tcbInfo()
                .withoutLevels()
                .level(svns(5, 0, 3), "SWHardeningNeeded", "INTEL-SA-00615")
                .level(svns(2, 0, 2), "OutOfDate");
        SyntheticDcap.TcbInfo revoked =
                dcap.tcbInfo().withoutLevels().level(svns(5, 0, 3), "Revoked", "INTEL-SA-00999");
        SyntheticDcap.QeIdentity qeAdvisory = dcap.qeIdentity()
                .with(identity -> ((tools.jackson.databind.node.ObjectNode)
                                identity.get("tcbLevels").get(0))
                        .putArray("advisoryIDs")
                        .add("INTEL-SA-00657"));

        Verification swHardening = verify(dcap.quote(), hardening, qeAdvisory);
        assertThat(swHardening.tcbStatus()).isEqualTo(TcbStatus.SW_HARDENING_NEEDED);
        assertThat(swHardening.advisoryIds()).containsExactly("INTEL-SA-00615", "INTEL-SA-00657");
        Verification outOfDate = verify(dcap.quote().svn(5, 1, 2), dcap.tcbInfo(), dcap.qeIdentity());
        assertThat(outOfDate.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(outOfDate.advisoryIds()).containsExactly("INTEL-SA-00837");
        assertThat(verify(dcap.quote(), revoked, dcap.qeIdentity()).tcbStatus()).isEqualTo(TcbStatus.REVOKED);
    }

    @Test
    void noMatchingLevelLeavesTheStatusUndetermined() {
        Verification verification = verify(dcap.quote().svn(5, 1, 1), dcap.tcbInfo(), dcap.qeIdentity());

        assertThat(verification.tcbStatus()).isNull();
        assertThat(failed(verification))
                .singleElement()
                .asString()
                .startsWith("TCB_LEVEL: no TCB level matches: TEE_TCB_SVN [5, 1, 1,");
        assertThat(verification.result(Check.TCB_STATUS_ACCEPTED))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.SKIPPED));
    }

    @Test
    void statusesConvergeByIntelsRulesNotByTheWorseOfTwo() {
        SyntheticDcap.TcbInfo configuration = dcap.tcbInfo()
                .withoutLevels()
                .level(svns(5, 0, 3), "ConfigurationNeeded")
                .level(svns(2, 0, 2), "OutOfDate");
        SyntheticDcap.TcbInfo configurationAndHardening = dcap.tcbInfo()
                .withoutLevels()
                .level(svns(5, 0, 3), "ConfigurationAndSWHardeningNeeded")
                .level(svns(2, 0, 2), "OutOfDate");
        SyntheticDcap.QeIdentity qeOutOfDate = dcap.qeIdentity().levels(new int[] {9, 4}, "UpToDate", "OutOfDate");
        SyntheticDcap.QeIdentity qeRevoked = dcap.qeIdentity().levels(new int[] {9, 4}, "UpToDate", "Revoked");

        // a QE out of date keeps the platform's configuration finding: OutOfDateConfigurationNeeded, not OutOfDate
        assertThat(verify(dcap.quote(), configuration, qeOutOfDate).tcbStatus())
                .isEqualTo(TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED);
        // so does a module out of date
        assertThat(verify(dcap.quote().svn(3, 1, 3), configurationAndHardening, dcap.qeIdentity())
                        .tcbStatus())
                .isEqualTo(TcbStatus.OUT_OF_DATE_CONFIGURATION_NEEDED);
        // an up-to-date level with a QE out of date is out of date; with a QE revoked, revoked
        assertThat(verify(dcap.quote(), dcap.tcbInfo(), qeOutOfDate).tcbStatus())
                .isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(verify(dcap.quote(), configuration, qeRevoked).tcbStatus()).isEqualTo(TcbStatus.REVOKED);
        // a revoked module revokes the platform, whatever the QE says
        SyntheticDcap.TcbInfo moduleRevoked = dcap.tcbInfo()
                .withoutModuleIdentities()
                .moduleIdentity("TDX_01", new int[] {5, 2}, "UpToDate", "Revoked");
        Verification revoked = verify(dcap.quote().svn(3, 1, 3), moduleRevoked, qeOutOfDate);
        assertThat(revoked.tcbStatus()).isEqualTo(TcbStatus.REVOKED);
        assertThat(revoked.convergence()).last().isEqualTo("with TDX module TDX_01 ISVSVN 3 Revoked: Revoked");
    }

    @Test
    void theModuleMustBeTheOneIntelSigned() {
        SyntheticDcap.Quote unknownVersion = dcap.quote().svn(5, 3, 3);
        SyntheticDcap.Quote otherSigner = dcap.quote();
        otherSigner.mrSignerSeam[0] = 1;
        SyntheticDcap.Quote seamAttributes = dcap.quote();
        seamAttributes.seamAttributes[7] = (byte) 0x80;

        assertThat(failed(verify(unknownVersion, dcap.tcbInfo(), dcap.qeIdentity())))
                .containsExactly("TDX_MODULE: the TCB info has no identity TDX_03 for TDX module version 3");
        assertThat(onlyFailure(otherSigner)).startsWith("TDX_MODULE: MRSIGNERSEAM 0x01");
        assertThat(onlyFailure(seamAttributes))
                .startsWith("TDX_MODULE: SEAMATTRIBUTES 0x0000000000000080 must be zero");
        assertThat(failed(verify(dcap.quote().svn(1, 1, 3), dcap.tcbInfo(), dcap.qeIdentity())))
                .containsExactly("TDX_MODULE: TDX module ISVSVN 1 is below every TCB level of TDX_01");
    }

    @Test
    void moduleVersionZeroIsJudgedByTheTdxComponentsAndTheTcbInfosTdxModule() {
        Verification upToDate = verify(dcap.quote().svn(5, 0, 3), dcap.tcbInfo(), dcap.qeIdentity());
        Verification outOfDate = verify(dcap.quote().svn(3, 0, 3), dcap.tcbInfo(), dcap.qeIdentity());

        assertThat(upToDate.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(upToDate.tdxModule().identity()).isEqualTo("tdxModule");
        assertThat(outOfDate.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        assertThat(outOfDate.convergence())
                .contains("TDX module version 0 has no TCB level of its own (its SVN is a TDX component): OutOfDate");
    }

    @Test
    void aTd15ReportIsCheckedWithItsServiceTdAndRelaunchAdvice() {
        Verification upToDate = verify(dcap.quote().v5(), dcap.tcbInfo(), dcap.qeIdentity());
        assertThat(upToDate.accepted())
                .as(String.valueOf(upToDate.firstProblem()))
                .isTrue();
        assertThat(upToDate.tcbStatus()).isEqualTo(TcbStatus.UP_TO_DATE);
        assertThat(upToDate.convergence())
                .contains("TD 1.5 relaunch check, TEE_TCB_SVN2 [5, 1, 3, 0, 0, 0, 0, 0, 0,"
                        + " 0, 0, 0, 0, 0, 0, 0]: no relaunch advised");

        // the TD's module is out of date, but the platform already runs the latest one: relaunch the TD
        Verification relaunch = verify(dcap.quote().v5().svn(3, 1, 3).svn2(5, 1, 3), dcap.tcbInfo(), dcap.qeIdentity());
        assertThat(relaunch.tcbStatus()).isEqualTo(TcbStatus.TD_RELAUNCH_ADVISED);
        Verification notYet = verify(dcap.quote().v5().svn(3, 1, 3).svn2(4, 1, 3), dcap.tcbInfo(), dcap.qeIdentity());
        assertThat(notYet.tcbStatus()).isEqualTo(TcbStatus.OUT_OF_DATE);
        SyntheticDcap.TcbInfo configuration = dcap.tcbInfo()
                .withoutLevels()
                .level(svns(5, 0, 3), "ConfigurationNeeded")
                .level(svns(2, 0, 2), "OutOfDate");
        assertThat(verify(dcap.quote().v5().svn(3, 1, 3).svn2(5, 1, 3), configuration, dcap.qeIdentity())
                        .tcbStatus())
                .isEqualTo(TcbStatus.TD_RELAUNCH_ADVISED_CONFIGURATION_NEEDED);

        SyntheticDcap.Quote serviceTd = dcap.quote().v5();
        serviceTd.mrServiceTd[0] = 1;
        assertThat(failed(verify(serviceTd, dcap.tcbInfo(), dcap.qeIdentity())))
                .containsExactly("SERVICE_TD: a service TD is bound to the TD (MRSERVICETD is not zero)");
    }

    @Test
    void theTcbEvaluationDataNumberMinimumIsAPolicySetting() {
        byte[] quote = dcap.quote().build();
        var collateral = Optional.of(dcap.bundle().collateral());

        assertThat(dcap.verifier(ANY_STATUS.withMinimumTcbEvaluationDataNumber(17))
                        .verify(quote, collateral)
                        .accepted())
                .isTrue();
        assertThat(failed(dcap.verifier(ANY_STATUS.withMinimumTcbEvaluationDataNumber(18))
                        .verify(quote, collateral)))
                .containsExactly("TCB_EVALUATION_DATA_NUMBER: TCB info 17, QE identity 17: the policy requires at"
                        + " least 18");
    }

    @Test
    void aTdUnderDebugOrWithoutSeptVeDisableIsRefusedByPolicy() {
        SyntheticDcap.Quote debug = dcap.quote();
        debug.tdAttributes[0] = 1;
        SyntheticDcap.Quote noSeptVeDisable = dcap.quote();
        noSeptVeDisable.tdAttributes[3] = 0;
        SyntheticDcap.Quote reserved = dcap.quote();
        reserved.tdAttributes[5] = 1;

        assertThat(onlyFailure(debug)).startsWith("DEBUG: a debug TD");
        assertThat(onlyFailure(noSeptVeDisable)).startsWith("TD_ATTRIBUTES: SEPT_VE_DISABLE is not set");
        assertThat(onlyFailure(reserved)).contains("reserved bits 0x10000000000");
        AcceptancePolicy lenient =
                new AcceptancePolicy(EnumSet.allOf(TcbStatus.class), java.time.Duration.ofDays(30), true, 0, false);
        assertThat(dcap.verifier(lenient)
                        .verify(
                                noSeptVeDisable.build(),
                                Optional.of(dcap.bundle().collateral()))
                        .accepted())
                .isTrue();
    }

    @Test
    void collateralIntelWouldNotSignIsRefusedEvenWhenSigned() {
        SyntheticDcap.TcbInfo twice = dcap.tcbInfo().level(svns(5, 0, 3), "UpToDate");

        assertThat(failed(verify(dcap.quote(), twice, dcap.qeIdentity())))
                .containsExactly(
                        "COLLATERAL_SIGNATURES: TCB info is signed but not one Intel would sign: TCB info lists"
                                + " the same TCB level twice");
    }

    private static List<Integer> svns(int... leading) {
        List<Integer> svns = new java.util.ArrayList<>(java.util.Collections.nCopies(16, 0));
        for (int i = 0; i < leading.length; i++) {
            svns.set(i, leading[i]);
        }
        return svns;
    }

    private Verification verify(SyntheticDcap.Quote quote, SyntheticDcap.TcbInfo info, SyntheticDcap.QeIdentity qe) {
        return dcap.verifier(ANY_STATUS)
                .verify(
                        quote.build(),
                        Optional.of(dcap.bundle().tcbInfo(info).qeIdentity(qe).collateral()));
    }

    /** The one check that failed for {@code quote} under the default collateral. */
    private String onlyFailure(SyntheticDcap.Quote quote) {
        List<String> failures = failed(verify(quote, dcap.tcbInfo(), dcap.qeIdentity()));
        assertThat(failures).hasSize(1);
        return failures.get(0);
    }

    static List<String> failed(Verification verification) {
        return verification.checks().stream()
                .filter(CheckResult::failed)
                .map(c -> c.check() + ": " + c.reason())
                .toList();
    }
}
