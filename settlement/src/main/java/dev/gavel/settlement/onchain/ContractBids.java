package dev.gavel.settlement.onchain;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.settlement.contracts.AuctionSettlement;
import java.math.BigInteger;

/** The one converter from bidding-api's bids to the generated contract wrapper's struct. */
public final class ContractBids {
    private ContractBids() {}

    public static AuctionSettlement.Bid toContract(Bid bid) {
        return new AuctionSettlement.Bid(BigInteger.valueOf(bid.blockNumber().value()), bid.parentHash().toArray(),
                bid.blockHash().toArray(), bid.value().amount(), bid.builder().toHex());
    }
}
