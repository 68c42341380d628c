package dev.gavel.devtools.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.cli.Command;
import dev.gavel.devtools.GavelDevTools;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * `gavel devnet --blocks N` runs the whole system and its summary adds up: nothing lost, everything paid once,
 * honest bids acknowledged while attackers beside it trickle bodies and flood forged bids; and a builder run
 * through the TypeScript client (clients/typescript, in node) bids and wins beside the Java ones; the chain's
 * orderflow reaches the builders on their channel, and no one else, and ends in the winners' blocks.
 */
class DevnetCommandTest {
    @TempDir
    Path temp;

    @Test
    void aShortDevnetRunUnderAttackSettlesEveryCanonicalWinOnce() throws Exception {
        DevnetRun run = devnet(
                "--blocks",
                "4",
                "--builders",
                "3",
                "--invalid-share",
                "0.3",
                "--slowloris",
                "8",
                "--forged-flood",
                "20");
        assertThat(run.output()).contains("block 1004  bids ");
        JsonNode summary = run.summary();
        assertThat(summary.get("blocks").asLong()).isEqualTo(4);
        assertThat(summary.get("rounds_with_winner").asLong()).isPositive();
        long rejected = 0;
        for (JsonNode count : summary.get("bids_rejected_by_reason")) {
            rejected += count.asLong();
        }
        assertThat(summary.get("bids_rejected_by_reason").has("PAYLOAD_MISMATCH"))
                .as("the invalid bids were caught")
                .isTrue();
        assertThat(summary.get("bids_accepted").asLong() + rejected)
                .isEqualTo(summary.get("bids_submitted").asLong());
        assertThat(summary.get("acknowledged_bids_missing_from_db").asLong()).isZero();
        assertThat(summary.get("outcomes_settled").asLong())
                .isEqualTo(summary.get("outcomes_payable").asLong())
                .isPositive();
        assertThat(summary.get("wei_charged").bigIntegerValue())
                .isEqualTo(summary.get("wei_expected").bigIntegerValue())
                .isPositive();
        assertThat(summary.get("double_charges").asLong()).isZero();
        assertThat(summary.get("honest_bids_accepted").asLong())
                .as("honest bids acknowledged under attack")
                .isGreaterThanOrEqualTo(summary.get("honest_bids_sent").asLong() * 9 / 10)
                .isPositive();
        assertThat(summary.get("honest_ack_p99_ms").asDouble()).isPositive();
        JsonNode attack = summary.get("attack");
        assertThat(attack.get("forged_bids_answered_by_status").get("403").asLong())
                .as("forged bids refused for their signature")
                .isPositive();
        assertThat(attack.get("slowloris_cut_off").asLong())
                .as("trickling connections cut off")
                .isPositive();
    }

    @Test
    void hostileBuildersAreRefusedOrStruckAndNeitherWinNorStopSettlement() throws Exception {
        DevnetRun run = devnet("--blocks", "5", "--builders", "2", "--invalid-share", "0", "--hostile");
        JsonNode summary = run.summary();
        JsonNode rejected = summary.get("bids_rejected_by_reason");
        assertThat(rejected.path("INSUFFICIENT_ESCROW").asLong())
                .as("the overbidder and the withdrawing builder")
                .isPositive();
        assertThat(rejected.path("EXECUTION_REQUESTS_NOT_EMPTY").asLong()).isPositive();
        assertThat(rejected.path("WRONG_PAYLOAD_VERSION").asLong()).isPositive();
        assertThat(summary.get("strikes").asLong())
                .as("the wrong state root won and the sequencer refused it")
                .isPositive();
        assertThat(summary.get("hostile_wins").asLong()).isZero();
        assertThat(summary.get("honest_outcomes_unsettled").asLong()).isZero();
        assertThat(summary.get("double_charges").asLong()).isZero();
        assertThat(summary.get("acknowledged_bids_missing_from_db").asLong()).isZero();
        assertThat(summary.get("wei_charged").bigIntegerValue())
                .isEqualTo(summary.get("wei_expected").bigIntegerValue())
                .isPositive();
    }

    @Test
    void aBuilderRunThroughTheTypeScriptClientBidsAndWins() throws Exception {
        DevnetRun run = devnet(
                "--blocks",
                "4",
                "--builders",
                "2",
                "--ts-builder",
                Path.of("")
                        .toAbsolutePath()
                        .getParent()
                        .resolve("clients/typescript")
                        .toString());
        JsonNode summary = run.summary();
        assertThat(summary.get("acknowledged_bids_missing_from_db").asLong()).isZero();
        assertThat(summary.get("double_charges").asLong()).isZero();
        JsonNode typescript = summary.get("typescript_builder");
        assertThat(typescript.get("bids_rejected_by_reason").propertyNames())
                .as("the TypeScript client's bids are refused at most for being late on a loaded machine")
                .isSubsetOf("LATE_BID", "ROUND_CLOSED");
        assertThat(typescript.get("bids_failed_unanswered").asLong()).isZero();
        assertThat(typescript.get("wins").asLong())
                .as("the TypeScript builder outbids the others whenever its bid is in")
                .isPositive()
                .isEqualTo(typescript.get("bids_accepted").asLong());
        assertThat(summary.get("outcomes_settled").asLong())
                .as("its wins paid onchain")
                .isEqualTo(summary.get("outcomes_payable").asLong())
                .isGreaterThanOrEqualTo(typescript.get("wins").asLong());
    }

    @Test
    void theChainsOrderflowReachesOnlyAdmittedBuildersAndEndsInTheWinnersBlocks() throws Exception {
        DevnetRun run = devnet("--blocks", "6", "--builders", "2", "--invalid-share", "0", "--orderflow-tps", "50");
        JsonNode summary = run.summary();
        assertThat(summary.get("orderflow_sent").asLong()).isPositive();
        assertThat(summary.get("orderflow_delivered_p99_ms").asDouble())
                .as("the builders received the orderflow")
                .isPositive();
        assertThat(summary.get("orderflow_included_share").asDouble())
                .as("winners' blocks carry the chain's transactions")
                .isPositive();
        assertThat(summary.get("channel_refused").asLong())
                .as("the stranger's and the suspended builder's handshakes")
                .isGreaterThanOrEqualTo(1);
        assertThat(summary.get("orderflow_leaked").asLong()).isZero();
        assertThat(summary.get("channel_suspended_disconnected").asBoolean())
                .as("the suspended builder was closed out")
                .isTrue();
        assertThat(summary.get("double_charges").asLong()).isZero();
    }

    @Test
    void badOptionsAreAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = GavelDevTools.commandLine()
                .run(
                        new String[] {"devnet", "--builders", "0"},
                        System.out,
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(Command.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1-16 builders", "usage: gavel devnet");
    }

    /** Runs `gavel devnet` with {@code options}, which must succeed: what it printed and its summary. */
    private DevnetRun devnet(String... options) throws Exception {
        Path summaryFile = temp.resolve("summary.json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("devnet"));
        arguments.addAll(List.of(options));
        arguments.addAll(List.of("--summary-json", summaryFile.toString()));

        int exit = GavelDevTools.commandLine()
                .run(arguments.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).isEqualTo(Command.OK);
        return new DevnetRun(
                out.toString(StandardCharsets.UTF_8), WireJson.MAPPER.readTree(Files.readString(summaryFile)));
    }

    private record DevnetRun(String output, JsonNode summary) {}
}
