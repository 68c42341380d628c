package dev.gavel.service.ops;

import dev.gavel.service.engineapi.EngineApiServer;
import java.io.PrintStream;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where everything is once the service is ready; secrets by path, never by value. */
@Component
public final class ServeBanner implements ApplicationListener<ApplicationReadyEvent> {
    private final EngineApiServer engineApi;
    private final Environment environment;

    public ServeBanner(EngineApiServer engineApi, Environment environment) {
        this.engineApi = engineApi;
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        int http = ((WebServerApplicationContext) event.getApplicationContext())
                .getWebServer()
                .getPort();
        String management = environment.getProperty("local.management.port", String.valueOf(http));
        String dataDir = environment.getProperty("gavel.data-dir");
        String jwt = environment.getProperty("gavel.engine.jwt-secret-file", "");
        PrintStream out = System.out;
        out.println();
        out.println("Gavel is serving");
        out.println("  Engine API (rollup-boost --builder-url)  http://127.0.0.1:" + engineApi.port());
        out.println("  JWT secret file (--builder-jwt-path)     " + (jwt.isBlank() ? dataDir + "/jwt.hex" : jwt));
        out.println("  bids                                     POST http://127.0.0.1:" + http + "/v1/bids");
        out.println("  auction key                              http://127.0.0.1:" + http + "/v1/auction-key");
        out.println("  build jobs                               ws://127.0.0.1:" + http + "/v1/build-jobs");
        out.println("  winners                                  ws://127.0.0.1:" + http + "/v1/winners?fromBlock=0");
        out.println("  health (management port)                http://127.0.0.1:" + management + "/actuator/health");
        out.println(
                "  metrics (management port)               http://127.0.0.1:" + management + "/actuator/prometheus");
        out.println("  data directory                           " + dataDir);
        out.println();
    }
}
