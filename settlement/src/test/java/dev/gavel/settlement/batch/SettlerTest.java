package dev.gavel.settlement.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.history.HistoryWriter;
import dev.gavel.db.history.InclusionChange;
import dev.gavel.db.schema.HistorySchema;
import dev.gavel.db.settlement.SettlementRepository;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.Address;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.SettlementWorld;
import dev.gavel.settlement.testing.WonBlocks;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The settler against a real chain (anvil) and a real PostgreSQL: exact charges, one charge per block through
 * lost broadcasts, restarts, stuck transactions, a settlement-chain reorg and two replicas.
 */
class SettlerTest {
    private static final Settler.Timing TIMING = new Settler.Timing(1, Duration.ofSeconds(30), 25);
    private static final BatchRules SEND_AT_ONCE = new BatchRules(1, 64, Duration.ZERO, 16);
    private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);

    @TempDir
    Path temp;

    AnvilChain chain;
    SettlementWorld world;
    EmbeddedDatabase database;
    HistoryWriter writer;
    WonBlocks blocks;
    SettlementRepository repository;

    @BeforeEach
    void start() throws Exception {
        chain = AnvilChain.start();
        world = new SettlementWorld(chain);
        chain.mine(3); // the second-price policy is active from the hub's block + 2
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        HistorySchema.migrate(database.dataSource());
        writer = new HistoryWriter(database.dataSource(), 1_000, 64);
        blocks = new WonBlocks(writer, world);
        repository = new SettlementRepository(database.dataSource());
        for (int builder = 1; builder <= 3; builder++) {
            world.deposit(world.builder(builder), ONE_ETHER);
        }
    }

    @AfterEach
    void stop() {
        writer.close();
        database.close();
        chain.close();
    }

    @Test
    void firstAndSecondPriceWinnersPayExactlyTheirPricesOnce() throws Exception {
        long secondPrice = blocks.payable(1_000, world.builder(1), 900, world.builder(2), 700, "second-price", 700);
        long alone = blocks.payable(1_001, world.builder(2), 650, null, 0, "second-price", 100);
        long firstPrice = blocks.payable(
                SettlementWorld.FIRST_PRICE_FROM + 1, world.builder(3), 555, world.builder(1), 444, "first-price", 555);
        long notIncluded = blocks.won(1_002, world.builder(1), 5_000, null, 0, "second-price", 100);
        writer.write(new InclusionChange(notIncluded, "not_included")).get();

        settleUntilQuiet(settler(Clock.systemUTC()));

        assertThat(world.settlement.proceedsOf(world.beneficiary().getAddress()).send())
                .isEqualTo(BigInteger.valueOf(700 + 100 + 555));
        assertThat(balance(1)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(700)));
        assertThat(balance(2)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(100)));
        assertThat(balance(3)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(555)));
        assertThat(states())
                .containsExactly(
                        secondPrice + ":settled:700:700",
                        alone + ":settled:100:100",
                        firstPrice + ":settled:555:555",
                        notIncluded + ":not_included:-:-");
        assertThat(
                        scalar(
                                "select count(*) || ':' || sum(items) || ':' || min(state) || ':' || bool_and(gas_used > 0 and fee_paid > 0) from settlement_batches"))
                .isEqualTo("1:3:confirmed:true");
    }

    @Test
    void aBroadcastLostToACrashIsResentAsTheSameTransactionAfterRestart() throws Exception {
        long round = blocks.payable(2_000, world.builder(1), 900, world.builder(2), 800, "second-price", 800);
        chain.automine(false);
        settler(Clock.systemUTC()).runOnce();
        String recorded = scalar("select hex(tx_hash) from settlement_attempts");
        chain.dropPendingTransactions(); // the process stopped before its broadcast reached any node

        Settler restarted = settler(Clock.systemUTC());
        restarted.runOnce();
        chain.mine(2);
        settleUntilQuiet(restarted);

        assertThat(scalar("select hex(tx_hash) from settlement_batches"))
                .as("the very transaction written before the crash")
                .isEqualTo(recorded);
        assertThat(scalar("select count(*) from settlement_attempts")).isEqualTo("1");
        assertThat(states()).containsExactly(round + ":settled:800:800");
        assertThat(balance(1)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(800)));
    }

    @Test
    void aTransactionMinedWhileTheServiceWasDownIsReconciledNotResent() throws Exception {
        long round = blocks.payable(2_500, world.builder(2), 900, null, 0, "second-price", 100);
        chain.automine(false);
        settler(Clock.systemUTC()).runOnce();
        chain.mine(3); // mined and confirmed while no settler ran

        settleUntilQuiet(settler(Clock.systemUTC()));

        assertThat(scalar("select count(*) from settlement_attempts")).isEqualTo("1");
        assertThat(states()).containsExactly(round + ":settled:100:100");
    }

    @Test
    void aStuckTransactionIsReplacedWithHigherFeesAndChargesOnce() throws Exception {
        long round = blocks.payable(3_000, world.builder(1), 900, world.builder(3), 600, "second-price", 600);
        chain.automine(false);
        settler(Clock.systemUTC()).runOnce();

        settler(Clock.offset(Clock.systemUTC(), TIMING.replaceAfter())).runOnce();
        chain.mine(2);
        settleUntilQuiet(settler(Clock.systemUTC()));

        assertThat(
                        scalar(
                                "select count(*) || ':' || (max(max_fee_per_gas) > min(max_fee_per_gas) * 1.2) from settlement_attempts"))
                .isEqualTo("2:true");
        assertThat(
                        scalar(
                                "select (hex(b.tx_hash) = (select hex(tx_hash) from settlement_attempts order by max_fee_per_gas desc limit 1))::text from settlement_batches b"))
                .as("the replacement is what was mined")
                .isEqualTo("true");
        assertThat(states()).containsExactly(round + ":settled:600:600");
        assertThat(balance(1)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(600)));
    }

    @Test
    void aSettlementChainReorgBeforeTheConfirmationDepthIsFollowedToTheNewChain() throws Exception {
        long round = blocks.payable(4_000, world.builder(3), 900, null, 0, "second-price", 100);
        String beforeSettlement = chain.snapshot();
        Settler settler = settler(Clock.systemUTC());
        settler.runOnce(); // mined at once (automine), not yet confirmed
        chain.revert(beforeSettlement); // the block holding it is gone, and so is the transaction

        settleUntilQuiet(settler);

        assertThat(states()).containsExactly(round + ":settled:100:100");
        assertThat(world.settlement.settled(BigInteger.valueOf(4_000)).send()).isTrue();
        assertThat(balance(3)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(100)));
    }

    @Test
    void aShortDepositBecomesDebtAndSuspendsTheBuilder() throws Exception {
        Credentials dave = chain.account(6);
        world.register(dave);
        world.deposit(dave, BigInteger.valueOf(50));
        long round = blocks.payable(5_000, dave, 900, world.builder(1), 500, "second-price", 500);

        settleUntilQuiet(settler(Clock.systemUTC()));

        assertThat(states()).containsExactly(round + ":settled:500:50");
        assertThat(world.settlement.debtOf(dave.getAddress()).send()).isEqualTo(BigInteger.valueOf(450));
        assertThat(world.hub.builders(dave.getAddress()).send().component1())
                .as("status SUSPENDED")
                .isEqualTo(BigInteger.TWO);
    }

    @Test
    void twoReplicasSharingTheDatabaseSendOneBatch() throws Exception {
        List<Long> rounds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rounds.add(blocks.payable(
                    6_000 + i,
                    world.builder(1 + i % 3),
                    900,
                    world.builder(1 + (i + 1) % 3),
                    400,
                    "second-price",
                    400));
        }
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Optional<SettlementReport>>> passes = List.of(
                    () -> settler(Clock.systemUTC()).runOnce(),
                    () -> settler(Clock.systemUTC()).runOnce());
            for (Future<Optional<SettlementReport>> pass : replicas.invokeAll(passes)) {
                pass.get();
            }
        } finally {
            replicas.shutdownNow();
        }
        settleUntilQuiet(settler(Clock.systemUTC()));

        assertThat(scalar("select count(*) from settlement_batches")).isEqualTo("1");
        assertThat(world.settlement.proceedsOf(world.beneficiary().getAddress()).send())
                .isEqualTo(BigInteger.valueOf(6 * 400));
        assertThat(states()).hasSize(6).allSatisfy(state -> assertThat(state).endsWith(":settled:400:400"));
    }

    private Settler settler(Clock clock) {
        Credentials settler = chain.account(0);
        return new Settler(
                repository,
                new SettlerChain(
                        chain.web3j(),
                        settler,
                        AnvilChain.CHAIN_ID,
                        Address.fromHex(world.settlement.getContractAddress())),
                world.settlement,
                world.sequencerProofs(world.sequencer()),
                SEND_AT_ONCE,
                TIMING,
                clock);
    }

    /** Runs the settler, mining a block between passes, until nothing is owed or in flight. */
    private void settleUntilQuiet(Settler settler) throws Exception {
        for (int pass = 0; pass < 20; pass++) {
            Optional<SettlementReport> report = settler.runOnce();
            if (report.isPresent() && report.get().backlog().total() == 0) {
                return;
            }
            chain.mine(1);
        }
        throw new AssertionError("the settler did not finish: " + states());
    }

    private BigInteger balance(int builder) throws Exception {
        return world.settlement.balanceOf(world.builder(builder).getAddress()).send();
    }

    /** round:state:price:charged for every won block, by round. */
    private List<String> states() throws Exception {
        List<String> states = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select round_id || ':' || state || ':' || coalesce(price::text, '-') || ':' || coalesce(charged::text, '-')
                        from outcome_settlements order by round_id""")) {
            while (rows.next()) {
                states.add(rows.getString(1));
            }
        }
        return states;
    }

    private String scalar(String query) throws Exception {
        return Sql.scalar(database.dataSource(), query);
    }
}
