package dev.gavel.service.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.client.BuilderClient.SubmitResult;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.simulation.Http11;
import java.net.URI;
import java.util.List;
import org.web3j.crypto.ECKeyPair;

/** Builders bidding into one open round through the builders' API, as the crash and failover tests have them. */
public final class Bidders {
    private Bidders() {}

    /** Each of {@code builders} bids once (2,000 wei and up) for the block on {@code parent}; every bid is acknowledged. */
    public static void everyOneBids(
            URI http, List<ECKeyPair> builders, ExecutionPayload parent, PayloadAttributes attributes)
            throws Exception {
        for (int i = 0; i < builders.size(); i++) {
            BuilderClient builder = new BuilderClient(http, Http11.client(), builders.get(i), AuctionFixtures.DOMAIN);
            builder.fetchAuctionKey();
            AuctionFixtures.Offer offer = AuctionFixtures.offer(
                    builders.get(i), parent.blockNumber().next(), parent.blockHash(), attributes, 2_000 + i, i);
            assertThat(builder.submit(
                                    offer.bid(),
                                    offer.envelope(),
                                    AuctionFixtures.roundOf(offer.bid().parentHash(), attributes))
                            .get())
                    .isInstanceOf(SubmitResult.Accepted.class);
        }
    }
}
