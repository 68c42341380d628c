package dev.gavel.service.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection written and read by hand, so a test controls exactly what goes on the wire (a
 * Content-Length it does not send, a connection it reuses) and a stall shows up as a read timeout, not a hang.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;

    public RawHttp(URI base, Duration readTimeout) throws IOException {
        this(base, readTimeout, null);
    }

    /** A connection from the local address {@code from} (a loopback alias such as 127.0.0.2), or any if null. */
    public RawHttp(URI base, Duration readTimeout, InetAddress from) throws IOException {
        this.socket = new Socket(base.getHost(), base.getPort(), from, 0);
        this.socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.host = base.getHost() + ":" + base.getPort();
    }

    /** Sends a request with {@code headers} (Host is added) and {@code body} as given; nothing is computed. */
    public void send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** A request whose Content-Length is its body's. */
    public Response exchange(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Length", Integer.toString(body.length));
        send(method, path, all, body);
        return read();
    }

    /** Reads one response: its status, headers (names in lower case) and a Content-Length or chunked body. */
    public Response read() throws IOException {
        String statusLine = line();
        if (statusLine.isEmpty()) {
            throw new IOException("the server closed the connection before answering");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).strip());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().strip(), 16);
                    size > 0;
                    size = Integer.parseInt(line().strip(), 16)) {
                chunks.write(in.readNBytes(size));
                line();
            }
            line();
            body = chunks.toByteArray();
        } else {
            body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    public record Response(int status, Map<String, String> headers, String body) {}
}
