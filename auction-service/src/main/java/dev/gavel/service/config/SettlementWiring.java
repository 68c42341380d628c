package dev.gavel.service.config;

import dev.gavel.db.settlement.SettlementRepository;
import dev.gavel.primitives.Address;
import dev.gavel.service.ops.SettlementMetrics;
import dev.gavel.settlement.batch.BatchRules;
import dev.gavel.settlement.batch.JdbcSettlementStore;
import dev.gavel.settlement.batch.SettlementStoreException;
import dev.gavel.settlement.batch.Settler;
import dev.gavel.settlement.batch.SettlerChain;
import dev.gavel.settlement.contracts.AuctionSettlement;
import dev.gavel.settlement.contracts.SignedBlockHashSource;
import dev.gavel.settlement.proof.BlockHashProofs;
import dev.gavel.settlement.proof.SameChainProofs;
import dev.gavel.settlement.proof.SequencerSignedProofs;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The settler when settlement is on, built from the configuration and the contracts it finds onchain. The
 * configuration and keys are checked at start-up; the chain is not required then: an unreachable chain only
 * delays settlement (retried at every pass), never the auction.
 */
final class SettlementWiring {
    private static final Logger log = LoggerFactory.getLogger(SettlementWiring.class);

    private final Optional<SettlerFactory> factory;
    private final SettlementMetrics metrics;
    private volatile Settler settler;

    private SettlementWiring(Optional<SettlerFactory> factory, SettlementMetrics metrics) {
        this.factory = factory;
        this.metrics = metrics;
    }

    static SettlementWiring from(
            SettlementProperties settlement,
            ChainProperties chain,
            DataSource migratedDatabase,
            Clock clock,
            SettlementMetrics metrics) {
        if (!settlement.enabled()) {
            return new SettlementWiring(Optional.empty(), metrics);
        }
        if (!chain.configured()) {
            throw new IllegalArgumentException(
                    "gavel.settlement.settler-key-file needs gavel.chain.rpc-url and the contract addresses");
        }
        Credentials settlerKey = SecretFiles.readPrivateKey(settlement.settlerKeyFile());
        Optional<Credentials> sequencerKey =
                Optional.ofNullable(settlement.sequencerKeyFile()).map(SecretFiles::readPrivateKey);
        Settler.Timing timing =
                new Settler.Timing(chain.confirmations(), settlement.replaceAfter(), settlement.feeBumpPercent());
        BatchRules rules = new BatchRules(
                settlement.targetBatchItems(),
                settlement.maxBatchItems(),
                settlement.maxBatchAge(),
                settlement.windowMarginBlocks());
        SettlementWiring wiring = new SettlementWiring(
                Optional.of(() -> {
                    Web3j web3j = Web3j.build(new HttpService(chain.rpcUrl()));
                    long chainId = web3j.ethChainId().send().getChainId().longValueExact();
                    AuctionSettlement contract = AuctionSettlement.load(
                            chain.settlementAddress(),
                            web3j,
                            new ReadonlyTransactionManager(web3j, settlerKey.getAddress()),
                            new DefaultGasProvider());
                    BlockHashProofs proofs = proofs(settlement, sequencerKey, web3j, contract, chainId);
                    log.info(
                            "settlement on: settler {}, {}",
                            settlerKey.getAddress(),
                            proofs instanceof SequencerSignedProofs
                                    ? "canonical hashes signed with the sequencer key"
                                    : "canonical hashes read onchain within " + settlement.blockHashWindow()
                                            + " blocks");
                    return new Settler(
                            new JdbcSettlementStore(new SettlementRepository(migratedDatabase)),
                            new SettlerChain(web3j, settlerKey, chainId, Address.fromHex(chain.settlementAddress())),
                            contract,
                            proofs,
                            rules,
                            timing,
                            clock);
                }),
                metrics);
        wiring.connect();
        return wiring;
    }

    boolean enabled() {
        return factory.isPresent();
    }

    private static BlockHashProofs proofs(
            SettlementProperties settlement,
            Optional<Credentials> sequencerKey,
            Web3j web3j,
            AuctionSettlement contract,
            long chainId)
            throws IOException {
        if (sequencerKey.isEmpty()) {
            return new SameChainProofs(settlement.blockHashWindow());
        }
        try {
            String source = contract.blockHashSource().send();
            SignedBlockHashSource signed = SignedBlockHashSource.load(
                    source, web3j, new ReadonlyTransactionManager(web3j, source), new DefaultGasProvider());
            long auctionedChainId = signed.auctionedChainId().send().longValueExact();
            return new SequencerSignedProofs(
                    sequencerKey.get().getEcKeyPair(), auctionedChainId, chainId, Address.fromHex(source));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the settlement contract's block-hash source is not a SignedBlockHashSource", e);
        }
    }

    /** One settler pass; a chain or database that is down is retried at the next. */
    void settle() {
        Settler current = settler != null ? settler : connect();
        if (current == null) {
            return;
        }
        try {
            current.runOnce().ifPresent(metrics::record);
        } catch (IOException | SettlementStoreException e) {
            log.warn("settlement pass failed ({}); retrying at the next", e.getMessage());
        }
    }

    /** Builds the settler against the chain; null (and a warning) while the chain cannot be reached. */
    private Settler connect() {
        try {
            settler = factory.orElseThrow().create();
            return settler;
        } catch (IOException e) {
            log.warn("settlement waits for the chain ({}); retrying at the next pass", e.getMessage());
            return null;
        }
    }

    @FunctionalInterface
    private interface SettlerFactory {
        Settler create() throws IOException;
    }
}
