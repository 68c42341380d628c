package dev.gavel.core.flashblocks;

import static dev.gavel.core.flashblocks.FlashblockScript.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.flashblocks.Flashblock;
import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Any way a builder cuts a block into flashblocks is relayed whole; any flashblock out of place never is. */
class FlashblockProperties {
    @Test
    void everyCutOfAValidBlockIsRelayedAndAssemblesToThatBlock() {
        Property.forAll(40, Gen.longs(0, 1_000_000), Gen.ints(0, 12).list(0, 5), (seed, cutPoints) -> {
            FlashblockScript script = new FlashblockScript(seed);
            int[] cuts = new TreeSet<>(cutPoints)
                    .stream().mapToInt(Integer::intValue).toArray();
            int[] withFirst = cuts.length == 0 ? new int[] {0} : cuts;
            FlashblockStream stream = script.stream();

            for (Flashblock flashblock : script.split(withFirst)) {
                assertThat(stream.offer(signed(flashblock))).isInstanceOf(FlashblockVerdict.Relay.class);
            }

            int total = withFirst[withFirst.length - 1];
            assertThat(stream.block().orElseThrow().executionPayload())
                    .isEqualTo(script.block(total).executionPayload());
        });
    }

    @Test
    void aFlashblockOfTheStreamOfferedAtAnyOtherPositionIsRefusedAndChangesNothing() {
        Property.forAll(40, Gen.longs(0, 1_000_000), Gen.ints(0, 3), Gen.ints(0, 3), (seed, relayedFirst, offered) -> {
            Property.assume(offered != relayedFirst); // the next one is the first property's business
            FlashblockScript script = new FlashblockScript(seed);
            List<Flashblock> flashblocks = script.split(0, 2, 3, 6);
            FlashblockStream stream = script.stream();
            for (int i = 0; i < relayedFirst; i++) {
                stream.offer(signed(flashblocks.get(i)));
            }

            assertThat(stream.offer(signed(flashblocks.get(offered)))).isInstanceOf(FlashblockVerdict.Refuse.class);
            assertThat(stream.relayed()).isEqualTo(relayedFirst.longValue());
            for (int i = relayedFirst; i < flashblocks.size(); i++) {
                assertThat(stream.offer(signed(flashblocks.get(i)))).isInstanceOf(FlashblockVerdict.Relay.class);
            }
        });
    }
}
