package dev.gavel.attestation.quote;

import dev.gavel.primitives.Hash32;
import java.util.Arrays;

/** The quoting enclave's SGX report (384 bytes): who made the attestation key, signed by the PCK key. */
public record QeReport(byte[] raw) {
    public static final int LENGTH = 384;

    public byte[] miscSelect() {
        return Arrays.copyOfRange(raw, 16, 20);
    }

    public byte[] attributes() {
        return Arrays.copyOfRange(raw, 48, 64);
    }

    public Hash32 mrSigner() {
        return Hash32.of(Arrays.copyOfRange(raw, 128, 160));
    }

    public int isvProdId() {
        return (raw[256] & 0xff) | (raw[257] & 0xff) << 8;
    }

    public int isvSvn() {
        return (raw[258] & 0xff) | (raw[259] & 0xff) << 8;
    }

    public byte[] reportData() {
        return Arrays.copyOfRange(raw, 320, 384);
    }
}
