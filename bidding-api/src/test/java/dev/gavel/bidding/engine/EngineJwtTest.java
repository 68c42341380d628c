package dev.gavel.bidding.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.fixtures.SteppingClock;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class EngineJwtTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final byte[] SECRET = EngineJwt.parseSecret("0x" + "ab".repeat(32));
    private final EngineJwt jwt = new EngineJwt(SECRET, new SteppingClock(NOW), Duration.ofSeconds(60));

    @Test
    void tokensWithinSixtySecondsPassAndOthersFail() {
        Property.forAll(50, Gen.ints(-200, 200), skew -> {
            boolean accepted = jwt.rejection("Bearer " + jwt.mint(NOW.getEpochSecond() + skew))
                    .isEmpty();

            assertThat(accepted).isEqualTo(Math.abs(skew) <= 60);
        });
    }

    @Test
    void aTokenOutsideTheToleranceSaysWhenItWasIssued() {
        assertThat(jwt.rejection("Bearer " + jwt.mint(NOW.getEpochSecond() - 120)))
                .hasValueSatisfying(reason ->
                        assertThat(reason).startsWith("token issued 120 s ago").contains("at most 60 s"));
        assertThat(jwt.rejection("Bearer " + jwt.mint(NOW.getEpochSecond() + 90)))
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("token issued 90 s in the future"));
    }

    @Test
    void aTokenForAnotherSecretOrAnotherAlgorithmIsRefused() {
        EngineJwt other = new EngineJwt(new byte[32], new SteppingClock(NOW), Duration.ofSeconds(60));
        String none = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String[] parts = jwt.mint().split("\\.");

        assertThat(jwt.rejection("Bearer " + other.mint()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("signature"));
        assertThat(jwt.rejection("Bearer " + none + "." + parts[1] + "."))
                .hasValueSatisfying(reason -> assertThat(reason).contains("HS256 only"));
        assertThat(jwt.rejection("Bearer abc"))
                .hasValueSatisfying(reason -> assertThat(reason).contains("malformed"));
        assertThat(jwt.rejection(null)).hasValue("missing bearer token");
    }

    @Test
    void secretsAreReadAsRollupBoostWritesThem() {
        assertThat(EngineJwt.parseSecret("ab".repeat(32) + "\n")).isEqualTo(SECRET);
        assertThat(EngineJwt.parseSecret("  0x" + "ab".repeat(32) + "  ")).isEqualTo(SECRET);
        assertThatThrownBy(() -> EngineJwt.parseSecret("abcd")).hasMessageContaining("64 hex digits");
        assertThat(jwt.toString()).doesNotContain("ab".repeat(8));
    }
}
