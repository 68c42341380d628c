package dev.gavel.attestation.quote;

import dev.gavel.primitives.Hex;
import java.util.Arrays;

/**
 * A parsed TDX DCAP quote (v4, or v5 with a TDX 1.0 or 1.5 body). {@code signedBytes} is what the
 * attestation key signed: the header and the body, exactly as they appear in the quote.
 */
public record TdxQuote(
        int version,
        int attestationKeyType,
        long teeType,
        byte[] qeVendorId,
        int bodyType,
        TdReport report,
        byte[] signedBytes,
        byte[] quoteSignature,
        byte[] attestationKey,
        QeReport qeReport,
        byte[] qeReportSignature,
        byte[] qeAuthData,
        byte[] pckChainPem) {

    public static final long TDX_TEE_TYPE = 0x81;
    public static final int ECDSA_P256_KEY_TYPE = 2;
    public static final byte[] INTEL_QE_VENDOR_ID = Hex.decodeWithoutPrefix("939a7233f79c4ca9940a0db3957f0607");

    public boolean intelQe() {
        return Arrays.equals(qeVendorId, INTEL_QE_VENDOR_ID);
    }
}
