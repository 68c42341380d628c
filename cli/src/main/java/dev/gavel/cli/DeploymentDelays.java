package dev.gavel.cli;

/**
 * The delays {@code gavel contracts deploy} gives the contracts, checked before anything is sent: each above
 * the contract's own floor, and the withdrawal delay longer than the settlement window, so that a withdrawal
 * request never matures before every win that preceded it could have been settled.
 *
 * @param policyDelay auctioned-chain blocks past the highest proven block before a policy or block-hash source
 *     change may activate (BuilderHub)
 * @param withdrawalDelay blocks of the contracts' chain between a withdrawal request and its first payable block
 * @param withdrawalWindow blocks of the contracts' chain a matured request stays payable before it expires
 * @param settlementWindow blocks of the contracts' chain a win may wait for its settlement: the block-hash
 *     source's reach (same-chain: 8191 with EIP-2935, 256 without) or, for a signed source, the longest the
 *     settler may take
 */
record DeploymentDelays(long policyDelay, long withdrawalDelay, long withdrawalWindow, long settlementWindow) {
    /** BuilderHub.MIN_POLICY_DELAY. */
    static final long MIN_POLICY_DELAY = 128;
    /** AuctionSettlement.MIN_WITHDRAWAL_DELAY. */
    static final long MIN_WITHDRAWAL_DELAY = 257;
    /** AuctionSettlement.MIN_WITHDRAWAL_WINDOW. */
    static final long MIN_WITHDRAWAL_WINDOW = 64;
    /** BuilderHub.MAX_POLICY_DELAY and AuctionSettlement.MAX_WITHDRAWAL_SETTING. */
    static final long MAX_DELAY = 0xffff_ffffL;

    static final long DEFAULT_POLICY_DELAY = 256;
    static final long DEFAULT_WITHDRAWAL_DELAY = 8_192;
    static final long DEFAULT_WITHDRAWAL_WINDOW = 1_024;
    static final long DEFAULT_SETTLEMENT_WINDOW = 8_191;

    DeploymentDelays {
        within("--policy-delay", policyDelay, MIN_POLICY_DELAY);
        within("--withdrawal-delay", withdrawalDelay, MIN_WITHDRAWAL_DELAY);
        within("--withdrawal-window", withdrawalWindow, MIN_WITHDRAWAL_WINDOW);
        within("--settlement-window", settlementWindow, 1);
        if (withdrawalDelay <= settlementWindow) {
            throw new IllegalArgumentException("--withdrawal-delay (" + withdrawalDelay
                    + " blocks) must exceed the settlement window (" + settlementWindow
                    + " blocks): a builder could withdraw before its last wins are settled");
        }
    }

    /** The delays the options name, the defaults for the others. */
    static DeploymentDelays of(Options options) {
        return new DeploymentDelays(
                number(options, "--policy-delay", DEFAULT_POLICY_DELAY),
                number(options, "--withdrawal-delay", DEFAULT_WITHDRAWAL_DELAY),
                number(options, "--withdrawal-window", DEFAULT_WITHDRAWAL_WINDOW),
                number(options, "--settlement-window", DEFAULT_SETTLEMENT_WINDOW));
    }

    private static long number(Options options, String name, long fallback) {
        String value = options.value(name, Long.toString(fallback));
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number of blocks, not " + value);
        }
    }

    private static void within(String name, long blocks, long min) {
        if (blocks < min || blocks > MAX_DELAY) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + MAX_DELAY + " blocks, not " + blocks);
        }
    }
}
