package dev.gavel.devtools.failover;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * What a Kubernetes Service does for the pair, at layer 4: each front port forwards new connections to the
 * instance that reports itself ready (asked every {@value #POLL_MILLIS} ms, each instance on its own thread) and
 * refuses them while none is. An instance stops being ready when it says so, refuses the connection (dead), or
 * leaves {@value #UNANSWERED_LIMIT} questions in a row unanswered within their short timeout (frozen: one slow
 * answer on a busy machine is not enough, as a probe's failure threshold). Connections to an instance that stops
 * being ready are closed, as a load balancer drains a failed endpoint.
 */
final class ReadinessProxy implements AutoCloseable {
    static final long POLL_MILLIS = 25;
    static final int UNANSWERED_LIMIT = 3;

    private final List<ServiceProcess> instances;
    private final List<Front> fronts;
    private final Map<ServiceProcess, Set<Socket>> open = new ConcurrentHashMap<>();
    private final Map<ServiceProcess, Long> readySince = new ConcurrentHashMap<>();
    private volatile ServiceProcess routed;
    private volatile boolean running = true;

    private ReadinessProxy(List<ServiceProcess> instances, List<ToIntFunction<ServiceProcess>> ports)
            throws IOException {
        this.instances = List.copyOf(instances);
        instances.forEach(instance -> open.put(instance, ConcurrentHashMap.newKeySet()));
        this.fronts = ports.stream().map(this::front).toList();
    }

    /**
     * A front port for each of {@code ports} (which port of an instance it forwards to), polling at once; returns
     * once an instance is routed to, or fails after {@code patience}.
     */
    static ReadinessProxy start(
            List<ServiceProcess> instances, List<ToIntFunction<ServiceProcess>> ports, Duration patience)
            throws IOException, InterruptedException {
        ReadinessProxy proxy = new ReadinessProxy(instances, ports);
        proxy.instances.forEach(instance -> Thread.ofVirtual().start(() -> proxy.poll(instance)));
        proxy.fronts.forEach(front -> Thread.ofVirtual().start(front::accept));
        Instant deadline = Instant.now().plus(patience);
        while (proxy.routed == null) {
            if (Instant.now().isAfter(deadline)) {
                proxy.close();
                throw new IOException("no instance was ready within " + patience.toSeconds() + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
        return proxy;
    }

    /** The loopback port that forwards to {@code ports.get(index)} of the ready instance. */
    int port(int index) {
        return fronts.get(index).server.getLocalPort();
    }

    /** The instance new connections go to now, if one is ready. */
    Optional<ServiceProcess> routed() {
        return Optional.ofNullable(routed);
    }

    /** When {@code instance} last became ready (System.nanoTime), if it is ready. */
    OptionalLong readySince(ServiceProcess instance) {
        Long since = readySince.get(instance);
        return since == null ? OptionalLong.empty() : OptionalLong.of(since);
    }

    private void poll(ServiceProcess instance) {
        int unanswered = 0;
        while (running) {
            ServiceProcess.Readiness readiness = instance.readiness();
            unanswered = readiness == ServiceProcess.Readiness.NO_ANSWER ? unanswered + 1 : 0;
            if (readiness == ServiceProcess.Readiness.READY && !readySince.containsKey(instance)) {
                readySince.put(instance, System.nanoTime());
                routed = instance;
            } else if ((readiness == ServiceProcess.Readiness.NOT_READY || unanswered >= UNANSWERED_LIMIT)
                    && readySince.remove(instance) != null) {
                if (routed == instance) {
                    routed = null;
                }
                drain(instance);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void drain(ServiceProcess instance) {
        Set<Socket> sockets = open.get(instance);
        sockets.forEach(ReadinessProxy::closeQuietly);
        sockets.clear();
    }

    private Front front(ToIntFunction<ServiceProcess> port) {
        try {
            return new Front(new ServerSocket(0, 128, InetAddress.getLoopbackAddress()), port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a proxy port", e);
        }
    }

    @Override
    public void close() {
        running = false;
        fronts.forEach(front -> closeQuietly(front.server));
        instances.forEach(this::drain);
    }

    /** One front port and which port of the ready instance it forwards to. */
    private final class Front {
        private final ServerSocket server;
        private final ToIntFunction<ServiceProcess> port;

        Front(ServerSocket server, ToIntFunction<ServiceProcess> port) {
            this.server = server;
            this.port = port;
        }

        void accept() {
            while (running) {
                try {
                    Socket client = server.accept();
                    Thread.ofVirtual().start(() -> forward(client));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void forward(Socket client) {
            ServiceProcess target = routed;
            if (target == null) {
                closeQuietly(client); // no ready endpoint: refused
                return;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), port.applyAsInt(target));
                Set<Socket> sockets = open.get(target);
                sockets.add(client);
                sockets.add(upstream);
                if (routed != target) { // it stopped being ready meanwhile
                    drain(target);
                    return;
                }
                Thread.ofVirtual().start(() -> pump(upstream, client, sockets));
                pump(client, upstream, sockets);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** Copies one direction until either side ends, then closes both. */
    private static void pump(Socket from, Socket to, Set<Socket> sockets) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // either side closed or was reset
        } finally {
            sockets.remove(from);
            sockets.remove(to);
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
