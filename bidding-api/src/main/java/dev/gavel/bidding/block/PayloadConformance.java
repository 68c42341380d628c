package dev.gavel.bidding.block;

import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.RejectionCode;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an OP Stack payload is a block the sequencer asked for: the envelope of the round's upgrade, built on
 * the round's parent with its base fee and attributes (timestamp, prevRandao, fee recipient, gas limit, beacon root, EIP-1559 parameters and
 * minimum base fee in extraData), the forced transactions first and unchanged, no withdrawals, no blob
 * transactions, every transaction decodable, gas used within the limit, and from Karst no transaction but a
 * deposit above EIP-7825's cap of 2^24 gas. The first violation is reported.
 */
public final class PayloadConformance {
    private static final int HOLOCENE_EXTRA_DATA_VERSION = 0;
    private static final int JOVIAN_EXTRA_DATA_VERSION = 1;

    private PayloadConformance() {}

    public static Optional<Rejection> check(ExecutionPayloadEnvelope envelope, BlockRequest request) {
        ExecutionPayload payload = envelope.executionPayload();
        BlockNumber number = request.number();
        Hash32 parent = request.parent();
        PayloadAttributes attributes = request.attributes();
        return first(
                shape(envelope, request.fork()),
                expect(RejectionCode.WRONG_PARENT, "parentHash", payload.parentHash(), parent),
                expect(RejectionCode.WRONG_BLOCK_NUMBER, "blockNumber", payload.blockNumber(), number),
                expect(RejectionCode.WRONG_TIMESTAMP, "timestamp", payload.timestamp(), attributes.timestamp()),
                expect(RejectionCode.WRONG_PREV_RANDAO, "prevRandao", payload.prevRandao(), attributes.prevRandao()),
                expect(
                        RejectionCode.WRONG_FEE_RECIPIENT,
                        "feeRecipient",
                        payload.feeRecipient(),
                        attributes.suggestedFeeRecipient()),
                attributes.gasLimit() == null
                        ? Optional.empty()
                        : expect(RejectionCode.WRONG_GAS_LIMIT, "gasLimit", payload.gasLimit(), attributes.gasLimit()),
                attributes.parentBeaconBlockRoot() == null
                        ? Optional.empty()
                        : expect(
                                RejectionCode.WRONG_PARENT_BEACON_BLOCK_ROOT,
                                "parentBeaconBlockRoot",
                                envelope.parentBeaconBlockRoot(),
                                attributes.parentBeaconBlockRoot()),
                payload.withdrawals().isEmpty()
                        ? Optional.empty()
                        : violation(
                                RejectionCode.WITHDRAWALS_NOT_EMPTY,
                                payload.withdrawals().size() + " withdrawals; OP Stack blocks have none"),
                extraData(payload.extraData(), attributes),
                request.baseFee()
                        .filter(expected -> !expected.equals(payload.baseFeePerGas()))
                        .flatMap(expected -> violation(
                                RejectionCode.WRONG_BASE_FEE,
                                "baseFeePerGas " + payload.baseFeePerGas() + " does not follow from the parent's: "
                                        + expected + " (EIP-1559 with the parent's parameters)")),
                forcedTransactions(payload.transactions(), attributes.forcedTransactions()),
                payload.gasUsed().value() <= payload.gasLimit().value()
                        ? Optional.empty()
                        : violation(
                                RejectionCode.GAS_LIMIT_EXCEEDED,
                                "gasUsed " + payload.gasUsed() + " exceeds gasLimit " + payload.gasLimit()),
                transactions(payload.transactions(), request.fork()));
    }

    /** The envelope's shape is the fork's: V4 (withdrawalsRoot, no execution requests on OP) from Isthmus, V3 before. */
    private static Optional<Rejection> shape(ExecutionPayloadEnvelope envelope, Fork fork) {
        boolean hasWithdrawalsRoot = envelope.executionPayload().withdrawalsRoot() != null;
        boolean hasRequests = envelope.executionRequests() != null;
        if (fork.isAtLeast(Fork.ISTHMUS) && (!hasWithdrawalsRoot || !hasRequests)) {
            return violation(
                    RejectionCode.WRONG_PAYLOAD_VERSION,
                    "the round is " + fork + ": its block is a V4 envelope with withdrawalsRoot and executionRequests");
        }
        if (!fork.isAtLeast(Fork.ISTHMUS) && (hasWithdrawalsRoot || hasRequests)) {
            return violation(
                    RejectionCode.WRONG_PAYLOAD_VERSION,
                    "the round is " + fork
                            + ": its block is a V3 envelope, without withdrawalsRoot or executionRequests");
        }
        return hasRequests && !envelope.executionRequests().isEmpty()
                ? violation(
                        RejectionCode.EXECUTION_REQUESTS_NOT_EMPTY,
                        envelope.executionRequests().size() + " execution requests; OP Stack blocks carry none")
                : Optional.empty();
    }

    @SafeVarargs
    private static Optional<Rejection> first(Optional<Rejection>... checks) {
        return Arrays.stream(checks).flatMap(Optional::stream).findFirst();
    }

    private static Optional<Rejection> expect(RejectionCode code, String field, Object actual, Object expected) {
        return Objects.equals(actual, expected)
                ? Optional.empty()
                : violation(code, "payload " + field + " is " + actual + ", the round's is " + expected);
    }

    /** Holocene: version 0 ‖ denominator ‖ elasticity. Jovian (minBaseFee set): version 1 ‖ the same ‖ minBaseFee. */
    private static Optional<Rejection> extraData(Bytes extraData, PayloadAttributes attributes) {
        if (attributes.eip1559Params() == null) {
            return Optional.empty();
        }
        byte[] params = attributes.eip1559Params().toArray();
        boolean jovian = attributes.minBaseFee() != null;
        ByteBuffer expected = ByteBuffer.allocate(jovian ? 17 : 9)
                .put((byte) (jovian ? JOVIAN_EXTRA_DATA_VERSION : HOLOCENE_EXTRA_DATA_VERSION))
                .put(params);
        if (jovian) {
            expected.putLong(attributes.minBaseFee().value());
        }
        byte[] actual = extraData.toArray();
        if (actual.length != expected.capacity() || actual[0] != expected.get(0)) {
            return violation(
                    RejectionCode.WRONG_EXTRA_DATA,
                    "extraData " + extraData + " is not a version-" + expected.get(0) + " encoding of "
                            + expected.capacity() + " bytes");
        }
        boolean defaultParams = Arrays.equals(params, new byte[8]);
        byte[] want = expected.array();
        // Zero parameters mean the chain's defaults, which the block states but the attributes do not.
        int from = defaultParams ? 9 : 1;
        if (defaultParams && ByteBuffer.wrap(actual, 1, 4).getInt() == 0) {
            return violation(
                    RejectionCode.WRONG_EXTRA_DATA, "extraData " + extraData + " has a zero EIP-1559 denominator");
        }
        return Arrays.equals(actual, from, actual.length, want, from, want.length)
                ? Optional.empty()
                : violation(
                        RejectionCode.WRONG_EXTRA_DATA,
                        "extraData " + extraData + " does not carry the round's parameters " + Bytes.of(want));
    }

    private static Optional<Rejection> forcedTransactions(List<Bytes> transactions, List<Bytes> forced) {
        for (int i = 0; i < forced.size(); i++) {
            if (i >= transactions.size() || !transactions.get(i).equals(forced.get(i))) {
                return violation(
                        RejectionCode.MISSING_FORCED_TRANSACTIONS,
                        "transaction " + i + " must be the round's forced transaction " + i + " of " + forced.size()
                                + ", byte for byte");
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> transactions(List<Bytes> transactions, Fork fork) {
        for (int i = 0; i < transactions.size(); i++) {
            byte[] raw = transactions.get(i).toArray();
            Optional<String> problem = TransactionEnvelopes.problem(raw);
            if (problem.isPresent()) {
                return violation(RejectionCode.UNDECODABLE_TRANSACTION, "transaction " + i + ": " + problem.get());
            }
            if (TransactionEnvelopes.type(raw) == TransactionEnvelopes.BLOB) {
                return violation(
                        RejectionCode.BLOB_TRANSACTION,
                        "transaction " + i + " is a blob transaction; OP Stack blocks carry none");
            }
            if (fork.isAtLeast(Fork.KARST)) {
                long gas = TransactionEnvelopes.gasLimit(raw).orElse(0);
                if (gas > Fork.KARST_TRANSACTION_GAS_CAP) {
                    return violation(
                            RejectionCode.GAS_LIMIT_EXCEEDED,
                            "transaction " + i + " asks for " + gas + " gas; from Karst a transaction may ask for at"
                                    + " most " + Fork.KARST_TRANSACTION_GAS_CAP + " (EIP-7825)");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> violation(RejectionCode code, String message) {
        return Optional.of(new Rejection(code, message));
    }
}
