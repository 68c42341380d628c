package dev.gavel.bidding.round;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * How the winner is chosen and its price set (the rule itself is {@code AuctionRules} in the auction core). Each
 * format has exactly two spellings, both here: its wire name ("first-price", "second-price", "ex-ante", also in
 * PostgreSQL) and its code in the BuilderHub contract's policies (0, 1, 2).
 */
public enum AuctionFormat {
    /** The winner pays its own bid. */
    FIRST_PRICE("first-price", 0),
    /** The winner pays the best bid of another builder, and never less than the reserve. */
    SECOND_PRICE("second-price", 1),
    /**
     * The right to build the block is sold before it starts, at the winner's slot bid, and the winner streams the
     * block as flashblocks (docs/architecture.md, "Flashblocks"). Not served yet: no ex-post round opens for
     * such a block, so rollup-boost builds it locally.
     */
    EX_ANTE("ex-ante", 2);

    private final String wireName;
    private final int contractCode;

    AuctionFormat(String wireName, int contractCode) {
        this.wireName = wireName;
        this.contractCode = contractCode;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public int contractCode() {
        return contractCode;
    }

    /** Whether the auction is decided at getPayload over built blocks (first or second price). */
    public boolean exPost() {
        return this != EX_ANTE;
    }

    @JsonCreator
    public static AuctionFormat named(String wireName) {
        return Arrays.stream(values())
                .filter(f -> f.wireName.equals(wireName))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown auction format \"" + wireName + "\" (first-price, second-price or ex-ante)"));
    }

    public static AuctionFormat fromContractCode(int code) {
        return Arrays.stream(values())
                .filter(f -> f.contractCode == code)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown auction format code " + code + " in a BuilderHub policy (0, 1 or 2)"));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
