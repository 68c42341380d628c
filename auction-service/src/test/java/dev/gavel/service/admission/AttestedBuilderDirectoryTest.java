package dev.gavel.service.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.admission.AttestedBuilder;
import dev.gavel.attestation.admission.BuilderAdmission;
import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.source.CollateralSet;
import dev.gavel.attestation.source.SourceHealth;
import dev.gavel.attestation.testing.AttestationFixtures;
import dev.gavel.attestation.verify.Verification;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.primitives.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AttestedBuilderDirectoryTest {
    private static final Address OP_RBUILDER_TEE = Address.fromHex("0x41ad2bc63a2059f9b623533d87fe99887d794847");
    private final AtomicReference<Verification> verification =
            new AtomicReference<>(AttestationFixtures.opRbuilderAsIfAccepted());
    private final AtomicReference<Optional<Collateral>> collateral = new AtomicReference<>(Optional.empty());
    private final List<Optional<Collateral>> verifiedWith = new ArrayList<>();
    private final AttestedBuilderDirectory directory = new AttestedBuilderDirectory(
            List.of(new AttestedBuilderDirectory.Candidate(
                    "op-rbuilder", AttestationFixtures.OP_RBUILDER_QUOTE, new byte[0])),
            new BuilderAdmission(Set.of(AttestationFixtures.OP_RBUILDER_WORKLOAD)),
            new QuoteVerification(
                    platforms -> new CollateralSet(
                            platform -> collateral.get(),
                            new SourceHealth(SourceHealth.State.CURRENT, "as the test says", Map.of())),
                    (quote, given) -> {
                        verifiedWith.add(given);
                        return verification.get();
                    }));

    @Test
    void theAddressTheQuoteBindsIsAdmittedAndNoOtherOne() {
        List<AttestedBuilder> decisions = directory.refresh();

        assertThat(decisions)
                .singleElement()
                .satisfies(d -> assertThat(d.admitted()).as(d.reason()).isTrue());
        assertThat(directory.refusal(OP_RBUILDER_TEE, policy())).isEmpty();
        assertThat(directory.refusal(AuctionFixtures.address(AuctionFixtures.builderKey(0)), policy()))
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(RejectionCode.UNKNOWN_BUILDER));
    }

    @Test
    void aBuilderWhoseQuoteStopsVerifyingStopsBeingAdmittedAtTheNextRefresh() {
        directory.refresh();
        verification.set(AttestationFixtures.opRbuilderWithoutCollateral());

        assertThat(directory.refusal(OP_RBUILDER_TEE, policy())).isEmpty();
        assertThat(directory.refresh())
                .singleElement()
                .satisfies(d -> assertThat(d.reason()).startsWith("quote not accepted"));
        assertThat(directory.refusal(OP_RBUILDER_TEE, policy())).hasValueSatisfying(r -> {
            assertThat(r.code()).isEqualTo(RejectionCode.UNKNOWN_BUILDER);
            assertThat(r.message()).as("with the verification's reason").contains("quote not accepted");
        });
    }

    @Test
    void eachRefreshReloadsTheCollateralAndVerifiesWithWhatItGot() {
        directory.refresh();
        Optional<Collateral> fresh = AttestationFixtures.collateral2023();
        collateral.set(fresh);
        directory.refresh();

        assertThat(verifiedWith).containsExactly(Optional.empty(), fresh);
    }

    @Test
    void nobodyIsAdmittedBeforeTheFirstVerification() {
        assertThat(directory.refusal(OP_RBUILDER_TEE, policy()))
                .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(RejectionCode.UNKNOWN_BUILDER));
    }

    private static dev.gavel.bidding.round.AuctionPolicy policy() {
        return AuctionFixtures.policy(AuctionFormat.SECOND_PRICE, 0, 4);
    }
}
