package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.primitives.PayloadId;
import dev.gavel.service.testing.ChannelBuilder;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.service.testing.TextSocket;
import dev.gavel.simulation.EngineClient;
import dev.gavel.simulation.Http11;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;

/**
 * The chart's Grafana dashboard and alert rules watch series a running Gavel really serves: after one auction round
 * (so histograms have samples), every {@code gavel_*} series their PromQL names is in a scrape of the management
 * port, with the label values they select. A renamed meter or tag breaks this test, not the operator's dashboard.
 */
class MonitoringSeriesTest {
    private static final Path CHART = Path.of("").toAbsolutePath().getParent().resolve("helm/gavel");
    private static final Pattern SELECTOR = Pattern.compile("\\b(gavel_[a-z0-9_]+)(\\{([^}]*)})?");
    private static final Pattern MATCHER = Pattern.compile("([a-zA-Z_]+)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? \\S+$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_]+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final ECKeyPair BUILDER = AuctionFixtures.builderKey(0);

    @TempDir
    static Path temp;

    static EmbeddedDatabase database;
    static RunningGavel gavel;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.start(temp.resolve("pg"));
        gavel = RunningGavel.start(database, temp.resolve("data"), List.of(BUILDER));
    }

    @AfterAll
    static void stop() {
        gavel.close();
        database.close();
    }

    @Test
    void everySeriesTheDashboardAndTheAlertRulesUseIsInARealScrape() throws Exception {
        runOneRound();
        Map<String, List<Map<String, String>>> scrape = scrape();

        List<String> expressions = new ArrayList<>(dashboardExpressions());
        expressions.add(
                Files.readString(CHART.resolve("templates/prometheusrule.yaml")).replaceAll("\\{\\{-?[^}]*-?}},?", ""));
        Set<String> checked = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (String expression : expressions) {
            Matcher selector = SELECTOR.matcher(expression);
            while (selector.find()) {
                checked.add(selector.group(1));
                missing.addAll(missingFrom(scrape, selector.group(1), selector.group(3)));
            }
        }

        assertThat(checked)
                .as("the series watched")
                .contains(
                        "gavel_engine_call_seconds_bucket",
                        "gavel_bid_intake_stage_seconds_bucket",
                        "gavel_bid_acknowledgement_seconds_bucket",
                        "gavel_websocket_delivery_seconds_bucket",
                        "gavel_bids_shed_total",
                        "gavel_engine_jwt_rejected_total",
                        "gavel_websocket_subscribers_dropped_total",
                        "gavel_mirror_lag_blocks",
                        "gavel_settler_balance_wei",
                        "gavel_build_info",
                        "gavel_rounds_closed_total",
                        "gavel_history_queued");
        assertThat(missing).as("selectors with no series in the scrape").isEmpty();
        for (String histogram : List.of(
                "gavel_engine_call_seconds_count{method=\"engine_getPayloadV4\",result=\"ok\"}",
                "gavel_bid_acknowledgement_seconds_count{status=\"202\"}",
                "gavel_bid_intake_stage_seconds_count{stage=\"open\"}",
                "gavel_bid_intake_stage_seconds_count{stage=\"durable\"}",
                "gavel_websocket_delivery_seconds_count{feed=\"channel\"}",
                "gavel_websocket_delivery_seconds_count{feed=\"winners\"}")) {
            assertThat(gavel.metric(histogram)).as(histogram).isPositive();
        }
        assertThat(scrape.get("gavel_build_info").getFirst())
                .containsEntry("version", "0.1.0-SNAPSHOT")
                .containsKey("commit");
    }

    /** What {@code name{matchers}} selects that the scrape lacks: the name, or a literal label value (not a variable). */
    private static List<String> missingFrom(
            Map<String, List<Map<String, String>>> scrape, String name, String matchers) {
        List<Map<String, String>> samples = scrape.get(name);
        if (samples == null) {
            return List.of(name);
        }
        List<String> missing = new ArrayList<>();
        Matcher matcher = MATCHER.matcher(matchers == null ? "" : matchers);
        while (matcher.find()) {
            String label = matcher.group(1);
            String operator = matcher.group(2);
            String value = matcher.group(3);
            if (value.contains("$") || operator.startsWith("!")) {
                continue;
            }
            Pattern regex = Pattern.compile(operator.equals("=~") ? value : Pattern.quote(value));
            if (samples.stream()
                    .noneMatch(sample -> sample.containsKey(label)
                            && regex.matcher(sample.get(label)).matches())) {
                missing.add(name + "{" + label + operator + "\"" + value + "\"}");
            }
        }
        return missing;
    }

    private static List<String> dashboardExpressions() throws Exception {
        JsonNode dashboard = WireJson.MAPPER.readTree(Files.readString(CHART.resolve("dashboards/gavel.json")));
        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            panel.get("targets")
                    .forEach(target -> expressions.add(target.get("expr").asString()));
        }
        dashboard
                .get("templating")
                .get("list")
                .forEach(variable -> expressions.add(variable.path("definition").asString("")));
        assertThat(expressions).as("the dashboard's queries").hasSizeGreaterThan(15);
        return expressions;
    }

    /** Each series name of the scrape, with the labels of each of its samples. */
    private static Map<String, List<Map<String, String>>> scrape() throws Exception {
        String text = Http11.client()
                .send(
                        HttpRequest.newBuilder(URI.create(gavel.management() + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, List<Map<String, String>>> series = new HashMap<>();
        for (String line : text.lines().filter(l -> !l.startsWith("#")).toList()) {
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("a sample line: %s", line).isTrue();
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(sample.group(3) == null ? "" : sample.group(3));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            series.computeIfAbsent(sample.group(1), name -> new ArrayList<>()).add(labels);
        }
        return series;
    }

    /**
     * A round with a subscriber on each websocket feed, a bid, getPayloadV4 and the winner's announcement; then one
     * nobody bids in.
     */
    private static void runOneRound() throws Exception {
        EngineClient engine = gavel.engine();
        ExecutionPayload parent = Sequencer.declareBlock(engine, 1_000, new Random(1));
        BuilderClient builder = gavel.builder(BUILDER);
        try (TextSocket winners = new TextSocket(gavel.ws("/v1/winners"));
                TextSocket channel = new TextSocket(gavel.ws("/v1/builder"))) {
            assertThat(ChannelBuilder.logIn(
                                    channel, AuctionFixtures.DOMAIN, BUILDER, AuctionFixtures.address(BUILDER), null)
                            .path("type")
                            .asString())
                    .isEqualTo("welcome");
            Thread.sleep(300); // the winners subscription registers before the round opens
            PayloadAttributes attributes =
                    SimulatedBlocks.attributes(Instant.now().plusSeconds(3).getEpochSecond(), 1);
            PayloadId payloadId = Sequencer.openRound(engine, parent, attributes);
            while (!ChannelBuilder.next(channel).path("type").asString().equals("buildJob")) {
                // the chain's blocks and forkchoice states come first
            }
            AuctionFixtures.Offer offer = AuctionFixtures.offer(
                    BUILDER, parent.blockNumber().next(), parent.blockHash(), attributes, 5_000, 7);
            assertThat(builder.submit(
                                    offer.bid(),
                                    offer.envelope(),
                                    AuctionFixtures.roundOf(parent.blockHash(), attributes))
                            .get())
                    .isInstanceOf(SubmitResult.Accepted.class);
            assertThat(engine.call("engine_getPayloadV4", payloadId.toHex()).has("result"))
                    .isTrue();
            assertThat(winners.next(Duration.ofSeconds(5))).contains(payloadId.toHex());
        }
        ExecutionPayload next = Sequencer.declareBlock(engine, 2_000, new Random(2));
        PayloadId unbid = Sequencer.openRound(
                engine,
                next,
                SimulatedBlocks.attributes(Instant.now().plusSeconds(3).getEpochSecond(), 2));
        assertThat(engine.call("engine_getPayloadV4", unbid.toHex()).has("error"))
                .as("a round nobody bid in has no block to serve")
                .isTrue();
    }
}
