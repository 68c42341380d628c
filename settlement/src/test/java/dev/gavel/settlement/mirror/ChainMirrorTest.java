package dev.gavel.settlement.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.bidding.round.AuctionFormat;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.mirror.MirrorRepository;
import dev.gavel.db.schema.HistorySchema;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.InMemoryMirrorStore;
import dev.gavel.settlement.testing.LocalDeployment;
import dev.gavel.settlement.testing.SettlementWorld;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/** The chain mirror on anvil and a real PostgreSQL: what it sees, when, and where it resumes. */
class ChainMirrorTest {
    private static final long CONFIRMATIONS = 2;

    @TempDir
    static Path temp;

    private static AnvilChain chain;
    private static EmbeddedDatabase database;
    private static SettlementWorld world;

    @BeforeAll
    static void start() throws Exception {
        chain = AnvilChain.start();
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        HistorySchema.migrate(database.dataSource());
        world = new SettlementWorld(chain);
    }

    @AfterAll
    static void stop() {
        chain.close();
        database.close();
    }

    @Test
    void followsRegistrationsPoliciesDepositsAndSuspensionsWithinTheConfirmationDepth() throws Exception {
        ChainMirror mirror = mirror(chain.web3j());
        Address alice = Address.fromHex(world.builder(1).getAddress());
        chain.mine(CONFIRMATIONS);

        HubView view = mirror.poll();
        assertThat(view.builders()).hasSize(3);
        assertThat(view.builder(alice)).hasValueSatisfying(b -> {
            assertThat(b.status()).isEqualTo(HubView.Status.ACTIVE);
            assertThat(b.admitted()).isTrue();
        });
        assertThat(view.policies()).hasSize(2);
        assertThat(view.policyAt(new BlockNumber(SettlementWorld.FIRST_PRICE_FROM)))
                .hasValueSatisfying(p -> assertThat(p.format()).isEqualTo(AuctionFormat.FIRST_PRICE));
        assertThat(view.auctioneer())
                .isEqualTo(Address.fromHex(world.chain.account(0).getAddress()));

        world.deposit(world.builder(1), BigInteger.valueOf(5_000));
        world.hub.suspend(alice.toHex()).send();
        assertThat(mirror.poll().builder(alice).orElseThrow().status())
                .as("not yet confirmed")
                .isEqualTo(HubView.Status.ACTIVE);
        chain.mine(CONFIRMATIONS);
        HubView confirmed = mirror.poll();

        assertThat(confirmed.builder(alice)).hasValueSatisfying(b -> {
            assertThat(b.status()).isEqualTo(HubView.Status.SUSPENDED);
            assertThat(b.admitted()).isFalse();
            assertThat(b.balance()).isEqualTo(Wei.of(5_000));
        });
        try (ResultSet rows = database.dataSource()
                .getConnection()
                .createStatement()
                .executeQuery("select status from hub_builder_standing where builder = '" + alice.toHex() + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("SUSPENDED");
        }
    }

    @Test
    void readsEachBuildersWithdrawalRequestWhatItsEscrowStillBacksAndTheDelays() throws Exception {
        ChainMirror mirror = mirror(chain.web3j());
        Credentials bob = world.builder(2);
        Address address = Address.fromHex(bob.getAddress());
        Wei before = new Wei(world.settlement.balanceOf(bob.getAddress()).send());
        world.deposit(bob, BigInteger.valueOf(5_000));
        world.settlementAs(bob).requestWithdrawal(BigInteger.valueOf(2_000)).send();
        chain.mine(CONFIRMATIONS);

        HubView view = mirror.poll();
        HubView.BuilderStanding requested = view.builder(address).orElseThrow();
        assertThat(requested.balance()).isEqualTo(before.plus(Wei.of(5_000)));
        assertThat(requested.available()).isEqualTo(before.plus(Wei.of(3_000)));
        assertThat(requested.withdrawal().amount()).isEqualTo(Wei.of(2_000));
        assertThat(requested.withdrawal().expiresAt() - requested.withdrawal().availableAt())
                .isEqualTo(LocalDeployment.WITHDRAWAL_WINDOW);
        assertThat(requested.withdrawal().liveAt(view.block().value())).isTrue();
        assertThat(view.withdrawalDelay()).isEqualTo(LocalDeployment.WITHDRAWAL_DELAY);
        assertThat(view.policyDelay()).isEqualTo(LocalDeployment.POLICY_DELAY);
        assertThat(view.earliestActivation()).isEqualTo(view.highestProvenBlock() + LocalDeployment.POLICY_DELAY);

        chain.mine(requested.withdrawal().expiresAt() - chain.blockNumber().longValueExact() + CONFIRMATIONS);
        HubView expired = mirror.poll();

        assertThat(expired.builder(address)).hasValueSatisfying(b -> {
            assertThat(b.available()).as("an expired request backs bids again").isEqualTo(b.balance());
            assertThat(b.withdrawal().liveAt(expired.block().value())).isFalse();
        });
    }

    @Test
    void aRestartedMirrorResumesFromItsCheckpointWithTheBuildersItKnew() throws Exception {
        mirror(chain.web3j()).poll();
        long checkpoint = new MirrorRepository(database.dataSource())
                .checkpoint("builder-hub")
                .orElseThrow()
                .blockNumber()
                .value();

        ChainMirror restarted = mirror(chain.web3j());
        chain.mine(1);
        HubView view = restarted.poll();

        assertThat(view.block().value()).isGreaterThan(checkpoint);
        assertThat(view.builders()).hasSize(3);
    }

    @Test
    void aRegistrationRemovedByAReorgLeavesTheView() throws Exception {
        ChainMirror mirror = mirror(chain.web3j());
        Address dave = Address.fromHex(chain.account(6).getAddress());
        String beforeRegistration = chain.snapshot();
        world.register(chain.account(6));
        chain.mine(CONFIRMATIONS);
        assertThat(mirror.poll().builder(dave)).as("confirmed registration").isPresent();

        chain.revert(beforeRegistration);
        chain.mine(CONFIRMATIONS + 3);

        assertThat(mirror.poll().builder(dave))
                .as("the registration's block is no longer canonical")
                .isEmpty();
    }

    @Test
    void anRpcOutageFailsThePollByNameAndCatchingUpKeepsTheLastView() throws Exception {
        ChainMirror mirror = mirror(Web3j.build(new HttpService("http://127.0.0.1:9")), new InMemoryMirrorStore());

        assertThatThrownBy(mirror::poll).isInstanceOf(IOException.class);
        assertThat(mirror.catchUp()).isSameAs(HubView.EMPTY);
        assertThat(mirror.view()).isSameAs(HubView.EMPTY);
    }

    @Test
    void aStoreThatCannotSaveKeepsTheViewItHad() throws Exception {
        InMemoryMirrorStore store = new InMemoryMirrorStore();
        ChainMirror mirror = mirror(chain.web3j(), store);
        HubView before = mirror.catchUp();
        world.deposit(world.builder(2), BigInteger.valueOf(7));
        chain.mine(CONFIRMATIONS);
        store.unreachable(true);

        assertThat(mirror.catchUp()).as("not saved, so not in force").isSameAs(before);
        assertThatThrownBy(mirror::poll).isInstanceOf(MirrorStoreException.class);
        store.unreachable(false);
        assertThat(mirror.catchUp().block()).isGreaterThan(before.block());
        assertThat(store.saved()).hasSize(2);
    }

    @Test
    void aResumedMirrorReadsTheBuildersItsCheckpointKnewNotThoseBehindIt() throws Exception {
        Address alice = Address.fromHex(world.builder(1).getAddress());
        Address bob = Address.fromHex(world.builder(2).getAddress());
        BlockNumber head = BlockNumber.of(chain.blockNumber().longValueExact());
        InMemoryMirrorStore store = InMemoryMirrorStore.resumingAfter(head, Set.of(alice));
        ChainMirror mirror = mirror(chain.web3j(), store);
        chain.mine(CONFIRMATIONS + 1);

        HubView view = mirror.catchUp();

        assertThat(view.builder(alice))
                .as("known from the checkpoint, read again")
                .isPresent();
        assertThat(view.builder(bob))
                .as("registered before the checkpoint, never seen")
                .isEmpty();
        assertThat(store.saved()).containsExactly(view);
    }

    private static ChainMirror mirror(Web3j web3j) {
        return mirror(web3j, new JdbcMirrorStore(new MirrorRepository(database.dataSource())));
    }

    private static ChainMirror mirror(Web3j web3j, MirrorStore store) {
        return new ChainMirror(
                web3j,
                Address.fromHex(world.hub.getContractAddress()),
                Address.fromHex(world.settlement.getContractAddress()),
                CONFIRMATIONS,
                BlockNumber.of(0),
                store);
    }
}
