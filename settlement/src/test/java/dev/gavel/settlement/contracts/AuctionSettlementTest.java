package dev.gavel.settlement.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.bid.SignedBid;
import dev.gavel.bidding.flashblocks.FlashblockSignatures;
import dev.gavel.bidding.flashblocks.SlotBid;
import dev.gavel.bidding.flashblocks.SlotBidSignatures;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import dev.gavel.primitives.Keccak256;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.onchain.ContractBids;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.LocalDeployment;
import dev.gavel.settlement.testing.Reverts;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** AuctionSettlement's escrow and bid domain, on a real anvil chain. */
class AuctionSettlementTest {
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final long WITHDRAWAL_DELAY = LocalDeployment.WITHDRAWAL_DELAY;
    private static final long WITHDRAWAL_WINDOW = LocalDeployment.WITHDRAWAL_WINDOW;
    private static AnvilChain chain;
    private static AuctionSettlement settlement;

    @BeforeAll
    static void deploy() throws Exception {
        chain = AnvilChain.start();
        Credentials owner = chain.account(0);
        BuilderHub hub = BuilderHub.deploy(
                        chain.web3j(),
                        chain.tx(owner),
                        chain.gas(),
                        owner.getAddress(),
                        BigInteger.valueOf(LocalDeployment.POLICY_DELAY))
                .send();
        settlement = AuctionSettlement.deploy(
                        chain.web3j(),
                        chain.tx(owner),
                        chain.gas(),
                        owner.getAddress(),
                        BigInteger.valueOf(WITHDRAWAL_DELAY),
                        BigInteger.valueOf(WITHDRAWAL_WINDOW),
                        hub.getContractAddress(),
                        SameChainBlockHashSource.deploy(chain.web3j(), chain.tx(owner), chain.gas())
                                .send()
                                .getContractAddress())
                .send();
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @Test
    void depositsAreCreditedAndWithdrawnOnlyAfterTheDelay() throws Exception {
        Credentials builder = chain.account(1);
        AuctionSettlement asBuilder = as(builder);

        TransactionReceipt deposit = asBuilder.deposit(ETHER).send();
        assertThat(AuctionSettlement.getDepositedEvents(deposit))
                .singleElement()
                .satisfies(e -> assertThat(e.amount).isEqualTo(ETHER));
        BigInteger part = ETHER.multiply(BigInteger.valueOf(4)).divide(BigInteger.TEN);
        asBuilder.requestWithdrawal(part).send();

        assertThat(revert(builder, asBuilder.withdraw().encodeFunctionCall()))
                .startsWith(Reverts.selector("WithdrawalNotYetAvailable(uint64)"));
        assertThat(settlement.balanceOf(builder.getAddress()).send())
                .as("requested funds stay in escrow")
                .isEqualTo(ETHER);

        chain.mine(WITHDRAWAL_DELAY);
        TransactionReceipt withdrawal = asBuilder.withdraw().send();

        assertThat(AuctionSettlement.getWithdrawnEvents(withdrawal))
                .singleElement()
                .satisfies(e -> assertThat(e.amount).isEqualTo(part));
        assertThat(settlement.balanceOf(builder.getAddress()).send()).isEqualTo(ETHER.subtract(part));
        assertThat(revert(builder, asBuilder.withdraw().encodeFunctionCall()))
                .startsWith(Reverts.selector("NoWithdrawalRequested()"));
    }

    @Test
    void aMaturedRequestExpiresAndItsFundsBackBidsAgain() throws Exception {
        Credentials builder = chain.account(4);
        AuctionSettlement asBuilder = as(builder);
        asBuilder.deposit(BigInteger.valueOf(1_000)).send();

        TransactionReceipt requested =
                asBuilder.requestWithdrawal(BigInteger.valueOf(400)).send();

        AuctionSettlement.WithdrawalRequestedEventResponse request =
                AuctionSettlement.getWithdrawalRequestedEvents(requested).getFirst();
        assertThat(request.expiresAt.subtract(request.availableAt)).isEqualTo(BigInteger.valueOf(WITHDRAWAL_WINDOW));
        assertThat(settlement.availableOf(builder.getAddress()).send())
                .as("requested funds back no bid")
                .isEqualTo(BigInteger.valueOf(600));
        chain.mine(request.expiresAt.subtract(chain.blockNumber()).longValueExact());
        assertThat(revert(builder, asBuilder.withdraw().encodeFunctionCall()))
                .startsWith(Reverts.selector("WithdrawalExpired(uint64)"));
        assertThat(settlement.requestedOf(builder.getAddress()).send()).isZero();
        assertThat(settlement.availableOf(builder.getAddress()).send()).isEqualTo(BigInteger.valueOf(1_000));
    }

    @Test
    void withdrawalSettingsAreGovernedAboveTheirFloors() throws Exception {
        assertThat(revert(
                        chain.account(0),
                        settlement.setWithdrawalDelay(BigInteger.valueOf(256)).encodeFunctionCall()))
                .startsWith(Reverts.selector("SettingOutOfRange(uint64,uint64,uint64)"));
        assertThat(AuctionSettlement.getWithdrawalWindowSetEvents(settlement
                        .setWithdrawalWindow(BigInteger.valueOf(WITHDRAWAL_WINDOW))
                        .send()))
                .hasSize(1);
        assertThat(settlement.MIN_WITHDRAWAL_DELAY().send()).isEqualTo(BigInteger.valueOf(WITHDRAWAL_DELAY));
    }

    @Test
    void emptyDepositsAndOverdrawnRequestsAreRefusedByName() throws Exception {
        Credentials builder = chain.account(2);
        AuctionSettlement asBuilder = as(builder);

        assertThat(revert(builder, asBuilder.deposit(BigInteger.ZERO).encodeFunctionCall()))
                .startsWith(Reverts.selector("ZeroAmount()"));
        assertThat(revert(builder, asBuilder.requestWithdrawal(ETHER).encodeFunctionCall()))
                .startsWith(Reverts.selector("InsufficientBalance(uint256,uint256)"));
    }

    @Test
    void javaAndSolidityAgreeOnTheBidDigestAndItsSigner() throws Exception {
        BidSignatures signatures = new BidSignatures(
                Eip712Domain.gavel(AnvilChain.CHAIN_ID, Address.fromHex(settlement.getContractAddress())));
        Random random = new Random(7);
        for (int i = 0; i < 12; i++) {
            ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(1_000 + random.nextInt(1_000_000)));
            Bid bid = new Bid(
                    BlockNumber.of(random.nextLong(1L << 40)),
                    hash(random),
                    hash(random),
                    new Wei(new BigInteger(200, random)),
                    Secp256k1.address(key));
            SignedBid signed = signatures.sign(bid, key);

            assertThat(settlement.bidDigest(ContractBids.toContract(bid)).send())
                    .isEqualTo(signatures.digest(bid).toArray());
            assertThat(settlement
                            .recoverBidder(
                                    ContractBids.toContract(bid),
                                    signed.signature().toArray())
                            .send())
                    .isEqualToIgnoringCase(bid.builder().toHex());
        }
    }

    @Test
    void javaAndSolidityAgreeOnTheFlashblockDigest() throws Exception {
        FlashblockSignatures signatures = new FlashblockSignatures(
                Eip712Domain.gavel(AnvilChain.CHAIN_ID, Address.fromHex(settlement.getContractAddress())));
        Random random = new Random(11);
        for (int i = 0; i < 12; i++) {
            BlockNumber number = BlockNumber.of(random.nextLong(1L << 40));
            byte[] payloadId = new byte[PayloadId.LENGTH];
            random.nextBytes(payloadId);
            long index = random.nextLong(1L << 20);
            Hash32 blockHash = hash(random);
            byte[] json = new byte[random.nextInt(2_000)];
            random.nextBytes(json);

            assertThat(settlement
                            .flashblockDigest(new AuctionSettlement.SignedFlashblock(
                                    BigInteger.valueOf(number.value()),
                                    payloadId,
                                    BigInteger.valueOf(index),
                                    blockHash.toArray(),
                                    Keccak256.hash(json),
                                    new byte[0]))
                            .send())
                    .isEqualTo(signatures
                            .digest(number, PayloadId.of(payloadId), index, blockHash, json)
                            .toArray());
        }
    }

    @Test
    void javaAndSolidityAgreeOnTheSlotBidDigest() throws Exception {
        SlotBidSignatures signatures = new SlotBidSignatures(
                Eip712Domain.gavel(AnvilChain.CHAIN_ID, Address.fromHex(settlement.getContractAddress())));
        Random random = new Random(13);
        for (int i = 0; i < 12; i++) {
            SlotBid bid = new SlotBid(
                    BlockNumber.of(random.nextLong(1L << 40)),
                    hash(random),
                    new Wei(new BigInteger(200, random)),
                    Address.fromHex(Hex.encode(hash(random).toArray()).substring(0, 42)));

            assertThat(settlement
                            .slotBidDigest(new AuctionSettlement.SlotBid(
                                    BigInteger.valueOf(bid.blockNumber().value()),
                                    bid.parentHash().toArray(),
                                    bid.value().amount(),
                                    bid.builder().toHex()))
                            .send())
                    .isEqualTo(signatures.digest(bid).toArray());
        }
    }

    @Test
    void aMalleableHighSSignatureIsRefusedOnChainAsInJava() throws Exception {
        ECKeyPair key = ECKeyPair.create(BigInteger.valueOf(4242));
        Bid bid =
                new Bid(BlockNumber.of(9), hash(new Random(1)), hash(new Random(2)), Wei.of(5), Secp256k1.address(key));
        BidSignatures signatures = new BidSignatures(
                Eip712Domain.gavel(AnvilChain.CHAIN_ID, Address.fromHex(settlement.getContractAddress())));
        byte[] signature = signatures.sign(bid, key).signature().toArray();
        byte[] highS = Sign.CURVE_PARAMS
                .getN()
                .subtract(new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64)))
                .toByteArray();
        System.arraycopy(highS, highS.length - 32, signature, 32, 32);
        signature[64] = (byte) (signature[64] == 27 ? 28 : 27);

        assertThat(revert(
                        chain.account(0),
                        settlement
                                .recoverBidder(ContractBids.toContract(bid), signature)
                                .encodeFunctionCall()))
                .startsWith(Reverts.selector("ECDSAInvalidSignatureS(bytes32)"));
    }

    @Test
    void ownershipMovesInTwoSteps() throws Exception {
        AuctionSettlement owned = AuctionSettlement.deploy(
                        chain.web3j(),
                        chain.tx(chain.account(0)),
                        chain.gas(),
                        chain.account(0).getAddress(),
                        BigInteger.valueOf(WITHDRAWAL_DELAY),
                        BigInteger.valueOf(WITHDRAWAL_WINDOW),
                        settlement.hub().send(),
                        settlement.blockHashSource().send())
                .send();
        owned.transferOwnership(chain.account(3).getAddress()).send();

        assertThat(owned.owner().send()).isEqualToIgnoringCase(chain.account(0).getAddress());
        assertThat(owned.pendingOwner().send())
                .isEqualToIgnoringCase(chain.account(3).getAddress());
        AuctionSettlement.load(owned.getContractAddress(), chain.web3j(), chain.tx(chain.account(3)), chain.gas())
                .acceptOwnership()
                .send();
        assertThat(owned.owner().send()).isEqualToIgnoringCase(chain.account(3).getAddress());
    }

    private static AuctionSettlement as(Credentials credentials) {
        return AuctionSettlement.load(
                settlement.getContractAddress(), chain.web3j(), chain.tx(credentials), chain.gas());
    }

    private static String revert(Credentials from, String data) throws Exception {
        return Reverts.revertData(chain.web3j(), from.getAddress(), settlement.getContractAddress(), data);
    }

    private static Hash32 hash(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Hash32.of(bytes);
    }
}
