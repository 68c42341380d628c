package dev.gavel.service.config;

import dev.gavel.db.lease.Fence;
import dev.gavel.db.settlement.SettlementRepository;
import dev.gavel.settlement.batch.BatchRules;
import dev.gavel.settlement.batch.ChainSettler;
import dev.gavel.settlement.batch.JdbcSettlementStore;
import dev.gavel.settlement.batch.SettlementReport;
import dev.gavel.settlement.batch.Settler;
import dev.gavel.settlement.batch.SettlerConnection;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The settler when settlement is on, built from the properties: its keys and settings are checked at
 * start-up; the chain is not needed then (the settler connects at its first pass that reaches it).
 */
record SettlementWiring(Optional<ChainSettler> settler) {

    static SettlementWiring from(
            SettlementProperties settlement,
            ChainProperties chain,
            DataSource migratedDatabase,
            Fence fence,
            Clock clock,
            Consumer<SettlementReport> reports) {
        if (!settlement.enabled()) {
            return new SettlementWiring(Optional.empty());
        }
        if (!chain.configured()) {
            throw new IllegalArgumentException(
                    "gavel.settlement.settler-key-file needs gavel.chain.rpc-url and the contract addresses");
        }
        SettlerConnection connection = new SettlerConnection(
                chain.rpcUrl(),
                chain.settlementAddress(),
                SecretFiles.readPrivateKey(settlement.settlerKeyFile()),
                Optional.ofNullable(settlement.sequencerKeyFile()).map(SecretFiles::readPrivateKey),
                settlement.blockHashWindow());
        return new SettlementWiring(Optional.of(new ChainSettler(
                connection,
                new JdbcSettlementStore(new SettlementRepository(migratedDatabase, fence)),
                new BatchRules(
                        settlement.targetBatchItems(),
                        settlement.maxBatchItems(),
                        settlement.maxBatchAge(),
                        settlement.windowMarginBlocks()),
                new Settler.Timing(
                        chain.confirmations(),
                        settlement.replaceAfter(),
                        settlement.feeBumpPercent(),
                        settlement.maxFeePerGas()),
                clock,
                reports)));
    }
}
