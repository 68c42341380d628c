package dev.gavel.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.NotEmpty;

/** Decoding DATA from a parser's character buffer agrees with decoding the String, and refuses what it refuses. */
class HexProperties {
    @Property(tries = 200)
    void theCharacterBufferDecodesAsTheString(
            @ForAll byte[] bytes, @ForAll @IntRange(max = 8) int padding, @ForAll boolean upperCase) {
        String hex = "0x"
                + (upperCase
                        ? Hex.encode(bytes).substring(2).toUpperCase()
                        : Hex.encode(bytes).substring(2));
        char[] buffer = (" ".repeat(padding) + hex + "\"}").toCharArray();

        assertThat(Hex.decode(buffer, padding, hex.length())).isEqualTo(bytes).isEqualTo(Hex.decode(hex));
    }

    @Property(tries = 200)
    void aCharacterThatIsNotHexIsRefusedByPosition(
            @ForAll @NotEmpty byte[] bytes, @ForAll @IntRange(max = 1_000) int at, @ForAll char replacement) {
        char[] hex = Hex.encode(bytes).toCharArray();
        int position = 2 + at % (hex.length - 2);
        hex[position] = replacement;
        boolean stillHex = Character.digit(replacement, 16) >= 0 && replacement < 128;

        if (stillHex) {
            assertThat(Hex.decode(hex, 0, hex.length)).hasSize(bytes.length);
        } else {
            assertThatThrownBy(() -> Hex.decode(hex, 0, hex.length))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("position " + position);
        }
    }

    @Property(tries = 50)
    void oddLengthAndMissingPrefixAreRefused(@ForAll byte[] bytes) {
        char[] odd = (Hex.encode(bytes) + "a").toCharArray();
        char[] unprefixed = Hex.encode(bytes).substring(2).concat("00").toCharArray();

        assertThatThrownBy(() -> Hex.decode(odd, 0, odd.length)).hasMessageContaining("even number of digits");
        assertThatThrownBy(() -> Hex.decode(unprefixed, 0, unprefixed.length))
                .hasMessageContaining("must start with 0x");
    }
}
