package dev.gavel.settlement.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.SettlementWorld;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The sequencer's signatures as SignedBlockHashSource checks them, on anvil. */
class SequencerSignedProofsTest {
    @Test
    void theJavaCanonicalBlockDigestIsTheContracts() throws Exception {
        try (AnvilChain chain = AnvilChain.start()) {
            SettlementWorld world = new SettlementWorld(chain);
            Hash32 blockHash = Hash32.of(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
                29, 30, 31, 32
            });

            assertThat(world.sequencerProofs(world.sequencer())
                            .digest(BlockNumber.of(77), blockHash)
                            .toArray())
                    .isEqualTo(world.signedSource
                            .canonicalBlockDigest(BigInteger.valueOf(77), blockHash.toArray())
                            .send());
        }
    }
}
