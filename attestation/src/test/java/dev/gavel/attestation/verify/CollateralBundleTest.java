package dev.gavel.attestation.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.collateral.CollateralFormatException;
import dev.gavel.attestation.testing.AttestationFixtures;
import dev.gavel.attestation.testing.SyntheticDcap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The one-JSON collateral bundle of dcap-qvl and other verifiers, loaded from a file as a directory is. */
class CollateralBundleTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void theSprE4BundleVerifiesExactlyAsItsPcsDirectoryDoes() throws Exception {
        Path bundle = directory.resolve("collateral.json");
        Files.write(bundle, AttestationFixtures.bundle2023());

        Verification fromBundle = sprE4(Collateral.load(bundle));
        Verification fromDirectory = sprE4(AttestationFixtures.collateral2023().orElseThrow());

        assertThat(fromBundle.checks()).isEqualTo(fromDirectory.checks());
        assertThat(fromBundle.result(Check.COLLATERAL_SIGNATURES))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.PASS));
        assertThat(fromBundle.firstProblem())
                .hasValueSatisfying(p -> assertThat(p.check()).isEqualTo(Check.TCB_LEVEL));
    }

    @Test
    void signaturesAndCrlsMayBeArraysOfByteValuesAsDcapQvlFetchesThem() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(AttestationFixtures.bundle2023());
        for (String field : List.of("tcb_info_signature", "qe_identity_signature", "root_ca_crl", "pck_crl")) {
            byte[] bytes = dev.gavel.primitives.Hex.decodeWithoutPrefix(
                    bundle.get(field).asString());
            ArrayNode values = bundle.putArray(field);
            for (byte b : bytes) {
                values.add(b & 0xff);
            }
        }

        Verification verification = sprE4(AttestationFixtures.bundle(JSON.writeValueAsBytes(bundle)));

        assertThat(verification.checks())
                .isEqualTo(sprE4(AttestationFixtures.collateral2023().orElseThrow())
                        .checks());
    }

    @Test
    void aBundleWhoseSignedStringIsReencodedFailsCollateralSignatures() throws Exception {
        ObjectNode bundle = (ObjectNode) JSON.readTree(AttestationFixtures.bundle2023());
        bundle.put(
                "tcb_info",
                JSON.writeValueAsString(JSON.readTree(bundle.get("tcb_info").asString()))
                        .replace(",", ", "));

        Verification verification = sprE4(AttestationFixtures.bundle(JSON.writeValueAsBytes(bundle)));

        assertThat(verification.firstProblem()).hasValueSatisfying(p -> {
            assertThat(p.check()).isEqualTo(Check.COLLATERAL_SIGNATURES);
            assertThat(p.reason()).isEqualTo("TCB info: the signature does not verify under the TCB signing key");
        });
    }

    @Test
    void aBundleMissingAPartHoldingAnUnknownOneOrAKeyTwiceIsRefused() throws Exception {
        String bundle = new String(AttestationFixtures.bundle2023(), StandardCharsets.UTF_8);
        ObjectNode withoutCrl = (ObjectNode) JSON.readTree(bundle);
        withoutCrl.remove("pck_crl");
        ObjectNode unknown = (ObjectNode) JSON.readTree(bundle);
        unknown.put("tcb_info_2", "{}");

        assertThatThrownBy(() -> AttestationFixtures.bundle(JSON.writeValueAsBytes(withoutCrl)))
                .isInstanceOf(CollateralFormatException.class)
                .hasMessage("the collateral bundle has no \"pck_crl\"");
        assertThatThrownBy(() -> AttestationFixtures.bundle(JSON.writeValueAsBytes(unknown)))
                .hasMessage("the collateral bundle has an unknown member \"tcb_info_2\"");
        assertThatThrownBy(() -> AttestationFixtures.bundle(
                        bundle.replaceFirst("\\{", "{\"pck_crl\":\"00\",").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("Duplicate Object property \"pck_crl\"");
        assertThatThrownBy(() -> AttestationFixtures.bundle((bundle + "[]").getBytes(StandardCharsets.UTF_8)))
                .hasMessage("data after the document's closing brace");
    }

    @Test
    void aSyntheticBundleAndItsPcsDirectoryAgree() throws Exception {
        SyntheticDcap dcap = new SyntheticDcap();
        SyntheticDcap.Bundle bundle = dcap.bundle();
        bundle.write(directory);
        byte[] quote = dcap.quote().build();

        Verification fromDirectory =
                dcap.verifier(AcceptancePolicy.DEFAULT).verify(quote, Optional.of(Collateral.load(directory)));
        Verification fromBundle = dcap.verifier(AcceptancePolicy.DEFAULT)
                .verify(
                        quote,
                        Optional.of(AttestationFixtures.bundle(bundle.json().getBytes(StandardCharsets.UTF_8))));

        assertThat(fromDirectory.accepted())
                .as(String.valueOf(fromDirectory.firstProblem()))
                .isTrue();
        assertThat(fromBundle.checks()).isEqualTo(fromDirectory.checks());
    }

    private static Verification sprE4(Collateral collateral) {
        return AttestationFixtures.verifierAt(AttestationFixtures.COLLATERAL_2023_TIME)
                .verify(AttestationFixtures.SPR_E4_QUOTE, Optional.of(collateral));
    }
}
