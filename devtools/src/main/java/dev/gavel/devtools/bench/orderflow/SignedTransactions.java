package dev.gavel.devtools.bench.orderflow;

import fr.acinq.secp256k1.Secp256k1;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * The bench's orderflow, signed before the run (on every core) so that signing is not measured: distinct
 * EIP-1559 transfers from a few users, each a nonce of its own, as wallets send them to the sequencer. They
 * are real signed transactions; no chain needs to execute them. They are signed with libsecp256k1 (the JNI
 * library the service recovers signers with): web3j's own signing takes milliseconds a transaction, which for
 * the hundreds of thousands a run sends would take longer than the run. Transaction {@code i} is known by its
 * hash, so a builder that receives one can tell which it was, and so when it was sent.
 */
final class SignedTransactions {
    static final List<ECKeyPair> USERS = IntStream.range(0, 16)
            .mapToObj(i -> ECKeyPair.create(BigInteger.valueOf(0x0fde7L + i)))
            .toList();
    private static final String RECIPIENT = "0x000000000000000000000000000000000000dead";
    private static final int RECOVERABLE_V = 27;
    private static final int PRIVATE_KEY_BYTES = 32;

    private final String[] raw;
    private final Map<String, Integer> indexByHash;

    private SignedTransactions(String[] raw, Map<String, Integer> indexByHash) {
        this.raw = raw;
        this.indexByHash = indexByHash;
    }

    /** {@code count} transactions on {@code chainId}, each carrying {@code calldataBytes} of calldata. */
    static SignedTransactions sign(int count, long chainId, int calldataBytes) {
        byte[] data = new byte[calldataBytes];
        Arrays.fill(data, (byte) 0xcc);
        String calldata = Numeric.toHexString(data);
        Secp256k1 library = Secp256k1.Companion.get();
        List<User> users = USERS.stream().map(key -> User.of(library, key)).toList();
        String[] raw = IntStream.range(0, count)
                .parallel()
                .mapToObj(i -> sign(
                        library,
                        RawTransaction.createTransaction(
                                chainId,
                                BigInteger.valueOf(i / USERS.size()),
                                BigInteger.valueOf(21_000 + 16L * calldataBytes),
                                RECIPIENT,
                                BigInteger.valueOf(1 + i % 1_000),
                                calldata,
                                BigInteger.valueOf(1_000_000),
                                BigInteger.valueOf(2_000_000_000)),
                        users.get(i % users.size())))
                .toArray(String[]::new);
        Map<String, Integer> indexByHash = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            indexByHash.put(Hash.sha3(raw[i]), i);
        }
        return new SignedTransactions(raw, indexByHash);
    }

    /** {@code transaction} signed by {@code user}: its keccak digest, and the recovery id that finds the user's key. */
    private static String sign(Secp256k1 library, RawTransaction transaction, User user) {
        byte[] digest = Hash.sha3(TransactionEncoder.encode(transaction));
        byte[] rs = library.sign(digest, user.privateKey());
        int recoveryId = Arrays.equals(library.ecdsaRecover(rs, digest, 0), user.publicKey()) ? 0 : 1;
        Sign.SignatureData signature = new Sign.SignatureData(
                (byte) (RECOVERABLE_V + recoveryId), Arrays.copyOfRange(rs, 0, 32), Arrays.copyOfRange(rs, 32, 64));
        return Numeric.toHexString(TransactionEncoder.encode(transaction, signature));
    }

    /** A user's keys as libsecp256k1 takes them: the 32-byte private key, the 65-byte uncompressed public key. */
    private record User(byte[] privateKey, byte[] publicKey) {
        static User of(Secp256k1 library, ECKeyPair key) {
            byte[] privateKey = Numeric.toBytesPadded(key.getPrivateKey(), PRIVATE_KEY_BYTES);
            return new User(privateKey, library.pubkeyCreate(privateKey));
        }
    }

    int count() {
        return raw.length;
    }

    /** Transaction {@code i}, as eth_sendRawTransaction takes it. */
    String raw(int i) {
        return raw[i];
    }

    /** Which transaction has this hash (0x-prefixed, lower case, as the channel writes it). */
    OptionalInt index(String hash) {
        Integer index = indexByHash.get(hash);
        return index == null ? OptionalInt.empty() : OptionalInt.of(index);
    }
}
