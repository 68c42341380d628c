package dev.gavel.service.config;

import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.seal.AuctionPublicKey;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Hash32;
import dev.gavel.settlement.onchain.DeployedContracts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up's check that Gavel's settings agree with the contracts they name: a bid signed for another domain,
 * or settled against another contract, loses its revenue without any error. The bid domain's contract is the
 * settlement address; the settlement address is the one the hub names; the bid domain (chain id and contract) is
 * the settlement contract's own; the settler is the hub's auctioneer; the auction key (id and public key) is the
 * one the hub publishes to builders, who would otherwise seal their bids to a key Gavel cannot open. Each
 * disagreement names the property and both values. A hub that publishes no auction key yet (both zero) is not a
 * disagreement, only a warning: deployments set it once the service has made its key. A chain that cannot be
 * reached at start-up is not a disagreement either: the auction runs, settlement waits for it, and the check is
 * left for the next start.
 */
final class ContractAgreement {
    private static final Logger log = LoggerFactory.getLogger(ContractAgreement.class);

    private ContractAgreement() {}

    static void check(
            ChainProperties chain,
            AuctionProperties auction,
            SettlementProperties settlement,
            AuctionPublicKey auctionKey) {
        if (!chain.configured()) {
            return;
        }
        List<String> disagreements = new ArrayList<>();
        if (!auction.settlementContract().equals(chain.settlementAddress())) {
            disagreements.add("gavel.auction.settlement-contract is " + auction.settlementContract()
                    + " but gavel.chain.settlement-address is " + chain.settlementAddress()
                    + ": bids must be signed for the contract that settles them");
        }
        Optional<Address> settler = Optional.ofNullable(settlement.settlerKeyFile())
                .map(file -> Address.fromHex(SecretFiles.readPrivateKey(file).getAddress()));
        DeployedContracts deployed;
        try {
            deployed = DeployedContracts.read(chain.rpcUrl(), chain.hubAddress(), chain.settlementAddress());
        } catch (IOException e) {
            log.warn(
                    "the settlement chain at gavel.chain.rpc-url cannot be reached ({}): the contracts' addresses,"
                            + " domain and auctioneer are not checked until the next start",
                    e.getMessage());
            refuse(disagreements);
            return;
        } catch (DeployedContracts.NotDeployedException e) {
            disagreements.add(e.getMessage());
            refuse(disagreements);
            return;
        }
        compare(deployed, chain, auction, settler, disagreements);
        compareAuctionKey(deployed.hubAuctionKey(), auctionKey, chain, disagreements);
        refuse(disagreements);
    }

    private static void compare(
            DeployedContracts deployed,
            ChainProperties chain,
            AuctionProperties auction,
            Optional<Address> settler,
            List<String> disagreements) {
        if (!deployed.hubSettlement().equals(chain.settlementAddress())) {
            disagreements.add("gavel.chain.settlement-address is " + chain.settlementAddress()
                    + " but the hub at gavel.chain.hub-address (" + chain.hubAddress() + ") names "
                    + deployed.hubSettlement() + " as its settlement contract");
        }
        var domain = Eip712Domain.gavel(auction.chainId(), auction.settlementContract());
        if (deployed.domainSeparator().isEmpty()) {
            disagreements.add("gavel.chain.settlement-address (" + chain.settlementAddress()
                    + ") holds no AuctionSettlement on the chain at gavel.chain.rpc-url");
        } else if (!domain.separator().equals(deployed.domainSeparator().get())) {
            disagreements.add("the bid domain of gavel.auction.chain-id " + auction.chainId()
                    + " and gavel.auction.settlement-contract " + auction.settlementContract() + " has separator "
                    + domain.separator() + " but the settlement contract's domainSeparator() is "
                    + deployed.domainSeparator().get()
                    + (auction.chainId() == deployed.chainId()
                            ? ""
                            : " (the settlement chain's id is " + deployed.chainId()
                                    + ": gavel.auction.chain-id is it, not the auctioned chain's)"));
        }
        settler.filter(address -> !address.equals(deployed.hubAuctioneer()))
                .ifPresent(address -> disagreements.add("gavel.settlement.settler-key-file holds the key of "
                        + address + " but the hub's auctioneer is " + deployed.hubAuctioneer()
                        + ": the settlement contract accepts settlements from the auctioneer alone"));
    }

    private static void compareAuctionKey(
            DeployedContracts.HubAuctionKey hub,
            AuctionPublicKey local,
            ChainProperties chain,
            List<String> disagreements) {
        if (!hub.isSet()) {
            log.warn(
                    "the hub at gavel.chain.hub-address ({}) publishes no auction key: builders reading it cannot"
                            + " check the key they seal to (governance's setAuctionKey({}, {}) publishes this one)",
                    chain.hubAddress(),
                    local.keyId(),
                    local.publicKey());
            return;
        }
        if (hub.keyId() != local.keyId()) {
            disagreements.add("gavel.auction.key-id is " + local.keyId() + " but the hub's auctionKeyId is "
                    + hub.keyId() + ": builders seal their bids to the key the hub publishes");
        }
        Hash32 localPublicKey = Hash32.of(local.publicKey().toArray());
        if (!hub.publicKey().equals(localPublicKey)) {
            disagreements.add("gavel.auction.key-file holds the key whose public key is " + localPublicKey
                    + " but the hub's auctionPublicKey is " + hub.publicKey()
                    + ": bids sealed to the hub's key cannot be opened here");
        }
    }

    private static void refuse(List<String> disagreements) {
        if (!disagreements.isEmpty()) {
            throw new IllegalStateException("Gavel's settings disagree with the contracts they name:\n  - "
                    + String.join("\n  - ", disagreements));
        }
    }
}
