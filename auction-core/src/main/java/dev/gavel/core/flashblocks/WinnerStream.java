package dev.gavel.core.flashblocks;

import dev.gavel.bidding.bid.InvalidSignatureException;
import dev.gavel.bidding.flashblocks.FlashblockSignatures;
import dev.gavel.bidding.flashblocks.SignedFlashblock;
import dev.gavel.primitives.Address;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The winner's side of an ex-ante round: every flashblock must carry the winner's signature, and every signed
 * one is remembered by index, relayed or not, so that a second, different flashblock for an index is caught as
 * an {@link Equivocation} (an index is spent once signed: a winner whose flashblock was refused cannot send
 * another for that index, as a validator cannot sign two blocks for one slot). Only then is it offered to the
 * round's {@link FlashblockStream}. Content is the signed text: the same text signed twice (ECDSA signatures
 * differ) is no equivocation.
 */
public final class WinnerStream {
    private final Address winner;
    private final FlashblockSignatures signatures;
    private final FlashblockStream stream;
    private final Map<Long, SignedFlashblock> signedByIndex = new HashMap<>();

    public WinnerStream(Address winner, FlashblockSignatures signatures, FlashblockStream stream) {
        this.winner = winner;
        this.signatures = signatures;
        this.stream = stream;
    }

    /** The verdict on {@code signed}, and the equivocation it completes, if it does. */
    public record Offered(FlashblockVerdict verdict, Optional<Equivocation> equivocation) {}

    public Offered offer(SignedFlashblock signed) {
        Optional<String> notTheWinners = signerProblem(signed);
        if (notTheWinners.isPresent()) {
            return new Offered(
                    new FlashblockVerdict.Refuse(FlashblockFault.NOT_THE_WINNERS, notTheWinners.get()),
                    Optional.empty());
        }
        long index = signed.flashblock().index();
        SignedFlashblock first = signedByIndex.putIfAbsent(index, signed);
        if (first != null && !Arrays.equals(first.json(), signed.json())) {
            return new Offered(
                    new FlashblockVerdict.Refuse(
                            FlashblockFault.OUT_OF_ORDER,
                            "index " + index + " was already signed with other content: an equivocation"),
                    Optional.of(new Equivocation(winner, signed.flashblock().payloadId(), index, first, signed)));
        }
        return new Offered(stream.offer(signed), Optional.empty());
    }

    private Optional<String> signerProblem(SignedFlashblock signed) {
        try {
            Address signer = signatures.recover(signed, stream.blockNumber());
            return signer.equals(winner)
                    ? Optional.empty()
                    : Optional.of("signed by " + signer + ", not by the round's winner " + winner);
        } catch (InvalidSignatureException e) {
            return Optional.of("the signature is not valid: " + e.getMessage());
        }
    }
}
