package dev.gavel.service.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.attestation.source.PcsDocument;
import dev.gavel.db.attestation.CollateralRepository;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.schema.HistorySchema;
import dev.gavel.primitives.Bytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PCS source's documents survive a restart in PostgreSQL exactly as they were fetched. */
class JdbcCollateralStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");

    @TempDir
    Path temp;

    @Test
    void whatIsSavedLoadsBackAsItWas() {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(temp.resolve("pg"))) {
            HistorySchema.migrate(database.dataSource());
            JdbcCollateralStore store = new JdbcCollateralStore(new CollateralRepository(database.dataSource()));
            PcsDocument tcbInfo = new PcsDocument(
                    PcsDocument.Kind.TCB_INFO,
                    "90C06F000000",
                    Bytes.of("{\"tcbInfo\":{},\"signature\":\"00\"}".getBytes(StandardCharsets.UTF_8)),
                    Bytes.of("-----BEGIN CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII)),
                    T0.minusSeconds(86_400),
                    T0.plusSeconds(29 * 86_400),
                    T0,
                    17);
            PcsDocument rootCrl = new PcsDocument(
                    PcsDocument.Kind.ROOT_CRL,
                    "",
                    Bytes.of(new byte[] {0x30, 0x01}),
                    Bytes.EMPTY,
                    T0.minusSeconds(86_400),
                    T0.plusSeconds(365 * 86_400),
                    T0,
                    null);

            store.save(tcbInfo);
            store.save(rootCrl);

            assertThat(store.load()).containsExactlyInAnyOrder(tcbInfo, rootCrl);
        }
    }
}
