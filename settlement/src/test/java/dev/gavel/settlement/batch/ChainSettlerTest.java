package dev.gavel.settlement.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.Wei;
import dev.gavel.settlement.proof.SameChainProofs;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.InMemorySettlementStore;
import dev.gavel.settlement.testing.SettlementWorld;
import dev.gavel.settlement.testing.WonBlocks;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/** The settler as the service runs it, on anvil over the in-memory store: it waits for the chain, then settles. */
class ChainSettlerTest {
    private static final BatchRules SEND_AT_ONCE = new BatchRules(1, 64, Duration.ZERO, 16);
    private static final Settler.Timing TIMING =
            new Settler.Timing(1, Duration.ofSeconds(30), 25, Wei.of(1_000_000_000_000L));

    @Test
    void anUnreachableChainOnlyDelaysSettlementUntilAPassReachesIt() throws Exception {
        try (AnvilChain chain = AnvilChain.start()) {
            SettlementWorld world = new SettlementWorld(chain);
            chain.mine(3);
            world.deposit(world.builder(1), BigInteger.TEN.pow(18));
            InMemorySettlementStore store = new InMemorySettlementStore(Clock.systemUTC());
            long round = WonBlocks.in(store, world.signatures)
                    .payable(1_000, world.builder(1), 900, null, 0, "second-price", 100);
            SettlerConnection nobody = connection("http://127.0.0.1:9", world);
            SettlerConnection anvil = connection("http://127.0.0.1:" + chain.port(), world);
            List<SettlerConnection> attempts = new ArrayList<>();
            List<SettlementReport> reports = new ArrayList<>();
            ChainSettler settler = new ChainSettler(
                    () -> {
                        SettlerConnection next = attempts.isEmpty() ? nobody : anvil;
                        attempts.add(next);
                        return next.connect(store, SEND_AT_ONCE, TIMING, Clock.systemUTC());
                    },
                    reports::add);

            settler.runOnce(); // the chain is down: a warning, no report
            assertThat(reports).isEmpty();
            for (int pass = 0; pass < 5 && !store.states().getFirst().contains("settled"); pass++) {
                settler.runOnce();
                chain.mine(1);
            }

            assertThat(attempts).containsExactly(nobody, anvil);
            assertThat(store.states()).containsExactly(round + ":settled:100:100");
            assertThat(reports)
                    .isNotEmpty()
                    .last()
                    .satisfies(r -> assertThat(r.backlog().total()).isZero());
        }
    }

    @Test
    void aSameChainWindowTheContractsCannotHaveIsRefusedBeforeAnyChainIsAsked() {
        assertThatThrownBy(() -> new SettlerConnection(
                        "http://127.0.0.1:9",
                        Address.of(new byte[20]),
                        Credentials.create("0x" + "11".repeat(32)),
                        Optional.empty(),
                        1_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256");
    }

    private static SettlerConnection connection(String rpcUrl, SettlementWorld world) {
        return new SettlerConnection(
                rpcUrl,
                Address.fromHex(world.settlement.getContractAddress()),
                world.chain.account(0),
                Optional.of(world.sequencer()),
                SameChainProofs.BLOCKHASH_WINDOW);
    }
}
