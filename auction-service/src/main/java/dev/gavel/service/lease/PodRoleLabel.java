package dev.gavel.service.lease;

import dev.gavel.core.lease.AuctioneerLease;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labels this pod {@value #LABEL}={@code active} or {@code standby} as its lease role changes, so that the Engine
 * API's Service, which selects {@code active}, sends rollup-boost to the active auctioneer alone while both pods
 * stay ready (a rolling update then replaces them one by one), as Patroni labels its leader. The label routes; it
 * does not guard: the lease's fencing is what keeps a deposed instance from acting, and a label that lags only
 * sends rollup-boost to a standby for a moment, which tells it to build locally. The PATCH never blocks the
 * caller; a failed one is tried again on the next update.
 */
public final class PodRoleLabel {
    public static final String LABEL = "gavel.dev/role";
    private static final Logger log = LoggerFactory.getLogger(PodRoleLabel.class);
    private static final Path ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final AuctioneerLease lease;
    private final HttpClient client;
    private final URI pod;
    private final Supplier<String> token;
    private final AtomicReference<String> applied = new AtomicReference<>();
    private final AtomicBoolean patching = new AtomicBoolean();

    public PodRoleLabel(AuctioneerLease lease, HttpClient client, URI pod, Supplier<String> token) {
        this.lease = lease;
        this.client = client;
        this.pod = pod;
        this.token = token;
    }

    /**
     * The label of pod {@code podName} through the API server of the cluster this process runs in: its address
     * from the environment Kubernetes sets, its CA, token and namespace from the pod's service account.
     */
    public static PodRoleLabel inCluster(AuctioneerLease lease, String podName) {
        String host = System.getenv("KUBERNETES_SERVICE_HOST");
        String port = System.getenv().getOrDefault("KUBERNETES_SERVICE_PORT", "443");
        if (host == null) {
            throw new IllegalStateException(
                    "gavel.lease.label-pod is set, but KUBERNETES_SERVICE_HOST is not: this is not a Kubernetes pod");
        }
        String namespace = read(ACCOUNT.resolve("namespace")).strip();
        HttpClient client = HttpClient.newBuilder()
                .sslContext(trusting(ACCOUNT.resolve("ca.crt")))
                .connectTimeout(TIMEOUT)
                .build();
        URI pod = URI.create("https://" + host + ":" + port + "/api/v1/namespaces/" + namespace + "/pods/" + podName);
        return new PodRoleLabel(
                lease, client, pod, () -> read(ACCOUNT.resolve("token")).strip());
    }

    /** Patches the label if the role changed since it was last applied and no patch is on its way. */
    public void update() {
        String role = lease.active() ? "active" : "standby";
        if (role.equals(applied.get()) || !patching.compareAndSet(false, true)) {
            return;
        }
        HttpRequest patch = HttpRequest.newBuilder(pod)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token.get())
                .header("Content-Type", "application/merge-patch+json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                "{\"metadata\":{\"labels\":{\"" + LABEL + "\":\"" + role + "\"}}}"))
                .build();
        client.sendAsync(patch, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            patching.set(false);
            if (failure == null && response.statusCode() / 100 == 2) {
                applied.set(role);
                log.info("pod labelled {}={}", LABEL, role);
            } else {
                log.warn(
                        "could not label the pod {}={} ({}); trying again",
                        LABEL,
                        role,
                        failure != null
                                ? failure.toString()
                                : "HTTP " + response.statusCode() + ": " + response.body());
            }
        });
    }

    /** The role the label last took, or null before the first patch succeeded. */
    public String applied() {
        return applied.get();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pod's service account file " + file, e);
        }
    }

    private static SSLContext trusting(Path caCertificate) {
        try (InputStream pem = Files.newInputStream(caCertificate)) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                store.setCertificateEntry("cluster-ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster's CA certificate " + caCertificate, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the cluster's CA certificate " + caCertificate + " is unusable", e);
        }
    }
}
