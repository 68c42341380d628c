package dev.gavel.attestation.source;

import java.util.List;

/**
 * Where the PCS source keeps what it fetched, so that a restart during an outage of the PCS starts from the
 * last good collateral. Both methods throw {@link CollateralStoreException} when the store cannot be reached.
 */
public interface CollateralStore {
    List<PcsDocument> load();

    /** Replaces the stored document of the same kind and key. */
    void save(PcsDocument document);
}
