package dev.gavel.core.admission;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Strikes against winners whose blocks did not become canonical, and the suspension they bring. Gavel executes
 * nothing, so a funded builder could win every round with a block the sequencer's execution client refuses (a
 * wrong state root, say): nobody pays, and honest builders never win. Each such block is a strike; a builder with
 * {@code limit} strikes among the last {@code windowBlocks} auctioned blocks bids on no round until the oldest of
 * them leaves that window. The window counts auctioned-chain blocks, as the rounds do.
 */
public final class StrikeBook {
    private final int limit;
    private final long windowBlocks;
    private final Map<Address, Map<Long, Strike>> byBuilder = new HashMap<>();
    private long highestBlock;

    public StrikeBook(int limit, long windowBlocks) {
        if (limit < 1 || windowBlocks < 1) {
            throw new IllegalArgumentException("strikes: need a limit ≥ 1 and a window ≥ 1 block");
        }
        this.limit = limit;
        this.windowBlocks = windowBlocks;
    }

    /** Records a strike; false when its round was struck already. Strikes that left every window are forgotten. */
    public synchronized boolean record(Strike strike) {
        highestBlock = Math.max(highestBlock, strike.blockNumber().value());
        byBuilder.values().forEach(strikes -> strikes.values().removeIf(this::expired));
        byBuilder.values().removeIf(Map::isEmpty);
        if (expired(strike)) {
            return false;
        }
        return byBuilder
                        .computeIfAbsent(strike.builder(), b -> new LinkedHashMap<>())
                        .putIfAbsent(strike.roundId(), strike)
                == null;
    }

    /** Why {@code builder} may not bid on the round for {@code block}; empty when it may. */
    public synchronized Optional<Rejection> refusal(Address builder, BlockNumber block) {
        List<Strike> counted = counted(builder, block);
        if (counted.size() < limit) {
            return Optional.empty();
        }
        long until = counted.get(counted.size() - limit).blockNumber().value() + windowBlocks;
        return Optional.of(new Rejection(
                RejectionCode.SUSPENDED,
                "builder " + builder + " is suspended until block " + until + ": " + counted.size()
                        + " of the blocks it won in the last " + windowBlocks + " blocks were not included (blocks "
                        + counted.stream()
                                .map(s -> Long.toString(s.blockNumber().value()))
                                .collect(Collectors.joining(", "))
                        + "; " + limit + " suspend)"));
    }

    /** The builder's strikes that count for the round of {@code block}, oldest first. */
    private List<Strike> counted(Address builder, BlockNumber block) {
        long from = block.value() - windowBlocks;
        return byBuilder.getOrDefault(builder, Map.of()).values().stream()
                .filter(s -> s.blockNumber().value() > from && s.blockNumber().compareTo(block) <= 0)
                .sorted(Comparator.comparing(Strike::blockNumber))
                .toList();
    }

    private boolean expired(Strike strike) {
        return strike.blockNumber().value() <= highestBlock - windowBlocks;
    }
}
