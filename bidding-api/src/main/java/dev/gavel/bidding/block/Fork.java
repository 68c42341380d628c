package dev.gavel.bidding.block;

/**
 * The OP Stack upgrades that change what a block must look like to the auction, or how the Engine API serves
 * it: Ecotone (Cancun, Engine API V3), Holocene (EIP-1559 parameters in extraData), Isthmus (Prague, Engine
 * API V4: withdrawalsRoot and execution requests), Jovian (a minimum base fee in extraData) and Karst (OP
 * upgrade 19, Osaka: {@code engine_getPayloadV5} serving the same envelope as V4, and EIP-7825's cap on a
 * transaction's gas limit).
 */
public enum Fork {
    ECOTONE,
    HOLOCENE,
    ISTHMUS,
    JOVIAN,
    KARST;

    /** EIP-7825: from Karst (Osaka) a transaction other than a deposit may ask for at most 2^24 gas. */
    public static final long KARST_TRANSACTION_GAS_CAP = 1L << 24;

    public boolean isAtLeast(Fork other) {
        return compareTo(other) >= 0;
    }

    /** The getPayload version that serves this fork's block, as op-reth pairs them: V3, V4 from Isthmus, V5 from Karst. */
    public int getPayloadVersion() {
        if (isAtLeast(KARST)) {
            return 5;
        }
        return isAtLeast(ISTHMUS) ? 4 : 3;
    }

    /** The newPayload version that carries this fork's block: V3, V4 from Isthmus (Karst adds none). */
    public int newPayloadVersion() {
        return isAtLeast(ISTHMUS) ? 4 : 3;
    }
}
