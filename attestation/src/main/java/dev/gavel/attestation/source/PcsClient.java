package dev.gavel.attestation.source;

import dev.gavel.primitives.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Intel's Provisioning Certification Service, API v4 (or a PCCS serving the same paths), for what TDX
 * verification needs: the TDX TCB info of an FMSPC, the TD QE identity and the PCK CRLs, each with the issuer
 * chain of its signer from a response header (URL-encoded PEM), and the Root CA's CRL from its distribution
 * point. Answers exactly the bytes served; whether they are genuine is for the caller to check.
 */
public final class PcsClient {
    /** Intel's PCS. */
    public static final URI INTEL_PCS = URI.create("https://api.trustedservices.intel.com");
    /** The CRL distribution point of the Intel SGX Root CA. */
    public static final URI INTEL_ROOT_CRL =
            URI.create("https://certificates.trustedservices.intel.com/IntelSGXRootCA.der");

    static final String TCB_INFO_ISSUER_CHAIN = "TCB-Info-Issuer-Chain";
    static final String QE_IDENTITY_ISSUER_CHAIN = "SGX-Enclave-Identity-Issuer-Chain";
    static final String PCK_CRL_ISSUER_CHAIN = "SGX-PCK-CRL-Issuer-Chain";
    private static final int MAX_BODY = 1 << 20;

    private final URI base;
    private final URI rootCrl;
    private final Duration timeout;
    private final HttpClient http;

    public PcsClient(URI base, URI rootCrl, Duration timeout) {
        this.base = base;
        this.rootCrl = rootCrl;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** The PCS answered 404: it has no such document (an FMSPC it does not know, say). */
    public static final class NotFound extends IOException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** A response: its body and, when the PCS sends one, the PEM issuer chain of its signer. */
    public record Fetched(byte[] body, byte[] issuerChain) {}

    /** {@code GET /tdx/certification/v4/tcb?fmspc=}: the TDX TCB info of an FMSPC (12 hex digits). */
    public Fetched tcbInfo(String fmspcHex) throws IOException {
        if (!fmspcHex.matches("[0-9A-Fa-f]{12}")) {
            throw new IllegalArgumentException("an FMSPC is 12 hex digits, not \"" + fmspcHex + "\"");
        }
        return get(path("/tdx/certification/v4/tcb?fmspc=" + fmspcHex), TCB_INFO_ISSUER_CHAIN);
    }

    /** {@code GET /tdx/certification/v4/qe/identity}: the TD QE identity. */
    public Fetched qeIdentity() throws IOException {
        return get(path("/tdx/certification/v4/qe/identity"), QE_IDENTITY_ISSUER_CHAIN);
    }

    /** {@code GET /sgx/certification/v4/pckcrl?ca=&encoding=der}: the CRL of a PCK CA, DER. */
    public Fetched pckCrl(Platform.PckCa ca) throws IOException {
        Fetched fetched =
                get(path("/sgx/certification/v4/pckcrl?ca=" + ca.pcsName() + "&encoding=der"), PCK_CRL_ISSUER_CHAIN);
        return new Fetched(der(fetched.body()), fetched.issuerChain());
    }

    /** The Intel SGX Root CA's CRL from its distribution point, DER. */
    public Fetched rootCrl() throws IOException {
        return new Fetched(der(get(rootCrl, null).body()), null);
    }

    private URI path(String pathAndQuery) {
        String root = base.toString();
        return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + pathAndQuery);
    }

    private Fetched get(URI uri, String chainHeader) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching " + uri, e);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = read(in, uri);
        }
        if (response.statusCode() == 404) {
            throw new NotFound(uri + " answered 404: the PCS has no such document");
        }
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        if (chainHeader == null) {
            return new Fetched(body, null);
        }
        Optional<String> chain = response.headers().firstValue(chainHeader);
        if (chain.isEmpty()) {
            throw new IOException(uri + " sent no " + chainHeader + " header");
        }
        // Intel encodes a space as %20; a PCCS that form-encoded it as '+' would break the PEM markers only
        String pem = percentDecode(chain.get())
                .replace("BEGIN+CERTIFICATE", "BEGIN CERTIFICATE")
                .replace("END+CERTIFICATE", "END CERTIFICATE");
        return new Fetched(body, pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] read(InputStream in, URI uri) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (out.size() + n > MAX_BODY) {
                throw new IOException(uri + " answered more than " + MAX_BODY + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * Percent-decoding only: a '+' stays a '+' (base64 uses it, and a PCCS may leave it unencoded), unlike
     * URLDecoder, which would turn it into a space.
     */
    static String percentDecode(String encoded) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    throw new IOException("a truncated escape in an issuer chain header");
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new IOException("a malformed escape in an issuer chain header");
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** A CRL as DER; a PCCS may serve it hex-encoded instead, which is decoded. */
    private static byte[] der(byte[] body) throws IOException {
        if (body.length > 0 && body[0] == 0x30) {
            return body;
        }
        String text = new String(body, StandardCharsets.US_ASCII).strip();
        try {
            return Hex.decodeOptionalPrefix(text);
        } catch (IllegalArgumentException e) {
            throw new IOException("a CRL that is neither DER nor hex");
        }
    }
}
