package dev.gavel.bidding.bid;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;

/**
 * A builder's question about its own bids (GET /v1/builder/bids): its bids in blocks [{@code fromBlock},
 * {@code toBlock}], asked until {@code expires} (Unix seconds). The builder signs it as EIP-712 {@code BidsQuery}
 * in the Gavel domain ({@link BidsQuerySignatures}).
 */
public record BidsQuery(Address builder, BlockNumber fromBlock, BlockNumber toBlock, long expires) {}
