package dev.gavel.bidding.block;

/** Which header rules a payload follows: Ethereum L1 (Cancun, Prague) or the OP Stack (Ecotone … Isthmus, Jovian). */
public enum ChainFamily {
    ETHEREUM,
    OP_STACK
}
