package dev.gavel.settlement.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.primitives.Hash32;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.LocalDeployment;
import dev.gavel.settlement.testing.Reverts;
import dev.gavel.settlement.testing.SettlementWorld;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.abi.DefaultFunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.utils.Numeric;

/**
 * The remaining role checks, events and reverts of the contracts, governance that cannot reach back (policy and
 * block-hash source changes activate past the highest proven auctioned block plus the policy delay), and the
 * EIP-2935 path of the same-chain source.
 */
class GovernanceTest {
    private static final String NOT_OWNER = Reverts.selector("OwnableUnauthorizedAccount(address)");
    private static AnvilChain chain;
    private static SettlementWorld world;
    private static Credentials stranger;

    @BeforeAll
    static void start() throws Exception {
        chain = AnvilChain.start();
        world = new SettlementWorld(chain);
        stranger = chain.account(6);
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @Test
    void everyGovernanceFunctionIsTheOwnersAlone() throws Exception {
        BuilderHub hub = load(BuilderHub.class, world.hub, stranger);
        AuctionSettlement settlement = world.settlementAs(stranger);
        String address = stranger.getAddress();

        for (var call : List.<RemoteFunctionCall<?>>of(
                hub.revokeWorkload(new byte[32]),
                hub.setAttestationVerifier(address),
                hub.setPermissionMode(BigInteger.ZERO),
                hub.setAllowed(address, true),
                hub.setSettlement(address),
                hub.setAuctionKey(BigInteger.ONE, new byte[32]),
                hub.setPolicyDelay(BigInteger.valueOf(LocalDeployment.POLICY_DELAY)),
                hub.reinstate(address),
                hub.ban(address))) {
            assertThat(Reverts.revertData(
                            chain.web3j(), address, world.hub.getContractAddress(), call.encodeFunctionCall()))
                    .startsWith(NOT_OWNER);
        }
        for (var call : List.<RemoteFunctionCall<?>>of(
                settlement.scheduleBlockHashSource(world.sameChainSource.getContractAddress(), BigInteger.TEN.pow(9)),
                settlement.setWithdrawalDelay(BigInteger.valueOf(LocalDeployment.WITHDRAWAL_DELAY)),
                settlement.setWithdrawalWindow(BigInteger.valueOf(LocalDeployment.WITHDRAWAL_WINDOW)))) {
            assertThat(Reverts.revertData(
                            chain.web3j(), address, world.settlement.getContractAddress(), call.encodeFunctionCall()))
                    .startsWith(NOT_OWNER);
        }
    }

    @Test
    void governanceCannotReachBackBehindTheHighestProvenBlock() throws Exception {
        String owner = chain.account(0).getAddress();
        String hub = world.hub.getContractAddress();
        long proven = 2 * SettlementWorld.FIRST_PRICE_FROM;
        Hash32 blockHash = Hash32.fromHex("0x" + "11".repeat(32));
        world.settlementAs(stranger)
                .proveBlock(BigInteger.valueOf(proven), world.sequencerProof(proven, blockHash, world.sequencer()))
                .send();
        assertThat(world.hub.highestProvenBlock().send()).isEqualTo(BigInteger.valueOf(proven));
        BigInteger earliest = BigInteger.valueOf(proven + LocalDeployment.POLICY_DELAY);
        assertThat(world.hub.earliestActivation().send()).isEqualTo(earliest);
        BuilderHub.Policy policy = new BuilderHub.Policy(
                BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO, owner);

        assertThat(Reverts.revertData(
                        chain.web3j(),
                        owner,
                        hub,
                        world.hub.setPolicyDelay(BigInteger.ZERO).encodeFunctionCall()))
                .startsWith(Reverts.selector("PolicyDelayOutOfRange(uint64,uint64,uint64)"));
        assertThat(Reverts.revertData(
                        chain.web3j(),
                        owner,
                        hub,
                        world.hub
                                .schedulePolicy(policy, BigInteger.valueOf(proven))
                                .encodeFunctionCall()))
                .startsWith(Reverts.selector("ActivationTooEarly(uint64,uint256)"));
        assertThat(Reverts.revertData(
                        chain.web3j(),
                        owner,
                        hub,
                        world.hub
                                .schedulePolicy(
                                        new BuilderHub.Policy(
                                                BigInteger.ZERO,
                                                BigInteger.ONE,
                                                BigInteger.ONE,
                                                BigInteger.ONE,
                                                BigInteger.ZERO,
                                                "0x0000000000000000000000000000000000000000"),
                                        earliest)
                                .encodeFunctionCall()))
                .startsWith(Reverts.selector("ZeroBeneficiary()"));
        assertThat(Reverts.revertData(
                        chain.web3j(),
                        owner,
                        world.settlement.getContractAddress(),
                        world.settlement
                                .scheduleBlockHashSource(
                                        world.sameChainSource.getContractAddress(), earliest.subtract(BigInteger.ONE))
                                .encodeFunctionCall()))
                .startsWith(Reverts.selector("ActivationTooEarly(uint64,uint256)"));
        assertThat(BuilderHub.getPolicyScheduledEvents(
                        world.hub.schedulePolicy(policy, earliest).send()))
                .singleElement()
                .satisfies(e -> assertThat(e.activationBlock).isEqualTo(earliest));
    }

    @Test
    void everyGovernanceChangeIsAnEvent() throws Exception {
        String someone = chain.account(6).getAddress();
        assertThat(BuilderHub.getPolicyDelaySetEvents(
                        world.hub.setPolicyDelay(BigInteger.valueOf(200)).send()))
                .singleElement()
                .satisfies(e -> assertThat(e.blocks).isEqualTo(BigInteger.valueOf(200)));
        world.hub
                .setPolicyDelay(BigInteger.valueOf(LocalDeployment.POLICY_DELAY))
                .send();
        assertThat(BuilderHub.getBuilderAllowedEvents(
                        world.hub.setAllowed(someone, true).send()))
                .hasSize(1);
        assertThat(BuilderHub.getPermissionModeSetEvents(
                        world.hub.setPermissionMode(BigInteger.ONE).send()))
                .hasSize(1);
        assertThat(BuilderHub.getSettlementSetEvents(world.hub
                        .setSettlement(world.settlement.getContractAddress())
                        .send()))
                .hasSize(1);
        assertThat(BuilderHub.getWorkloadRevokedEvents(
                        world.hub.revokeWorkload(new byte[32]).send()))
                .hasSize(1);
        assertThat(AuctionSettlement.getWithdrawalDelaySetEvents(world.settlement
                        .setWithdrawalDelay(BigInteger.valueOf(LocalDeployment.WITHDRAWAL_DELAY))
                        .send()))
                .hasSize(1);
        assertThat(AuctionSettlement.getBlockHashSourceScheduledEvents(world.settlement
                        .scheduleBlockHashSource(
                                world.signedSource.getContractAddress(),
                                world.hub.earliestActivation().send())
                        .send()))
                .hasSize(1);
        assertThat(Reverts.revertData(
                        chain.web3j(),
                        chain.account(0).getAddress(),
                        world.hub.getContractAddress(),
                        world.hub.reinstate(someone).encodeFunctionCall()))
                .startsWith(Reverts.selector("NoSuchBuilder(address)"));
    }

    @Test
    void theSameChainSourceReadsOldBlocksFromTheEip2935History() throws Exception {
        chain.mine(300);
        long old = chain.blockNumber().longValueExact() - 280;
        String hash = chain.web3j()
                .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(old)), false)
                .send()
                .getBlock()
                .getHash();

        assertThat(Numeric.toHexString(world.sameChainSource
                        .canonicalHash(BigInteger.valueOf(old), new byte[0])
                        .send()))
                .as("block %d is beyond blockhash's 256", old)
                .isEqualTo(hash);
        assertThat(world.sameChainSource
                        .canonicalHash(chain.blockNumber().add(BigInteger.TEN), new byte[0])
                        .send())
                .containsOnly(0);
    }

    @Test
    void aBuilderThatCannotReceiveEtherGetsTransferFailedAndKeepsItsEscrow() throws Exception {
        EtherRefusingBuilder builder = EtherRefusingBuilder.deploy(
                        chain.web3j(), chain.tx(chain.account(0)), chain.gas())
                .send();
        String escrow = world.settlement.getContractAddress();
        builder.depositTo(escrow, BigInteger.valueOf(1_000)).send();
        TransactionReceipt requested =
                builder.requestFrom(escrow, BigInteger.valueOf(400)).send();
        assertThat(AuctionSettlement.getWithdrawalRequestedEvents(requested))
                .singleElement()
                .satisfies(e -> assertThat(e.amount).isEqualTo(BigInteger.valueOf(400)));
        chain.mine(LocalDeployment.WITHDRAWAL_DELAY);

        assertThat(Reverts.revertData(
                        chain.web3j(),
                        chain.account(0).getAddress(),
                        builder.getContractAddress(),
                        builder.withdrawFrom(escrow).encodeFunctionCall()))
                .startsWith(Reverts.selector("TransferFailed()"));
        assertThat(world.settlement.balanceOf(builder.getContractAddress()).send())
                .isEqualTo(BigInteger.valueOf(1_000));
    }

    @Test
    void attestorsAreTheOwnersToNameAndReportDataMustBe64Bytes() throws Exception {
        AttestorVerifier verifier = AttestorVerifier.deploy(
                        chain.web3j(),
                        chain.tx(chain.account(0)),
                        chain.gas(),
                        chain.account(0).getAddress())
                .send();
        assertThat(AttestorVerifier.getAttestorSetEvents(
                        verifier.setAttestor(chain.account(7).getAddress(), true)
                                .send()))
                .hasSize(1);
        assertThat(Reverts.revertData(
                        chain.web3j(),
                        stranger.getAddress(),
                        verifier.getContractAddress(),
                        load(AttestorVerifier.class, verifier, stranger)
                                .setAttestor(stranger.getAddress(), true)
                                .encodeFunctionCall()))
                .startsWith(NOT_OWNER);
        byte[] shortProof = Numeric.hexStringToByteArray(new DefaultFunctionEncoder()
                .encodeParameters(List.of(
                        new Bytes32(new byte[32]),
                        new DynamicBytes(new byte[10]),
                        new org.web3j.abi.datatypes.generated.Uint256(
                                chain.timestamp().add(BigInteger.valueOf(60))),
                        new DynamicBytes(new byte[65]))));

        assertThat(Reverts.revertData(
                        chain.web3j(),
                        stranger.getAddress(),
                        verifier.getContractAddress(),
                        verifier.verify(new byte[1], shortProof).encodeFunctionCall()))
                .startsWith(Reverts.selector("BadReportDataLength(uint256)"));
    }

    private static <C extends Contract> C load(Class<C> type, Contract deployed, Credentials as) throws Exception {
        return type.cast(
                type.getMethod("load", String.class, Web3j.class, TransactionManager.class, ContractGasProvider.class)
                        .invoke(null, deployed.getContractAddress(), chain.web3j(), chain.tx(as), chain.gas()));
    }
}
