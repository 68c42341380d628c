package dev.gavel.bidding.block;

/**
 * The OP Stack upgrades that change what a block must look like to the auction: Ecotone (Cancun, Engine API
 * V3), Holocene (EIP-1559 parameters in extraData), Isthmus (Prague, Engine API V4: withdrawalsRoot and
 * execution requests) and Jovian (a minimum base fee in extraData).
 */
public enum Fork {
    ECOTONE,
    HOLOCENE,
    ISTHMUS,
    JOVIAN;

    public boolean isAtLeast(Fork other) {
        return compareTo(other) >= 0;
    }

    /** The getPayload version that returns this fork's envelope: V3 before Isthmus, V4 from it. */
    public int getPayloadVersion() {
        return isAtLeast(ISTHMUS) ? 4 : 3;
    }
}
