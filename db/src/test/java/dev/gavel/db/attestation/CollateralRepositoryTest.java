package dev.gavel.db.attestation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.schema.HistorySchema;
import dev.gavel.db.testing.Sql;
import dev.gavel.primitives.Bytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fetched collateral on a real PostgreSQL: a document per kind and key, replaced by a newer fetch. */
class CollateralRepositoryTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    static Path dataDirectory;

    private static EmbeddedDatabase database;
    private static CollateralRepository repository;

    @BeforeAll
    static void start() {
        database = EmbeddedDatabase.start(dataDirectory.resolve("pg"));
        HistorySchema.migrate(database.dataSource());
        repository = new CollateralRepository(database.dataSource());
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    @Test
    void aDocumentIsStoredAsServedAndAFetchReplacesIt() throws Exception {
        CollateralRepository.DocumentRow rootCrl = new CollateralRepository.DocumentRow(
                "root-crl",
                "",
                Bytes.of(new byte[] {0x30, 1, 2}),
                Bytes.EMPTY,
                T0,
                T0.plusSeconds(86_400 * 365),
                T0,
                null);
        repository.save(tcbInfo(T0, 17));
        repository.save(rootCrl);
        repository.save(tcbInfo(T0.plusSeconds(3_600), 18));

        assertThat(repository.all()).containsExactly(rootCrl, tcbInfo(T0.plusSeconds(3_600), 18));
        assertThat(Sql.scalar(
                        database.dataSource(),
                        "select tcb_evaluation_data_number from attestation_collateral_status where kind = 'tcb-info'"))
                .isEqualTo("18");
    }

    private static CollateralRepository.DocumentRow tcbInfo(Instant fetched, int number) {
        return new CollateralRepository.DocumentRow(
                "tcb-info",
                "90C06F000000",
                Bytes.of(
                        ("{\"tcbInfo\":{\"n\":" + number + "},\"signature\":\"00\"}").getBytes(StandardCharsets.UTF_8)),
                Bytes.of("-----BEGIN CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII)),
                fetched.minusSeconds(86_400),
                fetched.plusSeconds(86_400 * 29),
                fetched,
                number);
    }
}
