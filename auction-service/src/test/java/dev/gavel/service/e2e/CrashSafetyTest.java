package dev.gavel.service.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.testing.Sql;
import dev.gavel.service.testing.Bidders;
import dev.gavel.service.testing.ChildGavel;
import dev.gavel.service.testing.RunningGavel;
import dev.gavel.service.testing.Sequencer;
import dev.gavel.simulation.EngineClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

/** Acknowledged bids survive a hard stop (kill -9) of the service; the interrupted round is recorded as aborted. */
class CrashSafetyTest {
    static final List<ECKeyPair> BUILDERS =
            List.of(AuctionFixtures.builderKey(0), AuctionFixtures.builderKey(1), AuctionFixtures.builderKey(2));

    @TempDir
    Path temp;

    @Test
    void acknowledgedBidsSurviveAHardStopAndTheRoundIsAborted() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"))) {
            int http = ChildGavel.freePort();
            int enginePort = ChildGavel.freePort();
            String[] arguments = RunningGavel.arguments(database, temp.resolve("data"), BUILDERS, http, enginePort);
            ChildGavel first = ChildGavel.launch(arguments, temp.resolve("gavel.log"));
            long roundId;
            try {
                EngineClient engine = ChildGavel.engine(temp.resolve("data"), enginePort);
                ExecutionPayload parent = Sequencer.declareBlock(engine, 500, new Random(5));
                PayloadAttributes attributes =
                        SimulatedBlocks.attributes(Instant.now().plusSeconds(60).getEpochSecond(), 500);
                Sequencer.openRound(engine, parent, attributes);
                Bidders.everyOneBids(URI.create("http://127.0.0.1:" + http), BUILDERS, parent, attributes);
                roundId = Long.parseLong(
                        Sql.scalar(database.dataSource(), "select round_id from rounds where block_number = 501"));
            } finally {
                first.killHard();
            }

            assertThat(Sql.scalar(
                            database.dataSource(),
                            "select count(*) from bids where status = 'accepted' and ciphertext is not null and round_id = "
                                    + roundId))
                    .isEqualTo("3");
            assertThat(Sql.scalar(database.dataSource(), "select status from rounds where round_id = " + roundId))
                    .isEqualTo("open");

            ChildGavel second = ChildGavel.launch(arguments, temp.resolve("gavel.log"));
            try {
                assertThat(Sql.scalar(database.dataSource(), "select status from rounds where round_id = " + roundId))
                        .isEqualTo("aborted");
                assertThat(Sql.scalar(database.dataSource(), "select count(*) from bids where round_id = " + roundId))
                        .isEqualTo("3");
            } finally {
                second.stop();
            }
        }
    }
}
