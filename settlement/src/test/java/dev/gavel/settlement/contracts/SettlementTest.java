package dev.gavel.settlement.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.Reverts;
import dev.gavel.settlement.testing.SettlementWorld;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** settle() on anvil: prices, canonical checks with both sources, replays, forged runner-ups, shortfalls. */
class SettlementTest {
    private static final BigInteger DEPOSIT = BigInteger.valueOf(1_000_000);
    private static final int NOT_CANONICAL = 3;
    private static final int ALREADY_SETTLED = 0;
    private static final int FORGED_RUNNER_UP = 5;
    private static AnvilChain chain;
    private SettlementWorld world;
    private Credentials alice;
    private Credentials bob;
    private Credentials carol;
    private final Random random = new Random(11);

    @BeforeAll
    static void start() throws Exception {
        chain = AnvilChain.start();
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @BeforeEach
    void deploy() throws Exception {
        world = new SettlementWorld(chain);
        alice = world.builder(1);
        bob = world.builder(2);
        carol = world.builder(3);
        world.deposit(alice, DEPOSIT);
        world.deposit(bob, DEPOSIT);
    }

    @Test
    void secondPriceOnBlocksThisChainMinedChargesTheRunnerUpsBid() throws Exception {
        world.useSameChainSource();
        chain.mine(3);
        EthBlock.Block block = chain.web3j()
                .ethGetBlockByNumber(
                        DefaultBlockParameter.valueOf(chain.blockNumber().subtract(BigInteger.ONE)), false)
                .send()
                .getBlock();
        Bid winner = world.bid(
                alice,
                block.getNumber().longValueExact(),
                Hash32.fromHex(block.getParentHash()),
                Hash32.fromHex(block.getHash()),
                1_000);
        Bid runnerUp =
                world.bid(bob, block.getNumber().longValueExact(), Hash32.fromHex(block.getParentHash()), hash(), 700);

        TransactionReceipt receipt = world.settlement
                .settle(List.of(world.item(winner, alice, runnerUp, bob, new byte[0])))
                .send();

        assertThat(AuctionSettlement.getAuctionSettledEvents(receipt))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.price).isEqualTo(BigInteger.valueOf(700));
                    assertThat(e.builder).isEqualToIgnoringCase(alice.getAddress());
                });
        assertThat(balance(alice)).isEqualTo(DEPOSIT.subtract(BigInteger.valueOf(700)));
        assertThat(balance(bob)).as("the loser pays nothing").isEqualTo(DEPOSIT);
        assertThat(world.settlement.proceedsOf(world.beneficiary().getAddress()).send())
                .isEqualTo(BigInteger.valueOf(700));
    }

    @Test
    void aHashThisChainDidNotMineIsSkippedAndNothingIsCharged() throws Exception {
        world.useSameChainSource();
        chain.mine(2);
        long number = chain.blockNumber().longValueExact() - 1;
        Bid winner = world.bid(alice, number, hash(), hash(), 1_000);

        TransactionReceipt receipt = world.settlement
                .settle(List.of(world.item(winner, alice, null, null, new byte[0])))
                .send();

        assertSkipped(receipt, NOT_CANONICAL);
        assertThat(balance(alice)).isEqualTo(DEPOSIT);
        assertThat(world.settlement.settled(BigInteger.valueOf(number)).send()).isFalse();
    }

    @Test
    void firstPriceWithTheSequencersSignatureChargesTheBidOnceEvenWhenReplayed() throws Exception {
        long block = SettlementWorld.FIRST_PRICE_FROM + 7;
        Hash32 blockHash = hash();
        Bid winner = world.bid(alice, block, hash(), blockHash, 1_234);
        var item = world.item(winner, alice, null, null, world.sequencerProof(block, blockHash, world.sequencer()));

        TransactionReceipt first = world.settlement.settle(List.of(item)).send();
        TransactionReceipt replay = world.settlement.settle(List.of(item, item)).send();

        assertThat(AuctionSettlement.getAuctionSettledEvents(first))
                .singleElement()
                .satisfies(e -> assertThat(e.price).isEqualTo(BigInteger.valueOf(1_234)));
        assertThat(AuctionSettlement.getSettlementSkippedEvents(replay))
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.reason).isEqualTo(BigInteger.valueOf(ALREADY_SETTLED)));
        assertThat(balance(alice)).isEqualTo(DEPOSIT.subtract(BigInteger.valueOf(1_234)));
    }

    @Test
    void aHashSignedByAnyoneButTheSequencerIsNotCanonical() throws Exception {
        long block = 1_000_001;
        Hash32 blockHash = hash();
        Bid winner = world.bid(alice, block, hash(), blockHash, 1_000);

        TransactionReceipt receipt = world.settlement
                .settle(List.of(world.item(winner, alice, null, null, world.sequencerProof(block, blockHash, bob))))
                .send();

        assertSkipped(receipt, NOT_CANONICAL);
        assertThat(balance(alice)).isEqualTo(DEPOSIT);
    }

    @Test
    void secondPriceWithoutRunnerUpFallsToTheReserve() throws Exception {
        long block = 1_000_002;
        Hash32 blockHash = hash();
        Bid winner = world.bid(alice, block, hash(), blockHash, 5_000);

        world.settlement
                .settle(List.of(world.item(
                        winner, alice, null, null, world.sequencerProof(block, blockHash, world.sequencer()))))
                .send();

        assertThat(balance(alice)).isEqualTo(DEPOSIT.subtract(SettlementWorld.RESERVE));
    }

    @Test
    void forgedRunnerUpsAreRefused() throws Exception {
        long block = 1_000_003;
        Hash32 parent = hash();
        Hash32 blockHash = hash();
        Bid winner = world.bid(alice, block, parent, blockHash, 5_000);
        byte[] proof = world.sequencerProof(block, blockHash, world.sequencer());
        Bid bobsBid = world.bid(bob, block, parent, hash(), 4_000);
        Bid otherParent = world.bid(bob, block, hash(), hash(), 4_000);
        Bid unregistered = world.bid(chain.account(6), block, parent, hash(), 4_000);

        for (var forged : List.of(
                world.item(winner, alice, bobsBid, alice, proof),
                world.item(winner, alice, otherParent, bob, proof),
                world.item(winner, alice, unregistered, chain.account(6), proof),
                world.item(winner, alice, world.bid(alice, block, parent, hash(), 4_000), alice, proof))) {
            assertSkipped(world.settlement.settle(List.of(forged)).send(), FORGED_RUNNER_UP);
        }
        assertThat(balance(alice)).isEqualTo(DEPOSIT);
        world.settlement
                .settle(List.of(world.item(winner, alice, bobsBid, bob, proof)))
                .send();
        assertThat(balance(alice)).isEqualTo(DEPOSIT.subtract(BigInteger.valueOf(4_000)));
    }

    @Test
    void aShortfallBecomesDebtAndSuspendsTheBuilder() throws Exception {
        world.deposit(carol, BigInteger.valueOf(300));
        long block = SettlementWorld.FIRST_PRICE_FROM + 1;
        Hash32 blockHash = hash();
        Bid winner = world.bid(carol, block, hash(), blockHash, 1_000);

        TransactionReceipt receipt = world.settlement
                .settle(List.of(world.item(
                        winner, carol, null, null, world.sequencerProof(block, blockHash, world.sequencer()))))
                .send();

        assertThat(AuctionSettlement.getDebtRecordedEvents(receipt))
                .singleElement()
                .satisfies(e -> assertThat(e.shortfall).isEqualTo(BigInteger.valueOf(700)));
        assertThat(AuctionSettlement.getAuctionSettledEvents(receipt))
                .singleElement()
                .satisfies(e -> assertThat(e.charged).isEqualTo(BigInteger.valueOf(300)));
        assertThat(world.settlement.debtOf(carol.getAddress()).send()).isEqualTo(BigInteger.valueOf(700));
        assertThat(balance(carol)).isZero();
        assertThat(world.hub.isAdmitted(carol.getAddress()).send()).isFalse();
    }

    @Test
    void twoWinsAtTheHighestPriceDoNotStopTheBatchAndADepositRepaysTheDebtFirst() throws Exception {
        world.deposit(carol, BigInteger.ONE);
        BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        List<AuctionSettlement.Item> items = new ArrayList<>();
        for (long block = SettlementWorld.FIRST_PRICE_FROM + 11;
                block <= SettlementWorld.FIRST_PRICE_FROM + 12;
                block++) {
            Hash32 blockHash = hash();
            Bid winner = new Bid(
                    BlockNumber.of(block), hash(), blockHash, new Wei(max), Address.fromHex(carol.getAddress()));
            items.add(world.item(winner, carol, null, null, world.sequencerProof(block, blockHash, world.sequencer())));
        }

        TransactionReceipt receipt = world.settlement.settle(items).send();

        assertThat(AuctionSettlement.getAuctionSettledEvents(receipt)).hasSize(2);
        assertThat(world.settlement.debtOf(carol.getAddress()).send())
                .as("saturated at MAX_DEBT")
                .isEqualTo(max);
        TransactionReceipt deposit =
                world.settlementAs(carol).deposit(BigInteger.valueOf(1_000)).send();
        assertThat(AuctionSettlement.getDebtRepaidEvents(deposit))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.amount).isEqualTo(BigInteger.valueOf(1_000));
                    assertThat(e.creditor)
                            .isEqualToIgnoringCase(world.beneficiary().getAddress());
                });
        assertThat(balance(carol)).as("all of the deposit repaid debt").isZero();
        assertThat(world.settlement.proceedsOf(world.beneficiary().getAddress()).send())
                .isEqualTo(BigInteger.valueOf(1 + 1_000));
    }

    @Test
    void onlyTheAuctioneerSettlesAndOnlyTheBeneficiaryCollects() throws Exception {
        long block = 1_000_004;
        Hash32 blockHash = hash();
        var item = world.item(
                world.bid(alice, block, hash(), blockHash, 900),
                alice,
                null,
                null,
                world.sequencerProof(block, blockHash, world.sequencer()));

        assertThat(Reverts.revertData(
                        chain.web3j(),
                        bob.getAddress(),
                        world.settlement.getContractAddress(),
                        world.settlement.settle(List.of(item)).encodeFunctionCall()))
                .startsWith(Reverts.selector("NotAuctioneer(address)"));
        world.settlement.settle(List.of(item)).send();
        AuctionSettlement asBeneficiary = world.settlementAs(world.beneficiary());
        TransactionReceipt collected = asBeneficiary.withdrawProceeds().send();

        assertThat(AuctionSettlement.getProceedsWithdrawnEvents(collected))
                .singleElement()
                .satisfies(e -> assertThat(e.amount).isEqualTo(SettlementWorld.RESERVE));
        assertThat(Reverts.revertData(
                        chain.web3j(),
                        world.beneficiary().getAddress(),
                        world.settlement.getContractAddress(),
                        asBeneficiary.withdrawProceeds().encodeFunctionCall()))
                .startsWith(Reverts.selector("NoProceeds()"));
    }

    private void assertSkipped(TransactionReceipt receipt, int reason) {
        assertThat(AuctionSettlement.getSettlementSkippedEvents(receipt))
                .singleElement()
                .satisfies(e -> assertThat(e.reason).isEqualTo(BigInteger.valueOf(reason)));
        assertThat(AuctionSettlement.getAuctionSettledEvents(receipt)).isEmpty();
    }

    private BigInteger balance(Credentials builder) throws Exception {
        return world.settlement.balanceOf(builder.getAddress()).send();
    }

    private Hash32 hash() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Hash32.of(bytes);
    }
}
