package dev.gavel.bidding.block;

import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.Withdrawal;
import dev.gavel.bidding.trie.OrderedTrie;
import dev.gavel.primitives.ByteValue;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Digests;
import dev.gavel.primitives.Hash32;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.List;

/**
 * The block hash an execution payload stands for: its header assembled by the fork's rules, RLP-encoded
 * and hashed. OP Stack: withdrawals are always empty; from Isthmus the payload carries the header's
 * {@code withdrawalsRoot} (the L2ToL1MessagePasser storage root) and {@code requestsHash} is sha256("").
 * Ethereum: {@code withdrawalsRoot} is the trie of the withdrawals; from Prague {@code requestsHash}
 * commits to the execution requests (EIP-7685).
 */
public final class BlockHashes {
    private BlockHashes() {}

    /**
     * @param executionRequests the V4 requests, or null for a V3 (pre-Prague / pre-Isthmus) payload
     */
    public static BlockHeader header(
            ExecutionPayload payload, Hash32 parentBeaconBlockRoot, List<Bytes> executionRequests, ChainFamily family) {
        Hash32 withdrawalsRoot;
        Hash32 requestsHash;
        if (family == ChainFamily.OP_STACK) {
            boolean isthmus = payload.withdrawalsRoot() != null;
            withdrawalsRoot = isthmus ? payload.withdrawalsRoot() : OrderedTrie.EMPTY_ROOT;
            requestsHash = isthmus ? BlockHeader.EMPTY_REQUESTS_HASH : null;
        } else {
            withdrawalsRoot = OrderedTrie.root(
                    payload.withdrawals().stream().map(Withdrawal::rlp).toList());
            requestsHash = executionRequests == null ? null : requestsHash(executionRequests);
        }
        return new BlockHeader(
                payload.parentHash(),
                BlockHeader.EMPTY_OMMERS_HASH,
                payload.feeRecipient(),
                payload.stateRoot(),
                OrderedTrie.root(
                        payload.transactions().stream().map(ByteValue::toArray).toList()),
                payload.receiptsRoot(),
                payload.logsBloom(),
                BigInteger.ZERO,
                payload.blockNumber().value(),
                payload.gasLimit().value(),
                payload.gasUsed().value(),
                payload.timestamp().value(),
                payload.extraData(),
                payload.prevRandao(),
                BlockHeader.ZERO_NONCE,
                payload.baseFeePerGas().amount(),
                withdrawalsRoot,
                payload.blobGasUsed().value(),
                payload.excessBlobGas().value(),
                parentBeaconBlockRoot,
                requestsHash);
    }

    public static Hash32 compute(
            ExecutionPayload payload, Hash32 parentBeaconBlockRoot, List<Bytes> executionRequests, ChainFamily family) {
        return header(payload, parentBeaconBlockRoot, executionRequests, family).hash();
    }

    /** EIP-7685: sha256 over sha256(request) of every non-empty request (type byte ‖ data), in order. */
    static Hash32 requestsHash(List<Bytes> requests) {
        MessageDigest outer = Digests.sha256();
        for (Bytes request : requests) {
            if (request.length() > 1) {
                outer.update(Digests.sha256().digest(request.toArray()));
            }
        }
        return Hash32.of(outer.digest());
    }
}
