package dev.gavel.settlement.batch;

import dev.gavel.settlement.testing.SettlementStoreFixture;
import java.nio.file.Path;

/** The settler's scenarios over the in-memory store: the chain is real, the store is the fake the port allows. */
class SettlerOnInMemoryStoreTest extends SettlerScenarios {
    @Override
    SettlementStoreFixture open(Path dir) {
        return SettlementStoreFixture.inMemory();
    }
}
