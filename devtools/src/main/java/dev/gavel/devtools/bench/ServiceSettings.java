package dev.gavel.devtools.bench;

import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.primitives.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.web3j.crypto.ECKeyPair;

/**
 * What a Gavel must be started with to take the bench's load: the bench's builders admitted (fixed, publicly
 * known test keys: never admit them to a Gavel that matters), its bid domain, and the per-builder and
 * per-address limits opened up to the load offered. The generator is one address standing for every builder,
 * and each builder sends a round's bids in one block time, so the production limits (64 connections an address,
 * 50 bids a second a builder) would measure themselves, not intake; load shedding (max-pending) stays as deployed.
 * Strikes are opened too: the bench's sequencer never takes a won block.
 * Written as a properties file, for {@code gavel serve --spring.config.additional-location=file:FILE}.
 */
final class ServiceSettings {
    static final long CHAIN_ID = 901;
    static final Address SETTLEMENT = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    private static final long FIRST_KEY = 0xbe9c4L;

    private ServiceSettings() {}

    /** The builders' keys: the same for every run, so a target started with the written settings admits them. */
    static List<ECKeyPair> builderKeys(int builders) {
        return IntStream.range(0, builders)
                .mapToObj(i -> ECKeyPair.create(BigInteger.valueOf(FIRST_KEY + i)))
                .toList();
    }

    static Eip712Domain domain() {
        return Eip712Domain.gavel(CHAIN_ID, SETTLEMENT);
    }

    static Map<String, String> of(BenchOptions options) {
        int perBuilder = Math.ceilDiv(options.mostBidsPerRound(), options.builders());
        double perBuilderPerSecond = BenchOptions.offeredPerSecond(perBuilder, options.blockTime());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("gavel.bids.rate-per-builder", Double.toString(2 * perBuilderPerSecond));
        settings.put("gavel.bids.burst-per-builder", Integer.toString(2 * perBuilder));
        settings.put(
                "gavel.bids.max-connections-per-address",
                Integer.toString(Math.max(64, 2 * options.mostBidsPerRound())));
        settings.put("gavel.auction.chain-id", Long.toString(CHAIN_ID));
        settings.put("gavel.auction.settlement-contract", SETTLEMENT.toHex());
        settings.put(
                "gavel.auction.builders",
                String.join(
                        ",",
                        builderKeys(options.builders()).stream()
                                .map(k -> Secp256k1.address(k).toHex())
                                .toList()));
        settings.put("gavel.auction.policy.max-bids-per-builder", Integer.toString(perBuilder));
        // the bench's sequencer always keeps its own block (the chain is fixed so bids can be built ahead): every
        // win is a strike, and the default limit would suspend builders mid-run
        settings.put("gavel.strikes.limit", Integer.toString(Integer.MAX_VALUE));
        settings.put("gavel.strikes.window-blocks", Integer.toString(Integer.MAX_VALUE));
        settings.put("gavel.bids.max-body-size", (options.payloadBytes() * 5L + 65_536) + "B");
        settings.put("gavel.bids.max-binary-body-size", (options.payloadBytes() * 2L + 65_536) + "B");
        return settings;
    }

    static void write(BenchOptions options, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# gavel bench's load, for: gavel serve --spring.config.additional-location=file:" + file);
        lines.add("# the builders are fixed test keys anyone knows: never admit them to a Gavel that matters");
        of(options).forEach((key, value) -> lines.add(key + "=" + value));
        Files.write(file, lines);
    }
}
