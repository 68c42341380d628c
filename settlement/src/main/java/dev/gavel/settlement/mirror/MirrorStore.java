package dev.gavel.settlement.mirror;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import java.util.Optional;
import java.util.Set;

/**
 * Where the mirror keeps its progress (and, for analysts, what it saw). Both methods throw {@link
 * MirrorStoreException} when the store cannot be reached.
 */
public interface MirrorStore {
    Optional<Checkpoint> load();

    void save(HubView view);

    /** The last mirrored block and the builders known by then. */
    record Checkpoint(BlockNumber block, Set<Address> builders) {
        public Checkpoint {
            builders = Set.copyOf(builders);
        }
    }
}
