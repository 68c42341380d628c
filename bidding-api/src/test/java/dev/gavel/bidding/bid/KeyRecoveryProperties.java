package dev.gavel.bidding.bid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gavel.fixtures.property.Gen;
import dev.gavel.fixtures.property.Property;
import dev.gavel.primitives.Hash32;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/** libsecp256k1 and the pure-Java fallback recover the same keys, and refuse the same non-signatures. */
class KeyRecoveryProperties {
    private static final BigInteger ORDER = Sign.CURVE_PARAMS.getN();

    @Test
    void libsecp256k1LoadsOnLinuxAndIsTheOneChosen() {
        if (System.getProperty("os.name").toLowerCase().contains("linux")) {
            assertThat(KeyRecovery.libsecp256k1()).isPresent();
            assertThat(KeyRecovery.fastest())
                    .isSameAs(KeyRecovery.libsecp256k1().get());
        } else {
            assertThat(KeyRecovery.fastest()).isSameAs(KeyRecovery.pureJava());
        }
    }

    @Test
    void bothRecoverTheSignersAddress() {
        Gen<BigInteger> keys = Gen.bigIntegers(BigInteger.ONE, ORDER.subtract(BigInteger.ONE));
        Property.forAll(200, keys, Gen.bytes(32, 32), (secret, digest) -> {
            ECKeyPair key = ECKeyPair.create(secret);
            BidSignature signature = Secp256k1.sign(Hash32.of(digest), key);

            for (KeyRecovery recovery : implementations()) {
                assertThat(Secp256k1.recover(signature, Hash32.of(digest), recovery))
                        .as(recovery.name())
                        .isEqualTo(Secp256k1.address(key));
            }
        });
    }

    @Test
    void bothAgreeOnArbitrarySignatures() {
        Property.forAll(300, Gen.bytes(64, 64), Gen.ints(0, 1), Gen.bytes(32, 32), (rs, recoveryId, digest) -> {
            byte[] pureJava = KeyRecovery.pureJava().recover(rs, recoveryId, digest);
            for (KeyRecovery recovery : implementations()) {
                assertThat(recovery.recover(rs, recoveryId, digest))
                        .as(recovery.name())
                        .isEqualTo(pureJava);
            }
        });
    }

    private static java.util.List<KeyRecovery> implementations() {
        return KeyRecovery.libsecp256k1()
                .map(nativeRecovery -> java.util.List.of(nativeRecovery, KeyRecovery.pureJava()))
                .orElse(java.util.List.of(KeyRecovery.pureJava()));
    }
}
