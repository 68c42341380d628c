package dev.gavel.settlement.batch;

import dev.gavel.settlement.testing.SettlementLedger;
import dev.gavel.settlement.testing.SettlementStoreFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Tests over one settlement store, which each concrete class picks: opened once per class, emptied before each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OverASettlementStore {
    SettlementStoreFixture stores;

    /** The store of this class, opened in {@code dir}. */
    abstract SettlementStoreFixture open(Path dir);

    @BeforeAll
    void openStore(@TempDir Path dir) {
        stores = open(dir);
    }

    @AfterAll
    void closeStore() {
        stores.close();
    }

    @BeforeEach
    void emptyStore() throws Exception {
        stores.empty();
    }

    SettlementStore store() {
        return stores.store();
    }

    SettlementLedger ledger() {
        return stores.ledger();
    }
}
