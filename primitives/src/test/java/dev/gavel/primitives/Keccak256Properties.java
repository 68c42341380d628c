package dev.gavel.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import java.util.List;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.junit.jupiter.api.Test;

/** The unrolled keccak256 against Bouncy Castle's, over inputs around the 136-byte rate and fed in any pieces. */
class Keccak256Properties {
    @Test
    void agreesWithBouncyCastleWhateverThePieces() {
        Property.forAll(500, Gen.bytes(0, 700), Gen.ints(1, 300).list(1, 8), (input, cuts) -> {
            Keccak256 keccak = new Keccak256();
            int at = 0;
            for (int cut : cuts) {
                int length = Math.min(cut, input.length - at);
                keccak.update(input, at, length);
                at += length;
            }
            keccak.update(input, at, input.length - at);

            assertThat(keccak.digest()).isEqualTo(bouncyCastle(input));
        });
    }

    @Test
    void agreesAtEveryLengthAroundTheRate() {
        for (int length : List.of(0, 1, 135, 136, 137, 271, 272, 273, 1_000)) {
            byte[] input = new byte[length];
            for (int i = 0; i < length; i++) {
                input[i] = (byte) (i * 31 + 7);
            }
            assertThat(Keccak256.hash(input)).as("length %d", length).isEqualTo(bouncyCastle(input));
        }
    }

    @Test
    void byteByByteIsTheSameAsAtOnceAndDigestResets() {
        Property.forAll(200, Gen.bytes(0, 400), input -> {
            Keccak256 keccak = new Keccak256();
            for (byte b : input) {
                keccak.update(b);
            }
            assertThat(keccak.digest()).isEqualTo(Keccak256.hash(input));
            assertThat(keccak.update(input).digest()).isEqualTo(Keccak256.hash(input));
        });
    }

    private static byte[] bouncyCastle(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
