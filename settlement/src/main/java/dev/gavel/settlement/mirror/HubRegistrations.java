package dev.gavel.settlement.mirror;

import dev.gavel.primitives.Address;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.settlement.contracts.BuilderHub;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.Utils;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.utils.Numeric;

/**
 * The quote a builder registered with at the BuilderHub, which the hub does not keep: its {@code
 * BuilderRegistered} event (in the block the hub's record names) gives the quote's hash, the registration data
 * and the transaction, and that transaction's calldata ({@code register} or {@code registerWithPermit}, sent to
 * the hub) holds the quote itself. Each piece must match the next: the registration data the hub's record
 * hashes, the quote the event hashes. A registration made through another contract has no quote in its
 * calldata; it is answered as not found (the builder can register again directly).
 */
public final class HubRegistrations {
    private static final String REGISTERED = EventEncoder.encode(BuilderHub.BUILDERREGISTERED_EVENT);
    private static final Call REGISTER = new Call("register(bytes,bytes,bytes)", List.of(bytes(), bytes(), bytes()));
    private static final Call REGISTER_WITH_PERMIT = new Call(
            "registerWithPermit(bytes,bytes,bytes,uint256,bytes)",
            List.of(bytes(), bytes(), bytes(), new TypeReference<Uint256>() {}, bytes()));

    private final Web3j web3j;
    private final Address hub;

    public HubRegistrations(Web3j web3j, Address hub) {
        this.web3j = web3j;
        this.hub = hub;
    }

    /** A registration as the chain holds it: the quote and registration data, and where it was made. */
    public record Registration(Address builder, long block, Hash32 transaction, Bytes quote, Bytes registrationData) {}

    /** Why the quote of a registration cannot be read from the chain (as opposed to the chain not answering). */
    public static final class NotFound extends Exception {
        public NotFound(String message) {
            super(message);
        }
    }

    /**
     * The registration the hub recorded for {@code builder} in {@link HubView.RegistrationRecord}: its last
     * {@code BuilderRegistered} event in that block, and the quote from the calldata of its transaction.
     *
     * @throws NotFound when the chain holds no such registration or its quote is not in the calldata
     * @throws IOException when the chain cannot be read
     */
    public Registration read(Address builder, HubView.RegistrationRecord record) throws IOException, NotFound {
        DefaultBlockParameter block = DefaultBlockParameter.valueOf(BigInteger.valueOf(record.block()));
        EthFilter filter = new EthFilter(block, block, hub.toHex());
        filter.addSingleTopic(REGISTERED);
        filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(builder.toArray()), 64));
        EthLog logs = web3j.ethGetLogs(filter).send();
        if (logs.hasError()) {
            throw new IOException("eth_getLogs at block " + record.block() + ": "
                    + logs.getError().getMessage());
        }
        Log event = logs.getLogs().stream()
                .map(result -> (Log) result.get())
                .reduce((first, second) -> second)
                .orElseThrow(
                        () -> new NotFound("no BuilderRegistered event of " + builder + " in block " + record.block()));
        List<Type> data = FunctionReturnDecoder.decode(
                event.getData(), BuilderHub.BUILDERREGISTERED_EVENT.getNonIndexedParameters());
        byte[] quoteHash = (byte[]) data.get(0).getValue();
        byte[] registrationData = (byte[]) data.get(1).getValue();
        if (!Arrays.equals(
                Hash.sha3(registrationData), record.registrationDataHash().toArray())) {
            throw new NotFound("the registration data of the event in block " + record.block()
                    + " is not the one the hub recorded");
        }
        Transaction transaction = web3j.ethGetTransactionByHash(event.getTransactionHash())
                .send()
                .getTransaction()
                .orElseThrow(() -> new IOException("transaction " + event.getTransactionHash() + " not found"));
        Bytes quote = quoteFromCalldata(transaction, quoteHash, registrationData)
                .orElseThrow(() -> new NotFound("transaction " + event.getTransactionHash()
                        + " registered " + builder + " through another contract ("
                        + transaction.getTo() + "): its quote is not in the calldata"));
        return new Registration(
                builder, record.block(), Hash32.fromHex(event.getTransactionHash()), quote, Bytes.of(registrationData));
    }

    /** The quote of a direct call to the hub's register or registerWithPermit, if it is the one the event hashes. */
    private Optional<Bytes> quoteFromCalldata(Transaction transaction, byte[] quoteHash, byte[] registrationData) {
        if (transaction.getTo() == null || !Address.fromHex(transaction.getTo()).equals(hub)) {
            return Optional.empty();
        }
        String input = transaction.getInput();
        for (Call call : List.of(REGISTER, REGISTER_WITH_PERMIT)) {
            if (input.startsWith(call.selector())) {
                List<Type> arguments = FunctionReturnDecoder.decode(
                        "0x" + input.substring(call.selector().length()), Utils.convert(call.parameters()));
                if (arguments.size() < 2) {
                    return Optional.empty();
                }
                byte[] quote = (byte[]) arguments.get(0).getValue();
                return Arrays.equals(Hash.sha3(quote), quoteHash)
                                && Arrays.equals((byte[]) arguments.get(1).getValue(), registrationData)
                        ? Optional.of(Bytes.of(quote))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private record Call(String signature, List<TypeReference<?>> parameters) {
        String selector() {
            return Hash.sha3String(signature).substring(0, 10);
        }
    }

    private static TypeReference<?> bytes() {
        return new TypeReference<DynamicBytes>() {};
    }
}
