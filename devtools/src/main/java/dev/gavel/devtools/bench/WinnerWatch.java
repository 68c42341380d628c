package dev.gavel.devtools.bench;

import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.round.Outcome;
import dev.gavel.simulation.Http11;
import java.net.URI;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.LongConsumer;

/** A subscriber of the winners websocket that reports each outcome's block number as it arrives. */
final class WinnerWatch implements WebSocket.Listener {
    private final LongConsumer arrived;
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private WinnerWatch(LongConsumer arrived) {
        this.arrived = arrived;
    }

    static WinnerWatch open(URI uri, LongConsumer arrived) {
        WinnerWatch watch = new WinnerWatch(arrived);
        watch.socket =
                Http11.client().newWebSocketBuilder().buildAsync(uri, watch).join();
        return watch;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            arrived.accept(WireJson.read(partial.toString(), Outcome.class)
                    .blockNumber()
                    .value());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    void close() {
        socket.abort();
    }
}
