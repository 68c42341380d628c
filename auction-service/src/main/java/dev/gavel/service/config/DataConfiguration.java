package dev.gavel.service.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.gavel.bidding.bid.BidsQuerySignatures;
import dev.gavel.db.data.DataTables;
import dev.gavel.service.data.DataApi;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The data API and the explorer on the public port: a read-only pool of its own over the same database (so a
 * heavy export never takes a connection the history writer or the settler needs), its own bounded scheduler for
 * the blocking reads, and the explorer's static files.
 */
@Configuration(proxyBeanMethods = false)
class DataConfiguration {
    @Bean(destroyMethod = "close")
    DataPool dataPool(HikariDataSource history, StorageConfiguration.MigratedDatabase migrated, DataProperties data) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("gavel-data");
        pool.setJdbcUrl(history.getJdbcUrl());
        pool.setUsername(history.getUsername());
        pool.setPassword(history.getPassword());
        pool.setMaximumPoolSize(data.poolSize());
        pool.setMinimumIdle(0);
        pool.setReadOnly(true);
        pool.setConnectionInitSql(
                "set statement_timeout = " + data.queryTimeout().toMillis());
        Scheduler reads = Schedulers.newBoundedElastic(data.poolSize(), data.maxQueued(), "gavel-data");
        return new DataPool(new HikariDataSource(pool), reads);
    }

    @Bean
    RouterFunction<ServerResponse> dataRoutes(
            DataPool pool, DataProperties data, AuctionProperties auction, Clock clock) {
        DataApi api = new DataApi(
                new DataTables(pool.dataSource()),
                pool.reads(),
                new BidsQuerySignatures(auction.domain()),
                clock,
                data.defaultLimit(),
                data.maxLimit());
        return RouterFunctions.route()
                .GET("/v1/data/rounds", api::rounds)
                .GET("/v1/data/outcomes", api::outcomes)
                .GET("/v1/data/bids", api::bids)
                .GET("/v1/data/settlements", api::settlements)
                .GET("/v1/data/builders", api::builders)
                .GET("/v1/builder/bids", api::ownBids)
                .build();
    }

    /** The explorer page at the public port's root, and its script and style, served from the jar. */
    @Bean
    RouterFunction<ServerResponse> explorerRoutes() {
        ClassPathResource page = new ClassPathResource("explorer/index.html");
        return RouterFunctions.route()
                .GET(
                        "/",
                        request -> ServerResponse.ok()
                                .contentType(MediaType.TEXT_HTML)
                                .bodyValue(page))
                .add(RouterFunctions.resources("/explorer/**", new ClassPathResource("explorer/")))
                .build();
    }

    /** The data API's pool and scheduler, closed with the context. */
    record DataPool(HikariDataSource dataSource, Scheduler reads) implements AutoCloseable {
        @Override
        public void close() {
            reads.dispose();
            dataSource.close();
        }
    }
}
