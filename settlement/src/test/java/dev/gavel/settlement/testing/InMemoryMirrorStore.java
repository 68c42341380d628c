package dev.gavel.settlement.testing;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.settlement.mirror.HubView;
import dev.gavel.settlement.mirror.MirrorStore;
import dev.gavel.settlement.mirror.MirrorStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The chain mirror's store in memory, as {@code JdbcMirrorStore} keeps it: the last saved view is the checkpoint
 * (its block and its builders). It can be told to fail, as a database that went away.
 */
public final class InMemoryMirrorStore implements MirrorStore {
    private Optional<Checkpoint> checkpoint = Optional.empty();
    private final List<HubView> saved = new ArrayList<>();
    private boolean unreachable;

    /** A store whose mirror last stopped at {@code block}, knowing {@code builders}. */
    public static InMemoryMirrorStore resumingAfter(BlockNumber block, Set<Address> builders) {
        InMemoryMirrorStore store = new InMemoryMirrorStore();
        store.checkpoint = Optional.of(new Checkpoint(block, builders));
        return store;
    }

    @Override
    public synchronized Optional<Checkpoint> load() {
        requireReachable();
        return checkpoint;
    }

    @Override
    public synchronized void save(HubView view) {
        requireReachable();
        checkpoint = Optional.of(new Checkpoint(view.block(), view.builders().keySet()));
        saved.add(view);
    }

    /** Every view saved, oldest first. */
    public synchronized List<HubView> saved() {
        return List.copyOf(saved);
    }

    /** From now on, every call fails as a store that cannot be reached (or, with false, succeeds again). */
    public synchronized void unreachable(boolean unreachable) {
        this.unreachable = unreachable;
    }

    private void requireReachable() {
        if (unreachable) {
            throw new MirrorStoreException("the mirror's store is unreachable", new IllegalStateException("test"));
        }
    }
}
