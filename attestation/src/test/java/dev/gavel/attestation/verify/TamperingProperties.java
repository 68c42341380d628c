package dev.gavel.attestation.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.testing.AttestationFixtures;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Changing any single byte of what the op-rbuilder quote's signatures cover makes verification fail, and
 * at the check that covers that byte. Offsets per the v4 layout with 32 bytes of QE auth data.
 */
class TamperingProperties {
    private static final DcapVerifier VERIFIER = AttestationFixtures.verifierAt(AttestationFixtures.OP_RBUILDER_TIME);
    private static final int PEM_START = 1258;
    private static final int SIGNATURE_DATA_END = 636 + 4300;

    enum Region {
        KEY_TYPE(2, 4, Check.HEADER),
        TEE_TYPE(4, 8, Check.HEADER),
        HEADER_SVNS(8, 12, Check.QUOTE_SIGNATURE),
        QE_VENDOR(12, 28, Check.HEADER),
        USER_DATA(28, 48, Check.QUOTE_SIGNATURE),
        TD_REPORT(48, 632, Check.QUOTE_SIGNATURE),
        QUOTE_SIGNATURE(636, 700, Check.QUOTE_SIGNATURE),
        ATTESTATION_KEY(700, 764, Check.ATTESTATION_KEY_BINDING),
        QE_REPORT(770, 1154, Check.QE_REPORT_SIGNATURE),
        QE_REPORT_SIGNATURE(1154, 1218, Check.QE_REPORT_SIGNATURE),
        QE_AUTH_DATA(1220, 1252, Check.ATTESTATION_KEY_BINDING),
        CERTIFICATES(PEM_START, SIGNATURE_DATA_END, Check.PCK_CHAIN);

        final int from;
        final int to;
        final Check failsAt;

        Region(int from, int to, Check failsAt) {
            this.from = from;
            this.to = to;
            this.failsAt = failsAt;
        }
    }

    private static final Gen<Integer> FLIPS = Gen.ints(1, 255);

    @Test
    void anyFlippedByteFailsAtTheCheckThatCoversIt() {
        Property.forAll(
                600, Gen.enums(Region.class), Gen.ints(0, Integer.MAX_VALUE - 1), FLIPS, (region, offset, flip) -> {
                    byte[] quote = AttestationFixtures.OP_RBUILDER_QUOTE.clone();
                    int position = region.from + offset % (region.to - region.from);
                    quote[position] ^= flip.byteValue();

                    Verification verification = VERIFIER.verify(quote, Optional.empty());

                    assertThat(verification.accepted()).isFalse();
                    assertThat(verification.checks().stream()
                                    .filter(CheckResult::failed)
                                    .findFirst())
                            .as("flipping byte %d (%s) by 0x%02x", position, region, flip)
                            .hasValueSatisfying(failure -> assertThat(failure.check())
                                    .as(failure.reason())
                                    .isEqualTo(region.failsAt));
                });
    }

    @Test
    void hostileBytesYieldAReasonNeverAnException() {
        Property.forAll(300, Gen.bytes(), Gen.ints(0, 5006), (garbage, cut) -> {
            byte[] truncated = java.util.Arrays.copyOf(
                    AttestationFixtures.OP_RBUILDER_QUOTE, Math.min(cut, AttestationFixtures.OP_RBUILDER_QUOTE.length));

            for (byte[] input : new byte[][] {garbage, truncated}) {
                Verification verification = VERIFIER.verify(input, Optional.empty());
                assertThat(verification.accepted()).isFalse();
                assertThat(verification.firstProblem())
                        .hasValueSatisfying(
                                problem -> assertThat(problem.reason()).isNotBlank());
            }
        });
    }

    @Test
    void aChangedInnerLengthIsRefusedByName() {
        Property.forAll(200, Gen.ints(0, 2), Gen.ints(), (field, length) -> {
            int[] offsets = {766, 1218, 1254};
            int[] sizes = {4, 2, 4};
            byte[] quote = AttestationFixtures.OP_RBUILDER_QUOTE.clone();
            long original = littleEndian(quote, offsets[field], sizes[field]);
            for (int i = 0; i < sizes[field]; i++) {
                quote[offsets[field] + i] = (byte) (length >>> (8 * i));
            }
            Property.assume(littleEndian(quote, offsets[field], sizes[field]) != original);

            Verification verification = VERIFIER.verify(quote, Optional.empty());

            // a shorter PEM section still parses as a quote, but its certificates no longer do
            java.util.Set<Check> expected =
                    field == 2 ? java.util.Set.of(Check.PARSE, Check.PCK_CHAIN) : java.util.Set.of(Check.PARSE);
            assertThat(verification.checks().stream()
                            .filter(CheckResult::failed)
                            .findFirst())
                    .hasValueSatisfying(failure ->
                            assertThat(failure.check()).as(failure.reason()).isIn(expected));
        });
    }

    private static long littleEndian(byte[] bytes, int at, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = value << 8 | (bytes[at + i] & 0xff);
        }
        return value;
    }
}
