package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Hex;
import dev.gavel.service.config.SecretFiles;
import dev.gavel.service.testing.OnchainGavel;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.SettlementWorld;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up refuses settings that disagree with the contracts they name, with the property and both values: each
 * of these would start an auction whose revenue nobody can collect.
 */
class ContractAgreementTest {
    private static final String STRANGER = "0x" + "5a".repeat(20);

    @TempDir
    static Path temp;

    static AnvilChain chain;
    static SettlementWorld world;
    static EmbeddedDatabase database;

    @BeforeAll
    static void start() throws Exception {
        chain = AnvilChain.start();
        world = new SettlementWorld(chain);
        database = EmbeddedDatabase.start(temp.resolve("pg"));
    }

    @AfterAll
    static void stop() {
        database.close();
        chain.close();
    }

    @Test
    void aSettlementAddressThatIsNotTheHubsSettlementContractStopsStartUp() {
        String deployed = Address.fromHex(world.settlement.getContractAddress()).toHex();

        assertThatThrownBy(() -> start(
                        "one",
                        "--gavel.chain.settlement-address=" + STRANGER,
                        "--gavel.auction.settlement-contract=" + STRANGER))
                .rootCause()
                .hasMessageContaining(
                        "gavel.chain.settlement-address is " + STRANGER + " but the hub at gavel.chain.hub-address")
                .hasMessageContaining("names " + deployed + " as its settlement contract");
    }

    @Test
    void aBidDomainContractOtherThanTheSettlementAddressStopsStartUp() {
        String deployed = Address.fromHex(world.settlement.getContractAddress()).toHex();

        assertThatThrownBy(() -> start("two", "--gavel.auction.settlement-contract=" + STRANGER))
                .rootCause()
                .hasMessageContaining("gavel.auction.settlement-contract is " + STRANGER
                        + " but gavel.chain.settlement-address is " + deployed);
    }

    @Test
    void aBidDomainOfTheAuctionedChainsIdStopsStartUp() {
        assertThatThrownBy(() -> start("three", "--gavel.auction.chain-id=" + SettlementWorld.L2_CHAIN_ID))
                .rootCause()
                .hasMessageContaining("gavel.auction.chain-id " + SettlementWorld.L2_CHAIN_ID)
                .hasMessageContaining("the settlement chain's id is " + AnvilChain.CHAIN_ID);
    }

    @Test
    void aSettlerThatIsNotTheHubsAuctioneerStopsStartUp() {
        Path stranger = SecretFiles.writePrivateKey(
                temp.resolve("stranger.key"), chain.account(7).getEcKeyPair());

        assertThatThrownBy(() -> start("four", "--gavel.settlement.settler-key-file=" + stranger))
                .rootCause()
                .hasMessageContaining("gavel.settlement.settler-key-file holds the key of "
                        + Address.fromHex(chain.account(7).getAddress()).toHex())
                .hasMessageContaining("the hub's auctioneer is "
                        + Address.fromHex(chain.account(0).getAddress()).toHex());
    }

    @Test
    void anAuctionKeyOtherThanTheHubsStopsStartUpAndTheHubsOwnStarts() throws Exception {
        AuctionKeyPair published = AuctionKeyPair.generate(1);
        AuctionKeyPair other = AuctionKeyPair.generate(1);
        publishOnHub(published);

        assertThatThrownBy(() -> start("five", "--gavel.auction.key-file=" + keyFile("other.hex", other)))
                .rootCause()
                .hasMessageContaining("gavel.auction.key-file holds the key whose public key is " + publicKey(other)
                        + " but the hub's auctionPublicKey is " + publicKey(published));
        assertThatThrownBy(() -> start(
                        "six",
                        "--gavel.auction.key-file=" + keyFile("published.hex", published),
                        "--gavel.auction.key-id=2"))
                .rootCause()
                .hasMessageContaining("gavel.auction.key-id is 2 but the hub's auctionKeyId is 1");
        start("seven", "--gavel.auction.key-file=" + keyFile("published.hex", published));
    }

    private static void publishOnHub(AuctionKeyPair key) throws Exception {
        world.hub
                .setAuctionKey(
                        BigInteger.valueOf(key.keyId()),
                        key.publicKey().publicKey().toArray())
                .send();
    }

    private static Path keyFile(String name, AuctionKeyPair key) throws Exception {
        return Files.writeString(temp.resolve(name), Hex.encode(key.privateKeyBytes()));
    }

    private static Hash32 publicKey(AuctionKeyPair key) {
        return Hash32.of(key.publicKey().publicKey().toArray());
    }

    private static void start(String name, String... overrides) {
        RunningGavel.start(database, temp.resolve(name), List.of(), OnchainGavel.settings(world, 1, overrides))
                .close();
    }
}
