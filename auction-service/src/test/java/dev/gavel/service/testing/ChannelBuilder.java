package dev.gavel.service.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.channel.ChannelChallenge;
import dev.gavel.bidding.channel.ChannelLogins;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import java.time.Duration;
import org.web3j.crypto.ECKeyPair;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A builder on /v1/builder, as docs/builder-api.md tells one to log in: over a real websocket. */
public final class ChannelBuilder {
    public static final Duration WAIT = Duration.ofSeconds(10);

    private ChannelBuilder() {}

    /**
     * Answers the channel's challenge as {@code claimed}, signing with {@code key} in {@code domain}; the
     * service's next message (empty when it sent none within 2 s, as when it closed the socket).
     */
    public static JsonNode logIn(
            TextSocket channel, Eip712Domain domain, ECKeyPair key, Address claimed, Long resumeAfter)
            throws InterruptedException {
        channel.send(login(next(channel), domain, key, claimed, resumeAfter));
        String answer = channel.next(Duration.ofSeconds(2));
        return answer == null ? WireJson.MAPPER.createObjectNode() : WireJson.MAPPER.readTree(answer);
    }

    /** The login answering {@code challenge} as {@code claimed}, signed with {@code key} in {@code domain}. */
    public static String login(
            JsonNode challenge, Eip712Domain domain, ECKeyPair key, Address claimed, Long resumeAfter) {
        assertThat(challenge.path("type").asString()).isEqualTo("challenge");
        ChannelChallenge answered = new ChannelChallenge(
                Hash32.fromHex(challenge.path("nonce").asString()),
                challenge.path("issuedAt").asLong(),
                challenge.path("auctionKeyId").asInt());
        ObjectNode login = WireJson.MAPPER.createObjectNode();
        login.put("builder", claimed.toHex());
        login.put(
                "signature",
                new ChannelLogins(domain).sign(answered, claimed, key).toHex());
        if (resumeAfter != null) {
            login.put("resumeAfter", resumeAfter);
        }
        return WireJson.writeString(login);
    }

    /** The next message, which must come within {@link #WAIT}. */
    public static JsonNode next(TextSocket channel) throws InterruptedException {
        String message = channel.next(WAIT);
        assertThat(message).as("a message within %s", WAIT).isNotNull();
        return WireJson.MAPPER.readTree(message);
    }
}
