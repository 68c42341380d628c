package dev.gavel.service.config;

import dev.gavel.bidding.primitives.Address;
import dev.gavel.db.settlement.SettlementRepository;
import dev.gavel.service.ops.SettlementMetrics;
import dev.gavel.settlement.batch.BatchRules;
import dev.gavel.settlement.batch.Settler;
import dev.gavel.settlement.batch.SettlerChain;
import dev.gavel.settlement.contracts.AuctionSettlement;
import dev.gavel.settlement.contracts.SignedBlockHashSource;
import dev.gavel.settlement.proof.BlockHashProofs;
import dev.gavel.settlement.proof.SameChainProofs;
import dev.gavel.settlement.proof.SequencerSignedProofs;
import java.io.IOException;
import java.sql.SQLException;
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

/** The settler when settlement is on: built from the configuration and the contracts it finds onchain. */
record SettlementWiring(Optional<Settler> settler, SettlementMetrics metrics) {
    private static final Logger log = LoggerFactory.getLogger(SettlementWiring.class);

    static SettlementWiring from(SettlementProperties settlement, ChainProperties chain, DataSource migratedDatabase, Clock clock,
            SettlementMetrics metrics) throws IOException {
        if (!settlement.enabled()) {
            return new SettlementWiring(Optional.empty(), metrics);
        }
        if (!chain.configured()) {
            throw new IllegalArgumentException("gavel.settlement.settler-key-file needs gavel.chain.rpc-url and the contract addresses");
        }
        Web3j web3j = Web3j.build(new HttpService(chain.rpcUrl()));
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        Credentials settler = Credentials.create(SecretFiles.read(settlement.settlerKeyFile()));
        AuctionSettlement contract = AuctionSettlement.load(chain.settlementAddress(), web3j, new ReadonlyTransactionManager(web3j, settler.getAddress()),
                new DefaultGasProvider());
        BlockHashProofs proofs = proofs(settlement, web3j, contract, chainId);
        Settler.Timing timing = new Settler.Timing(chain.confirmations(), settlement.replaceAfter(), settlement.feeBumpPercent());
        BatchRules rules = new BatchRules(settlement.targetBatchItems(), settlement.maxBatchItems(), settlement.maxBatchAge(),
                settlement.windowMarginBlocks());
        log.info("settlement on: settler {}, {}", settler.getAddress(), proofs instanceof SequencerSignedProofs
                ? "canonical hashes signed with the sequencer key" : "canonical hashes read onchain within " + settlement.blockHashWindow() + " blocks");
        return new SettlementWiring(Optional.of(new Settler(new SettlementRepository(migratedDatabase),
                new SettlerChain(web3j, settler, chainId, chain.settlementAddress()), contract, proofs, rules, timing, clock)), metrics);
    }

    private static BlockHashProofs proofs(SettlementProperties settlement, Web3j web3j, AuctionSettlement contract, long chainId) throws IOException {
        if (settlement.sequencerKeyFile() == null) {
            return new SameChainProofs(settlement.blockHashWindow());
        }
        try {
            String source = contract.blockHashSource().send();
            SignedBlockHashSource signed = SignedBlockHashSource.load(source, web3j, new ReadonlyTransactionManager(web3j, source),
                    new DefaultGasProvider());
            long auctionedChainId = signed.auctionedChainId().send().longValueExact();
            return new SequencerSignedProofs(Credentials.create(SecretFiles.read(settlement.sequencerKeyFile())).getEcKeyPair(), auctionedChainId,
                    chainId, Address.fromHex(source));
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("the settlement contract's block-hash source is not a SignedBlockHashSource", e);
        }
    }

    /** One settler pass; a chain or database that is down is retried at the next. */
    void settle() {
        settler.ifPresent(s -> {
            try {
                s.runOnce().ifPresent(metrics::record);
            } catch (IOException | SQLException e) {
                log.warn("settlement pass failed ({}); retrying at the next", e.getMessage());
            }
        });
    }
}
