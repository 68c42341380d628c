package dev.gavel.core.flashblocks;

import static dev.gavel.core.flashblocks.FlashblockScript.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.Secp256k1;
import dev.gavel.bidding.flashblocks.Flashblock;
import dev.gavel.bidding.flashblocks.SignedFlashblock;
import dev.gavel.bidding.json.WireJson;
import dev.gavel.primitives.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only the winner's signed flashblocks reach the stream, and a second content for a signed index is caught. */
class WinnerStreamTest {
    private static final Address WINNER = Secp256k1.address(FlashblockScript.WINNER);

    private final FlashblockScript script = new FlashblockScript(21);
    private final WinnerStream winner = new WinnerStream(WINNER, FlashblockScript.SIGNATURES, script.stream());
    private final List<Flashblock> flashblocks = script.split(1, 4);

    @Test
    void theWinnersSignedFlashblocksAreRelayed() {
        for (Flashblock flashblock : flashblocks) {
            WinnerStream.Offered offered = winner.offer(signed(flashblock));

            assertThat(offered.verdict()).isInstanceOf(FlashblockVerdict.Relay.class);
            assertThat(offered.equivocation()).isEmpty();
        }
    }

    @Test
    void aFlashblockSignedBySomeoneElseIsRefusedAndSpendsNoIndex() {
        WinnerStream.Offered offered = winner.offer(signed(flashblocks.get(0), FlashblockScript.OTHER));

        assertThat(offered.verdict()).isInstanceOfSatisfying(FlashblockVerdict.Refuse.class, refuse -> {
            assertThat(refuse.fault()).isEqualTo(FlashblockFault.NOT_THE_WINNERS);
            assertThat(refuse.reason()).contains("not by the round's winner " + WINNER);
        });
        assertThat(winner.offer(signed(flashblocks.get(0))).verdict()).isInstanceOf(FlashblockVerdict.Relay.class);
    }

    @Test
    void aSignatureOverOtherTextIsNotTheWinners() {
        SignedFlashblock good = signed(flashblocks.get(0));
        byte[] otherText = WireJson.write(flashblocks.get(1));
        SignedFlashblock forged = new SignedFlashblock(good.signature(), otherText, flashblocks.get(0));

        assertThat(winner.offer(forged).verdict())
                .isInstanceOfSatisfying(
                        FlashblockVerdict.Refuse.class,
                        refuse -> assertThat(refuse.fault()).isEqualTo(FlashblockFault.NOT_THE_WINNERS));
    }

    @Test
    void aSecondSignedContentForARelayedIndexIsAnEquivocationAndIsNeverRelayed() {
        SignedFlashblock first = signed(flashblocks.get(0));
        winner.offer(first);
        Flashblock conflicting = script.flashblock(0, -1, 2); // index 0 again, one more transaction

        WinnerStream.Offered offered = winner.offer(signed(conflicting));

        assertThat(offered.verdict()).isInstanceOf(FlashblockVerdict.Refuse.class);
        assertThat(offered.equivocation()).hasValueSatisfying(equivocation -> {
            assertThat(equivocation.builder()).isEqualTo(WINNER);
            assertThat(equivocation.index()).isZero();
            assertThat(equivocation.first()).isEqualTo(first);
            assertThat(equivocation.second().flashblock()).isEqualTo(conflicting);
        });
    }

    @Test
    void aSecondContentForARefusedIndexIsAnEquivocationToo() {
        Flashblock bad = new Flashblock(
                flashblocks.get(0).payloadId(), 0, null, flashblocks.get(0).diff(), null); // no base: refused
        assertThat(winner.offer(signed(bad)).verdict()).isInstanceOf(FlashblockVerdict.Refuse.class);

        assertThat(winner.offer(signed(flashblocks.get(0))).equivocation()).isPresent();
    }

    @Test
    void theSameTextSignedAgainIsNoEquivocation() {
        SignedFlashblock first = signed(flashblocks.get(0));
        winner.offer(first);
        BidSignature again = FlashblockScript.SIGNATURES.sign(
                FlashblockScript.NUMBER, first.flashblock(), first.json(), FlashblockScript.WINNER);

        WinnerStream.Offered offered = winner.offer(new SignedFlashblock(again, first.json(), first.flashblock()));

        assertThat(offered.equivocation()).isEmpty();
        assertThat(offered.verdict())
                .isInstanceOfSatisfying(
                        FlashblockVerdict.Refuse.class,
                        refuse -> assertThat(refuse.fault()).isEqualTo(FlashblockFault.OUT_OF_ORDER));
    }
}
