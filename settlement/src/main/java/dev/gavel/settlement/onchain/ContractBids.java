package dev.gavel.settlement.onchain;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.db.settlement.StoredBid;
import dev.gavel.settlement.contracts.AuctionSettlement;
import java.math.BigInteger;

/** The one converter from bidding-api's and the history's bids to the generated contract wrapper's struct. */
public final class ContractBids {
    private static final String NO_ADDRESS = "0x0000000000000000000000000000000000000000";

    private ContractBids() {}

    public static AuctionSettlement.Bid toContract(Bid bid) {
        return new AuctionSettlement.Bid(
                BigInteger.valueOf(bid.blockNumber().value()),
                bid.parentHash().toArray(),
                bid.blockHash().toArray(),
                bid.value().amount(),
                bid.builder().toHex());
    }

    public static AuctionSettlement.Bid toContract(StoredBid bid) {
        return toContract(new Bid(bid.blockNumber(), bid.parentHash(), bid.blockHash(), bid.value(), bid.builder()));
    }

    /** The runner-up of an item that has none: all zero, with an empty signature beside it. */
    public static AuctionSettlement.Bid none() {
        return new AuctionSettlement.Bid(BigInteger.ZERO, new byte[32], new byte[32], BigInteger.ZERO, NO_ADDRESS);
    }
}
