package dev.gavel.settlement.batch;

import dev.gavel.db.settlement.BatchAttempt;
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
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The settler's account on the settlement chain: EIP-1559 transactions to the settlement contract, signed
 * locally with the settler key (the node never holds it), and what the chain says of them.
 */
public final class SettlerChain {
    private static final BigInteger GAS_HEADROOM_PERCENT = BigInteger.valueOf(125);
    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    private final Web3j web3j;
    private final Credentials settler;
    private final long chainId;
    private final String contract;

    public SettlerChain(Web3j web3j, Credentials settler, long chainId, String contract) {
        this.web3j = web3j;
        this.settler = settler;
        this.chainId = chainId;
        this.contract = contract;
    }

    public String settlerAddress() {
        return settler.getAddress();
    }

    public long head() throws IOException {
        return checked(web3j.ethBlockNumber().send()).getBlockNumber().longValueExact();
    }

    /** How many of the settler's transactions are mined: the next nonce as the chain sees it. */
    public long minedNonce() throws IOException {
        return checked(web3j.ethGetTransactionCount(settler.getAddress(), DefaultBlockParameterName.LATEST)
                        .send())
                .getTransactionCount()
                .longValueExact();
    }

    /** The gas {@code callData} needs, with headroom; a call that would revert is refused here, before any fee is paid. */
    public long gasLimit(String callData) throws IOException {
        EthEstimateGas estimate = web3j.ethEstimateGas(
                        Transaction.createEthCallTransaction(settler.getAddress(), contract, callData))
                .send();
        if (estimate.hasError()) {
            throw new IOException(
                    "the settlement call would fail: " + estimate.getError().getMessage());
        }
        return estimate.getAmountUsed()
                .multiply(GAS_HEADROOM_PERCENT)
                .divide(HUNDRED)
                .longValueExact();
    }

    /** Fees for a new transaction now: twice the base fee plus the node's suggested tip. */
    public Fees marketFees() throws IOException {
        BigInteger baseFee = checked(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                        .send())
                .getBlock()
                .getBaseFeePerGas();
        BigInteger tip = checked(web3j.ethMaxPriorityFeePerGas().send()).getMaxPriorityFeePerGas();
        return new Fees(baseFee.shiftLeft(1).add(tip), tip);
    }

    public BatchAttempt sign(long nonce, String callData, long gasLimit, Fees fees, Instant now) {
        RawTransaction transaction = RawTransaction.createTransaction(
                chainId,
                BigInteger.valueOf(nonce),
                BigInteger.valueOf(gasLimit),
                contract,
                BigInteger.ZERO,
                callData,
                fees.maxPriorityFeePerGas(),
                fees.maxFeePerGas());
        byte[] raw = TransactionEncoder.signMessage(transaction, settler);
        return new BatchAttempt(Hash.sha3(raw), fees.maxFeePerGas(), fees.maxPriorityFeePerGas(), gasLimit, raw, now);
    }

    /** The same transaction as {@code stuck} (nonce, gas, call) with fees bumped by {@code bumpPercent}, or the market's if higher. */
    public BatchAttempt replace(BatchAttempt stuck, int bumpPercent, Instant now) throws IOException {
        RawTransaction previous = TransactionDecoder.decode(Numeric.toHexString(stuck.rawTransaction()));
        Fees bumped = new Fees(bump(stuck.maxFeePerGas(), bumpPercent), bump(stuck.maxPriorityFeePerGas(), bumpPercent))
                .atLeast(marketFees());
        return sign(previous.getNonce().longValueExact(), previous.getData(), stuck.gasLimit(), bumped, now);
    }

    /** Sends a signed transaction; a node that already has it, or has mined its nonce, is not an error here. */
    public void broadcast(BatchAttempt attempt) throws IOException {
        EthSendTransaction sent = web3j.ethSendRawTransaction(Numeric.toHexString(attempt.rawTransaction()))
                .send();
        if (sent.hasError()) {
            String message = sent.getError().getMessage();
            if (!message.contains("already") && !message.contains("nonce too low")) {
                throw new IOException("broadcast of " + Numeric.toHexString(attempt.txHash()) + " refused: " + message);
            }
        }
    }

    /** Whether the node knows the transaction (pending or mined). */
    public boolean knows(byte[] txHash) throws IOException {
        return checked(web3j.ethGetTransactionByHash(Numeric.toHexString(txHash))
                        .send())
                .getTransaction()
                .isPresent();
    }

    public Optional<TransactionReceipt> receipt(byte[] txHash) throws IOException {
        return checked(web3j.ethGetTransactionReceipt(Numeric.toHexString(txHash))
                        .send())
                .getTransactionReceipt();
    }

    private static BigInteger bump(BigInteger fee, int percent) {
        return fee.multiply(BigInteger.valueOf(100L + percent)).divide(HUNDRED).add(BigInteger.ONE);
    }

    private static <T extends Response<?>> T checked(T response) throws IOException {
        if (response.hasError()) {
            throw new IOException(response.getError().getMessage());
        }
        return response;
    }

    /** EIP-1559 fees per gas. */
    public record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {
        Fees atLeast(Fees other) {
            return new Fees(maxFeePerGas.max(other.maxFeePerGas), maxPriorityFeePerGas.max(other.maxPriorityFeePerGas));
        }
    }
}
