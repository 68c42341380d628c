package dev.gavel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.settlement.contracts.AuctionSettlement;
import dev.gavel.settlement.contracts.BuilderHub;
import dev.gavel.settlement.testing.AnvilChain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ContractsDeployCommandTest {
    @TempDir
    Path temp;

    @Test
    void deploysTheContractsWiredTogetherAndPrintsWhere() throws Exception {
        try (AnvilChain chain = AnvilChain.start()) {
            JsonNode deployed = deploy(
                    chain,
                    "--block-hash-source",
                    "signed",
                    "--sequencer",
                    chain.account(5).getAddress(),
                    "--l2-chain-id",
                    "901");

            for (String contract :
                    new String[] {"builderHub", "auctionSettlement", "attestorVerifier", "blockHashSource"}) {
                assertThat(chain.web3j()
                                .ethGetCode(deployed.get(contract).asString(), DefaultBlockParameterName.LATEST)
                                .send()
                                .getCode())
                        .as(contract)
                        .hasSizeGreaterThan(2);
            }
            BuilderHub hub = hub(chain, deployed);
            assertThat(hub.settlement().send())
                    .isEqualToIgnoringCase(deployed.get("auctionSettlement").asString());
            assertThat(hub.attestationVerifier().send())
                    .isEqualToIgnoringCase(deployed.get("attestorVerifier").asString());
            assertThat(hub.auctioneer().send())
                    .isEqualToIgnoringCase(chain.account(0).getAddress());
        }
    }

    @Test
    void aSameChainDeploymentCountsPolicyDelaysFromItsHeadAndHasTheContractsFloors() throws Exception {
        try (AnvilChain chain = AnvilChain.start()) {
            chain.mine(500);

            JsonNode deployed = deploy(chain);

            BuilderHub hub = hub(chain, deployed);
            AuctionSettlement settlement = AuctionSettlement.load(
                    deployed.get("auctionSettlement").asString(),
                    chain.web3j(),
                    new ReadonlyTransactionManager(
                            chain.web3j(), chain.account(0).getAddress()),
                    new DefaultGasProvider());
            assertThat(hub.highestProvenBlock().send().longValueExact())
                    .as("the head the deployment saw is proven")
                    .isGreaterThan(500);
            assertThat(hub.policyDelay().send().longValueExact()).isEqualTo(DeploymentDelays.DEFAULT_POLICY_DELAY);
            assertThat(settlement.withdrawalDelay().send().longValueExact())
                    .isEqualTo(DeploymentDelays.DEFAULT_WITHDRAWAL_DELAY);
            assertThat(settlement.withdrawalWindow().send().longValueExact())
                    .isEqualTo(DeploymentDelays.DEFAULT_WITHDRAWAL_WINDOW);
            assertThat(hub.MIN_POLICY_DELAY().send().longValueExact()).isEqualTo(DeploymentDelays.MIN_POLICY_DELAY);
            assertThat(settlement.MIN_WITHDRAWAL_DELAY().send().longValueExact())
                    .isEqualTo(DeploymentDelays.MIN_WITHDRAWAL_DELAY);
            assertThat(settlement.MIN_WITHDRAWAL_WINDOW().send().longValueExact())
                    .isEqualTo(DeploymentDelays.MIN_WITHDRAWAL_WINDOW);
            assertThat(hub.MAX_POLICY_DELAY().send().longValueExact()).isEqualTo(DeploymentDelays.MAX_DELAY);
        }
    }

    @Test
    void inconsistentDelaysAreRefusedBeforeAnythingIsSent() {
        for (String[] delays : new String[][] {
            {"--withdrawal-delay", "8000", "--settlement-window", "8191"},
            {"--withdrawal-delay", "300"},
            {"--policy-delay", "0"},
            {"--withdrawal-window", "10"},
            {"--policy-delay", "soon"}
        }) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            assertThat(Gavel.commandLine()
                            .run(
                                    args("http://127.0.0.1:1", "/nonexistent", delays),
                                    System.out,
                                    new PrintStream(err, true, StandardCharsets.UTF_8)))
                    .as(String.join(" ", delays))
                    .isEqualTo(Command.USAGE);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(delays[0]);
        }
    }

    @Test
    void missingOptionsPrintTheUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        assertThat(Gavel.commandLine()
                        .run(
                                new String[] {"contracts", "deploy", "--rpc", "http://127.0.0.1:1"},
                                System.out,
                                new PrintStream(err, true, StandardCharsets.UTF_8)))
                .isEqualTo(Command.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: gavel contracts deploy");
    }

    /** Runs {@code gavel contracts deploy} against {@code chain} with account 0's key: the JSON it printed. */
    private JsonNode deploy(AnvilChain chain, String... options) throws Exception {
        String key = Files.writeString(
                        temp.resolve("deployer.key"),
                        chain.account(0).getEcKeyPair().getPrivateKey().toString(16) + "\n")
                .toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(Gavel.commandLine()
                        .run(
                                args("http://127.0.0.1:" + chain.port(), key, options),
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                System.err))
                .isEqualTo(Command.OK);
        return JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
    }

    private static String[] args(String rpc, String keyFile, String... options) {
        return Stream.concat(
                        Stream.of("contracts", "deploy", "--rpc", rpc, "--key-file", keyFile), Arrays.stream(options))
                .toArray(String[]::new);
    }

    private static BuilderHub hub(AnvilChain chain, JsonNode deployed) {
        return BuilderHub.load(
                deployed.get("builderHub").asString(),
                chain.web3j(),
                new ReadonlyTransactionManager(chain.web3j(), chain.account(0).getAddress()),
                new DefaultGasProvider());
    }
}
