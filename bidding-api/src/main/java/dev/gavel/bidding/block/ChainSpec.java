package dev.gavel.bidding.block;

import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.primitives.Wei;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * What Gavel must know of the auctioned chain to judge a block: when each upgrade activates (block
 * timestamps, seconds; {@link #NOT_SCHEDULED} for an upgrade the chain has not scheduled) and the default
 * EIP-1559 parameters (used while a parent's extraData carries none).
 */
public record ChainSpec(
        long holoceneTime,
        long isthmusTime,
        long jovianTime,
        long karstTime,
        int eip1559Denominator,
        int eip1559Elasticity) {
    /** An upgrade that never activates. */
    public static final long NOT_SCHEDULED = Long.MAX_VALUE;
    /** Every upgrade active from genesis, OP's Canyon defaults (denominator 250, elasticity 6). */
    public static final ChainSpec LATEST = new ChainSpec(0, 0, 0, 0, 250, 6);

    public ChainSpec {
        if (holoceneTime > isthmusTime || isthmusTime > jovianTime || jovianTime > karstTime) {
            throw new IllegalArgumentException("upgrades activate in order: Holocene (" + holoceneTime + ") ≤ Isthmus ("
                    + isthmusTime + ") ≤ Jovian (" + jovianTime + ") ≤ Karst ("
                    + (karstTime == NOT_SCHEDULED ? "not scheduled" : karstTime) + ")");
        }
        if (eip1559Denominator < 1 || eip1559Elasticity < 1) {
            throw new IllegalArgumentException("EIP-1559 denominator and elasticity must be at least 1");
        }
    }

    public Fork forkAt(long timestamp) {
        if (timestamp >= karstTime) {
            return Fork.KARST;
        }
        if (timestamp >= jovianTime) {
            return Fork.JOVIAN;
        }
        if (timestamp >= isthmusTime) {
            return Fork.ISTHMUS;
        }
        return timestamp >= holoceneTime ? Fork.HOLOCENE : Fork.ECOTONE;
    }

    /**
     * Why {@code attributes} cannot ask for a block of the upgrade in force at their timestamp (Holocene on
     * carries EIP-1559 parameters; Jovian, and only Jovian, a minimum base fee); empty when they can.
     */
    public Optional<String> attributesProblem(PayloadAttributes attributes) {
        Fork fork = forkAt(attributes.timestamp().value());
        if (fork.isAtLeast(Fork.HOLOCENE) && attributes.eip1559Params() == null) {
            return Optional.of("eip1559Params are required from Holocene on (the block is " + fork + ")");
        }
        if (fork.isAtLeast(Fork.JOVIAN) != (attributes.minBaseFee() != null)) {
            return Optional.of("minBaseFee is set exactly from Jovian on (the block is " + fork + ")");
        }
        return Optional.empty();
    }

    /**
     * The base fee of the child of {@code parent} (EIP-1559). From Holocene the parameters come from the
     * parent's extraData (zeros: the defaults), and from Jovian the result is clamped to the parent's minimum
     * base fee; a parent without them uses the defaults.
     */
    public Wei nextBaseFee(FeeInputs parent) {
        byte[] extra = parent.extraData().toArray();
        Fork parentFork = forkAt(parent.timestamp());
        int denominator = eip1559Denominator;
        int elasticity = eip1559Elasticity;
        long minBaseFee = 0;
        if (parentFork.isAtLeast(Fork.HOLOCENE) && extra.length >= 9) {
            ByteBuffer params = ByteBuffer.wrap(extra, 1, 8);
            int parentDenominator = params.getInt();
            int parentElasticity = params.getInt();
            if (parentDenominator != 0 && parentElasticity != 0) {
                denominator = parentDenominator;
                elasticity = parentElasticity;
            }
        }
        if (parentFork.isAtLeast(Fork.JOVIAN) && extra.length == 17) {
            minBaseFee = ByteBuffer.wrap(extra, 9, 8).getLong();
        }
        BigInteger computed = eip1559(parent, denominator, elasticity);
        return new Wei(computed.max(BigInteger.valueOf(minBaseFee)));
    }

    private static BigInteger eip1559(FeeInputs parent, int denominator, int elasticity) {
        BigInteger baseFee = parent.baseFee().amount();
        BigInteger target = BigInteger.valueOf(parent.gasLimit().value() / elasticity);
        BigInteger used = BigInteger.valueOf(parent.gasUsed().value());
        if (used.equals(target) || target.signum() == 0) {
            return baseFee;
        }
        BigInteger delta =
                baseFee.multiply(used.subtract(target).abs()).divide(target).divide(BigInteger.valueOf(denominator));
        return used.compareTo(target) > 0 ? baseFee.add(delta.max(BigInteger.ONE)) : baseFee.subtract(delta);
    }
}
