package dev.gavel.cli;

import dev.gavel.settlement.contracts.AttestorVerifier;
import dev.gavel.settlement.contracts.AuctionSettlement;
import dev.gavel.settlement.contracts.BuilderHub;
import dev.gavel.settlement.contracts.SameChainBlockHashSource;
import dev.gavel.settlement.contracts.SignedBlockHashSource;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code gavel contracts deploy --rpc URL --key-file F [options]}: deploys BuilderHub, AttestorVerifier, a
 * block-hash source and AuctionSettlement, wires them together (the deployer owns all and is the
 * auctioneer until changed) and prints their addresses as JSON. Inconsistent delays are refused before
 * anything is sent ({@link DeploymentDelays}). With the same-chain source the chain's latest block is proven
 * at once, so that no rule change can be scheduled for a block this chain has already made.
 */
final class ContractsDeployCommand implements Command {
    private static final BigInteger PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(6_000_000);

    @Override
    public String name() {
        return "contracts deploy";
    }

    @Override
    public String usage() {
        return """
                --rpc URL --key-file FILE [--policy-delay BLOCKS] [--withdrawal-delay BLOCKS]
                [--withdrawal-window BLOCKS] [--settlement-window BLOCKS]
                [--block-hash-source same-chain | signed --sequencer ADDRESS --l2-chain-id ID]
                deploy BuilderHub, AuctionSettlement and their verifier and block-hash
                source; prints their addresses (see README.md)""";
    }

    @Override
    public Options.Spec spec() {
        return Options.Spec.of(
                "--rpc",
                "--key-file",
                "--policy-delay",
                "--withdrawal-delay",
                "--withdrawal-window",
                "--settlement-window",
                "--block-hash-source",
                "--sequencer",
                "--l2-chain-id");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) {
        boolean signed = options.value("--block-hash-source", "same-chain").equals("signed");
        if (options.value("--rpc").isEmpty()
                || options.value("--key-file").isEmpty()
                || (signed
                        && (options.value("--sequencer").isEmpty()
                                || options.value("--l2-chain-id").isEmpty()))) {
            return usageError(
                    "--rpc and --key-file are required, and --sequencer and --l2-chain-id with a signed source", err);
        }
        DeploymentDelays delays;
        try {
            delays = DeploymentDelays.of(options);
        } catch (IllegalArgumentException e) {
            return usageError(e.getMessage(), err);
        }
        Web3j web3j = Web3j.build(new HttpService(options.required("--rpc")));
        try {
            Credentials deployer = Credentials.create(
                    Files.readString(Path.of(options.required("--key-file"))).strip());
            long chainId = web3j.ethChainId().send().getChainId().longValueExact();
            TransactionManager tx = new RawTransactionManager(
                    web3j, deployer, chainId, new PollingTransactionReceiptProcessor(web3j, 1_000, 300));
            BigInteger baseFee = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                    .send()
                    .getBlock()
                    .getBaseFeePerGas();
            ContractGasProvider gas = new StaticEIP1559GasProvider(
                    chainId, baseFee.multiply(BigInteger.TWO).add(PRIORITY_FEE), PRIORITY_FEE, GAS_LIMIT);
            String owner = deployer.getAddress();
            BuilderHub hub = BuilderHub.deploy(web3j, tx, gas, owner, BigInteger.valueOf(delays.policyDelay()))
                    .send();
            AttestorVerifier verifier =
                    AttestorVerifier.deploy(web3j, tx, gas, owner).send();
            String source = signed
                    ? SignedBlockHashSource.deploy(
                                    web3j,
                                    tx,
                                    gas,
                                    new BigInteger(options.required("--l2-chain-id")),
                                    options.required("--sequencer"))
                            .send()
                            .getContractAddress()
                    : SameChainBlockHashSource.deploy(web3j, tx, gas).send().getContractAddress();
            AuctionSettlement settlement = AuctionSettlement.deploy(
                            web3j,
                            tx,
                            gas,
                            owner,
                            BigInteger.valueOf(delays.withdrawalDelay()),
                            BigInteger.valueOf(delays.withdrawalWindow()),
                            hub.getContractAddress(),
                            source)
                    .send();
            hub.setAttestationVerifier(verifier.getContractAddress()).send();
            hub.setSettlement(settlement.getContractAddress()).send();
            hub.setAuctioneer(owner).send();
            if (!signed) {
                BigInteger head = web3j.ethBlockNumber().send().getBlockNumber();
                settlement
                        .proveBlock(head.subtract(BigInteger.ONE), new byte[0])
                        .send();
            }
            Map<String, Object> deployed = new LinkedHashMap<>();
            deployed.put("chainId", chainId);
            deployed.put("builderHub", hub.getContractAddress());
            deployed.put("auctionSettlement", settlement.getContractAddress());
            deployed.put("attestorVerifier", verifier.getContractAddress());
            deployed.put("blockHashSource", source);
            deployed.put("owner", owner);
            deployed.put("policyDelay", delays.policyDelay());
            deployed.put("withdrawalDelay", delays.withdrawalDelay());
            deployed.put("withdrawalWindow", delays.withdrawalWindow());
            deployed.put("highestProvenBlock", hub.highestProvenBlock().send());
            out.println(JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build()
                    .writeValueAsString(deployed));
            return OK;
        } catch (Exception e) {
            err.println("gavel contracts deploy: " + e.getMessage());
            return FAILED;
        } finally {
            web3j.shutdown();
        }
    }
}
