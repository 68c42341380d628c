package dev.gavel.service.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.db.embedded.EmbeddedDatabase;
import dev.gavel.db.history.HistoryQueries;
import dev.gavel.db.history.HistoryWriter;
import dev.gavel.db.lease.Fence;
import dev.gavel.db.schema.HistorySchema;
import dev.gavel.db.upkeep.HistoryUpkeep;
import dev.gavel.service.history.JdbcAuctionJournal;
import dev.gavel.service.ops.SettlementMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** PostgreSQL (external, or embedded in the data directory), its migrations, and the history writer. */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {
    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(DatabaseProperties database, GavelProperties gavel, LeaseProperties lease) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("gavel-history");
        pool.setMaximumPoolSize(database.poolSize());
        boundWaits(pool, database, lease);
        if (database.embedded()) {
            EmbeddedDatabase embedded = startEmbedded(gavel.dataDir().resolve("postgres"));
            log.info("embedded PostgreSQL started, data in {}", gavel.dataDir().resolve("postgres"));
            pool.setJdbcUrl(embedded.jdbcUrl());
            pool.setUsername(embedded.user());
            return new EmbeddedBackedDataSource(pool, embedded);
        }
        pool.setJdbcUrl(database.url());
        pool.setUsername(database.username());
        if (database.passwordFile() != null) {
            pool.setPassword(SecretFiles.read(database.passwordFile()));
        }
        return new HikariDataSource(pool);
    }

    /**
     * The embedded server of a developer's `./gavel serve` and the devnet. The operator's jar and image carry no
     * PostgreSQL binaries: there, a missing {@code gavel.database.url} is a configuration error, said as such
     * ({@link NoDatabaseFailureAnalyzer}).
     */
    private static EmbeddedDatabase startEmbedded(Path dataDirectory) {
        try {
            return EmbeddedDatabase.start(dataDirectory);
        } catch (EmbeddedDatabase.BinariesMissingException e) {
            throw new NoDatabaseException(e);
        }
    }

    /**
     * Every wait on the database is bounded: the server cancels a statement after the statement timeout (a lock
     * the writer needs, a slow disk), the driver gives up a silent connection after the socket timeout (a server
     * that stopped answering), the pool hands out a connection within the connection timeout. A transaction left
     * open by a frozen process would hold the lease's row against a takeover: the server ends it (and its session)
     * once it has idled as long as a lease grant lives. Settings already in an external URL win over these.
     */
    private static void boundWaits(HikariConfig pool, DatabaseProperties database, LeaseProperties lease) {
        pool.setConnectionTimeout(database.connectionTimeout().toMillis());
        pool.addDataSourceProperty(
                "options",
                "-c statement_timeout=" + database.statementTimeout().toMillis()
                        + " -c idle_in_transaction_session_timeout="
                        + lease.duration().toMillis());
        // the driver reads its properties as strings (Properties.getProperty): a number would be ignored
        pool.addDataSourceProperty("socketTimeout", Integer.toString(database.socketTimeoutSeconds()));
        pool.addDataSourceProperty(
                "connectTimeout",
                Long.toString(Math.max(1, database.connectionTimeout().toSeconds())));
    }

    /**
     * The database, once migrated and partitioned ahead: what every store of the service is built on. Migrations run without the
     * statement timeout (a migration of a large table may take long); the connections they used are then
     * replaced, so the pool's all have the timeout again.
     */
    @Bean
    MigratedDatabase migratedDatabase(DataSource dataSource) {
        HistorySchema.migrateUntimed(dataSource);
        if (dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
            pool.getHikariPoolMXBean().softEvictConnections();
        }
        return new MigratedDatabase(dataSource);
    }

    /** The history's partitions ahead, ciphertext retention and daily statistics, repeated by the lifecycle. */
    @Bean
    HistoryUpkeep historyUpkeep(MigratedDatabase migrated, HistoryProperties history) {
        return new HistoryUpkeep(migrated.dataSource(), history.ciphertextRetention());
    }

    /** The one writer of the history, fenced: rounds left open by an earlier instance are aborted at the takeover. */
    @Bean(destroyMethod = "close")
    HistoryWriter historyWriter(
            MigratedDatabase migrated, DatabaseProperties database, Fence fence, MeterRegistry registry) {
        HistoryWriter writer = new HistoryWriter(
                migrated.dataSource(), fence, database.writeQueueCapacity(), database.writeBatchSize());
        registry.gauge("gavel.history.queued", writer, HistoryWriter::queued);
        registry.more().counter("gavel.history.rejections.dropped", List.of(), writer, HistoryWriter::dropped);
        registry.more().counter("gavel.history.batches", List.of(), writer, HistoryWriter::committedBatches);
        registry.more()
                .counter("gavel.history.unavailable.batches", List.of(), writer, HistoryWriter::unavailableBatches);
        return writer;
    }

    /** The chain mirror, once the settings have been found to agree with the contracts they name. */
    @Bean
    ChainMirroring chainMirroring(
            ChainProperties chain,
            AuctionProperties auction,
            SettlementProperties settlement,
            AuctionKeyPair auctionKey,
            MigratedDatabase migrated) {
        ContractAgreement.check(chain, auction, settlement, auctionKey.publicKey());
        return ChainMirroring.from(chain, migrated.dataSource());
    }

    @Bean
    SettlementWiring settlementWiring(
            SettlementProperties settlement,
            ChainProperties chain,
            MigratedDatabase migrated,
            Fence fence,
            Clock clock,
            MeterRegistry registry) {
        SettlementMetrics metrics = new SettlementMetrics(registry, clock, settlement.windowMarginBlocks());
        return SettlementWiring.from(settlement, chain, migrated.dataSource(), fence, clock, metrics::record);
    }

    @Bean
    JdbcAuctionJournal auctionJournal(HistoryWriter writer, DataSource dataSource) {
        return new JdbcAuctionJournal(writer, new HistoryQueries(dataSource));
    }

    /** Neither {@code gavel.database.url} nor embedded PostgreSQL binaries: nothing to store the history in. */
    static final class NoDatabaseException extends IllegalStateException {
        NoDatabaseException(EmbeddedDatabase.BinariesMissingException cause) {
            super(
                    "gavel.database.url is not set, and this build has no embedded PostgreSQL ("
                            + cause.resource()
                            + " is not on the classpath)",
                    cause);
        }
    }

    /** A data source whose schema is current. */
    record MigratedDatabase(DataSource dataSource) {}

    /** A pool over an embedded server, which stops with the pool. */
    static final class EmbeddedBackedDataSource extends HikariDataSource {
        private final EmbeddedDatabase server;

        EmbeddedBackedDataSource(HikariConfig config, EmbeddedDatabase server) {
            super(config);
            this.server = server;
        }

        @Override
        public void close() {
            super.close();
            server.close();
        }
    }
}
