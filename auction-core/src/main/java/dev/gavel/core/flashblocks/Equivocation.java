package dev.gavel.core.flashblocks;

import dev.gavel.bidding.flashblocks.SignedFlashblock;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.PayloadId;

/**
 * Proof that {@code builder} signed two different flashblocks for one index of one block: the two signed frames,
 * each verifiable onchain from the builder's own signature. What the policy's penalty is charged on.
 */
public record Equivocation(
        Address builder, PayloadId payloadId, long index, SignedFlashblock first, SignedFlashblock second) {}
