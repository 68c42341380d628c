package dev.gavel.core.flashblocks;

/** Why a flashblock was not relayed. Listed in the order the checks run, cheapest first. */
public enum FlashblockFault {
    /** Not signed by the round's winner, or not a valid signature at all. */
    NOT_THE_WINNERS,
    /** For another block than the round's (its payload id is not the one rollup-boost was given). */
    WRONG_PAYLOAD_ID,
    /** Its index is not the next one: a gap, or an index already relayed. */
    OUT_OF_ORDER,
    /** Index 0 without a base. */
    BASE_MISSING,
    /** A base on an index other than 0. */
    BASE_UNEXPECTED,
    /** A cumulative field (gas used, blob gas used) smaller than the previous flashblock's. */
    CUMULATIVE_DECREASED,
    /** A transaction the stream already carries. */
    DUPLICATE_TRANSACTION,
    /** The block so far is not one the round asked for (the payload checks of ex-post bids). */
    NONCONFORMING_BLOCK,
    /** The block so far does not hash to the block hash the flashblock claims. */
    BLOCK_HASH_MISMATCH
}
