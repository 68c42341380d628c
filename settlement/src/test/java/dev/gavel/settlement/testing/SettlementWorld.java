package dev.gavel.settlement.testing;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.batch.SettlerChain;
import dev.gavel.settlement.contracts.AuctionSettlement;
import dev.gavel.settlement.contracts.BuilderHub;
import dev.gavel.settlement.contracts.SameChainBlockHashSource;
import dev.gavel.settlement.contracts.SignedBlockHashSource;
import dev.gavel.settlement.onchain.ContractBids;
import dev.gavel.settlement.proof.SequencerSignedProofs;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;

/**
 * A deployed Gavel on anvil: hub (second price, reserve 100, from the earliest block the policy delay allows,
 * then first price from L2 block 5,000,000), attestor verifier, both block-hash sources (the sequencer-signed
 * one in force, the same-chain one ready to schedule), settlement; builders 1-3 registered by attestation.
 * Account 0 governs and is the auctioneer; account 4 is the beneficiary, 5 the L2 sequencer, 7 the attestor.
 */
public final class SettlementWorld {
    public static final long L2_CHAIN_ID = 901;
    public static final long FIRST_PRICE_FROM = 5_000_000;
    public static final BigInteger RESERVE = BigInteger.valueOf(100);

    public final AnvilChain chain;
    public final BuilderHub hub;
    public final AuctionSettlement settlement;
    public final SignedBlockHashSource signedSource;
    public final SameChainBlockHashSource sameChainSource;
    public final BidSignatures signatures;
    private final LocalDeployment deployment;

    public SettlementWorld(AnvilChain chain) throws Exception {
        this.chain = chain;
        Credentials owner = chain.account(0);
        deployment = LocalDeployment.deploy(chain, owner, attestor(), sequencer(), L2_CHAIN_ID);
        hub = deployment.hub;
        settlement = deployment.settlement;
        signedSource = deployment.signedSource;
        deployment.schedulePolicy(policy(AuctionFormat.SECOND_PRICE), deployment.earliestActivation());
        deployment.schedulePolicy(policy(AuctionFormat.FIRST_PRICE), FIRST_PRICE_FROM);
        sameChainSource = SameChainBlockHashSource.deploy(chain.web3j(), chain.tx(owner), chain.gas())
                .send();
        for (int i = 1; i <= 3; i++) {
            register(chain.account(i));
        }
        signatures = new BidSignatures(
                Eip712Domain.gavel(AnvilChain.CHAIN_ID, Address.fromHex(settlement.getContractAddress())));
    }

    /**
     * Makes the contracts' own chain the auctioned one: schedules the same-chain source from the earliest block
     * the delay allows and mines past it. Returns that block: anvil blocks from it on are proven by blockhash.
     */
    public long useSameChainSource() throws Exception {
        long activation = deployment.earliestActivation();
        settlement
                .scheduleBlockHashSource(sameChainSource.getContractAddress(), BigInteger.valueOf(activation))
                .send();
        long head = chain.blockNumber().longValueExact();
        if (head <= activation) {
            chain.mine(activation - head + 1);
        }
        return activation;
    }

    public Credentials builder(int index) {
        return chain.account(index);
    }

    public Credentials beneficiary() {
        return chain.account(4);
    }

    public Credentials sequencer() {
        return chain.account(5);
    }

    public Credentials attestor() {
        return chain.account(7);
    }

    public AuctionSettlement settlementAs(Credentials credentials) {
        return deployment.settlementAs(credentials);
    }

    public void deposit(Credentials builder, BigInteger amount) throws Exception {
        deployment.deposit(builder, amount);
    }

    public Bid bid(Credentials builder, long blockNumber, Hash32 parentHash, Hash32 blockHash, long value) {
        return new Bid(
                BlockNumber.of(blockNumber),
                parentHash,
                blockHash,
                Wei.of(value),
                Address.fromHex(builder.getAddress()));
    }

    public byte[] sign(Bid bid, Credentials signer) {
        return signatures.sign(bid, signer.getEcKeyPair()).signature().toArray();
    }

    /** An item for `winner`, with an optional runner-up (null) and a block-hash proof. */
    public AuctionSettlement.Item item(
            Bid winner, Credentials winnerKey, Bid runnerUp, Credentials runnerUpKey, byte[] proof) {
        return new AuctionSettlement.Item(
                ContractBids.toContract(winner),
                sign(winner, winnerKey),
                runnerUp == null ? ContractBids.none() : ContractBids.toContract(runnerUp),
                runnerUp == null ? new byte[0] : sign(runnerUp, runnerUpKey),
                proof);
    }

    /** The sequencer's word that `blockHash` is block `blockNumber` of the L2: abi.encode(hash, signature). */
    public byte[] sequencerProof(long blockNumber, Hash32 blockHash, Credentials signer) {
        return sequencerProofs(signer)
                .proof(BlockNumber.of(blockNumber), blockHash)
                .toArray();
    }

    public SequencerSignedProofs sequencerProofs(Credentials signer) {
        return new SequencerSignedProofs(
                signer.getEcKeyPair(),
                L2_CHAIN_ID,
                AnvilChain.CHAIN_ID,
                Address.fromHex(signedSource.getContractAddress()));
    }

    /** The settler's account on the settlement contract: account 0, the hub's auctioneer. */
    public SettlerChain settlerChain() {
        return new SettlerChain(
                chain.web3j(), chain.account(0), AnvilChain.CHAIN_ID, Address.fromHex(settlement.getContractAddress()));
    }

    /** The contracts as deployed, to register builders with quotes of a test's choosing. */
    public LocalDeployment deployment() {
        return deployment;
    }

    /** Registers {@code builder} with an attestor's proof for the approved workload. */
    public void register(Credentials builder) throws Exception {
        deployment.register(builder);
    }

    private BuilderHub.Policy policy(AuctionFormat format) {
        return new BuilderHub.Policy(
                BigInteger.valueOf(format.contractCode()),
                RESERVE,
                BigInteger.valueOf(100),
                BigInteger.valueOf(4),
                BigInteger.ZERO,
                beneficiary().getAddress());
    }
}
