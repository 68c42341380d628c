package dev.gavel.settlement.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.history.HistoryWriter;
import dev.gavel.db.schema.HistorySchema;
import dev.gavel.db.settlement.SettlementRepository;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.proof.SameChainProofs;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.SettlementWorld;
import dev.gavel.settlement.testing.WonBlocks;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameter;

/**
 * The contracts on the auctioned chain itself (SameChainBlockHashSource), on a Cancun chain where only the
 * last 256 hashes are readable: the window forces a batch out that neither size nor age would, and a block
 * already out of the window is skipped by the contract, not charged.
 */
class SameChainSettlementTest {
    private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);

    @TempDir
    Path temp;

    @Test
    void theWindowForcesABatchOutAndAnExpiredBlockIsSkipped() throws Exception {
        try (AnvilChain chain = AnvilChain.startCancun();
                EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"));
                HistoryWriter writer = new HistoryWriter(database.dataSource(), 1_000, 64)) {
            HistorySchema.migrate(database.dataSource());
            SettlementWorld world = new SettlementWorld(chain);
            world.useSameChainSource();
            world.deposit(world.builder(1), ONE_ETHER);
            world.deposit(world.builder(2), ONE_ETHER);
            WonBlocks blocks = WonBlocks.inHistory(writer, world.signatures);
            long expired = chain.blockNumber().longValueExact() - 1;
            Hash32 expiredHash = blockHash(chain, expired);
            chain.mine(SameChainProofs.BLOCKHASH_WINDOW + 10);
            long fresh = chain.blockNumber().longValueExact() - 1;
            long expiredRound = blocks.payableAlone(expired, expiredHash, world.builder(1), 900);
            long freshRound = blocks.payableAlone(fresh, blockHash(chain, fresh), world.builder(2), 900);
            BatchRules onlyTheWindowCanForceIt = new BatchRules(10, 64, Duration.ofHours(1), 16);
            Settler settler = new Settler(
                    new JdbcSettlementStore(new SettlementRepository(database.dataSource())),
                    world.settlerChain(),
                    world.settlement,
                    new SameChainProofs(SameChainProofs.BLOCKHASH_WINDOW),
                    onlyTheWindowCanForceIt,
                    new Settler.Timing(1, Duration.ofSeconds(30), 25, Wei.of(1_000_000_000_000L)),
                    Clock.systemUTC());

            SettlementReport first = settler.runOnce().orElseThrow();
            assertThat(first.windowBlocksLeft().orElseThrow())
                    .as("the oldest owed block is already out of the window")
                    .isNegative();
            assertThat(first.backlog().submitted())
                    .as("sent although 2 < 10 items and young")
                    .isEqualTo(2);
            chain.mine(1);
            assertThat(settler.runOnce().orElseThrow().backlog().total()).isZero();

            assertThat(
                            Sql.scalar(
                                    database.dataSource(),
                                    "select string_agg(round_id || ':' || state || ':' || coalesce(skip_reason, '-')"
                                            + " || ':' || coalesce(charged::text, '-'), ' ' order by round_id) from outcome_settlements"))
                    .isEqualTo(expiredRound + ":skipped:NOT_CANONICAL:- " + freshRound + ":settled:-:100");
            assertThat(world.settlement.balanceOf(world.builder(1).getAddress()).send())
                    .isEqualTo(ONE_ETHER);
            assertThat(world.settlement.balanceOf(world.builder(2).getAddress()).send())
                    .isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(100)));
        }
    }

    private static Hash32 blockHash(AnvilChain chain, long number) throws Exception {
        return Hash32.fromHex(chain.web3j()
                .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
                .send()
                .getBlock()
                .getHash());
    }
}
