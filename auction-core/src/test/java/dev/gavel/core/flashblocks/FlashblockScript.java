package dev.gavel.core.flashblocks;

import dev.gavel.bidding.bid.Eip712Domain;
import dev.gavel.bidding.block.BlockRequest;
import dev.gavel.bidding.block.Fork;
import dev.gavel.bidding.flashblocks.Flashblock;
import dev.gavel.bidding.flashblocks.FlashblockBase;
import dev.gavel.bidding.flashblocks.FlashblockDiff;
import dev.gavel.bidding.flashblocks.FlashblockFormatException;
import dev.gavel.bidding.flashblocks.FlashblockSignatures;
import dev.gavel.bidding.flashblocks.SignedFlashblock;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.bidding.payload.ExecutionPayload;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.payload.PayloadIds;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.core.round.RoundBook;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Wei;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.web3j.crypto.ECKeyPair;

/**
 * A winner's flashblocks for one ex-ante round, made the way a builder streams them: each cut of the block's
 * user transactions is a whole block of its own (its roots and true block hash), and flashblock i carries the
 * transactions between cut i-1 and cut i, the base on index 0 only. Signed by {@link #WINNER}.
 */
final class FlashblockScript {
    static final ECKeyPair WINNER = ECKeyPair.create(BigInteger.valueOf(0xf1a5b1L));
    static final ECKeyPair OTHER = ECKeyPair.create(BigInteger.valueOf(0x07e4L));
    static final FlashblockSignatures SIGNATURES = new FlashblockSignatures(
            Eip712Domain.gavel(1301, Address.fromHex("0x00000000000000000000000000000000000000aa")));
    static final BlockNumber NUMBER = BlockNumber.of(7_000);
    private static final Hash32 PARENT = Hash32.fromHex("0x" + "0b".repeat(32));

    private final long seed;
    final PayloadAttributes attributes;
    final BlockRequest request;
    final PayloadId payloadId;

    FlashblockScript(long seed) {
        this.seed = seed;
        this.attributes = SimulatedBlocks.attributes(1_790_000_000L, seed);
        this.request = new BlockRequest(NUMBER, PARENT, attributes, Fork.JOVIAN, Optional.empty());
        this.payloadId = PayloadIds.compute(PARENT, attributes, RoundBook.PAYLOAD_ID_VERSION);
    }

    FlashblockStream stream() {
        return new FlashblockStream(payloadId, request);
    }

    /** The whole block with the first {@code userTransactions} of the script's transactions. */
    ExecutionPayloadEnvelope block(int userTransactions) {
        return SimulatedBlocks.envelope(NUMBER, PARENT, attributes, Wei.ZERO, userTransactions, seed);
    }

    /** One flashblock per cut: flashblock i adds the user transactions from cut i-1 (0 for i = 0) to cut i. */
    List<Flashblock> split(int... cuts) {
        List<Flashblock> flashblocks = new ArrayList<>();
        for (int i = 0; i < cuts.length; i++) {
            flashblocks.add(flashblock(i, i == 0 ? -1 : cuts[i - 1], cuts[i]));
        }
        return flashblocks;
    }

    /** Flashblock {@code index}: the block of {@code to} user transactions, adding those after {@code from} (-1: all). */
    Flashblock flashblock(long index, int from, int to) {
        ExecutionPayloadEnvelope block = block(to);
        ExecutionPayload payload = block.executionPayload();
        int forced = attributes.forcedTransactions().size();
        List<Bytes> added = payload.transactions().subList(from < 0 ? 0 : forced + from, forced + to);
        FlashblockBase base = from < 0
                ? new FlashblockBase(
                        block.parentBeaconBlockRoot(),
                        payload.parentHash(),
                        payload.feeRecipient(),
                        payload.prevRandao(),
                        payload.blockNumber(),
                        payload.gasLimit(),
                        payload.timestamp(),
                        payload.extraData(),
                        payload.baseFeePerGas())
                : null;
        FlashblockDiff diff = new FlashblockDiff(
                payload.stateRoot(),
                payload.receiptsRoot(),
                payload.logsBloom(),
                payload.gasUsed(),
                payload.blockHash(),
                added,
                List.of(),
                payload.withdrawalsRoot(),
                payload.blobGasUsed());
        return new Flashblock(payloadId, index, base, diff, null);
    }

    static SignedFlashblock signed(Flashblock flashblock) {
        return signed(flashblock, WINNER);
    }

    static SignedFlashblock signed(Flashblock flashblock, ECKeyPair key) {
        byte[] json = WireJson.write(flashblock);
        return new SignedFlashblock(SIGNATURES.sign(NUMBER, flashblock, json, key), json, flashblock);
    }

    /** {@code flashblock} with its diff changed by {@code change}, signed by the winner. */
    static SignedFlashblock withDiff(Flashblock flashblock, UnaryOperator<FlashblockDiff> change) {
        return signed(new Flashblock(
                flashblock.payloadId(), flashblock.index(), flashblock.base(), change.apply(flashblock.diff()), null));
    }

    /** The frame a builder sends, read back as Gavel reads it. */
    static SignedFlashblock overTheWire(SignedFlashblock signed) throws FlashblockFormatException {
        return SignedFlashblock.fromFrame(signed.toFrame());
    }
}
