package dev.gavel.bidding.seal;

import dev.gavel.bidding.bid.Bid;
import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.bidding.bid.SignedBid;
import dev.gavel.bidding.block.BlockRlp;
import dev.gavel.bidding.rlp.Rlp;
import dev.gavel.bidding.rlp.RlpException;
import dev.gavel.bidding.rlp.RlpReader;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.util.List;

/**
 * The plaintext of a binary sealed bid: {@code RLP([bid, block, blockValue])}, where {@code bid} is
 * {@code [blockNumber, parentHash, blockHash, value, builder, signature]} and {@code block} is the block in
 * Ethereum's encoding ({@link BlockRlp}). docs/builder-api.md gives it byte for byte.
 */
public final class SubmissionRlp {
    private SubmissionRlp() {}

    public static byte[] encode(BidSubmission submission) {
        Bid bid = submission.bid().bid();
        byte[] signedBid = Rlp.encodeList(List.of(
                Rlp.encodeLong(bid.blockNumber().value()),
                Rlp.encodeBytes(bid.parentHash().toArray()),
                Rlp.encodeBytes(bid.blockHash().toArray()),
                Rlp.encodeBigInteger(bid.value().amount()),
                Rlp.encodeBytes(bid.builder().toArray()),
                Rlp.encodeBytes(submission.bid().signature().toArray())));
        return Rlp.encodeList(List.of(
                signedBid,
                BlockRlp.encode(submission.envelope()),
                Rlp.encodeBigInteger(submission.envelope().blockValue().amount())));
    }

    /** @throws IllegalArgumentException naming what is malformed (RLP, a field, the block) */
    public static BidSubmission decode(byte[] plaintext) {
        try {
            RlpReader outer = new RlpReader(plaintext);
            RlpReader submission = outer.list("the submission");
            outer.end("the plaintext");
            RlpReader bid = submission.list("the signed bid");
            SignedBid signed = new SignedBid(
                    new Bid(
                            BlockNumber.of(bid.uint64("blockNumber")),
                            Hash32.of(bid.bytes("parentHash", Hash32.LENGTH)),
                            Hash32.of(bid.bytes("blockHash", Hash32.LENGTH)),
                            new Wei(bid.uint256("value")),
                            Address.of(bid.bytes("builder", Address.LENGTH))),
                    BidSignature.of(bid.bytes("signature", BidSignature.LENGTH)));
            bid.end("the signed bid");
            RlpReader.Span block = submission.span("the block");
            Wei blockValue = new Wei(submission.uint256("blockValue"));
            submission.end("the submission");
            RlpReader blockReader = new RlpReader(plaintext, block.from(), block.to());
            return new BidSubmission(signed, BlockRlp.decode(blockReader, blockValue));
        } catch (RlpException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
