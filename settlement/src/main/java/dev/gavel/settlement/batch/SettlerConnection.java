package dev.gavel.settlement.batch;

import dev.gavel.primitives.Address;
import dev.gavel.settlement.contracts.AuctionSettlement;
import dev.gavel.settlement.contracts.SignedBlockHashSource;
import dev.gavel.settlement.proof.BlockHashProofs;
import dev.gavel.settlement.proof.SameChainProofs;
import dev.gavel.settlement.proof.SequencerSignedProofs;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * How the settler reaches the settlement chain: the JSON-RPC endpoint, the AuctionSettlement contract, the
 * settler's key (the hub's auctioneer) and, when the contract's block-hash source is a SignedBlockHashSource, the
 * sequencer key that signs the canonical hashes Gavel saw; without it the contracts live on the auctioned chain
 * and read the hashes themselves, within {@code blockHashWindow} blocks. Checked when built; the chain itself is
 * only needed by {@link #connect}.
 */
public final class SettlerConnection {
    private static final Logger log = LoggerFactory.getLogger(SettlerConnection.class);

    private final String rpcUrl;
    private final Address settlementContract;
    private final Credentials settlerKey;
    private final Optional<Credentials> sequencerKey;
    private final Optional<SameChainProofs> sameChain;

    public SettlerConnection(
            String rpcUrl,
            Address settlementContract,
            Credentials settlerKey,
            Optional<Credentials> sequencerKey,
            long blockHashWindow) {
        this.rpcUrl = rpcUrl;
        this.settlementContract = settlementContract;
        this.settlerKey = settlerKey;
        this.sequencerKey = sequencerKey;
        // a window the contracts cannot have is refused here, before any chain is asked
        this.sameChain = sequencerKey.isEmpty() ? Optional.of(new SameChainProofs(blockHashWindow)) : Optional.empty();
    }

    /**
     * Connects to the chain (its chain id, the contract, the proofs its block-hash source wants) and builds the
     * settler over {@code store}; an {@link IOException} while the chain cannot be reached.
     */
    public Settler connect(SettlementStore store, BatchRules rules, Settler.Timing timing, Clock clock)
            throws IOException {
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        AuctionSettlement contract = AuctionSettlement.load(
                settlementContract.toHex(),
                web3j,
                new ReadonlyTransactionManager(web3j, settlerKey.getAddress()),
                new DefaultGasProvider());
        BlockHashProofs proofs = proofs(web3j, contract, chainId);
        log.info(
                "settlement on: settler {}, {}",
                settlerKey.getAddress(),
                sameChain
                        .map(p -> "canonical hashes read onchain within " + p.window() + " blocks")
                        .orElse("canonical hashes signed with the sequencer key"));
        return new Settler(
                store,
                new SettlerChain(web3j, settlerKey, chainId, settlementContract),
                contract,
                proofs,
                rules,
                timing,
                clock);
    }

    private BlockHashProofs proofs(Web3j web3j, AuctionSettlement contract, long chainId) throws IOException {
        if (sameChain.isPresent()) {
            return sameChain.get();
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

    @Override
    public String toString() {
        return "settler " + settlerKey.getAddress() + " on " + settlementContract + " at " + rpcUrl;
    }
}
