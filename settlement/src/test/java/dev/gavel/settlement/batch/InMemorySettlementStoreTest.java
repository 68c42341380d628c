package dev.gavel.settlement.batch;

import dev.gavel.settlement.testing.SettlementStoreFixture;
import java.nio.file.Path;

/** The in-memory store holds to the store's contract. */
class InMemorySettlementStoreTest extends SettlementStoreContract {
    @Override
    SettlementStoreFixture open(Path dir) {
        return SettlementStoreFixture.inMemory();
    }
}
