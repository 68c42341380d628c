package dev.gavel.bidding.client;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidReceipt;
import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.bid.Rejection;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.seal.AuctionPublicKey;
import dev.gavel.bidding.seal.BidEncoding;
import dev.gavel.bidding.seal.BidSealer;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.HeaderSignatures;
import dev.gavel.bidding.seal.RoundReference;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.bidding.seal.SubmissionRlp;
import dev.gavel.primitives.Address;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.web3j.crypto.ECKeyPair;

/**
 * A builder's client of Gavel's public API: fetch the auction key, then sign, seal and submit bids, as JSON or as
 * binary frames (the smaller and cheaper transport, and the only one for blocks above the JSON limit).
 */
public final class BuilderClient {
    /** How long one request may take before the client gives up on it (a round lasts about a block). */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final URI baseUri;
    private final HttpClient http;
    private final ECKeyPair key;
    private final Address builder;
    private final Eip712Domain domain;
    private final BidEncoding encoding;
    private final BidSignatures signatures;
    private volatile BidSealer sealer;

    /** A client that sends JSON bids. */
    public BuilderClient(URI baseUri, HttpClient http, ECKeyPair key, Eip712Domain domain) {
        this(baseUri, http, key, domain, BidEncoding.JSON);
    }

    public BuilderClient(URI baseUri, HttpClient http, ECKeyPair key, Eip712Domain domain, BidEncoding encoding) {
        this.baseUri = baseUri;
        this.encoding = encoding;
        this.http = http;
        this.key = key;
        this.builder = Secp256k1.address(key);
        this.domain = domain;
        this.signatures = new BidSignatures(domain);
    }

    public Address builder() {
        return builder;
    }

    public AuctionPublicKey fetchAuctionKey() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(baseUri.resolve("/v1/auction-key"))
                        .timeout(REQUEST_TIMEOUT)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET /v1/auction-key answered " + response.statusCode());
        }
        AuctionPublicKey auctionKey = WireJson.read(response.body(), AuctionPublicKey.class);
        sealer = new BidSealer(auctionKey, new HeaderSignatures(domain));
        return auctionKey;
    }

    /**
     * Signs {@code bid} (whose builder must be this client's key), seals it with the payload under a header
     * naming {@code round} and submits it.
     */
    public CompletableFuture<SubmitResult> submit(Bid bid, ExecutionPayloadEnvelope envelope, RoundReference round) {
        return submitSealed(seal(bid, envelope, round));
    }

    /** Builds the sealed bid without sending it: for tests and tools that send it themselves. */
    public SealedBid seal(Bid bid, ExecutionPayloadEnvelope envelope, RoundReference round) {
        if (!bid.builder().equals(builder)) {
            throw new IllegalArgumentException(
                    "bid names builder " + bid.builder() + " but this client signs as " + builder);
        }
        BidSealer current = sealer;
        if (current == null) {
            throw new IllegalStateException("fetchAuctionKey() first");
        }
        BidSubmission submission = new BidSubmission(signatures.sign(bid, key), envelope);
        byte[] plaintext =
                encoding == BidEncoding.BINARY ? SubmissionRlp.encode(submission) : WireJson.write(submission);
        return current.seal(plaintext, bid, round, key);
    }

    /** The request body of {@code sealed} in this client's encoding. */
    public byte[] body(SealedBid sealed) {
        return encoding.body(sealed);
    }

    public BidEncoding encoding() {
        return encoding;
    }

    public CompletableFuture<SubmitResult> submitSealed(SealedBid sealed) {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/v1/bids"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", encoding.mediaType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(sealed)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(BuilderClient::toResult);
    }

    /** What an answer of POST /v1/bids means, for callers that send request bodies themselves. */
    public static SubmitResult toResult(HttpResponse<byte[]> response) {
        if (response.statusCode() == 202) {
            return new SubmitResult.Accepted(WireJson.read(response.body(), BidReceipt.class));
        }
        Optional<Duration> retryAfter = response.headers()
                .firstValue("Retry-After")
                .filter(seconds -> seconds.matches("[0-9]{1,6}"))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)));
        return new SubmitResult.Rejected(
                response.statusCode(), WireJson.read(response.body(), Rejection.class), retryAfter);
    }

    /** What the auction answered to one bid. */
    public sealed interface SubmitResult {
        record Accepted(BidReceipt receipt) implements SubmitResult {}

        /** Refused; {@code retryAfter} is when the auction asks to be tried again (overload and rate limits). */
        record Rejected(int httpStatus, Rejection error, Optional<Duration> retryAfter) implements SubmitResult {}
    }
}
