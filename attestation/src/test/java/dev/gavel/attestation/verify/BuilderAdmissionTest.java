package dev.gavel.attestation.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.admission.AttestedBuilder;
import dev.gavel.attestation.admission.BuilderAdmission;
import dev.gavel.attestation.testing.AttestationFixtures;
import dev.gavel.attestation.workload.WorkloadId;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuilderAdmissionTest {
    static final WorkloadId OP_RBUILDER_WORKLOAD = AttestationFixtures.OP_RBUILDER_WORKLOAD;
    static final Verification REAL = AttestationFixtures.opRbuilderWithoutCollateral();
    static final Verification AS_IF_ACCEPTED = AttestationFixtures.opRbuilderAsIfAccepted();

    private final BuilderAdmission admission = new BuilderAdmission(Set.of(OP_RBUILDER_WORKLOAD));

    @Test
    void anAcceptedQuoteOfAnApprovedWorkloadBindingItsRegistrationIsAdmittedUnderItsTeeAddress() {
        AttestedBuilder builder = admission.decide(AS_IF_ACCEPTED, new byte[0]);

        assertThat(builder.admitted()).as(builder.reason()).isTrue();
        assertThat(builder.teeAddress().toHex()).isEqualTo("0x41ad2bc63a2059f9b623533d87fe99887d794847");
    }

    @Test
    void aQuoteThatIsNotAcceptedIsNotAdmitted() {
        AttestedBuilder builder = admission.decide(REAL, new byte[0]);

        assertThat(builder.admitted()).isFalse();
        assertThat(builder.reason()).startsWith("quote not accepted").contains("no collateral");
    }

    @Test
    void anUnapprovedWorkloadIsNotAdmitted() {
        AttestedBuilder builder = new BuilderAdmission(Set.of()).decide(AS_IF_ACCEPTED, new byte[0]);

        assertThat(builder.admitted()).isFalse();
        assertThat(builder.reason()).contains("is not approved");
    }

    @Test
    void registrationDataTheReportDoesNotCommitToIsRefused() {
        AttestedBuilder builder = admission.decide(
                AS_IF_ACCEPTED, "{\"name\":\"mallory\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(builder.admitted()).isFalse();
        assertThat(builder.reason()).contains("registration data");
    }

    @Test
    void garbageIsNotAdmittedAndSaysWhy() {
        AttestedBuilder builder = admission.decide(
                AttestationFixtures.verifierAt(AttestationFixtures.OP_RBUILDER_TIME)
                        .verify(new byte[10], Optional.empty()),
                new byte[0]);

        assertThat(builder.admitted()).isFalse();
        assertThat(builder.reason()).startsWith("quote unreadable: PARSE");
    }
}
