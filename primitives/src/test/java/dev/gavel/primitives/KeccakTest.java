package dev.gavel.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeccakTest {
    @Test
    void keccakOfNothingIsTheChainsEmptyHash() {
        assertThat(Keccak.hash(new byte[0]))
                .isEqualTo(Hash32.fromHex("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
        assertThat(Keccak.hash()).isEqualTo(Keccak.hash(new byte[0]));
    }

    @Test
    void partsHashAsTheirConcatenation() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);

        assertThat(Keccak.hash(abc))
                .isEqualTo(Hash32.fromHex("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"));
        assertThat(Keccak.hash(new byte[] {'a'}, new byte[] {'b', 'c'})).isEqualTo(Keccak.hash(abc));
    }

    @Test
    void hexWithoutPrefixIsIntelsNotation() {
        assertThat(Hex.encodeWithoutPrefix(new byte[] {0x50, (byte) 0x80, 0x6f}))
                .isEqualTo("50806f");
        assertThat(Hex.decodeWithoutPrefix("DC9e2a")).containsExactly(0xdc, 0x9e, 0x2a);
        assertThatThrownBy(() -> Hex.decodeWithoutPrefix("0x00")).hasMessageContaining("not a hex digit");
        assertThatThrownBy(() -> Hex.decodeWithoutPrefix("abc")).hasMessageContaining("even number");
    }
}
