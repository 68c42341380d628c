package dev.gavel.devtools.devnet;

import dev.gavel.bidding.seal.AuctionPublicKey;
import dev.gavel.bidding.seal.HeaderSignatures;
import dev.gavel.devtools.attack.AttackReport;
import dev.gavel.devtools.attack.ForgedBidFlood;
import dev.gavel.devtools.attack.Slowloris;
import dev.gavel.primitives.Address;
import dev.gavel.simulation.SimulatedRollupBoost.OpenRound;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The attackers a devnet runs beside its honest builders, each from its own loopback address; none by default. */
final class Attackers implements AutoCloseable {
    static final long SLOWLORIS_BODY_BYTES = 8L * 1024 * 1024;
    static final int FORGED_BID_BYTES = 256 * 1024;

    private final Optional<Slowloris> slowloris;
    private final Optional<ForgedBidFlood> flood;

    private Attackers(Optional<Slowloris> slowloris, Optional<ForgedBidFlood> flood) {
        this.slowloris = slowloris;
        this.flood = flood;
    }

    static Attackers start(
            DevnetOptions options,
            URI service,
            Address victim,
            AuctionPublicKey auctionKey,
            HeaderSignatures headers,
            Supplier<Optional<OpenRound>> rounds)
            throws UnknownHostException {
        Optional<Slowloris> slowloris = options.slowlorisConnections() == 0
                ? Optional.empty()
                : Optional.of(Slowloris.start(
                        service,
                        InetAddress.getByName("127.0.0.2"),
                        options.slowlorisConnections(),
                        SLOWLORIS_BODY_BYTES));
        Optional<ForgedBidFlood> flood = options.forgedBidsPerSecond() == 0
                ? Optional.empty()
                : Optional.of(ForgedBidFlood.start(
                        service,
                        InetAddress.getByName("127.0.0.3"),
                        victim,
                        auctionKey,
                        headers,
                        rounds,
                        options.forgedBidsPerSecond(),
                        FORGED_BID_BYTES));
        return new Attackers(slowloris, flood);
    }

    /** What they did, if any ran. */
    Optional<AttackReport> report() {
        if (slowloris.isEmpty() && flood.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AttackReport(
                slowloris.map(Slowloris::report).orElse(new AttackReport.SlowlorisReport(0, 0, 0)),
                flood.map(ForgedBidFlood::report).orElse(new AttackReport.FloodReport(0, 0, 0, Map.of()))));
    }

    @Override
    public void close() {
        slowloris.ifPresent(Slowloris::close);
        flood.ifPresent(ForgedBidFlood::close);
    }
}
