package dev.gavel.attestation.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gavel.fixtures.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CRLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Intel's PCS API v4 on this machine (the JDK's HTTP server): the TDX TCB info by FMSPC, the TD QE identity and
 * the PCK CRLs, with their issuer chains URL-encoded in the headers Intel sends, and the Root CA CRL at its own
 * path. Serves what a test puts in it: the 2023 SPR_E4 collateral of the fixtures, or a {@link SyntheticDcap}
 * world's. A test can take it down (every request answers 503) and count the requests.
 */
public final class LocalPcs implements AutoCloseable {
    private static final String TCB = "/tdx/certification/v4/tcb";
    private static final String QE_IDENTITY = "/tdx/certification/v4/qe/identity";
    private static final String PCK_CRL = "/sgx/certification/v4/pckcrl";
    private static final String ROOT_CRL = "/IntelSGXRootCA.der";

    private final HttpServer server;
    private final Map<String, Response> responses = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean down;

    private record Response(byte[] body, String chainHeader, String chain) {}

    private LocalPcs(HttpServer server) {
        this.server = server;
        server.createContext("/", this::answer);
        server.start();
    }

    public static LocalPcs start() {
        try {
            return new LocalPcs(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new IllegalStateException("the local PCS cannot start", e);
        }
    }

    /** A PCS serving the 2023 collateral of go-tdx-guest's SPR_E4 quote (FMSPC 50806F000000, PCK Platform CA). */
    public static LocalPcs serving2023() {
        LocalPcs pcs = start();
        String tcbChain = AttestationFixtures.text("tcb_info_issuer_chain.pem");
        pcs.tcbInfo("50806F000000", Fixtures.bytes("tdx/go-tdx-guest/sample_tcbInfo_response.json"), tcbChain);
        pcs.qeIdentity(Fixtures.bytes("tdx/go-tdx-guest/sample_qeIdentity_response.json"), tcbChain);
        pcs.pckCrl(
                "platform",
                Fixtures.bytes("tdx/go-tdx-guest/pckcrl.der"),
                AttestationFixtures.text("pck_crl_issuer_chain.pem"));
        pcs.rootCrl(Fixtures.bytes("tdx/go-tdx-guest/rootcrl.der"));
        return pcs;
    }

    /** Serves {@code bundle}'s collateral as the PCS would, its TCB info for the world's FMSPC. */
    public LocalPcs serve(SyntheticDcap world, SyntheticDcap.Bundle bundle) {
        try {
            tcbInfo(
                    SyntheticDcap.FMSPC,
                    bundle.tcbInfoDocument().getBytes(StandardCharsets.UTF_8),
                    bundle.tcbInfoIssuerChain);
            qeIdentity(bundle.qeIdentityDocument().getBytes(StandardCharsets.UTF_8), bundle.qeIdentityIssuerChain);
            pckCrl(
                    "platform",
                    bundle.pckCrl.getEncoded(),
                    SyntheticDcap.pem(world.platformCa.certificate(), world.root.certificate()));
            rootCrl(bundle.rootCrl.getEncoded());
            return this;
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void tcbInfo(String fmspc, byte[] document, String issuerChain) {
        responses.put(
                TCB + "?fmspc=" + fmspc.toUpperCase(Locale.ROOT),
                new Response(document, "TCB-Info-Issuer-Chain", issuerChain));
    }

    public void qeIdentity(byte[] document, String issuerChain) {
        responses.put(QE_IDENTITY, new Response(document, "SGX-Enclave-Identity-Issuer-Chain", issuerChain));
    }

    public void pckCrl(String ca, byte[] der, String issuerChain) {
        responses.put(
                PCK_CRL + "?ca=" + ca + "&encoding=der", new Response(der, "SGX-PCK-CRL-Issuer-Chain", issuerChain));
    }

    public void rootCrl(byte[] der) {
        responses.put(ROOT_CRL, new Response(der, null, null));
    }

    /** Takes the PCS down (every request answers 503) or brings it back. */
    public void down(boolean unreachable) {
        down = unreachable;
    }

    /** How many requests it has answered so far. */
    public int requests() {
        return requests.get();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Where it serves the Root CA CRL (Intel serves it from the root's CRL distribution point). */
    public URI rootCrlUrl() {
        return URI.create(url() + ROOT_CRL);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String key = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + normalized(uri);
            Response response = down ? null : responses.get(key);
            if (response == null) {
                byte[] message = (down ? "down" : "not found").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(down ? 503 : 404, message.length);
                exchange.getResponseBody().write(message);
                return;
            }
            if (response.chainHeader() != null) {
                exchange.getResponseHeaders().add(response.chainHeader(), urlEncoded(response.chain()));
            }
            exchange.sendResponseHeaders(200, response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }

    private static String normalized(URI uri) {
        String query = uri.getRawQuery();
        return query.startsWith("fmspc=") ? "fmspc=" + query.substring(6).toUpperCase(Locale.ROOT) : query;
    }

    /** Percent-encoding as Intel sends its issuer chains: everything but unreserved characters, a space as %20. */
    static String urlEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
