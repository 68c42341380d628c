package dev.gavel.settlement.mirror;

import dev.gavel.primitives.Address;
import java.util.Optional;
import java.util.Set;

/** Where the mirror keeps its progress (and, for analysts, what it saw). */
public interface MirrorStore {
    Optional<Checkpoint> load();

    void save(HubView view);

    /** The last mirrored block and the builders known by then. */
    record Checkpoint(long block, Set<Address> builders) {}
}
