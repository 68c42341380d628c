package dev.gavel.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ValuesTest {
    @Test
    void hexDataRoundTrips() {
        Property.forAll(1000, Gen.bytes(), bytes -> {
            assertThat(Hex.decode(Hex.encode(bytes))).isEqualTo(bytes);
            assertThat(Bytes.fromHex(Bytes.of(bytes).toHex())).isEqualTo(Bytes.of(bytes));
        });
    }

    @Test
    void handWrittenHexMayLeaveOutThePrefix() {
        assertThat(Hex.decodeOptionalPrefix("0a0B")).containsExactly(0x0a, 0x0b);
        assertThat(Hex.decodeOptionalPrefix("0x0a0B")).containsExactly(0x0a, 0x0b);
        assertThat(Hex.decodeOptionalPrefix("0X0a")).containsExactly(0x0a);
        assertThat(Hex.decodeOptionalPrefix("")).isEmpty();
        assertThatThrownBy(() -> Hex.decodeOptionalPrefix("0xzz")).hasMessageContaining("not a hex digit");
        assertThatThrownBy(() -> Hex.decodeOptionalPrefix(null)).hasMessageContaining("0x");
    }

    @Test
    void quantitiesRoundTripWithoutLeadingZeros() {
        Property.forAll(1000, Gen.longs(0, Long.MAX_VALUE), value -> {
            String hex = Quantity.of(value).toHex();

            assertThat(Quantity.fromHex(hex).value()).isEqualTo(value);
            assertThat(hex.length() == 3 || hex.charAt(2) != '0').isTrue();
        });
    }

    @Test
    void weiRoundTripsOverTheWholeUint256Range() {
        BigInteger uint256Max =
                new BigInteger("115792089237316195423570985008687907853269984665640564039457584007913129639935");

        Property.forAll(1000, Gen.bigIntegers(BigInteger.ZERO, uint256Max), amount -> {
            assertThat(Wei.fromHex(new Wei(amount).toHex()).amount()).isEqualTo(amount);
        });
    }

    @Test
    void outOfRangeAndMalformedInputIsRefused() {
        assertThatThrownBy(() -> new Wei(BigInteger.ONE.shiftLeft(256))).hasMessageContaining("uint256");
        assertThatThrownBy(() -> Wei.fromHex("0x1" + "0".repeat(64))).hasMessageContaining("256 bits");
        assertThatThrownBy(() -> Quantity.fromHex("0x")).hasMessageContaining("at least one digit");
        assertThatThrownBy(() -> Quantity.fromHex("12")).hasMessageContaining("start with 0x");
        assertThatThrownBy(() -> Hash32.fromHex("0x" + "zz".repeat(32))).hasMessageContaining("not a hex digit");
        assertThatThrownBy(() -> Hash32.fromHex("0x1234")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Address.fromHex("0x" + "00".repeat(32))).hasMessageContaining("20 bytes");
        assertThatThrownBy(() -> BlockNumber.of(-1)).hasMessageContaining("never negative");
    }

    @Test
    void valuesOfDifferentKindsAreNeverEqual() {
        byte[] eight = new byte[8];
        assertThat(PayloadId.of(eight)).isNotEqualTo(Bytes.of(eight));
        assertThat(PayloadId.of(eight)).isEqualTo(PayloadId.fromHex("0x0000000000000000"));
    }
}
