package dev.gavel.settlement.testing;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.settlement.contracts.AttestorVerifier;
import dev.gavel.settlement.contracts.AuctionSettlement;
import dev.gavel.settlement.contracts.BuilderHub;
import dev.gavel.settlement.contracts.SignedBlockHashSource;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Gavel's contracts on a local chain, wired as an operator would: BuilderHub (permissionless, one approved
 * workload, attestations from an AttestorVerifier), a SignedBlockHashSource trusting the auctioned chain's
 * sequencer, and AuctionSettlement. The owner is also the auctioneer. Every delay is the contracts' floor, so
 * tests reach the end of one by mining the fewest blocks.
 */
public final class LocalDeployment {
    /** The workload id the local builders run: keccak256 of its name, as a real measurement would be hashed. */
    public static final byte[] WORKLOAD = Hash.sha3("op-rbuilder v1".getBytes(StandardCharsets.UTF_8));
    /** Auctioned-chain blocks between the highest proven block and the earliest rule change: the hub's floor. */
    public static final long POLICY_DELAY = 128;
    /** Blocks of the contracts' chain before a withdrawal request can be paid: AuctionSettlement's floor. */
    public static final long WITHDRAWAL_DELAY = 257;
    /** Blocks of the contracts' chain a matured request stays payable: AuctionSettlement's floor. */
    public static final long WITHDRAWAL_WINDOW = 64;

    private static final BigInteger PERMISSIONLESS = BigInteger.ONE;

    public final BuilderHub hub;
    public final AttestorVerifier verifier;
    public final SignedBlockHashSource signedSource;
    public final AuctionSettlement settlement;
    private final AnvilChain chain;
    private final Credentials attestor;

    private LocalDeployment(
            AnvilChain chain,
            Credentials attestor,
            BuilderHub hub,
            AttestorVerifier verifier,
            SignedBlockHashSource signedSource,
            AuctionSettlement settlement) {
        this.chain = chain;
        this.attestor = attestor;
        this.hub = hub;
        this.verifier = verifier;
        this.signedSource = signedSource;
        this.settlement = settlement;
    }

    public static LocalDeployment deploy(
            AnvilChain chain, Credentials owner, Credentials attestor, Credentials sequencer, long auctionedChainId)
            throws Exception {
        BuilderHub hub = BuilderHub.deploy(
                        chain.web3j(),
                        chain.tx(owner),
                        chain.gas(),
                        owner.getAddress(),
                        BigInteger.valueOf(POLICY_DELAY))
                .send();
        AttestorVerifier verifier = AttestorVerifier.deploy(
                        chain.web3j(), chain.tx(owner), chain.gas(), owner.getAddress())
                .send();
        verifier.setAttestor(attestor.getAddress(), true).send();
        hub.setAttestationVerifier(verifier.getContractAddress()).send();
        hub.approveWorkload(WORKLOAD, "31bb2820", List.of()).send();
        hub.setPermissionMode(PERMISSIONLESS).send();
        hub.setAuctioneer(owner.getAddress()).send();
        SignedBlockHashSource signedSource = SignedBlockHashSource.deploy(
                        chain.web3j(),
                        chain.tx(owner),
                        chain.gas(),
                        BigInteger.valueOf(auctionedChainId),
                        sequencer.getAddress())
                .send();
        AuctionSettlement settlement = AuctionSettlement.deploy(
                        chain.web3j(),
                        chain.tx(owner),
                        chain.gas(),
                        owner.getAddress(),
                        BigInteger.valueOf(WITHDRAWAL_DELAY),
                        BigInteger.valueOf(WITHDRAWAL_WINDOW),
                        hub.getContractAddress(),
                        signedSource.getContractAddress())
                .send();
        hub.setSettlement(settlement.getContractAddress()).send();
        return new LocalDeployment(chain, attestor, hub, verifier, signedSource, settlement);
    }

    /** Schedules {@code policy} from block {@code activation} of the auctioned chain. */
    public void schedulePolicy(BuilderHub.Policy policy, long activation) throws Exception {
        hub.schedulePolicy(policy, BigInteger.valueOf(activation)).send();
    }

    /** The earliest auctioned-chain block a rule change scheduled now may govern. */
    public long earliestActivation() throws Exception {
        return hub.earliestActivation().send().longValueExact();
    }

    /** Registers {@code builder} with the attestor's proof for the approved workload (its quote is a stand-in). */
    public void register(Credentials builder) throws Exception {
        register(
                builder,
                ("quote of " + builder.getAddress()).getBytes(StandardCharsets.UTF_8),
                Attestations.registrationData(builder.getAddress()));
    }

    /**
     * Registers {@code builder} with {@code quote}, vouched for by the attestor for the approved workload with
     * report data binding the builder's address and {@code registration}, whatever the quote says itself.
     */
    public TransactionReceipt register(Credentials builder, byte[] quote, byte[] registration) throws Exception {
        return register(builder, quote, registration, WORKLOAD);
    }

    /** As {@link #register(Credentials, byte[], byte[])}, the attestor vouching for {@code workload}. */
    public TransactionReceipt register(Credentials builder, byte[] quote, byte[] registration, byte[] workload)
            throws Exception {
        return BuilderHub.load(hub.getContractAddress(), chain.web3j(), chain.tx(builder), chain.gas())
                .register(quote, registration, proof(builder, quote, registration, workload))
                .send();
    }

    /** The attestor's proof for {@code builder}'s {@code quote} and {@code registration}. */
    public byte[] proof(Credentials builder, byte[] quote, byte[] registration) throws Exception {
        return proof(builder, quote, registration, WORKLOAD);
    }

    private byte[] proof(Credentials builder, byte[] quote, byte[] registration, byte[] workload) throws Exception {
        return Attestations.proof(
                chain,
                verifier,
                attestor,
                quote,
                workload,
                Attestations.reportData(builder.getAddress(), registration));
    }

    /** The TEE key's EIP-712 permit for a relayer to register {@code builder} (its next nonce, an hour to go). */
    public Permit permit(Credentials builder, byte[] quote, byte[] registration) throws Exception {
        BigInteger deadline = chain.timestamp().add(BigInteger.valueOf(3_600));
        byte[] digest = hub.registerDigest(
                        Hash.sha3(quote),
                        Hash.sha3(registration),
                        hub.nonces(builder.getAddress()).send(),
                        deadline)
                .send();
        return new Permit(
                deadline,
                BidSignature.of(Sign.signMessage(digest, builder.getEcKeyPair(), false))
                        .toArray());
    }

    /** A relayed registration's deadline and the TEE key's signature. */
    public record Permit(BigInteger deadline, byte[] signature) {}

    /** {@code relayer} registers {@code builder} with its permit. */
    public TransactionReceipt registerWithPermit(
            Credentials builder, Credentials relayer, byte[] quote, byte[] registration) throws Exception {
        Permit permit = permit(builder, quote, registration);
        return BuilderHub.load(hub.getContractAddress(), chain.web3j(), chain.tx(relayer), chain.gas())
                .registerWithPermit(
                        quote, registration, proof(builder, quote, registration), permit.deadline(), permit.signature())
                .send();
    }

    public AuctionSettlement settlementAs(Credentials credentials) {
        return AuctionSettlement.load(
                settlement.getContractAddress(), chain.web3j(), chain.tx(credentials), chain.gas());
    }

    public void deposit(Credentials builder, BigInteger amount) throws Exception {
        settlementAs(builder).deposit(amount).send();
    }
}
