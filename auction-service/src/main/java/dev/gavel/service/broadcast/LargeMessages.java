package dev.gavel.service.broadcast;

import org.springframework.web.reactive.socket.WebSocketHandler;

/**
 * A websocket whose peers send messages above Reactor Netty's default of 64 KiB (the builder channel carries
 * sealed bids): {@link LimitedHandshakes} opens it with room for messages of up to {@link #maxMessageBytes}, and
 * a larger one closes the socket (1009, message too big).
 */
public interface LargeMessages extends WebSocketHandler {
    int maxMessageBytes();
}
