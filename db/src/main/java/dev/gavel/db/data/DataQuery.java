package dev.gavel.db.data;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import java.time.Instant;
import java.util.Optional;

/**
 * The filters of a data API request, each optional, already checked: a block range, a builder, a time range
 * ({@code from} inclusive, {@code to} exclusive), a state, the page size and the cursor a previous page gave.
 */
public record DataQuery(
        Optional<BlockNumber> fromBlock,
        Optional<BlockNumber> toBlock,
        Optional<Address> builder,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<String> state,
        int limit,
        Optional<String> cursor) {}
