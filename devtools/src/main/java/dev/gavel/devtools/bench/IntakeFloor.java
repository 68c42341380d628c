package dev.gavel.devtools.bench;

import dev.gavel.bidding.bid.BidSignatures;
import dev.gavel.bidding.block.BlockHashes;
import dev.gavel.bidding.block.ChainFamily;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.seal.AuctionKeyPair;
import dev.gavel.bidding.seal.BidHeader;
import dev.gavel.bidding.seal.BidOpener;
import dev.gavel.bidding.seal.BidSubmission;
import dev.gavel.bidding.seal.HeaderSignatures;
import dev.gavel.bidding.seal.SealedBid;
import dev.gavel.primitives.Hash32;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The floor of intake: the CPU one bid costs in the steps no implementation can skip, the header signature's
 * recovery, HPKE open, the bid signature's recovery and block hashing, measured on this thread with nothing
 * else around them.
 */
public final class IntakeFloor {
    private IntakeFloor() {}

    /** CPU microseconds per bid over {@code iterations}, after as many unmeasured ones; {@code sealed} holds {@code submission}. */
    static double microsPerBid(
            SealedBid sealed,
            BidSubmission submission,
            AuctionKeyPair key,
            BidSignatures signatures,
            HeaderSignatures headers,
            int iterations)
            throws Exception {
        BidOpener opener = new BidOpener(key);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        run(opener, sealed, submission, signatures, headers, iterations);
        long start = threads.getCurrentThreadCpuTime();
        run(opener, sealed, submission, signatures, headers, iterations);
        return (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / iterations;
    }

    private static void run(
            BidOpener opener,
            SealedBid sealed,
            BidSubmission submission,
            BidSignatures signatures,
            HeaderSignatures headers,
            int iterations)
            throws Exception {
        for (int i = 0; i < iterations; i++) {
            oneBid(opener, sealed, submission, signatures, headers);
        }
    }

    /**
     * The floor's work for one bid: recover the header's signer, open it, recover the bid's signer, hash its
     * block (what the JMH floor benchmark runs too).
     */
    public static Hash32 oneBid(
            BidOpener opener,
            SealedBid sealed,
            BidSubmission submission,
            BidSignatures signatures,
            HeaderSignatures headers)
            throws Exception {
        headers.recover(sealed.header().toArray(), sealed.headerSignature());
        opener.open(BidHeader.decode(sealed.header()), sealed);
        signatures.recover(submission.bid());
        ExecutionPayloadEnvelope envelope = submission.envelope();
        return BlockHashes.compute(
                envelope.executionPayload(),
                envelope.parentBeaconBlockRoot(),
                envelope.executionRequests(),
                ChainFamily.OP_STACK);
    }
}
