package dev.gavel.settlement.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.utils.Numeric;

/** What a call would revert with: the 4-byte selector of its custom error. */
public final class Reverts {
    private Reverts() {}

    /** The revert data of calling {@code data} on {@code contract} from {@code from}, or null if it would not revert. */
    public static String revertData(Web3j web3j, String from, String contract, String data) throws IOException {
        EthCall call = web3j.ethCall(
                        Transaction.createEthCallTransaction(from, contract, data), DefaultBlockParameterName.LATEST)
                .send();
        if (!call.hasError() && !call.isReverted()) {
            return null;
        }
        Object errorData = call.getError() == null
                ? call.getRevertReason()
                : call.getError().getData();
        return String.valueOf(errorData).replace("\"", ""); // the node's error data arrives as a JSON string
    }

    /** The selector of {@code signature}, e.g. "ZeroAmount()". */
    public static String selector(String signature) {
        return Numeric.toHexString(Hash.sha3(signature.getBytes(StandardCharsets.US_ASCII)))
                .substring(0, 10);
    }
}
