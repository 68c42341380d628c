package dev.gavel.settlement.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** A real local chain for tests and the devnet: anvil from npm, on a free loopback port, Prague rules, stopped on close. */
public final class AnvilChain implements AutoCloseable {
    /** anvil's well-known development keys (its default mnemonic): test money only. */
    private static final List<String> DEV_KEYS = List.of(
            "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
            "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
            "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
            "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356");

    public static final long CHAIN_ID = 31337;

    private final Process process;
    private final int port;
    private final HttpService service;
    private final Web3j web3j;

    private AnvilChain(Process process, int port, HttpService service) {
        this.process = process;
        this.port = port;
        this.service = service;
        this.web3j = Web3j.build(service);
    }

    /** A chain that mines a block for each transaction (and when told to). */
    public static AnvilChain start() throws IOException, InterruptedException {
        return start("prague", List.of(), true);
    }

    /** A chain under Cancun rules: no EIP-2935 history contract, so only the last 256 block hashes are readable. */
    public static AnvilChain startCancun() throws IOException, InterruptedException {
        return start("cancun", List.of(), true);
    }

    /**
     * A chain that also mines a block every {@code blockTime}, as a live chain does. The caller stops it: no
     * shutdown hook races the caller's own (the devnet reads the chain for its summary on Ctrl-C).
     */
    public static AnvilChain startWithBlockTime(Duration blockTime) throws IOException, InterruptedException {
        return start("prague", List.of("--block-time", Long.toString(Math.max(1, blockTime.toSeconds()))), false);
    }

    private static AnvilChain start(String hardfork, List<String> extraArguments, boolean stopAtExit)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path anvil = anvilBinary();
        List<String> command = new ArrayList<>(List.of(
                anvil.toString(),
                "--port",
                Integer.toString(port),
                "--host",
                "127.0.0.1",
                "--hardfork",
                hardfork,
                "--chain-id",
                Long.toString(CHAIN_ID),
                "--silent"));
        command.addAll(extraArguments);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (stopAtExit) {
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy)); // never outlive an aborted test run
        }
        AnvilChain chain = new AnvilChain(process, port, new HttpService("http://127.0.0.1:" + port));
        chain.awaitReady();
        return chain;
    }

    /** The anvil the settlement module's npm step installed, found from any module's directory. */
    private static Path anvilBinary() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(
                    dir.resolve("node_modules/.bin/anvil"), dir.resolve("settlement/node_modules/.bin/anvil"))) {
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("anvil is not installed; the settlement module's build installs it (npm)");
    }

    private void awaitReady() throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("anvil exited with " + process.exitValue());
            }
            try {
                web3j.ethChainId().send();
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("anvil did not answer within 30 s");
    }

    public int port() {
        return port;
    }

    public Web3j web3j() {
        return web3j;
    }

    /** Development account {@code index}: funded by anvil (AnvilChainTest checks the keys match anvil's accounts). */
    public Credentials account(int index) {
        return Credentials.create(DEV_KEYS.get(index));
    }

    public int accounts() {
        return DEV_KEYS.size();
    }

    /** Sends as {@code credentials} and polls for receipts every 50 ms (web3j's default waits 15 s between polls). */
    public TransactionManager tx(Credentials credentials) {
        return new RawTransactionManager(
                web3j, credentials, CHAIN_ID, new PollingTransactionReceiptProcessor(web3j, 50, 600));
    }

    public ContractGasProvider gas() {
        return new StaticEIP1559GasProvider(
                CHAIN_ID,
                BigInteger.valueOf(10_000_000_000L),
                BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(5_000_000));
    }

    /** Mines {@code blocks} blocks at once (with whatever the mempool holds). */
    public void mine(long blocks) throws IOException {
        call("anvil_mine", "0x" + Long.toHexString(blocks));
    }

    /** Remembers the chain's state; {@link #revert} returns to it, dropping every block since (a reorg). */
    public String snapshot() throws IOException {
        return String.valueOf(call("evm_snapshot"));
    }

    public void revert(String snapshot) throws IOException {
        if (!Boolean.TRUE.equals(call("evm_revert", snapshot))) {
            throw new IOException("evm_revert " + snapshot + " failed");
        }
    }

    /** With automine off, sent transactions wait in the mempool until {@link #mine}. */
    public void automine(boolean on) throws IOException {
        call("evm_setAutomine", on);
    }

    /** Sets {@code address}'s balance, to fund accounts beyond the development ones. */
    public void fund(String address, BigInteger wei) throws IOException {
        call("anvil_setBalance", address, "0x" + wei.toString(16));
    }

    /** The timestamp of the latest block, in seconds. */
    public BigInteger timestamp() throws IOException {
        return web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)
                .send()
                .getBlock()
                .getTimestamp();
    }

    /** Moves the chain's clock {@code seconds} ahead: the next block is mined that much later. */
    public void increaseTime(long seconds) throws IOException {
        call("evm_increaseTime", seconds);
    }

    /** Empties the mempool, as if the node had never received its pending transactions. */
    public void dropPendingTransactions() throws IOException {
        call("anvil_dropAllTransactions");
    }

    private Object call(String method, Object... params) throws IOException {
        Response<Object> response = new Request<>(method, List.of(params), service, RawResponse.class).send();
        if (response.hasError()) {
            throw new IOException(method + ": " + response.getError().getMessage());
        }
        return response.getResult();
    }

    /**
     * Waits until {@code txHash} is mined. anvil answers a sent transaction before its automine has mined it, so a
     * test that acts on "the block holding it" (a revert, say) must wait for that block first.
     */
    public void awaitMined(String txHash) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (web3j.ethGetTransactionReceipt(txHash)
                .send()
                .getTransactionReceipt()
                .isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException(txHash + " was not mined within 10 s");
            }
            Thread.sleep(10);
        }
    }

    public BigInteger blockNumber() throws IOException {
        return web3j.ethBlockNumber().send().getBlockNumber();
    }

    @Override
    public void close() {
        web3j.shutdown();
        process.destroy();
    }

    /** A JSON-RPC answer whose result this harness does not read. */
    public static final class RawResponse extends Response<Object> {}
}
