package dev.gavel.settlement.batch;

import dev.gavel.db.settlement.BatchAttempt;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The settler's account on the settlement chain: EIP-1559 transactions to the settlement contract, signed
 * locally with the settler key (the node never holds it), and what the chain says of them.
 */
public final class SettlerChain {
    private static final BigInteger GAS_HEADROOM_PERCENT = BigInteger.valueOf(125);
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);
    /** The least fee bump a node accepts for a replacement (geth's and reth's default price bump). */
    static final int MIN_REPLACEMENT_BUMP_PERCENT = 10;

    private final Web3j web3j;
    private final Credentials settler;
    private final long chainId;
    private final String contract;

    public SettlerChain(Web3j web3j, Credentials settler, long chainId, Address contract) {
        this.web3j = web3j;
        this.settler = settler;
        this.chainId = chainId;
        this.contract = contract.toHex();
    }

    Address settlerAddress() {
        return Address.fromHex(settler.getAddress());
    }

    long head() throws IOException {
        return checked(web3j.ethBlockNumber().send()).getBlockNumber().longValueExact();
    }

    /** What the settler's account holds now, to pay its transactions' fees. */
    Wei balance() throws IOException {
        return new Wei(checked(web3j.ethGetBalance(settler.getAddress(), DefaultBlockParameterName.LATEST)
                        .send())
                .getBalance());
    }

    /** How many of the settler's transactions are mined: the next nonce as the chain sees it. */
    long minedNonce() throws IOException {
        return nonceAt(DefaultBlockParameterName.LATEST);
    }

    /**
     * How many of the settler's transactions were mined by block {@code block}. Unlike the latest state, a block
     * below the head has its receipts stored too: a node (anvil, for one) may show a new nonce before the receipt
     * of the transaction that used it.
     */
    long minedNonceAt(long block) throws IOException {
        return nonceAt(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)));
    }

    private long nonceAt(DefaultBlockParameter block) throws IOException {
        return checked(web3j.ethGetTransactionCount(settler.getAddress(), block).send())
                .getTransactionCount()
                .longValueExact();
    }

    /**
     * What the node says a transaction with {@code callData} would do (eth_estimateGas): the gas it needs, with
     * headroom, or why it would fail, before any fee is paid. An {@link IOException} only when the node cannot
     * be asked.
     */
    Preflight preflight(String callData) throws IOException {
        EthEstimateGas estimate = web3j.ethEstimateGas(
                        Transaction.createEthCallTransaction(settler.getAddress(), contract, callData))
                .send();
        if (estimate.hasError()) {
            return new Preflight.Fails(estimate.getError().getMessage());
        }
        return new Preflight.Fits(estimate.getAmountUsed()
                .multiply(GAS_HEADROOM_PERCENT)
                .divide(HUNDRED)
                .longValueExact());
    }

    /** Fees for a new transaction now: twice the base fee plus the node's suggested tip, within {@code cap}. */
    Fees marketFees(Wei cap) throws IOException {
        BigInteger baseFee = checked(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                        .send())
                .getBlock()
                .getBaseFeePerGas();
        BigInteger tip = checked(web3j.ethMaxPriorityFeePerGas().send()).getMaxPriorityFeePerGas();
        return new Fees(new Wei(baseFee.shiftLeft(1).add(tip)), new Wei(tip)).within(cap);
    }

    BatchAttempt sign(long nonce, String callData, long gasLimit, Fees fees, Instant now) {
        RawTransaction transaction = RawTransaction.createTransaction(
                chainId,
                BigInteger.valueOf(nonce),
                BigInteger.valueOf(gasLimit),
                contract,
                BigInteger.ZERO,
                callData,
                fees.maxPriorityFeePerGas().amount(),
                fees.maxFeePerGas().amount());
        byte[] raw = TransactionEncoder.signMessage(transaction, settler);
        return new BatchAttempt(
                Hash32.of(Hash.sha3(raw)),
                fees.maxFeePerGas(),
                fees.maxPriorityFeePerGas(),
                gasLimit,
                Bytes.of(raw),
                now);
    }

    /**
     * The same transaction as {@code stuck} (nonce, gas, call) with fees bumped by {@code bumpPercent}, or the
     * market's if higher, within {@code cap}; empty when the cap leaves no room for a replacement nodes accept
     * (both fees {@value #MIN_REPLACEMENT_BUMP_PERCENT} % above the stuck one's).
     */
    Optional<BatchAttempt> replace(BatchAttempt stuck, int bumpPercent, Wei cap, Instant now) throws IOException {
        Fees bumped = new Fees(bump(stuck.maxFeePerGas(), bumpPercent), bump(stuck.maxPriorityFeePerGas(), bumpPercent))
                .atLeast(marketFees(cap))
                .within(cap);
        boolean accepted = !bumped.maxFeePerGas().isLessThan(bump(stuck.maxFeePerGas(), MIN_REPLACEMENT_BUMP_PERCENT))
                && !bumped.maxPriorityFeePerGas()
                        .isLessThan(bump(stuck.maxPriorityFeePerGas(), MIN_REPLACEMENT_BUMP_PERCENT));
        if (!accepted) {
            return Optional.empty();
        }
        RawTransaction previous =
                TransactionDecoder.decode(stuck.rawTransaction().toHex());
        return Optional.of(
                sign(previous.getNonce().longValueExact(), previous.getData(), stuck.gasLimit(), bumped, now));
    }

    /** Sends a signed transaction; a node that already has it, or has mined its nonce, is not an error here. */
    void broadcast(BatchAttempt attempt) throws IOException {
        EthSendTransaction sent =
                web3j.ethSendRawTransaction(attempt.rawTransaction().toHex()).send();
        if (sent.hasError()) {
            String message = sent.getError().getMessage();
            if (!message.contains("already") && !message.contains("nonce too low")) {
                throw new IOException("broadcast of " + attempt.txHash() + " refused: " + message);
            }
        }
    }

    /** Whether the node knows the transaction (pending or mined). */
    boolean knows(Hash32 txHash) throws IOException {
        return checked(web3j.ethGetTransactionByHash(txHash.toHex()).send())
                .getTransaction()
                .isPresent();
    }

    /** The receipt of {@code txHash}, if its block is still on the canonical chain (a node may still serve a reorged one). */
    Optional<TransactionReceipt> receipt(Hash32 txHash) throws IOException {
        Optional<TransactionReceipt> receipt =
                checked(web3j.ethGetTransactionReceipt(txHash.toHex()).send()).getTransactionReceipt();
        if (receipt.isEmpty()) {
            return receipt;
        }
        EthBlock.Block canonical = checked(web3j.ethGetBlockByNumber(
                                DefaultBlockParameter.valueOf(receipt.get().getBlockNumber()), false)
                        .send())
                .getBlock();
        return canonical != null
                        && canonical.getHash().equalsIgnoreCase(receipt.get().getBlockHash())
                ? receipt
                : Optional.empty();
    }

    private static Wei bump(Wei fee, int percent) {
        return new Wei(fee.amount()
                .multiply(BigInteger.valueOf(100L + percent))
                .divide(HUNDRED)
                .add(BigInteger.ONE));
    }

    private static <T extends Response<?>> T checked(T response) throws IOException {
        if (response.hasError()) {
            throw new IOException(response.getError().getMessage());
        }
        return response;
    }

    /** EIP-1559 fees per gas. */
    record Fees(Wei maxFeePerGas, Wei maxPriorityFeePerGas) {
        Fees atLeast(Fees other) {
            return new Fees(
                    Wei.max(maxFeePerGas, other.maxFeePerGas),
                    Wei.max(maxPriorityFeePerGas, other.maxPriorityFeePerGas));
        }

        /** These fees with neither above {@code cap} (the tip is never above the fee cap). */
        Fees within(Wei cap) {
            Wei fee = Wei.min(maxFeePerGas, cap);
            return new Fees(fee, Wei.min(maxPriorityFeePerGas, fee));
        }
    }

    /** What the node says of a settle call before it is sent. */
    sealed interface Preflight {
        /** It would succeed with this gas limit (the estimate with headroom). */
        record Fits(long gasLimit) implements Preflight {}

        /** It would fail, for the node's reason. */
        record Fails(String reason) implements Preflight {}
    }
}
