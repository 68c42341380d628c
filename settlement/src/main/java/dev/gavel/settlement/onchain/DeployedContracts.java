package dev.gavel.settlement.onchain;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.settlement.contracts.AuctionSettlement;
import dev.gavel.settlement.contracts.BuilderHub;
import java.io.IOException;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.exceptions.ContractCallException;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * What the contracts on the settlement chain say about themselves, which Gavel's own settings must agree with:
 * the settlement contract the hub names, the hub's auctioneer and auction key, the settlement contract's EIP-712
 * domain separator (empty when the settlement address holds no AuctionSettlement), and the chain's id.
 */
public record DeployedContracts(
        long chainId,
        Address hubSettlement,
        Address hubAuctioneer,
        HubAuctionKey hubAuctionKey,
        Optional<Hash32> domainSeparator) {

    /** The auction key the hub publishes to builders: its id and X25519 public key, both zero until governance sets them. */
    public record HubAuctionKey(long keyId, Hash32 publicKey) {
        public boolean isSet() {
            return keyId != 0 || !publicKey.equals(Hash32.of(new byte[Hash32.LENGTH]));
        }
    }

    /**
     * Reads them from the hub at {@code hubAddress} and the settlement contract at {@code settlementAddress} over
     * {@code rpcUrl}. Throws {@link IOException} when the chain cannot be reached, and {@link NotDeployedException}
     * when the hub's address answers as no BuilderHub would.
     */
    public static DeployedContracts read(String rpcUrl, Address hubAddress, Address settlementAddress)
            throws IOException {
        Web3j web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            ReadonlyTransactionManager reader = new ReadonlyTransactionManager(web3j, hubAddress.toHex());
            BuilderHub hub = BuilderHub.load(hubAddress.toHex(), web3j, reader, new DefaultGasProvider());
            AuctionSettlement settlement =
                    AuctionSettlement.load(settlementAddress.toHex(), web3j, reader, new DefaultGasProvider());
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            return new DeployedContracts(
                    chainId,
                    call(
                            "gavel.chain.hub-address",
                            hubAddress,
                            "a BuilderHub",
                            () -> Address.fromHex(hub.settlement().send())),
                    call(
                            "gavel.chain.hub-address",
                            hubAddress,
                            "a BuilderHub",
                            () -> Address.fromHex(hub.auctioneer().send())),
                    call(
                            "gavel.chain.hub-address",
                            hubAddress,
                            "a BuilderHub",
                            () -> new HubAuctionKey(
                                    hub.auctionKeyId().send().longValueExact(),
                                    Hash32.of(hub.auctionPublicKey().send()))),
                    domainSeparator(settlement));
        } finally {
            web3j.shutdown();
        }
    }

    private static Optional<Hash32> domainSeparator(AuctionSettlement settlement) throws IOException {
        try {
            return Optional.of(Hash32.of(settlement.domainSeparator().send()));
        } catch (IOException e) {
            throw e;
        } catch (ContractCallException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static <T> T call(String property, Address address, String contract, Read<T> read) throws IOException {
        try {
            return read.read();
        } catch (IOException e) {
            throw e;
        } catch (ContractCallException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new NotDeployedException(
                    property + " (" + address + ") is not " + contract + " on this chain: " + e.getMessage());
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T read() throws Exception;
    }

    /** An address holds no contract of the kind its setting names. */
    public static final class NotDeployedException extends RuntimeException {
        NotDeployedException(String message) {
            super(message);
        }
    }
}
