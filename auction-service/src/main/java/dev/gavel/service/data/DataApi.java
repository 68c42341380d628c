package dev.gavel.service.data;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.BidsQuery;
import dev.gavel.bidding.bid.BidsQuerySignatures;
import dev.gavel.bidding.bid.InvalidSignatureException;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.db.data.DataCursors;
import dev.gavel.db.data.DataPage;
import dev.gavel.db.data.DataQuery;
import dev.gavel.db.data.DataTables;
import dev.gavel.primitives.Address;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The read-only data API ({@code /v1/data/*}, modelled on the relays' data API) and a builder's own bids
 * ({@code /v1/builder/bids}, signed). Handlers only check the request, run the read on the data API's own
 * scheduler and connection pool (never an event loop, never the auction's pool), and encode the page as JSON or
 * CSV. The next page's cursor is in the body ({@code nextCursor}) and in the {@code Gavel-Next-Cursor} header.
 */
public final class DataApi {
    static final String NEXT_CURSOR_HEADER = "Gavel-Next-Cursor";
    /** How far ahead a signed query may say it expires: a stolen signature is good for this long at most. */
    static final Duration MAX_QUERY_LIFETIME = Duration.ofMinutes(10);
    /** The widest block range one signed query may ask about. */
    static final long MAX_OWN_BLOCKS = 100_000;

    private static final Set<String> TABLE_PARAMETERS =
            Set.of("fromBlock", "toBlock", "builder", "from", "to", "limit", "cursor");
    private static final Set<String> ROUND_STATES = Set.of("closed", "expired", "aborted");
    private static final Set<String> BID_STATES = Set.of("accepted", "rejected");
    private static final Set<String> SETTLEMENT_STATES =
            Set.of("pending", "payable", "not_included", "submitted", "settled", "skipped", "quarantined");
    private static final Set<String> HUB_STATES = Set.of("ACTIVE", "SUSPENDED", "BANNED");

    private final DataTables tables;
    private final Scheduler reads;
    private final BidsQuerySignatures querySignatures;
    private final Clock clock;
    private final int defaultLimit;
    private final int maxLimit;

    public DataApi(
            DataTables tables,
            Scheduler reads,
            BidsQuerySignatures querySignatures,
            Clock clock,
            int defaultLimit,
            int maxLimit) {
        this.tables = tables;
        this.reads = reads;
        this.querySignatures = querySignatures;
        this.clock = clock;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    public Mono<ServerResponse> rounds(ServerRequest request) {
        return table(request, with("state"), ROUND_STATES, tables::rounds);
    }

    public Mono<ServerResponse> outcomes(ServerRequest request) {
        return table(request, TABLE_PARAMETERS, Set.of(), tables::outcomes);
    }

    public Mono<ServerResponse> bids(ServerRequest request) {
        return table(request, with("state"), BID_STATES, tables::bids);
    }

    public Mono<ServerResponse> settlements(ServerRequest request) {
        return table(request, with("state"), SETTLEMENT_STATES, tables::settlements);
    }

    public Mono<ServerResponse> builders(ServerRequest request) {
        return table(request, Set.of("builder", "state", "limit", "cursor"), HUB_STATES, tables::builders);
    }

    /**
     * GET /v1/builder/bids: a builder's own bids once their rounds are over, for a query it signed (EIP-712
     * {@code BidsQuery}) that has not expired.
     */
    public Mono<ServerResponse> ownBids(ServerRequest request) {
        return respond(request, () -> {
            DataParameters parameters = DataParameters.of(
                    request.queryParams(),
                    Set.of("builder", "fromBlock", "toBlock", "expires", "signature", "limit", "cursor"));
            BidsQuery query = new BidsQuery(
                    required(parameters.address("builder"), "builder"),
                    required(parameters.block("fromBlock"), "fromBlock"),
                    required(parameters.block("toBlock"), "toBlock"),
                    required(parameters.unixSeconds("expires"), "expires"));
            authenticate(query, required(parameters.text("signature"), "signature"));
            DataQuery page = new DataQuery(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    parameters.limit(defaultLimit, maxLimit),
                    parameters.text("cursor"));
            return () -> tables.ownBids(query.builder(), query.fromBlock(), query.toBlock(), page);
        });
    }

    private void authenticate(BidsQuery query, String signatureHex) {
        long now = clock.instant().getEpochSecond();
        if (query.expires() <= now || query.expires() > now + MAX_QUERY_LIFETIME.toSeconds()) {
            throw new DataRefusal(
                    DataError.QUERY_EXPIRED,
                    "expires (" + query.expires() + ") must be after now (" + now + ") and at most "
                            + MAX_QUERY_LIFETIME.toSeconds() + " s ahead: sign a fresh query");
        }
        long blocks = query.toBlock().value() - query.fromBlock().value();
        if (blocks < 0 || blocks >= MAX_OWN_BLOCKS) {
            throw new DataRefusal(
                    DataError.INVALID_RANGE,
                    "fromBlock to toBlock must be a range of 1 to " + MAX_OWN_BLOCKS + " blocks");
        }
        Address signer;
        try {
            signer = querySignatures.recover(query, BidSignature.fromHex(signatureHex));
        } catch (InvalidSignatureException | IllegalArgumentException e) {
            throw new DataRefusal(
                    DataError.BAD_SIGNATURE,
                    "signature must be the builder's 65-byte EIP-712 signature (r, s, v) of BidsQuery: "
                            + e.getMessage());
        }
        if (!signer.equals(query.builder())) {
            throw new DataRefusal(
                    DataError.SIGNER_MISMATCH,
                    "the query is signed by " + signer.toHex() + ", not by builder "
                            + query.builder().toHex());
        }
    }

    private static <T> T required(Optional<T> value, String name) {
        return value.orElseThrow(
                () -> new DataRefusal(DataError.INVALID_PARAMETER, "parameter '" + name + "' is required"));
    }

    private static Set<String> with(String extra) {
        java.util.HashSet<String> names = new java.util.HashSet<>(TABLE_PARAMETERS);
        names.add(extra);
        return Set.copyOf(names);
    }

    private Mono<ServerResponse> table(ServerRequest request, Set<String> allowed, Set<String> states, Read read) {
        return respond(request, () -> {
            DataQuery query = DataParameters.of(request.queryParams(), allowed).query(states, defaultLimit, maxLimit);
            return () -> read.page(query);
        });
    }

    /** Checks the request on the event loop (cheap), reads on the data scheduler, answers in the chosen format. */
    private Mono<ServerResponse> respond(ServerRequest request, Checked checked) {
        Format format;
        Query query;
        try {
            format = Format.of(request);
            query = checked.check();
        } catch (DataRefusal refusal) {
            return refuse(refusal);
        }
        return Mono.fromCallable(query::run)
                .subscribeOn(reads)
                .flatMap(page -> format.write(page))
                .onErrorResume(DataRefusal.class, DataApi::refuse)
                .onErrorResume(
                        DataCursors.InvalidCursorException.class,
                        e -> refuse(new DataRefusal(DataError.INVALID_CURSOR, e.getMessage())))
                .onErrorResume(
                        RejectedExecutionException.class,
                        e -> refuse(new DataRefusal(DataError.UNAVAILABLE, "the data API is busy; retry later")))
                .onErrorResume(
                        SQLException.class,
                        e -> refuse(
                                new DataRefusal(DataError.UNAVAILABLE, "the history could not be read; retry later")));
    }

    static Mono<ServerResponse> refuse(DataRefusal refusal) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", refusal.error().name());
        body.put("message", refusal.getMessage());
        ServerResponse.BodyBuilder response =
                ServerResponse.status(refusal.error().httpStatus()).contentType(MediaType.APPLICATION_JSON);
        if (refusal.error() == DataError.UNAVAILABLE) {
            response = response.header("Retry-After", "1");
        }
        return response.bodyValue(WireJson.write(body));
    }

    @FunctionalInterface
    private interface Read {
        DataPage page(DataQuery query) throws SQLException;
    }

    @FunctionalInterface
    private interface Query {
        DataPage run() throws SQLException;
    }

    @FunctionalInterface
    private interface Checked {
        Query check();
    }
}
