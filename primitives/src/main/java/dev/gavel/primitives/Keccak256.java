package dev.gavel.primitives;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * keccak256 as the chain hashes (the original Keccak padding, not SHA3-256's), streaming: {@link #update} any
 * number of times, then {@link #digest}, which also resets it. The permutation keeps the 25 lanes in local
 * variables, fully unrolled, and input is absorbed eight bytes at a time: about twice Bouncy Castle's
 * {@code KeccakDigest} on the JVM (docs/performance.md, "The floor"). Not thread-safe: one per thread or per
 * use.
 */
public final class Keccak256 {
    private static final int RATE = 136;
    private static final int RATE_LANES = RATE / 8;
    private static final VarHandle LANE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long[] ROUND_CONSTANTS = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
        0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
        0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L
    };

    private final long[] state = new long[25];
    /** Bytes of a block not yet absorbed. */
    private final byte[] pending = new byte[RATE];

    private int pendingLength;

    /** keccak256 of {@code input}. */
    public static byte[] hash(byte[] input) {
        return new Keccak256().update(input, 0, input.length).digest();
    }

    public Keccak256 update(byte[] input) {
        return update(input, 0, input.length);
    }

    public Keccak256 update(byte[] input, int offset, int length) {
        int at = offset;
        int end = offset + length;
        if (pendingLength > 0) {
            int take = Math.min(RATE - pendingLength, length);
            System.arraycopy(input, at, pending, pendingLength, take);
            pendingLength += take;
            at += take;
            if (pendingLength < RATE) {
                return this;
            }
            absorb(pending, 0);
            pendingLength = 0;
        }
        while (end - at >= RATE) {
            absorb(input, at);
            at += RATE;
        }
        pendingLength = end - at;
        System.arraycopy(input, at, pending, 0, pendingLength);
        return this;
    }

    public Keccak256 update(byte value) {
        pending[pendingLength++] = value;
        if (pendingLength == RATE) {
            absorb(pending, 0);
            pendingLength = 0;
        }
        return this;
    }

    /** The 32-byte hash of everything given since the last digest; resets. */
    public byte[] digest() {
        byte[] out = new byte[32];
        digest(out, 0);
        return out;
    }

    /** Writes the hash into {@code out} at {@code offset}; resets. */
    public void digest(byte[] out, int offset) {
        Arrays.fill(pending, pendingLength, RATE, (byte) 0);
        pending[pendingLength] ^= 0x01;
        pending[RATE - 1] ^= (byte) 0x80;
        absorb(pending, 0);
        for (int lane = 0; lane < 4; lane++) {
            LANE.set(out, offset + lane * 8, state[lane]);
        }
        Arrays.fill(state, 0);
        pendingLength = 0;
    }

    private void absorb(byte[] block, int offset) {
        for (int lane = 0; lane < RATE_LANES; lane++) {
            state[lane] ^= (long) LANE.get(block, offset + lane * 8);
        }
        permute(state);
    }

    /** Keccak-f[1600]: 24 rounds of θ, ρ, π, χ, ι over lanes a[x + 5y]. */
    static void permute(long[] a) {
        long a00 = a[0], a01 = a[1], a02 = a[2], a03 = a[3], a04 = a[4];
        long a05 = a[5], a06 = a[6], a07 = a[7], a08 = a[8], a09 = a[9];
        long a10 = a[10], a11 = a[11], a12 = a[12], a13 = a[13], a14 = a[14];
        long a15 = a[15], a16 = a[16], a17 = a[17], a18 = a[18], a19 = a[19];
        long a20 = a[20], a21 = a[21], a22 = a[22], a23 = a[23], a24 = a[24];
        for (int round = 0; round < 24; round++) {
            // θ
            long c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
            long c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
            long c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
            long c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
            long c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
            long d0 = c4 ^ Long.rotateLeft(c1, 1);
            long d1 = c0 ^ Long.rotateLeft(c2, 1);
            long d2 = c1 ^ Long.rotateLeft(c3, 1);
            long d3 = c2 ^ Long.rotateLeft(c4, 1);
            long d4 = c3 ^ Long.rotateLeft(c0, 1);
            // ρ and π: b[y, 2x + 3y] = rot(a[x, y] ^ d[x], r[x, y])
            long b00 = a00 ^ d0;
            long b10 = Long.rotateLeft(a01 ^ d1, 1);
            long b20 = Long.rotateLeft(a02 ^ d2, 62);
            long b05 = Long.rotateLeft(a03 ^ d3, 28);
            long b15 = Long.rotateLeft(a04 ^ d4, 27);
            long b16 = Long.rotateLeft(a05 ^ d0, 36);
            long b01 = Long.rotateLeft(a06 ^ d1, 44);
            long b11 = Long.rotateLeft(a07 ^ d2, 6);
            long b21 = Long.rotateLeft(a08 ^ d3, 55);
            long b06 = Long.rotateLeft(a09 ^ d4, 20);
            long b07 = Long.rotateLeft(a10 ^ d0, 3);
            long b17 = Long.rotateLeft(a11 ^ d1, 10);
            long b02 = Long.rotateLeft(a12 ^ d2, 43);
            long b12 = Long.rotateLeft(a13 ^ d3, 25);
            long b22 = Long.rotateLeft(a14 ^ d4, 39);
            long b23 = Long.rotateLeft(a15 ^ d0, 41);
            long b08 = Long.rotateLeft(a16 ^ d1, 45);
            long b18 = Long.rotateLeft(a17 ^ d2, 15);
            long b03 = Long.rotateLeft(a18 ^ d3, 21);
            long b13 = Long.rotateLeft(a19 ^ d4, 8);
            long b14 = Long.rotateLeft(a20 ^ d0, 18);
            long b24 = Long.rotateLeft(a21 ^ d1, 2);
            long b09 = Long.rotateLeft(a22 ^ d2, 61);
            long b19 = Long.rotateLeft(a23 ^ d3, 56);
            long b04 = Long.rotateLeft(a24 ^ d4, 14);
            // χ and ι
            a00 = b00 ^ (~b01 & b02) ^ ROUND_CONSTANTS[round];
            a01 = b01 ^ (~b02 & b03);
            a02 = b02 ^ (~b03 & b04);
            a03 = b03 ^ (~b04 & b00);
            a04 = b04 ^ (~b00 & b01);
            a05 = b05 ^ (~b06 & b07);
            a06 = b06 ^ (~b07 & b08);
            a07 = b07 ^ (~b08 & b09);
            a08 = b08 ^ (~b09 & b05);
            a09 = b09 ^ (~b05 & b06);
            a10 = b10 ^ (~b11 & b12);
            a11 = b11 ^ (~b12 & b13);
            a12 = b12 ^ (~b13 & b14);
            a13 = b13 ^ (~b14 & b10);
            a14 = b14 ^ (~b10 & b11);
            a15 = b15 ^ (~b16 & b17);
            a16 = b16 ^ (~b17 & b18);
            a17 = b17 ^ (~b18 & b19);
            a18 = b18 ^ (~b19 & b15);
            a19 = b19 ^ (~b15 & b16);
            a20 = b20 ^ (~b21 & b22);
            a21 = b21 ^ (~b22 & b23);
            a22 = b22 ^ (~b23 & b24);
            a23 = b23 ^ (~b24 & b20);
            a24 = b24 ^ (~b20 & b21);
        }
        a[0] = a00;
        a[1] = a01;
        a[2] = a02;
        a[3] = a03;
        a[4] = a04;
        a[5] = a05;
        a[6] = a06;
        a[7] = a07;
        a[8] = a08;
        a[9] = a09;
        a[10] = a10;
        a[11] = a11;
        a[12] = a12;
        a[13] = a13;
        a[14] = a14;
        a[15] = a15;
        a[16] = a16;
        a[17] = a17;
        a[18] = a18;
        a[19] = a19;
        a[20] = a20;
        a[21] = a21;
        a[22] = a22;
        a[23] = a23;
        a[24] = a24;
    }
}
