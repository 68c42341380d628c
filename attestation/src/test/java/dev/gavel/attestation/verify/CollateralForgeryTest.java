package dev.gavel.attestation.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.testing.AttestationFixtures;
import dev.gavel.fixtures.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The genuine 2023 collateral of the SPR_E4 quote (which matches no TCB level in it) cannot be made to say
 * UpToDate: not by wrapping the signed tcbInfo in a decoy key beside a forged one, not by a duplicate key,
 * not by data after the document, for the TCB info and the QE identity alike. Each such document fails
 * COLLATERAL_SIGNATURES, and nothing after it reads the forged body.
 */
class CollateralForgeryTest {
    private static final String TCB_INFO = AttestationFixtures.text("sample_tcbInfo_response.json");
    private static final String QE_IDENTITY = AttestationFixtures.text("sample_qeIdentity_response.json");
    private static final String FORGED_LEVEL = "{\"tcb\":{\"sgxtcbcomponents\":["
            + "{\"svn\":0},".repeat(15) + "{\"svn\":0}],\"pcesvn\":0,\"tdxtcbcomponents\":["
            + "{\"svn\":0},".repeat(15)
            + "{\"svn\":0}]},\"tcbDate\":\"2023-01-01T00:00:00Z\",\"tcbStatus\":\"UpToDate\"}";

    @TempDir
    Path directory;

    @Test
    void theGenuineCollateralVerifiesButMatchesNoLevel() throws IOException {
        Verification verification = verify(TCB_INFO, QE_IDENTITY);

        assertThat(verification.result(Check.COLLATERAL_SIGNATURES))
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.PASS));
        assertThat(verification.firstProblem())
                .hasValueSatisfying(p -> assertThat(p.check()).isEqualTo(Check.TCB_LEVEL));
    }

    @Test
    void aForgedLevelBesideTheGenuineTcbInfoInADecoyKeyFailsCollateralSignatures() throws IOException {
        String genuine = body(TCB_INFO, "tcbInfo");
        String forged = genuine.replace("\"tcbLevels\":[", "\"tcbLevels\":[" + FORGED_LEVEL + ",");

        for (String document : List.of(
                "{\"x\":{\"tcbInfo\":" + genuine + "},\"tcbInfo\":" + forged + ",\"signature\":\"" + signature(TCB_INFO)
                        + "\"}",
                "{\"tcbInfo\":" + forged + ",\"x\":{\"tcbInfo\":" + genuine + "},\"signature\":\"" + signature(TCB_INFO)
                        + "\"}")) {
            assertRefused(verify(document, QE_IDENTITY), "TCB info: a PCS document holds exactly");
        }
        // and without the decoy, the forged body is simply not what was signed
        assertRefused(
                verify("{\"tcbInfo\":" + forged + ",\"signature\":\"" + signature(TCB_INFO) + "\"}", QE_IDENTITY),
                "TCB info: the signature does not verify");
    }

    @Test
    void aDuplicateKeyFailsCollateralSignaturesForTcbInfoAndQeIdentityAlike() throws IOException {
        String tcbInfo = body(TCB_INFO, "tcbInfo");
        String forgedTcbInfo = tcbInfo.replace("\"tcbLevels\":[", "\"tcbLevels\":[" + FORGED_LEVEL + ",");
        String qeIdentity = body(QE_IDENTITY, "enclaveIdentity");
        String forgedQeIdentity = qeIdentity.replace("\"isvsvn\":4", "\"isvsvn\":0");

        for (String document : List.of(
                "{\"tcbInfo\":" + tcbInfo + ",\"tcbInfo\":" + forgedTcbInfo + ",\"signature\":\"" + signature(TCB_INFO)
                        + "\"}",
                "{\"tcbInfo\":" + forgedTcbInfo + ",\"signature\":\"" + signature(TCB_INFO) + "\",\"tcbInfo\":"
                        + tcbInfo + "}",
                "{\"tcbInfo\":"
                        + tcbInfo.replace("\"tcbLevels\":[", "\"tcbLevels\":[" + FORGED_LEVEL + "],\"tcbLevels\":[")
                        + ",\"signature\":\"" + signature(TCB_INFO) + "\"}")) {
            assertRefused(verify(document, QE_IDENTITY), "TCB info: Duplicate Object property");
        }
        for (String document : List.of(
                "{\"enclaveIdentity\":" + qeIdentity + ",\"enclaveIdentity\":" + forgedQeIdentity + ",\"signature\":\""
                        + signature(QE_IDENTITY) + "\"}",
                "{\"enclaveIdentity\":" + forgedQeIdentity + ",\"signature\":\"" + signature(QE_IDENTITY)
                        + "\",\"enclaveIdentity\":" + qeIdentity + "}")) {
            assertRefused(verify(TCB_INFO, document), "QE identity: Duplicate Object property");
        }
        assertRefused(
                verify(
                        TCB_INFO,
                        "{\"x\":{\"enclaveIdentity\":" + qeIdentity + "},\"enclaveIdentity\":" + forgedQeIdentity
                                + ",\"signature\":\"" + signature(QE_IDENTITY) + "\"}"),
                "QE identity: a PCS document holds exactly");
    }

    @Test
    void dataAfterTheDocumentFailsCollateralSignatures() throws IOException {
        assertRefused(verify(TCB_INFO.strip() + "{\"tcbInfo\":{}}", QE_IDENTITY), "TCB info:");
        assertRefused(verify(TCB_INFO, QE_IDENTITY.strip() + " x"), "QE identity:");
        assertThat(verify(TCB_INFO.strip() + "\n\n", QE_IDENTITY).result(Check.COLLATERAL_SIGNATURES))
                .as("whitespace after the document is no data")
                .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.PASS));
    }

    @Test
    void anyChangedByteOfEitherDocumentFailsCollateralSignatures() throws IOException {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < 150; i++) {
            boolean tcbInfo = random.nextBoolean();
            byte[] document = (tcbInfo ? TCB_INFO : QE_IDENTITY).strip().getBytes(StandardCharsets.UTF_8);
            int position = random.nextInt(document.length);
            int flip = random.nextInt(1, 256);
            byte original = document[position];
            document[position] ^= (byte) flip;
            if (Character.isLetter(original)
                    && Character.toLowerCase(original) == Character.toLowerCase(document[position])
                    && position > new String(document, StandardCharsets.ISO_8859_1).lastIndexOf("\"signature\"")) {
                continue; // the same signature in other-case hex digits
            }
            String changed = new String(document, StandardCharsets.ISO_8859_1);

            Verification verification = tcbInfo ? verify(changed, QE_IDENTITY) : verify(TCB_INFO, changed);

            assertThat(verification.result(Check.COLLATERAL_SIGNATURES))
                    .as(
                            "seed %d: byte %d of the %s flipped by 0x%02x",
                            seed, position, tcbInfo ? "TCB info" : "QE identity", flip)
                    .hasValueSatisfying(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.FAIL));
            assertThat(verification.tcbStatus()).isNull();
        }
    }

    private static void assertRefused(Verification verification, String reason) {
        assertThat(verification.accepted()).isFalse();
        assertThat(verification.tcbStatus())
                .as("nothing is read from a forged document")
                .isNull();
        assertThat(verification.firstProblem()).hasValueSatisfying(problem -> {
            assertThat(problem.check()).isEqualTo(Check.COLLATERAL_SIGNATURES);
            assertThat(problem.reason()).startsWith(reason);
        });
        assertThat(verification.checks().stream()
                        .filter(c -> DcapVerifier.collateralChecks().contains(c.check()))
                        .skip(1))
                .allSatisfy(c -> assertThat(c.outcome()).isEqualTo(CheckResult.Outcome.SKIPPED));
    }

    private Verification verify(String tcbInfo, String qeIdentity) throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.path("tdx/go-tdx-guest"))) {
            for (Path file : files.toList()) {
                if (file.getFileName().toString().matches("tcb_info_issuer_chain.pem|rootcrl.der|pckcrl.der")) {
                    Files.copy(file, directory.resolve(file.getFileName()));
                }
            }
        }
        Files.write(directory.resolve("forged_tcbInfo.json"), tcbInfo.getBytes(StandardCharsets.ISO_8859_1));
        Files.write(directory.resolve("forged_qeIdentity.json"), qeIdentity.getBytes(StandardCharsets.ISO_8859_1));
        try {
            Optional<Collateral> collateral = Optional.of(Collateral.load(directory));
            return AttestationFixtures.verifierAt(AttestationFixtures.COLLATERAL_2023_TIME)
                    .verify(AttestationFixtures.SPR_E4_QUOTE, collateral);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static String body(String document, String key) {
        return AttestationFixtures.body(document, key);
    }

    private static String signature(String document) {
        return AttestationFixtures.signature(document);
    }
}
