package dev.gavel.settlement.batch;

import dev.gavel.settlement.testing.SettlementStoreFixture;
import java.nio.file.Path;

/** The PostgreSQL store holds to the store's contract, with won blocks written by the history writer. */
class JdbcSettlementStoreTest extends SettlementStoreContract {
    @Override
    SettlementStoreFixture open(Path dir) {
        return SettlementStoreFixture.postgres(dir);
    }
}
