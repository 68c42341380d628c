package dev.gavel.service.config;

import dev.gavel.service.config.StorageConfiguration.NoDatabaseException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says what to do when the operator's jar or image starts without {@code gavel.database.url}: Spring Boot prints
 * this instead of a stack trace (registered in META-INF/spring.factories).
 */
final class NoDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<NoDatabaseException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoDatabaseException cause) {
        return new FailureAnalysis(
                cause.getMessage() + ". Embedded PostgreSQL is a developer convenience of ./gavel serve and the"
                        + " devnet; the operator's command line and its image leave it out.",
                "Set gavel.database.url (environment GAVEL_DATABASE_URL) to your PostgreSQL's JDBC URL, e.g."
                        + " jdbc:postgresql://postgres:5432/gavel, with gavel.database.username and"
                        + " gavel.database.password-file.",
                cause);
    }
}
