package dev.gavel.settlement.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.primitives.Wei;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.SettlementLedger;
import dev.gavel.settlement.testing.SettlementWorld;
import dev.gavel.settlement.testing.WonBlocks;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.utils.Numeric;

/**
 * The settler against a real chain (anvil), over a store each subclass provides: exact charges, one charge per
 * block through lost broadcasts, restarts, stuck transactions, a settlement-chain reorg and two replicas.
 */
abstract class SettlerScenarios extends OverASettlementStore {
    private static final Settler.Timing TIMING =
            new Settler.Timing(1, Duration.ofSeconds(30), 25, Wei.of(1_000_000_000_000L));
    private static final BatchRules SEND_AT_ONCE = new BatchRules(1, 64, Duration.ZERO, 16);
    private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);

    AnvilChain chain;
    SettlementWorld world;
    WonBlocks blocks;

    @BeforeEach
    void start() throws Exception {
        chain = AnvilChain.start();
        world = new SettlementWorld(chain);
        chain.mine(3); // the second-price policy is active from the hub's block + 2
        blocks = stores.wonBlocks(world.signatures);
        for (int builder = 1; builder <= 3; builder++) {
            world.deposit(world.builder(builder), ONE_ETHER);
        }
    }

    @AfterEach
    void stop() {
        chain.close();
    }

    private WonBlocks blocks() {
        return blocks;
    }

    @Test
    void firstAndSecondPriceWinnersPayExactlyTheirPricesOnce() throws Exception {
        long secondPrice = blocks().payable(1_000, world.builder(1), 900, world.builder(2), 700, "second-price", 700);
        long alone = blocks().payable(1_001, world.builder(2), 650, null, 0, "second-price", 100);
        long firstPrice = blocks().payable(
                        SettlementWorld.FIRST_PRICE_FROM + 1,
                        world.builder(3),
                        555,
                        world.builder(1),
                        444,
                        "first-price",
                        555);
        long notIncluded = blocks().won(1_002, world.builder(1), 5_000, null, 0, "second-price", 100);
        blocks().include(notIncluded, "not_included");

        settleUntilQuiet(settler(Clock.systemUTC()));

        assertThat(world.settlement.proceedsOf(world.beneficiary().getAddress()).send())
                .isEqualTo(BigInteger.valueOf(700 + 100 + 555));
        assertThat(balance(1)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(700)));
        assertThat(balance(2)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(100)));
        assertThat(balance(3)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(555)));
        assertThat(ledger().states())
                .containsExactly(
                        secondPrice + ":settled:700:700",
                        alone + ":settled:100:100",
                        firstPrice + ":settled:555:555",
                        notIncluded + ":not_included:-:-");
        assertThat(ledger().batches()).singleElement().satisfies(batch -> {
            assertThat(batch.items()).isEqualTo(3);
            assertThat(batch.state()).isEqualTo("confirmed");
            assertThat(batch.gasUsed()).isPositive();
            assertThat(batch.feePaid()).isGreaterThan(Wei.ZERO);
        });
    }

    @Test
    void aBroadcastLostToACrashIsResentAsTheSameTransactionAfterRestart() throws Exception {
        long round = blocks().payable(2_000, world.builder(1), 900, world.builder(2), 800, "second-price", 800);
        chain.automine(false);
        settler(Clock.systemUTC()).runOnce();
        SettlementLedger.Attempt recorded = ledger().attempts().getFirst();
        chain.dropPendingTransactions(); // the process stopped before its broadcast reached any node

        Settler restarted = settler(Clock.systemUTC());
        restarted.runOnce();
        chain.mine(2);
        settleUntilQuiet(restarted);

        assertThat(ledger().batches().getFirst().txHash())
                .as("the very transaction written before the crash")
                .isEqualTo(recorded.txHash());
        assertThat(ledger().attempts()).hasSize(1);
        assertThat(ledger().states()).containsExactly(round + ":settled:800:800");
        assertThat(balance(1)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(800)));
    }

    @Test
    void aTransactionMinedWhileTheServiceWasDownIsReconciledNotResent() throws Exception {
        long round = blocks().payable(2_500, world.builder(2), 900, null, 0, "second-price", 100);
        chain.automine(false);
        settler(Clock.systemUTC()).runOnce();
        chain.mine(3); // mined and confirmed while no settler ran

        settleUntilQuiet(settler(Clock.systemUTC()));

        assertThat(ledger().attempts()).hasSize(1);
        assertThat(ledger().states()).containsExactly(round + ":settled:100:100");
    }

    @Test
    void aStuckTransactionIsReplacedWithHigherFeesAndChargesOnce() throws Exception {
        long round = blocks().payable(3_000, world.builder(1), 900, world.builder(3), 600, "second-price", 600);
        chain.automine(false);
        settler(Clock.systemUTC()).runOnce();

        settler(Clock.offset(Clock.systemUTC(), TIMING.replaceAfter())).runOnce();
        chain.mine(2);
        settleUntilQuiet(settler(Clock.systemUTC()));

        List<SettlementLedger.Attempt> attempts = ledger().attempts().stream()
                .sorted(Comparator.comparing(SettlementLedger.Attempt::maxFeePerGas))
                .toList();
        assertThat(attempts).hasSize(2);
        assertThat(attempts.getLast().maxFeePerGas().amount().multiply(BigInteger.TEN))
                .as("bumped by more than 20 %")
                .isGreaterThan(attempts.getFirst().maxFeePerGas().amount().multiply(BigInteger.valueOf(12)));
        assertThat(ledger().batches().getFirst().txHash())
                .as("the replacement is what was mined")
                .isEqualTo(attempts.getLast().txHash());
        assertThat(ledger().states()).containsExactly(round + ":settled:600:600");
        assertThat(balance(1)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(600)));
    }

    @Test
    void aSettlementChainReorgBeforeTheConfirmationDepthIsFollowedToTheNewChain() throws Exception {
        long round = blocks().payable(4_000, world.builder(3), 900, null, 0, "second-price", 100);
        String beforeSettlement = chain.snapshot();
        Settler settler = settler(Clock.systemUTC());
        settler.runOnce();
        chain.awaitMined(ledger().attempts().getFirst().txHash().toHex()); // by automine; not yet confirmed
        chain.revert(beforeSettlement); // the block holding it is gone, and so is the transaction

        settleUntilQuiet(settler);

        assertThat(ledger().states()).containsExactly(round + ":settled:100:100");
        assertThat(world.settlement.settled(BigInteger.valueOf(4_000)).send()).isTrue();
        assertThat(balance(3)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(100)));
    }

    @Test
    void aShortDepositBecomesDebtAndSuspendsTheBuilder() throws Exception {
        Credentials dave = chain.account(6);
        world.register(dave);
        world.deposit(dave, BigInteger.valueOf(50));
        long round = blocks().payable(5_000, dave, 900, world.builder(1), 500, "second-price", 500);

        settleUntilQuiet(settler(Clock.systemUTC()));

        assertThat(ledger().states()).containsExactly(round + ":settled:500:50");
        assertThat(world.settlement.debtOf(dave.getAddress()).send()).isEqualTo(BigInteger.valueOf(450));
        assertThat(world.hub.builders(dave.getAddress()).send().component1())
                .as("status SUSPENDED")
                .isEqualTo(BigInteger.TWO);
    }

    @Test
    void twoReplicasSharingTheStoreSendOneBatch() throws Exception {
        List<Long> rounds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rounds.add(blocks().payable(
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

        assertThat(ledger().batches()).hasSize(1);
        assertThat(world.settlement.proceedsOf(world.beneficiary().getAddress()).send())
                .isEqualTo(BigInteger.valueOf(6 * 400));
        assertThat(ledger().states())
                .hasSize(rounds.size())
                .allSatisfy(state -> assertThat(state).endsWith(":settled:400:400"));
    }

    @Test
    void aPoisonedItemBesideHonestOnesIsQuarantinedAndTheHonestOnesSettleWithinThreePasses() throws Exception {
        long first = blocks().payable(9_000, world.builder(1), 900, null, 0, "second-price", 100);
        long poisoned = blocks().poisoned(9_001, world.builder(2), 900, 1_000_000);
        long second = blocks().payable(9_002, world.builder(2), 800, null, 0, "second-price", 100);
        long third = blocks().payable(9_003, world.builder(3), 700, null, 0, "second-price", 100);
        Settler settler = settler(Clock.systemUTC());

        int passes = 0;
        do {
            settler.runOnce();
            passes++;
            chain.mine(1);
        } while (passes < 3
                && ledger().states().stream()
                                .filter(s -> s.contains(":settled:"))
                                .count()
                        < 3);

        assertThat(ledger().states())
                .containsExactly(
                        first + ":settled:100:100",
                        poisoned + ":quarantined:-:-",
                        second + ":settled:100:100",
                        third + ":settled:100:100");
        assertThat(ledger().reasons()).singleElement().asString().startsWith(poisoned + ":");
        assertThat(ledger().batches())
                .singleElement()
                .satisfies(batch -> assertThat(batch.items()).isEqualTo(3));
        assertThat(balance(2)).isEqualTo(ONE_ETHER.subtract(BigInteger.valueOf(100)));
    }

    @Test
    void aNonceTakenByAnotherTransactionFreesItsOutcomesOnlyOnceThatTransactionIsConfirmed() throws Exception {
        long round = blocks().payable(7_000, world.builder(1), 900, null, 0, "second-price", 100);
        chain.automine(false);
        Settler settler = settler(Clock.systemUTC());
        settler.runOnce();
        takeTheSettlersPendingNonce();
        chain.mine(1); // the other transaction holds the nonce, in the head block

        settler.runOnce();
        assertThat(ledger().batches())
                .as("a block can still be reorged away: the batch stays in flight")
                .singleElement()
                .satisfies(batch -> assertThat(batch.state()).isEqualTo("submitted"));

        chain.mine(1);
        settler.runOnce();
        assertThat(ledger().batches().getFirst().state()).isEqualTo("dropped");
        chain.automine(true);
        settleUntilQuiet(settler);
        assertThat(ledger().states()).containsExactly(round + ":settled:100:100");
    }

    @Test
    void aStuckTransactionAtTheFeeCapWaitsForTheMarketInsteadOfOutbiddingIt() throws Exception {
        long round = blocks().payable(8_000, world.builder(2), 900, null, 0, "second-price", 100);
        chain.automine(false);
        BigInteger baseFee = chain.web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getBaseFeePerGas();
        Settler.Timing capped = new Settler.Timing(
                TIMING.confirmations(), TIMING.replaceAfter(), TIMING.feeBumpPercent(), new Wei(baseFee.shiftLeft(1)));

        settler(Clock.systemUTC(), capped).runOnce();
        settler(Clock.offset(Clock.systemUTC(), TIMING.replaceAfter()), capped).runOnce();

        assertThat(ledger().attempts())
                .as("signed at the cap, below the market's fee, and never replaced above it")
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.maxFeePerGas()).isEqualTo(capped.maxFeePerGas()));
        chain.mine(1);
        chain.automine(true);
        settleUntilQuiet(settler(Clock.systemUTC(), capped));
        assertThat(ledger().states()).containsExactly(round + ":settled:100:100");
    }

    /** Sends a transfer from the settler's account with the nonce its batch waits on, at higher fees, as an operator's wallet might. */
    private void takeTheSettlersPendingNonce() throws Exception {
        Credentials settlerKey = chain.account(0);
        BigInteger nonce = chain.web3j()
                .ethGetTransactionCount(settlerKey.getAddress(), DefaultBlockParameterName.LATEST)
                .send()
                .getTransactionCount();
        RawTransaction transfer = RawTransaction.createEtherTransaction(
                AnvilChain.CHAIN_ID,
                nonce,
                BigInteger.valueOf(21_000),
                world.beneficiary().getAddress(),
                BigInteger.ONE,
                BigInteger.valueOf(50_000_000_000L),
                BigInteger.valueOf(100_000_000_000L));
        String raw = Numeric.toHexString(TransactionEncoder.signMessage(transfer, settlerKey));
        EthSendTransaction sent = chain.web3j().ethSendRawTransaction(raw).send();
        assertThat(sent.hasError())
                .as("replacement accepted: %s", sent.getError())
                .isFalse();
    }

    private Settler settler(Clock clock) {
        return settler(clock, TIMING);
    }

    private Settler settler(Clock clock, Settler.Timing timing) {
        return new Settler(
                store(),
                world.settlerChain(),
                world.settlement,
                world.sequencerProofs(world.sequencer()),
                SEND_AT_ONCE,
                timing,
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
        throw new AssertionError("the settler did not finish: " + ledger().states());
    }

    private BigInteger balance(int builder) throws Exception {
        return world.settlement.balanceOf(world.builder(builder).getAddress()).send();
    }
}
