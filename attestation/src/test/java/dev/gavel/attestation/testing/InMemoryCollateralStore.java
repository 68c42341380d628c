package dev.gavel.attestation.testing;

import dev.gavel.attestation.source.CollateralStore;
import dev.gavel.attestation.source.CollateralStoreException;
import dev.gavel.attestation.source.PcsDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The collateral store in memory, which a test can make unreachable. */
public final class InMemoryCollateralStore implements CollateralStore {
    private final Map<PcsDocument.Id, PcsDocument> documents = new LinkedHashMap<>();
    private volatile boolean down;

    public void down(boolean unreachable) {
        down = unreachable;
    }

    @Override
    public synchronized List<PcsDocument> load() {
        check();
        return new ArrayList<>(documents.values());
    }

    @Override
    public synchronized void save(PcsDocument document) {
        check();
        documents.put(document.id(), document);
    }

    public synchronized Map<PcsDocument.Id, PcsDocument> documents() {
        return Map.copyOf(documents);
    }

    private void check() {
        if (down) {
            throw new CollateralStoreException("the in-memory store is down", new IllegalStateException());
        }
    }
}
