package dev.gavel.settlement.batch;

import dev.gavel.settlement.testing.SettlementStoreFixture;
import java.nio.file.Path;

/** The settler's scenarios over PostgreSQL, with won blocks written by the history writer as the service writes them. */
class SettlerTest extends SettlerScenarios {
    @Override
    SettlementStoreFixture open(Path dir) {
        return SettlementStoreFixture.postgres(dir);
    }
}
