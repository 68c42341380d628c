package dev.gavel.bidding.engine;

import dev.gavel.bidding.json.JsonProblems;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.Hex;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * The Engine API's authentication as alloy/reth do it: HS256 only, a fresh {@code iat} within ±60 s,
 * a 32-byte secret given as hex (optional 0x, surrounding whitespace ignored).
 */
public final class EngineJwt {
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER =
            URL_ENCODER.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] secret;
    private final Clock clock;
    private final Duration tolerance;

    public EngineJwt(byte[] secret, Clock clock, Duration tolerance) {
        if (secret.length != 32) {
            throw new IllegalArgumentException("the JWT secret must be 32 bytes, got " + secret.length);
        }
        this.secret = secret.clone();
        this.clock = clock;
        this.tolerance = tolerance;
    }

    /** Reads a secret file's text: 64 hex digits, optionally 0x-prefixed, whitespace trimmed. */
    public static byte[] parseSecret(String text) {
        byte[] secret = Hex.decodeOptionalPrefix(text.strip());
        if (secret.length != 32) {
            throw new IllegalArgumentException(
                    "the JWT secret must be 64 hex digits (32 bytes), got " + secret.length + " bytes");
        }
        return secret;
    }

    /** A token for the current time, as rollup-boost mints one per request. */
    public String mint() {
        return mint(clock.instant().getEpochSecond());
    }

    public String mint(long issuedAt) {
        String payload = URL_ENCODER.encodeToString(("{\"iat\":" + issuedAt + "}").getBytes(StandardCharsets.UTF_8));
        String signingInput = HEADER + "." + payload;
        return signingInput + "." + URL_ENCODER.encodeToString(hmac(signingInput));
    }

    /** Why {@code authorization} (the HTTP header) is not acceptable, or empty when it is. */
    public Optional<String> rejection(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.of("missing bearer token");
        }
        String[] parts = authorization.substring("Bearer ".length()).strip().split("\\.", -1);
        if (parts.length != 3) {
            return Optional.of("malformed token: expected header.payload.signature");
        }
        try {
            JsonNode header = WireJson.MAPPER.readTree(URL_DECODER.decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asString(null))) {
                return Optional.of("unsupported algorithm " + header.path("alg") + " (HS256 only)");
            }
            if (!MessageDigest.isEqual(hmac(parts[0] + "." + parts[1]), URL_DECODER.decode(parts[2]))) {
                return Optional.of("signature does not match the secret");
            }
            JsonNode iat =
                    WireJson.MAPPER.readTree(URL_DECODER.decode(parts[1])).path("iat");
            if (!iat.canConvertToLong()) {
                return Optional.of("token has no numeric iat claim");
            }
            long age = clock.instant().getEpochSecond() - iat.asLong();
            if (Math.abs(age) > tolerance.toSeconds()) {
                return Optional.of("token issued " + (age > 0 ? age + " s ago" : -age + " s in the future") + " (iat "
                        + iat.asLong() + "); at most " + tolerance.toSeconds() + " s either way allowed");
            }
            return Optional.empty();
        } catch (IllegalArgumentException | tools.jackson.core.JacksonException e) {
            return Optional.of("malformed token: " + JsonProblems.describe(e));
        }
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }

    @Override
    public String toString() {
        return "EngineJwt[secret=<hidden>, tolerance=" + tolerance + "]";
    }
}
