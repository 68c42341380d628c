package dev.gavel.core.flashblocks;

import static dev.gavel.core.flashblocks.FlashblockScript.signed;
import static dev.gavel.core.flashblocks.FlashblockScript.withDiff;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.flashblocks.Flashblock;
import dev.gavel.bidding.flashblocks.FlashblockBase;
import dev.gavel.bidding.flashblocks.FlashblockDiff;
import dev.gavel.bidding.flashblocks.SignedFlashblock;
import dev.gavel.bidding.payload.Withdrawal;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.PayloadId;
import dev.gavel.primitives.Quantity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each check a flashblock must pass before it is relayed, and that a refused one changes nothing. */
class FlashblockStreamTest {
    private final FlashblockScript script = new FlashblockScript(11);
    private final FlashblockStream stream = script.stream();
    private final List<Flashblock> flashblocks = script.split(0, 3, 5);

    @Test
    void aWellFormedStreamIsRelayedAndAssemblesTheWholeBlockAsRollupBoostDoes() throws Exception {
        for (Flashblock flashblock : flashblocks) {
            assertThat(stream.offer(FlashblockScript.overTheWire(signed(flashblock))))
                    .isInstanceOf(FlashblockVerdict.Relay.class);
        }

        assertThat(stream.relayed()).isEqualTo(3);
        assertThat(stream.block().orElseThrow().executionPayload())
                .isEqualTo(script.block(5).executionPayload());
    }

    @Test
    void aFlashblockForAnotherPayloadIdIsRefused() {
        Flashblock first = flashblocks.get(0);
        Flashblock elsewhere =
                new Flashblock(PayloadId.fromHex("0x0102030405060708"), 0, first.base(), first.diff(), null);

        assertRefused(signed(elsewhere), FlashblockFault.WRONG_PAYLOAD_ID, "is not the round's");
    }

    @Test
    void aGapAndARepeatedIndexAreRefused() {
        assertRefused(signed(flashblocks.get(1)), FlashblockFault.OUT_OF_ORDER, "index 1 where 0 is next");
        relay(flashblocks.get(0));

        assertRefused(signed(flashblocks.get(0)), FlashblockFault.OUT_OF_ORDER, "index 0 where 1 is next");
        assertRefused(signed(flashblocks.get(2)), FlashblockFault.OUT_OF_ORDER, "index 2 where 1 is next");
    }

    @Test
    void theBaseComesOnIndexZeroAndOnlyThere() {
        Flashblock first = flashblocks.get(0);
        assertRefused(
                signed(new Flashblock(first.payloadId(), 0, null, first.diff(), null)),
                FlashblockFault.BASE_MISSING,
                "index 0 carries no base");
        relay(first);

        Flashblock second = flashblocks.get(1);
        assertRefused(
                signed(new Flashblock(second.payloadId(), 1, first.base(), second.diff(), null)),
                FlashblockFault.BASE_UNEXPECTED,
                "index 1 carries a base");
    }

    @Test
    void aBaseThatIsNotTheRoundsAttributesIsRefused() {
        Flashblock first = flashblocks.get(0);
        FlashblockBase base = first.base();
        FlashblockBase otherRecipient = new FlashblockBase(
                base.parentBeaconBlockRoot(),
                base.parentHash(),
                Address.fromHex("0x00000000000000000000000000000000000000ee"),
                base.prevRandao(),
                base.blockNumber(),
                base.gasLimit(),
                base.timestamp(),
                base.extraData(),
                base.baseFeePerGas());

        assertRefused(
                signed(new Flashblock(first.payloadId(), 0, otherRecipient, first.diff(), null)),
                FlashblockFault.NONCONFORMING_BLOCK,
                "WRONG_FEE_RECIPIENT");
    }

    @Test
    void theForcedTransactionsComeFirst() {
        Flashblock first = flashblocks.get(0);
        FlashblockDiff diff = first.diff();
        List<Bytes> withoutDeposit =
                diff.transactions().subList(1, diff.transactions().size());

        assertRefused(
                withDiff(first, d -> diff(d, withoutDeposit, d.gasUsed(), d.blockHash())),
                FlashblockFault.NONCONFORMING_BLOCK,
                "MISSING_FORCED_TRANSACTIONS");
    }

    @Test
    void gasUsedThatGoesBackIsRefused() {
        relay(flashblocks.get(0));
        Flashblock second = flashblocks.get(1);
        long previous = flashblocks.get(0).diff().gasUsed().value();

        assertRefused(
                withDiff(second, d -> diff(d, d.transactions(), Quantity.of(previous - 1), d.blockHash())),
                FlashblockFault.CUMULATIVE_DECREASED,
                "gas_used");
    }

    @Test
    void aTransactionAlreadyInTheStreamIsRefused() {
        relay(flashblocks.get(0));
        relay(flashblocks.get(1));
        Flashblock third = flashblocks.get(2);
        List<Bytes> again = new ArrayList<>(third.diff().transactions());
        again.add(flashblocks.get(1).diff().transactions().get(0));

        assertRefused(
                withDiff(third, d -> diff(d, again, d.gasUsed(), d.blockHash())),
                FlashblockFault.DUPLICATE_TRANSACTION,
                "already in the block");
    }

    @Test
    void withdrawalsAreRefusedAsOnEveryOpStackBlock() {
        Flashblock first = flashblocks.get(0);
        Withdrawal withdrawal =
                new Withdrawal(Quantity.of(1), Quantity.of(2), Address.fromHex("0x" + "33".repeat(20)), Quantity.of(3));

        assertRefused(
                withDiff(first, d -> diff(d, d.transactions(), List.of(withdrawal), d.gasUsed(), d.blockHash())),
                FlashblockFault.NONCONFORMING_BLOCK,
                "WITHDRAWALS_NOT_EMPTY");
    }

    @Test
    void aBlockHashTheBlockSoFarDoesNotHashToIsRefused() {
        relay(flashblocks.get(0));
        Hash32 wrong = Hash32.fromHex("0x" + "99".repeat(32));

        assertRefused(
                withDiff(flashblocks.get(1), d -> diff(d, d.transactions(), d.gasUsed(), wrong)),
                FlashblockFault.BLOCK_HASH_MISMATCH,
                "not to its block_hash " + wrong);
    }

    @Test
    void aRefusedFlashblockChangesNothing() {
        relay(flashblocks.get(0));
        var before = stream.block().orElseThrow();

        assertRefused(
                withDiff(
                        flashblocks.get(1),
                        d -> diff(d, d.transactions(), d.gasUsed(), Hash32.fromHex("0x" + "98".repeat(32)))),
                FlashblockFault.BLOCK_HASH_MISMATCH,
                "block_hash");

        assertThat(stream.relayed()).isEqualTo(1);
        assertThat(stream.block()).contains(before);
        relay(flashblocks.get(1));
        relay(flashblocks.get(2));
        assertThat(stream.block().orElseThrow().executionPayload())
                .isEqualTo(script.block(5).executionPayload());
    }

    private void relay(Flashblock flashblock) {
        assertThat(stream.offer(signed(flashblock))).isInstanceOf(FlashblockVerdict.Relay.class);
    }

    private void assertRefused(SignedFlashblock flashblock, FlashblockFault fault, String reason) {
        long relayedBefore = stream.relayed();
        FlashblockVerdict verdict = stream.offer(flashblock);

        assertThat(verdict).isInstanceOfSatisfying(FlashblockVerdict.Refuse.class, refuse -> {
            assertThat(refuse.fault()).isEqualTo(fault);
            assertThat(refuse.reason()).contains(reason);
        });
        assertThat(stream.relayed()).isEqualTo(relayedBefore);
    }

    static FlashblockDiff diff(FlashblockDiff d, List<Bytes> transactions, Quantity gasUsed, Hash32 blockHash) {
        return diff(d, transactions, d.withdrawals(), gasUsed, blockHash);
    }

    static FlashblockDiff diff(
            FlashblockDiff d,
            List<Bytes> transactions,
            List<Withdrawal> withdrawals,
            Quantity gasUsed,
            Hash32 blockHash) {
        return new FlashblockDiff(
                d.stateRoot(),
                d.receiptsRoot(),
                d.logsBloom(),
                gasUsed,
                blockHash,
                transactions,
                withdrawals,
                d.withdrawalsRoot(),
                d.blobGasUsed());
    }
}
