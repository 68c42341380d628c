package dev.gavel.service.testing;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.client.BuilderClient;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.core.testing.AuctionFixtures;
import dev.gavel.primitives.Address;
import dev.gavel.service.config.SecretFiles;
import dev.gavel.settlement.testing.AnvilChain;
import dev.gavel.settlement.testing.SettlementWorld;
import dev.gavel.simulation.Http11;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;

/** A Gavel that takes its builders and policies from a {@link SettlementWorld}'s hub, and that world's builders as its clients. */
public final class OnchainGavel {
    private OnchainGavel() {}

    /**
     * The settings pointing Gavel at the world's contracts, mirrored {@code confirmations} blocks deep, plus {@code
     * more}. The world's builders register with stand-in quotes (an attestor vouches for them), which Gavel's own
     * verification would refuse, so it is off unless {@code more} turns it on.
     */
    public static String[] settings(SettlementWorld world, long confirmations, String... more) {
        List<String> settings = new ArrayList<>(List.of(
                "--gavel.attestation.verify-hub-quotes=false",
                "--gavel.chain.rpc-url=http://127.0.0.1:" + world.chain.port(),
                "--gavel.chain.hub-address=" + world.hub.getContractAddress(),
                "--gavel.chain.settlement-address=" + world.settlement.getContractAddress(),
                "--gavel.chain.confirmations=" + confirmations,
                "--gavel.chain.poll-interval=200ms",
                "--gavel.auction.chain-id=" + AnvilChain.CHAIN_ID,
                "--gavel.auction.settlement-contract=" + world.settlement.getContractAddress()));
        settings.addAll(List.of(more));
        return settings.toArray(String[]::new);
    }

    /**
     * {@link #settings} one block deep, settling as the world's auctioneer (account 0) with the world's
     * sequencer signing canonical hashes; their key files are written to {@code keyDir}.
     */
    public static String[] settlingSettings(SettlementWorld world, Path keyDir, String... more) {
        List<String> settings = new ArrayList<>(List.of(
                "--gavel.settlement.settler-key-file="
                        + SecretFiles.writePrivateKey(
                                keyDir.resolve("settler.key"),
                                world.chain.account(0).getEcKeyPair()),
                "--gavel.settlement.sequencer-key-file="
                        + SecretFiles.writePrivateKey(
                                keyDir.resolve("sequencer.key"),
                                world.sequencer().getEcKeyPair())));
        settings.addAll(List.of(more));
        return settings(world, 1, settings.toArray(String[]::new));
    }

    /** A bidding client signing as {@code key} in the world's EIP-712 domain, with the auction key fetched. */
    public static BuilderClient client(RunningGavel gavel, SettlementWorld world, Credentials key) throws Exception {
        return client(gavel.http(), world, key);
    }

    /** As {@link #client(RunningGavel, SettlementWorld, Credentials)}, for a Gavel at {@code http}. */
    public static BuilderClient client(URI http, SettlementWorld world, Credentials key) throws Exception {
        BuilderClient client = new BuilderClient(
                http,
                Http11.client(),
                key.getEcKeyPair(),
                Eip712Domain.gavel(AnvilChain.CHAIN_ID, Address.fromHex(world.settlement.getContractAddress())));
        client.fetchAuctionKey();
        return client;
    }

    /** A real block on {@code parent} and {@code builder}'s bid of {@code value} for it. */
    public static AuctionFixtures.Offer offer(
            Address builder, ExecutionPayload parent, PayloadAttributes attributes, long value, long seed) {
        AuctionFixtures.Offer offer = AuctionFixtures.offer(
                AuctionFixtures.builderKey(0),
                parent.blockNumber().next(),
                parent.blockHash(),
                attributes,
                value,
                seed);
        Bid bid = new Bid(
                offer.bid().blockNumber(),
                offer.bid().parentHash(),
                offer.bid().blockHash(),
                offer.bid().value(),
                builder);
        return new AuctionFixtures.Offer(bid, offer.envelope());
    }
}
