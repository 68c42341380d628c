package dev.gavel.benchmarks;

import dev.gavel.bidding.block.BlockHashes;
import dev.gavel.bidding.block.ChainFamily;
import dev.gavel.bidding.payload.ExecutionPayloadEnvelope;
import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import dev.gavel.primitives.Wei;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.web3j.crypto.Hash;

/**
 * The cost of recomputing a payload's block hash (header, transaction trie) against the floor: one
 * keccak256 over the same transaction bytes. Goal: hashing costs at most twice the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PayloadHashBenchmark {
    @Param({"10", "100", "1000"})
    int transactions;

    ExecutionPayloadEnvelope envelope;
    byte[] transactionBytes;

    @Setup
    public void build() {
        PayloadAttributes attributes = SimulatedBlocks.attributes(1_760_000_000L, 1);
        envelope = SimulatedBlocks.envelope(
                BlockNumber.of(1), SimulatedBlocks.hash(new Random(1)), attributes, Wei.of(1), transactions, 1);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        envelope.executionPayload().transactions().stream().map(Bytes::toArray).forEach(all::writeBytes);
        transactionBytes = all.toByteArray();
        System.out.printf(
                "%n%d transactions, %d bytes of transactions%n",
                envelope.executionPayload().transactions().size(), transactionBytes.length);
    }

    @Benchmark
    public Hash32 blockHash() {
        return BlockHashes.compute(
                envelope.executionPayload(), envelope.parentBeaconBlockRoot(), List.of(), ChainFamily.OP_STACK);
    }

    @Benchmark
    public byte[] rawKeccakOfTheSameBytes() {
        return Hash.sha3(transactionBytes);
    }
}
