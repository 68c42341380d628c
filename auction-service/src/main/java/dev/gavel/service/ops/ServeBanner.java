package dev.gavel.service.ops;

import dev.gavel.service.engineapi.EngineApiServer;
import java.io.PrintStream;
import java.nio.file.Path;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;

/** Prints where everything is once the service is ready; secrets by path, never by value. */
public final class ServeBanner implements ApplicationListener<ApplicationReadyEvent> {
    private final EngineApiServer engineApi;
    private final Path jwtSecretFile;
    private final Path dataDir;

    public ServeBanner(EngineApiServer engineApi, Path jwtSecretFile, Path dataDir) {
        this.engineApi = engineApi;
        this.jwtSecretFile = jwtSecretFile;
        this.dataDir = dataDir;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        int http = ((WebServerApplicationContext) event.getApplicationContext())
                .getWebServer()
                .getPort();
        String management = event.getApplicationContext()
                .getEnvironment()
                .getProperty("local.management.port", String.valueOf(http));
        PrintStream out = System.out;
        out.println();
        out.println("Gavel is serving");
        out.println("  Engine API (rollup-boost --builder-url)  http://127.0.0.1:" + engineApi.port());
        out.println("  JWT secret file (--builder-jwt-path)     " + jwtSecretFile);
        out.println("  bids                                     POST http://127.0.0.1:" + http + "/v1/bids");
        out.println("  auction key                              http://127.0.0.1:" + http + "/v1/auction-key");
        out.println("  builder channel (build jobs, orderflow)  ws://127.0.0.1:" + http + "/v1/builder");
        out.println("  winners                                  ws://127.0.0.1:" + http + "/v1/winners?fromBlock=0");
        out.println("  health (management port)                http://127.0.0.1:" + management + "/actuator/health");
        out.println(
                "  metrics (management port)               http://127.0.0.1:" + management + "/actuator/prometheus");
        out.println("  data directory                           " + dataDir);
        out.println();
    }
}
