package dev.gavel.bidding.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.util.List;
import java.util.Objects;

/**
 * op-alloy's {@code OpExecutionPayloadEnvelopeV3/V4}: what {@code engine_getPayloadV3/V4} returns.
 * V4 adds {@code executionRequests} and the payload's {@code withdrawalsRoot}.
 */
public record ExecutionPayloadEnvelope(
        ExecutionPayload executionPayload,
        Wei blockValue,
        BlobsBundle blobsBundle,
        boolean shouldOverrideBuilder,
        Hash32 parentBeaconBlockRoot,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Bytes> executionRequests) {

    public ExecutionPayloadEnvelope {
        Objects.requireNonNull(executionPayload, "executionPayload");
        Objects.requireNonNull(blockValue, "blockValue");
        Objects.requireNonNull(parentBeaconBlockRoot, "parentBeaconBlockRoot");
        blobsBundle = blobsBundle == null ? BlobsBundle.EMPTY : blobsBundle;
        executionRequests = executionRequests == null ? null : List.copyOf(executionRequests);
    }

    public ExecutionPayloadEnvelope asV3() {
        return new ExecutionPayloadEnvelope(
                executionPayload.withoutWithdrawalsRoot(),
                blockValue,
                blobsBundle,
                shouldOverrideBuilder,
                parentBeaconBlockRoot,
                null);
    }

    public ExecutionPayloadEnvelope asV4() {
        return new ExecutionPayloadEnvelope(
                executionPayload,
                blockValue,
                blobsBundle,
                shouldOverrideBuilder,
                parentBeaconBlockRoot,
                executionRequests == null ? List.of() : executionRequests);
    }
}
