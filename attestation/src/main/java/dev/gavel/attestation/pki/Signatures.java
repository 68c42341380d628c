package dev.gavel.attestation.pki;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/** ECDSA P-256 / SHA-256 signatures as quotes and Intel's collateral write them: raw r ‖ s. */
public final class Signatures {
    private static final ECParameterSpec P256 = p256();

    private Signatures() {}

    /** A P-256 public key from its raw X ‖ Y (64 bytes). */
    public static PublicKey p256Key(byte[] xy) throws GeneralSecurityException {
        if (xy.length != 64) {
            throw new GeneralSecurityException("a raw P-256 key is 64 bytes, got " + xy.length);
        }
        ECPoint point = new ECPoint(
                new BigInteger(1, Arrays.copyOfRange(xy, 0, 32)), new BigInteger(1, Arrays.copyOfRange(xy, 32, 64)));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256));
    }

    /** Whether {@code rs} (r ‖ s, 64 bytes) signs SHA-256(message) under {@code key}; malformed signatures are false. */
    public static boolean verify(PublicKey key, byte[] message, byte[] rs) {
        if (rs.length != 64) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(rs);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has P-256", e);
        }
    }
}
