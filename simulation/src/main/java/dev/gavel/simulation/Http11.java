package dev.gavel.simulation;

import java.net.http.HttpClient;
import java.time.Duration;

/** The HTTP client Gavel's own clients use: HTTP/1.1 (no h2c upgrade dance with the server) and a connect timeout. */
public final class Http11 {
    private Http11() {}

    public static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }
}
