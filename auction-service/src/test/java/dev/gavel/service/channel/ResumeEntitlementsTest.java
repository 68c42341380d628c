package dev.gavel.service.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.primitives.Address;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A resume reaches back only over what the builder was entitled to on this instance. */
class ResumeEntitlementsTest {
    private static final Address ALICE = Address.fromHex("0x00000000000000000000000000000000000a11ce");
    private final ResumeEntitlements entitlements = new ResumeEntitlements();

    @Test
    void aFirstSessionReplaysNothingFromBeforeItWhateverItAsks() {
        assertThat(entitlements.resume(ALICE, OptionalLong.of(0), 500)).hasValue(500);
        assertThat(entitlements.resume(Address.fromHex("0x" + "0b".repeat(20)), OptionalLong.empty(), 500))
                .isEmpty();
    }

    @Test
    void aLaterSessionResumesBackToWhereItsFirstWasEntitledFrom() {
        entitlements.resume(ALICE, OptionalLong.empty(), 500);

        assertThat(entitlements.resume(ALICE, OptionalLong.of(620), 900)).hasValue(620);
        assertThat(entitlements.resume(ALICE, OptionalLong.of(10), 900)).hasValue(500);
    }

    @Test
    void afterARefusalNothingFromBeforeTheNextSessionIsReplayed() {
        entitlements.resume(ALICE, OptionalLong.empty(), 500);
        entitlements.refused(ALICE);

        assertThat(entitlements.resume(ALICE, OptionalLong.of(600), 1_000)).hasValue(1_000);
    }
}
