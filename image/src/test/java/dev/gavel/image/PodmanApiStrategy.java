package dev.gavel.image;

import java.net.URI;
import java.nio.file.Path;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

/**
 * Points Testcontainers at the podman API service {@link ContainerEngine} started (found through
 * META-INF/services). Testcontainers reads DOCKER_HOST only from the environment, which a running JVM cannot set;
 * an explicit DOCKER_HOST still wins (its strategy ranks higher).
 */
public final class PodmanApiStrategy extends DockerClientProviderStrategy {
    private static volatile URI socket;

    static void use(Path path) {
        socket = URI.create("unix://" + path);
    }

    @Override
    public String getDescription() {
        return "podman system service started by Gavel's image test at " + socket;
    }

    @Override
    protected boolean isApplicable() {
        return socket != null;
    }

    /** Below DOCKER_HOST's strategy (100), above the default socket's (80). */
    @Override
    protected int getPriority() {
        return 95;
    }

    @Override
    protected boolean isPersistable() {
        return false;
    }

    @Override
    public TransportConfig getTransportConfig() {
        return TransportConfig.builder().dockerHost(socket).build();
    }
}
