package dev.gavel.bidding.testing;

import dev.gavel.bidding.block.BlockHashes;
import dev.gavel.bidding.block.ChainFamily;
import dev.gavel.bidding.payload.BlobsBundle;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.MinBaseFee;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.rlp.Rlp;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded, real-shaped OP Stack (Jovian) payload attributes and the blocks built for them: decodable
 * deposit and EIP-1559 transactions, extraData carrying the attributes' parameters, and the block hash the
 * header really has. What the devnet's simulated sequencer and builders, the load generator and the tests
 * build blocks with; the state and receipt roots are random (nothing executes them).
 */
public final class SimulatedBlocks {
    /** Bytes of a typical simulated user transaction, to size a block. */
    public static final int TYPICAL_TRANSACTION_BYTES = 140;
    /**
     * Every simulated block uses exactly the gas target of its 60M limit (elasticity 6), so the base fee stays
     * at {@link #BASE_FEE} from block to block, as EIP-1559 requires of a child of such a parent.
     */
    public static final Quantity GAS_TARGET = Quantity.of(10_000_000);

    public static final Wei BASE_FEE = Wei.of(1_000_252);

    public static final Address L1_FEE_VAULT = Address.fromHex("0x4200000000000000000000000000000000000011");
    public static final Bytes HOLOCENE_EIP1559_PARAMS = Bytes.fromHex("0x000000fa00000006");
    private static final long CHAIN_ID = 1301;

    private SimulatedBlocks() {}

    /** FCU attributes as op-node sends them: an L1-info deposit first, Holocene and Jovian fields set. */
    public static PayloadAttributes attributes(long timestamp, long seed) {
        Random random = new Random(seed);
        return new PayloadAttributes(
                Quantity.of(timestamp),
                hash(random),
                L1_FEE_VAULT,
                List.of(),
                hash(random),
                List.of(depositTransaction(random)),
                false,
                Quantity.of(60_000_000),
                HOLOCENE_EIP1559_PARAMS,
                new MinBaseFee(1));
    }

    /** A V4 (Isthmus) envelope building on {@code parent} for {@code attributes}, with its true block hash. */
    public static ExecutionPayloadEnvelope envelope(
            BlockNumber number,
            Hash32 parent,
            PayloadAttributes attributes,
            Wei value,
            int userTransactions,
            long seed) {
        Random random = new Random(seed);
        List<Bytes> made = new ArrayList<>();
        for (int i = 0; i < userTransactions; i++) {
            made.add(userTransaction(random, i));
        }
        return envelope(number, parent, attributes, value, made, random);
    }

    /**
     * The same, with {@code userTransactions} (real signed ones, say, from the chain's orderflow) after the
     * attributes' forced transactions.
     */
    public static ExecutionPayloadEnvelope envelope(
            BlockNumber number,
            Hash32 parent,
            PayloadAttributes attributes,
            Wei value,
            List<Bytes> userTransactions,
            long seed) {
        return envelope(number, parent, attributes, value, userTransactions, new Random(seed));
    }

    private static ExecutionPayloadEnvelope envelope(
            BlockNumber number,
            Hash32 parent,
            PayloadAttributes attributes,
            Wei value,
            List<Bytes> userTransactions,
            Random random) {
        List<Bytes> transactions = new ArrayList<>(attributes.forcedTransactions());
        transactions.addAll(userTransactions);
        ExecutionPayload draft = payload(number, parent, attributes, transactions, random, Hash32.of(new byte[32]));
        Hash32 blockHash =
                BlockHashes.compute(draft, attributes.parentBeaconBlockRoot(), List.of(), ChainFamily.OP_STACK);
        return new ExecutionPayloadEnvelope(
                rehash(draft, blockHash),
                value,
                BlobsBundle.EMPTY,
                false,
                attributes.parentBeaconBlockRoot(),
                List.of());
    }

    /**
     * The same block claiming {@code stateRoot}, with the block hash that goes with it: a block Gavel cannot tell
     * from a good one (it executes nothing), but an execution client that runs it refuses.
     */
    public static ExecutionPayloadEnvelope withStateRoot(ExecutionPayloadEnvelope envelope, Hash32 stateRoot) {
        ExecutionPayload draft = copy(
                envelope.executionPayload(),
                stateRoot,
                envelope.executionPayload().blockHash());
        Hash32 blockHash = BlockHashes.compute(
                draft, envelope.parentBeaconBlockRoot(), envelope.executionRequests(), ChainFamily.OP_STACK);
        return new ExecutionPayloadEnvelope(
                rehash(draft, blockHash),
                envelope.blockValue(),
                envelope.blobsBundle(),
                envelope.shouldOverrideBuilder(),
                envelope.parentBeaconBlockRoot(),
                envelope.executionRequests());
    }

    /** The same payload claiming another block hash (for tests of mismatches). */
    public static ExecutionPayload rehash(ExecutionPayload p, Hash32 blockHash) {
        return copy(p, p.stateRoot(), blockHash);
    }

    private static ExecutionPayload copy(ExecutionPayload p, Hash32 stateRoot, Hash32 blockHash) {
        return new ExecutionPayload(
                p.parentHash(),
                p.feeRecipient(),
                stateRoot,
                p.receiptsRoot(),
                p.logsBloom(),
                p.prevRandao(),
                p.blockNumber(),
                p.gasLimit(),
                p.gasUsed(),
                p.timestamp(),
                p.extraData(),
                p.baseFeePerGas(),
                blockHash,
                p.transactions(),
                p.withdrawals(),
                p.blobGasUsed(),
                p.excessBlobGas(),
                p.withdrawalsRoot());
    }

    /** A typical EIP-1559 transfer with calldata: 110 to 170 bytes. */
    public static Bytes userTransaction(Random random, long nonce) {
        byte[] body = Rlp.encodeList(List.of(
                Rlp.encodeLong(CHAIN_ID),
                Rlp.encodeLong(nonce),
                Rlp.encodeLong(1_000_000),
                Rlp.encodeLong(2_000_000_000L),
                Rlp.encodeLong(21_000 + random.nextInt(100_000)),
                Rlp.encodeBytes(bytes(random, 20)),
                Rlp.encodeLong(random.nextInt(1_000_000)),
                Rlp.encodeBytes(bytes(random, random.nextInt(60))),
                Rlp.encodeList(List.of()),
                Rlp.encodeLong(random.nextInt(2)),
                Rlp.encodeBytes(nonZeroLeading(random)),
                Rlp.encodeBytes(nonZeroLeading(random))));
        return typed(0x02, body);
    }

    public static Hash32 hash(Random random) {
        return Hash32.of(bytes(random, 32));
    }

    private static ExecutionPayload payload(
            BlockNumber number,
            Hash32 parent,
            PayloadAttributes attributes,
            List<Bytes> transactions,
            Random random,
            Hash32 blockHash) {
        return new ExecutionPayload(
                parent,
                attributes.suggestedFeeRecipient(),
                hash(random),
                hash(random),
                Bytes.of(new byte[256]),
                attributes.prevRandao(),
                number,
                attributes.gasLimit(),
                GAS_TARGET,
                attributes.timestamp(),
                extraData(attributes),
                BASE_FEE,
                blockHash,
                transactions,
                List.of(),
                Quantity.ZERO,
                Quantity.ZERO,
                hash(random));
    }

    /** What op-reth writes into extraData for these attributes (Holocene version 0, Jovian version 1). */
    private static Bytes extraData(PayloadAttributes attributes) {
        if (attributes.eip1559Params() == null) {
            return Bytes.EMPTY;
        }
        boolean jovian = attributes.minBaseFee() != null;
        ByteBuffer extra = ByteBuffer.allocate(jovian ? 17 : 9)
                .put((byte) (jovian ? 1 : 0))
                .put(attributes.eip1559Params().toArray());
        if (jovian) {
            extra.putLong(attributes.minBaseFee().value());
        }
        return Bytes.of(extra.array());
    }

    /** An L1-info deposit: sourceHash, from, to, mint, value, gas, isSystemTx, data. */
    private static Bytes depositTransaction(Random random) {
        return typed(
                0x7e,
                Rlp.encodeList(List.of(
                        Rlp.encodeBytes(bytes(random, 32)),
                        Rlp.encodeBytes(Address.fromHex("0xdeaddeaddeaddeaddeaddeaddeaddeaddead0001")
                                .toArray()),
                        Rlp.encodeBytes(Address.fromHex("0x4200000000000000000000000000000000000015")
                                .toArray()),
                        Rlp.encodeLong(0),
                        Rlp.encodeLong(0),
                        Rlp.encodeLong(1_000_000),
                        Rlp.encodeLong(0),
                        Rlp.encodeBytes(bytes(random, 164)))));
    }

    private static Bytes typed(int type, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 1);
        out.write(type);
        out.writeBytes(body);
        return Bytes.of(out.toByteArray());
    }

    private static byte[] nonZeroLeading(Random random) {
        byte[] value = bytes(random, 32);
        value[0] |= 1;
        return value;
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
