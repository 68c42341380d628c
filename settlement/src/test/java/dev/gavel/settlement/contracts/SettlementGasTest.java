package dev.gavel.settlement.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.primitives.Hash32;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.SettlementWorld;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Gas per settled item, second price with a signed runner-up and the sequencer-signed block hash (the
 * heaviest item). Prints the figures docs/performance.md records; asserts only that every item settled.
 */
class SettlementGasTest {
    private static AnvilChain chain;
    private static SettlementWorld world;
    private static long nextBlock = 2_000_000;

    @BeforeAll
    static void start() throws Exception {
        chain = AnvilChain.start();
        world = new SettlementWorld(chain);
        world.deposit(world.builder(1), BigInteger.TEN.pow(18));
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 8, 32})
    void gasPerSecondPriceItem(int batch) throws Exception {
        Random random = new Random(batch);
        List<AuctionSettlement.Item> items = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            long block = nextBlock++;
            Hash32 parent = hash(random);
            Hash32 blockHash = hash(random);
            Bid winner = world.bid(world.builder(1), block, parent, blockHash, 10_000);
            Bid runnerUp = world.bid(world.builder(2), block, parent, hash(random), 9_000);
            items.add(world.item(
                    winner,
                    world.builder(1),
                    runnerUp,
                    world.builder(2),
                    world.sequencerProof(block, blockHash, world.sequencer())));
        }

        TransactionReceipt receipt = world.settlement.settle(items).send();

        assertThat(AuctionSettlement.getAuctionSettledEvents(receipt)).hasSize(batch);
        System.out.printf(
                "settle: batch of %d items, %d gas, %d gas per item%n",
                batch, receipt.getGasUsed(), receipt.getGasUsed().divide(BigInteger.valueOf(batch)));
    }

    private static Hash32 hash(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Hash32.of(bytes);
    }
}
