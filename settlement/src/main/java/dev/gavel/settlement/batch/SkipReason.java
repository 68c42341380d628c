package dev.gavel.settlement.batch;

/** AuctionSettlement.SkipReason, in the contract's order: why an item charged nothing. */
public enum SkipReason {
    ALREADY_SETTLED,
    BAD_SIGNATURE,
    NOT_REGISTERED,
    NOT_CANONICAL,
    NO_POLICY,
    FORGED_RUNNER_UP,
    /** The hub did not answer whether a builder is registered (the item is skipped, not the batch). */
    HUB_CALL_FAILED,
    /** The block-hash source reverted or gave no answer, e.g. on an undecodable proof. */
    SOURCE_CALL_FAILED,
    /** The block's policy charges it the other way: ex post ({@code settle}) or ex ante ({@code settleSlots}). */
    WRONG_FORMAT;

    static SkipReason ofCode(int code) {
        SkipReason[] reasons = values();
        if (code < 0 || code >= reasons.length) {
            throw new IllegalArgumentException("unknown skip reason " + code);
        }
        return reasons[code];
    }
}
