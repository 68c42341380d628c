package dev.gavel.bidding.payload;

import dev.gavel.primitives.Bytes;
import java.util.List;

/** The blobs of a payload; always empty on OP Stack chains, which carry no blob transactions. */
public record BlobsBundle(List<Bytes> commitments, List<Bytes> proofs, List<Bytes> blobs) {
    public static final BlobsBundle EMPTY = new BlobsBundle(List.of(), List.of(), List.of());

    public BlobsBundle {
        commitments = List.copyOf(commitments);
        proofs = List.copyOf(proofs);
        blobs = List.copyOf(blobs);
    }
}
