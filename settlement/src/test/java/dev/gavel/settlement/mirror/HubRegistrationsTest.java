package dev.gavel.settlement.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.fixtures.Fixtures;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.settlement.contracts.RegistrationForwarder;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.Attestations;
import dev.gavel.settlement.testing.LocalDeployment;
import dev.gavel.settlement.testing.SettlementWorld;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The quote a builder registered with, read back from the chain: the hub keeps only its record, the event has
 * the quote's hash, the transaction's calldata has the quote. With the real op-rbuilder quote.
 */
class HubRegistrationsTest {
    private static final byte[] OP_RBUILDER_QUOTE = Fixtures.bytes("tdx/op-rbuilder-test-quote.bin");

    private static AnvilChain chain;
    private static SettlementWorld world;
    private static LocalDeployment deployment;
    private static HubRegistrations registrations;

    @BeforeAll
    static void start() throws Exception {
        chain = AnvilChain.start();
        world = new SettlementWorld(chain);
        deployment = world.deployment();
        registrations = new HubRegistrations(chain.web3j(), Address.fromHex(world.hub.getContractAddress()));
    }

    @AfterAll
    static void stop() {
        chain.close();
    }

    @Test
    void theQuoteOfADirectRegistrationIsReadFromItsCalldata() throws Exception {
        Credentials builder = chain.account(6);
        byte[] registration = Attestations.registrationData("op-rbuilder");
        TransactionReceipt receipt = deployment.register(builder, OP_RBUILDER_QUOTE, registration);

        HubRegistrations.Registration read = registrations.read(address(builder), record(builder));

        assertThat(read.quote()).isEqualTo(Bytes.of(OP_RBUILDER_QUOTE));
        assertThat(read.registrationData()).isEqualTo(Bytes.of(registration));
        assertThat(read.transaction()).isEqualTo(Hash32.fromHex(receipt.getTransactionHash()));
        assertThat(read.block()).isEqualTo(receipt.getBlockNumber().longValueExact());
    }

    @Test
    void aRelayedRegistrationAndAReRegistrationAreReadToo() throws Exception {
        Credentials builder = Credentials.create(ECKeyPair.create(BigInteger.valueOf(0xe0e0)));
        chain.fund(builder.getAddress(), BigInteger.TEN.pow(18));
        byte[] registration = Attestations.registrationData("relayed");
        deployment.registerWithPermit(builder, chain.account(2), OP_RBUILDER_QUOTE, registration);
        HubView.RegistrationRecord first = record(builder);
        assertThat(registrations.read(address(builder), first).quote()).isEqualTo(Bytes.of(OP_RBUILDER_QUOTE));

        byte[] newQuote = "a newer quote".getBytes(StandardCharsets.US_ASCII);
        deployment.register(builder, newQuote, registration);
        HubView.RegistrationRecord second = record(builder);

        assertThat(second.block()).isGreaterThan(first.block());
        assertThat(registrations.read(address(builder), second).quote()).isEqualTo(Bytes.of(newQuote));
    }

    @Test
    void aRegistrationThroughAnotherContractHasNoQuoteInItsCalldata() throws Exception {
        Credentials builder = Credentials.create(ECKeyPair.create(BigInteger.valueOf(0xf0f0)));
        byte[] registration = Attestations.registrationData("forwarded");
        RegistrationForwarder forwarder = RegistrationForwarder.deploy(
                        chain.web3j(), chain.tx(chain.account(2)), chain.gas())
                .send();
        LocalDeployment.Permit permit = deployment.permit(builder, OP_RBUILDER_QUOTE, registration);
        forwarder
                .forward(
                        world.hub.getContractAddress(),
                        OP_RBUILDER_QUOTE,
                        registration,
                        deployment.proof(builder, OP_RBUILDER_QUOTE, registration),
                        permit.deadline(),
                        permit.signature())
                .send();

        assertThatThrownBy(() -> registrations.read(address(builder), record(builder)))
                .isInstanceOf(HubRegistrations.NotFound.class)
                .hasMessageContaining("through another contract");
    }

    @Test
    void aRecordTheChainDoesNotBackIsNotFound() throws Exception {
        Credentials builder = chain.account(1);
        HubView.RegistrationRecord real = record(builder);

        assertThatThrownBy(() -> registrations.read(
                        address(builder),
                        new HubView.RegistrationRecord(real.block() + 1, real.registrationDataHash())))
                .isInstanceOf(HubRegistrations.NotFound.class)
                .hasMessageContaining("no BuilderRegistered event");
        assertThatThrownBy(() -> registrations.read(
                        address(builder),
                        new HubView.RegistrationRecord(real.block(), Hash32.fromHex("0x" + "11".repeat(32)))))
                .isInstanceOf(HubRegistrations.NotFound.class)
                .hasMessageContaining("not the one the hub recorded");
    }

    private static HubView.RegistrationRecord record(Credentials builder) throws Exception {
        var record = world.hub.builders(builder.getAddress()).send();
        return new HubView.RegistrationRecord(record.component4().longValueExact(), Hash32.of(record.component3()));
    }

    private static Address address(Credentials builder) {
        return Address.fromHex(builder.getAddress());
    }
}
