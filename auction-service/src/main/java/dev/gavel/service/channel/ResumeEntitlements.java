package dev.gavel.service.channel;

import dev.gavel.primitives.Address;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far back a builder's resume may reach on this instance, so that a resume never hands it orderflow
 * published while it was not admitted: on its first session here, nothing from before that session; after a
 * session, back to where that session was entitled from; after a session that ended in a refusal (suspended,
 * banned, no longer attested), nothing from before its next session. A builder suspended and reinstated while it
 * is not connected at all is not seen here; the mirror's confirmation depth makes that take many blocks, longer
 * than the resume window usually reaches.
 */
final class ResumeEntitlements {
    private final Map<Address, Long> entitledAfter = new ConcurrentHashMap<>();

    /**
     * Where {@code builder}'s new session resumes: after {@code asked} if it asked and is entitled that far back,
     * else after the nearest sequence it is entitled to; {@code latest} is the feed's last sequence now.
     */
    OptionalLong resume(Address builder, OptionalLong asked, long latest) {
        long entitled = entitledAfter.computeIfAbsent(builder, b -> latest);
        return asked.isPresent() ? OptionalLong.of(Math.max(asked.getAsLong(), entitled)) : OptionalLong.empty();
    }

    /** {@code builder} was refused mid-session: nothing published until its next session is its to resume. */
    void refused(Address builder) {
        entitledAfter.remove(builder);
    }
}
