package dev.gavel.settlement.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.Attestations;
import dev.gavel.settlement.testing.LocalDeployment;
import dev.gavel.settlement.testing.Reverts;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** BuilderHub on a real anvil chain: governance, attested registration, statuses and the policy schedule. */
class BuilderHubTest {
    private static final long POLICY_DELAY = LocalDeployment.POLICY_DELAY;
    private static final byte[] WORKLOAD = Hash.sha3("op-rbuilder v1".getBytes());
    private static final byte[] QUOTE = "a TDX quote the attestor verified".getBytes();
    private static AnvilChain chain;
    private static Credentials owner;
    private static Credentials attestor;
    private BuilderHub hub;
    private AttestorVerifier verifier;

    @BeforeAll
    static void start() throws Exception {
        chain = AnvilChain.start();
        owner = chain.account(0);
        attestor = chain.account(3);
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @BeforeEach
    void deploy() throws Exception {
        hub = BuilderHub.deploy(
                        chain.web3j(),
                        chain.tx(owner),
                        chain.gas(),
                        owner.getAddress(),
                        BigInteger.valueOf(POLICY_DELAY))
                .send();
        verifier = AttestorVerifier.deploy(chain.web3j(), chain.tx(owner), chain.gas(), owner.getAddress())
                .send();
        verifier.setAttestor(attestor.getAddress(), true).send();
        hub.setAttestationVerifier(verifier.getContractAddress()).send();
        hub.approveWorkload(WORKLOAD, "31bb2820", List.of("https://example.invalid/op-rbuilder"))
                .send();
        hub.setPermissionMode(BigInteger.ONE).send();
    }

    @Test
    void anAttestedBuilderRegistersItselfAndIsAdmitted() throws Exception {
        Credentials builder = chain.account(1);
        byte[] registration = Attestations.registrationData("alice");

        TransactionReceipt receipt = as(builder)
                .register(QUOTE, registration, proof(builder, registration))
                .send();

        assertThat(BuilderHub.getBuilderRegisteredEvents(receipt))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.builder).isEqualToIgnoringCase(builder.getAddress());
                    assertThat(e.workloadId).isEqualTo(WORKLOAD);
                    assertThat(e.registrationData).isEqualTo(registration);
                });
        assertThat(hub.isAdmitted(builder.getAddress()).send()).isTrue();
        assertThat(hub.builders(builder.getAddress()).send().component1()).isEqualTo(BigInteger.ONE);
    }

    @Test
    void registrationIsRefusedForEachBrokenBinding() throws Exception {
        Credentials builder = chain.account(1);
        byte[] registration = Attestations.registrationData("alice");
        byte[] proof = proof(builder, registration);

        assertThat(revert(builder, as(builder).register(QUOTE, Attestations.registrationData("mallory"), proof)))
                .startsWith(Reverts.selector("RegistrationDataMismatch(bytes32,bytes32)"));
        assertThat(revert(chain.account(2), as(chain.account(2)).register(QUOTE, registration, proof)))
                .startsWith(Reverts.selector("SenderIsNotTheTeeAddress(address,address)"));
        assertThat(revert(builder, as(builder).register("another quote".getBytes(), registration, proof)))
                .startsWith(Reverts.selector("NotAnAttestor(address)"));
        hub.revokeWorkload(WORKLOAD).send();
        assertThat(revert(builder, as(builder).register(QUOTE, registration, proof)))
                .startsWith(Reverts.selector("WorkloadNotApproved(bytes32)"));
    }

    @Test
    void anAttestorsStatementRegistersOnlyUntilItsDeadline() throws Exception {
        Credentials builder = chain.account(1);
        byte[] registration = Attestations.registrationData("alice");
        byte[] reportData = Attestations.reportData(builder.getAddress(), registration);
        BigInteger now = chain.timestamp();
        byte[] expired =
                Attestations.proof(verifier, attestor, QUOTE, WORKLOAD, reportData, now.subtract(BigInteger.ONE));
        byte[] tooLong = Attestations.proof(
                verifier, attestor, QUOTE, WORKLOAD, reportData, now.add(BigInteger.valueOf(2 * 86_400)));
        byte[] shortLived =
                Attestations.proof(verifier, attestor, QUOTE, WORKLOAD, reportData, now.add(BigInteger.valueOf(600)));

        assertThat(revert(builder, as(builder).register(QUOTE, registration, expired)))
                .startsWith(Reverts.selector("StatementExpired(uint256,uint256)"));
        assertThat(revert(builder, as(builder).register(QUOTE, registration, tooLong)))
                .as("a statement may not outlive a day of collateral")
                .startsWith(Reverts.selector("StatementLifetimeTooLong(uint256,uint256)"));
        chain.increaseTime(3_600);
        chain.mine(1);
        assertThat(revert(builder, as(builder).register(QUOTE, registration, shortLived)))
                .as("replayed after its deadline, e.g. after a TCB recovery")
                .startsWith(Reverts.selector("StatementExpired(uint256,uint256)"));
        assertThat(hub.isAdmitted(builder.getAddress()).send()).isFalse();
    }

    @Test
    void aVerifierReturningReportDataOfAnotherLengthBindsNobody() throws Exception {
        ShortReportVerifier shortVerifier = ShortReportVerifier.deploy(
                        chain.web3j(), chain.tx(owner), chain.gas(), WORKLOAD)
                .send();
        hub.setAttestationVerifier(shortVerifier.getContractAddress()).send();
        Credentials builder = chain.account(1);

        assertThat(revert(builder, as(builder).register(QUOTE, new byte[0], new byte[0])))
                .startsWith(Reverts.selector("BadReportDataLength(uint256)"));
    }

    @Test
    void permissionedModeAdmitsOnlyAllowedBuilders() throws Exception {
        Credentials builder = chain.account(1);
        byte[] registration = Attestations.registrationData("alice");
        hub.setPermissionMode(BigInteger.ZERO).send();

        assertThat(revert(builder, as(builder).register(QUOTE, registration, proof(builder, registration))))
                .startsWith(Reverts.selector("NotAllowed(address)"));
        hub.setAllowed(builder.getAddress(), true).send();
        as(builder).register(QUOTE, registration, proof(builder, registration)).send();
        assertThat(hub.isAdmitted(builder.getAddress()).send()).isTrue();
        hub.setAllowed(builder.getAddress(), false).send();
        assertThat(hub.isAdmitted(builder.getAddress()).send()).isFalse();
    }

    @Test
    void anyoneMayRelayARegistrationTheTeeKeySigned() throws Exception {
        Credentials builder = chain.account(1);
        Credentials relayer = chain.account(2);
        byte[] registration = Attestations.registrationData("alice");
        BigInteger deadline = chain.timestamp().add(BigInteger.valueOf(3600));
        byte[] signature = permit(builder, registration, BigInteger.ZERO, deadline);

        as(relayer)
                .registerWithPermit(QUOTE, registration, proof(builder, registration), deadline, signature)
                .send();

        assertThat(hub.isAdmitted(builder.getAddress()).send()).isTrue();
        assertThat(hub.nonces(builder.getAddress()).send()).isEqualTo(BigInteger.ONE);
        assertThat(revert(
                        relayer,
                        as(relayer)
                                .registerWithPermit(
                                        QUOTE, registration, proof(builder, registration), deadline, signature)))
                .as("a permit is good once")
                .startsWith(Reverts.selector("BadPermitSigner(address,address)"));
        assertThat(revert(
                        relayer,
                        as(relayer)
                                .registerWithPermit(
                                        QUOTE,
                                        registration,
                                        proof(builder, registration),
                                        BigInteger.ONE,
                                        permit(builder, registration, BigInteger.ONE, BigInteger.ONE))))
                .startsWith(Reverts.selector("PermitExpired(uint256)"));
    }

    @Test
    void suspensionSurvivesReRegistrationAndBansAreFinal() throws Exception {
        Credentials builder = chain.account(1);
        byte[] registration = Attestations.registrationData("alice");
        as(builder).register(QUOTE, registration, proof(builder, registration)).send();

        TransactionReceipt suspended = hub.suspend(builder.getAddress()).send();
        assertThat(BuilderHub.getBuilderStatusChangedEvents(suspended))
                .singleElement()
                .satisfies(e -> assertThat(e.status).isEqualTo(BigInteger.TWO));
        as(builder).register(QUOTE, registration, proof(builder, registration)).send();
        assertThat(hub.isAdmitted(builder.getAddress()).send()).isFalse();
        assertThat(revert(builder, as(builder).suspend(builder.getAddress())))
                .startsWith(Reverts.selector("NotOwnerOrSettlement(address)"));

        hub.reinstate(builder.getAddress()).send();
        assertThat(hub.isAdmitted(builder.getAddress()).send()).isTrue();
        hub.ban(builder.getAddress()).send();
        assertThat(revert(builder, as(builder).register(QUOTE, registration, proof(builder, registration))))
                .startsWith(Reverts.selector("Banned(address)"));
    }

    @Test
    void policiesActivateAtTheirBlockAndNeverSooner() throws Exception {
        long earliest = hub.earliestActivation().send().longValueExact();
        BuilderHub.Policy firstPrice = policy(0, 100);
        BuilderHub.Policy secondPrice = policy(1, 250);

        assertThat(earliest)
                .as("nothing proven yet: the delay counts from block 0")
                .isEqualTo(POLICY_DELAY);
        assertThat(revert(owner, hub.schedulePolicy(firstPrice, BigInteger.valueOf(earliest - 1))))
                .startsWith(Reverts.selector("ActivationTooEarly(uint64,uint256)"));
        assertThat(revert(owner, hub.schedulePolicy(policy(3, 0), BigInteger.valueOf(earliest + 50))))
                .startsWith(Reverts.selector("UnknownFormat(uint8)"));
        hub.schedulePolicy(firstPrice, BigInteger.valueOf(earliest + 10)).send();
        hub.schedulePolicy(secondPrice, BigInteger.valueOf(earliest + 20)).send();
        assertThat(revert(owner, hub.schedulePolicy(firstPrice, BigInteger.valueOf(earliest + 15))))
                .startsWith(Reverts.selector("ActivationNotAfterPrevious(uint64,uint64)"));

        assertThat(revert(owner, hub.policyAt(BigInteger.valueOf(earliest + 9))))
                .startsWith(Reverts.selector("NoPolicyAt(uint64)"));
        assertThat(hub.policyAt(BigInteger.valueOf(earliest + 10)).send().reservePrice)
                .isEqualTo(BigInteger.valueOf(100));
        assertThat(hub.policyAt(BigInteger.valueOf(earliest + 19)).send().format)
                .isEqualTo(BigInteger.ZERO);
        assertThat(hub.policyAt(BigInteger.valueOf(earliest + 20)).send().format)
                .isEqualTo(BigInteger.ONE);
        assertThat(hub.policyAt(BigInteger.valueOf(earliest + 1_000)).send().reservePrice)
                .isEqualTo(BigInteger.valueOf(250));
    }

    @Test
    void onlyTheOwnerGovernsAndEveryChangeIsAnEvent() throws Exception {
        Credentials stranger = chain.account(2);

        assertThat(revert(stranger, as(stranger).approveWorkload(WORKLOAD, "x", List.of())))
                .startsWith(Reverts.selector("OwnableUnauthorizedAccount(address)"));
        assertThat(revert(stranger, as(stranger).setAuctioneer(stranger.getAddress())))
                .startsWith(Reverts.selector("OwnableUnauthorizedAccount(address)"));
        TransactionReceipt key = hub.setAuctionKey(BigInteger.valueOf(2), Hash.sha3("x25519 public key".getBytes()))
                .send();
        TransactionReceipt auctioneer =
                hub.setAuctioneer(chain.account(2).getAddress()).send();

        assertThat(BuilderHub.getAuctionKeySetEvents(key))
                .singleElement()
                .satisfies(e -> assertThat(e.keyId).isEqualTo(BigInteger.TWO));
        assertThat(BuilderHub.getAuctioneerSetEvents(auctioneer)).hasSize(1);
        assertThat(hub.auctionKeyId().send()).isEqualTo(BigInteger.TWO);
        assertThat(hub.workload(WORKLOAD).send().sourceCommit).isEqualTo("31bb2820");
    }

    private byte[] proof(Credentials builder, byte[] registration) throws Exception {
        return Attestations.proof(
                chain,
                verifier,
                attestor,
                QUOTE,
                WORKLOAD,
                Attestations.reportData(builder.getAddress(), registration));
    }

    private byte[] permit(Credentials builder, byte[] registration, BigInteger nonce, BigInteger deadline)
            throws Exception {
        byte[] digest = hub.registerDigest(Hash.sha3(QUOTE), Hash.sha3(registration), nonce, deadline)
                .send();
        return BidSignature.of(Sign.signMessage(digest, builder.getEcKeyPair(), false))
                .toArray();
    }

    private static BuilderHub.Policy policy(int format, long reserve) {
        return new BuilderHub.Policy(
                BigInteger.valueOf(format),
                BigInteger.valueOf(reserve),
                BigInteger.valueOf(100),
                BigInteger.valueOf(4),
                BigInteger.ZERO,
                owner.getAddress());
    }

    private BuilderHub as(Credentials credentials) {
        return BuilderHub.load(hub.getContractAddress(), chain.web3j(), chain.tx(credentials), chain.gas());
    }

    private String revert(Credentials from, org.web3j.protocol.core.RemoteFunctionCall<?> call) throws Exception {
        return Reverts.revertData(
                chain.web3j(), from.getAddress(), hub.getContractAddress(), call.encodeFunctionCall());
    }
}
