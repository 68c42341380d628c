package dev.gavel.bidding.payload;

import dev.gavel.primitives.Hash32;
import java.util.Objects;

/** The first parameter of {@code engine_forkchoiceUpdatedV3}. */
public record ForkchoiceState(Hash32 headBlockHash, Hash32 safeBlockHash, Hash32 finalizedBlockHash) {
    public ForkchoiceState {
        Objects.requireNonNull(headBlockHash, "headBlockHash");
        Objects.requireNonNull(safeBlockHash, "safeBlockHash");
        Objects.requireNonNull(finalizedBlockHash, "finalizedBlockHash");
    }
}
