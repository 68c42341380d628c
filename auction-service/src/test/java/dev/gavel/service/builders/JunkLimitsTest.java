package dev.gavel.service.builders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.fixtures.SteppingClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JunkLimitsTest {
    final SteppingClock clock = new SteppingClock(Instant.parse("2026-11-29T12:00:00Z"));

    @Test
    void anAddressPastItsShareOfJunkIsNotJudgedUntilItsShareRefills() throws Exception {
        InetAddress junkSender = InetAddress.getByName("127.0.0.3");
        InetAddress honest = InetAddress.getByName("127.0.0.1");
        JunkLimits limits = new JunkLimits(clock, 2, 4);

        for (int i = 0; i < 4; i++) {
            assertThat(limits.mayJudge(junkSender)).isTrue();
            limits.junk(junkSender);
        }

        assertThat(limits.mayJudge(junkSender)).isFalse();
        assertThat(limits.mayJudge(honest)).as("another address").isTrue();
        clock.advance(Duration.ofMillis(499));
        assertThat(limits.mayJudge(junkSender)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(limits.mayJudge(junkSender)).as("half a second at 2/s").isTrue();
    }
}
