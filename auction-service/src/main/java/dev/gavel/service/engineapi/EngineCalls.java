package dev.gavel.service.engineapi;

/** Where the Engine API reports how long each call took: by method and result ("ok", or the JSON-RPC error code). */
@FunctionalInterface
public interface EngineCalls {
    void record(String method, String result, long nanos);
}
