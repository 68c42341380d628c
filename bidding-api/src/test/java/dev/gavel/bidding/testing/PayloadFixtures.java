package dev.gavel.bidding.testing;

import dev.gavel.bidding.payload.BlobsBundle;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.MinBaseFee;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.primitives.Address;
import dev.gavel.bidding.primitives.BlockNumber;
import dev.gavel.bidding.primitives.Bytes;
import dev.gavel.bidding.primitives.Hash32;
import dev.gavel.bidding.primitives.Quantity;
import dev.gavel.bidding.primitives.Wei;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded, real-shaped OP Stack payload attributes and payloads, shared with other modules' tests. */
public final class PayloadFixtures {
    public static final Address L1_FEE_VAULT = Address.fromHex("0x4200000000000000000000000000000000000011");
    public static final Bytes HOLOCENE_EIP1559_PARAMS = Bytes.fromHex("0x000000fa00000006");

    private PayloadFixtures() {}

    /** FCU attributes as op-node sends them: an L1-info deposit first, Holocene/Jovian fields set. */
    public static PayloadAttributes attributes(long timestamp, long seed) {
        Random random = new Random(seed);
        return new PayloadAttributes(Quantity.of(timestamp), hash(random), L1_FEE_VAULT, List.of(), hash(random),
                List.of(depositTransaction(random)), false, Quantity.of(60_000_000), HOLOCENE_EIP1559_PARAMS,
                new MinBaseFee(1));
    }

    /** A V4 envelope building on {@code parent} for {@code attributes}, claiming {@code blockHash}. */
    public static ExecutionPayloadEnvelope envelope(BlockNumber number, Hash32 parent, PayloadAttributes attributes,
            Hash32 blockHash, Wei value, int userTransactions, long seed) {
        Random random = new Random(seed);
        List<Bytes> transactions = new ArrayList<>(attributes.forcedTransactions());
        for (int i = 0; i < userTransactions; i++) {
            transactions.add(randomBytes(random, 110 + random.nextInt(60), (byte) 0x02));
        }
        ExecutionPayload payload = new ExecutionPayload(parent, attributes.suggestedFeeRecipient(), hash(random),
                hash(random), Bytes.of(new byte[256]), attributes.prevRandao(), number, attributes.gasLimit(),
                Quantity.of(21_000L * (userTransactions + 2)), attributes.timestamp(), Bytes.fromHex("0x00000000fa00000006"),
                Wei.of(1_000_252), blockHash, transactions, List.of(), Quantity.ZERO, Quantity.ZERO, hash(random));
        return new ExecutionPayloadEnvelope(payload, value, BlobsBundle.EMPTY, false, attributes.parentBeaconBlockRoot(), List.of());
    }

    public static Hash32 hash(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Hash32.of(bytes);
    }

    private static Bytes depositTransaction(Random random) {
        return randomBytes(random, 250, (byte) 0x7e);
    }

    private static Bytes randomBytes(Random random, int length, byte type) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        bytes[0] = type;
        return Bytes.of(bytes);
    }
}
