package dev.gavel.settlement.testing;

import dev.gavel.bidding.bid.BidSignature;
import dev.gavel.settlement.contracts.AttestorVerifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.web3j.abi.DefaultFunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;

/** What an attestor hands a builder after verifying its quote offchain: the proof BuilderHub.register takes. */
public final class Attestations {
    private Attestations() {}

    /** REPORTDATA as a builder fills it: its TEE address, then keccak256 of its registration data, then zeros. */
    public static byte[] reportData(String teeAddress, byte[] registrationData) {
        byte[] reportData = new byte[64];
        byte[] address = org.web3j.utils.Numeric.hexStringToByteArray(teeAddress);
        System.arraycopy(address, 0, reportData, 0, 20);
        System.arraycopy(Hash.sha3(registrationData), 0, reportData, 20, 32);
        return reportData;
    }

    /** How long the statements of these tests stay good: well within the verifier's one-day limit. */
    public static final long LIFETIME_SECONDS = 3_600;

    /**
     * abi.encode(workloadId, reportData, deadline, signature) with the attestor's EIP-712 signature over the
     * statement, good until {@code deadline} (a timestamp of the verifier's chain).
     */
    public static byte[] proof(
            AttestorVerifier verifier,
            Credentials attestor,
            byte[] quote,
            byte[] workloadId,
            byte[] reportData,
            BigInteger deadline)
            throws Exception {
        byte[] digest = verifier.attestationDigest(Hash.sha3(quote), workloadId, reportData, deadline)
                .send();
        byte[] rsv = BidSignature.of(Sign.signMessage(digest, attestor.getEcKeyPair(), false))
                .toArray();
        return org.web3j.utils.Numeric.hexStringToByteArray(new DefaultFunctionEncoder()
                .encodeParameters(java.util.List.of(
                        new Bytes32(workloadId),
                        new DynamicBytes(reportData),
                        new Uint256(deadline),
                        new DynamicBytes(rsv))));
    }

    /** A proof good for {@link #LIFETIME_SECONDS} from {@code chain}'s latest block. */
    public static byte[] proof(
            AnvilChain chain,
            AttestorVerifier verifier,
            Credentials attestor,
            byte[] quote,
            byte[] workloadId,
            byte[] reportData)
            throws Exception {
        return proof(
                verifier,
                attestor,
                quote,
                workloadId,
                reportData,
                chain.timestamp().add(BigInteger.valueOf(LIFETIME_SECONDS)));
    }

    public static byte[] registrationData(String name) {
        return ("{\"name\":\"" + name + "\",\"tlsKeyHash\":\"0x" + "ab".repeat(32) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
