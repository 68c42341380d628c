package dev.gavel.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import org.junit.jupiter.api.Test;

/** Decoding DATA from a parser's character buffer agrees with decoding the String, and refuses what it refuses. */
class HexProperties {
    @Test
    void theCharacterBufferDecodesAsTheString() {
        Property.forAll(200, Gen.bytes(), Gen.ints(0, 8), Gen.booleans(), (bytes, padding, upperCase) -> {
            String hex = "0x"
                    + (upperCase
                            ? Hex.encode(bytes).substring(2).toUpperCase()
                            : Hex.encode(bytes).substring(2));
            char[] buffer = (" ".repeat(padding) + hex + "\"}").toCharArray();

            assertThat(Hex.decode(buffer, padding, hex.length()))
                    .isEqualTo(bytes)
                    .isEqualTo(Hex.decode(hex));
        });
    }

    @Test
    void aCharacterThatIsNotHexIsRefusedByPosition() {
        Property.forAll(200, Gen.bytes(1, 255), Gen.ints(0, 1_000), Gen.chars(), (bytes, at, replacement) -> {
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
        });
    }

    @Test
    void oddLengthAndMissingPrefixAreRefused() {
        Property.forAll(50, Gen.bytes(), bytes -> {
            char[] odd = (Hex.encode(bytes) + "a").toCharArray();
            char[] unprefixed = Hex.encode(bytes).substring(2).concat("00").toCharArray();

            assertThatThrownBy(() -> Hex.decode(odd, 0, odd.length)).hasMessageContaining("even number of digits");
            assertThatThrownBy(() -> Hex.decode(unprefixed, 0, unprefixed.length))
                    .hasMessageContaining("must start with 0x");
        });
    }
}
