package dev.gavel.bidding.rlp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.primitives.Hex;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of the Ethereum RLP specification. */
class RlpTest {
    @Test
    void specificationExamples() {
        assertThat(hex(Rlp.encodeBytes(ascii("dog")))).isEqualTo("0x83646f67");
        assertThat(hex(Rlp.encodeList(List.of(Rlp.encodeBytes(ascii("cat")), Rlp.encodeBytes(ascii("dog"))))))
                .isEqualTo("0xc88363617483646f67");
        assertThat(hex(Rlp.encodeBytes(new byte[0]))).isEqualTo("0x80");
        assertThat(hex(Rlp.encodeList(List.of()))).isEqualTo("0xc0");
        assertThat(hex(Rlp.encodeLong(0))).isEqualTo("0x80");
        assertThat(hex(Rlp.encodeBytes(new byte[] {0}))).isEqualTo("0x00");
        assertThat(hex(Rlp.encodeLong(15))).isEqualTo("0x0f");
        assertThat(hex(Rlp.encodeLong(1024))).isEqualTo("0x820400");
        assertThat(hex(Rlp.encodeList(
                        List.of(Rlp.encodeList(List.of()), Rlp.encodeList(List.of(Rlp.encodeList(List.of())))))))
                .isEqualTo("0xc3c0c1c0");
    }

    @Test
    void longStringsCarryTheirLengthOfLength() {
        byte[] lorem = ascii("Lorem ipsum dolor sit amet, consectetur adipisicing elit");

        assertThat(hex(Rlp.encodeBytes(lorem))).isEqualTo("0xb838" + hex(lorem).substring(2));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(byte[] bytes) {
        return Hex.encode(bytes);
    }
}
