package dev.gavel.attestation.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.fixtures.Fixtures;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import org.junit.jupiter.api.Test;

class PemCertificatesTest {
    private static final String ROOT =
            new String(Fixtures.bytes("tdx/intel_sgx_root_ca.pem"), StandardCharsets.US_ASCII);

    @Test
    void intelsPemWithATrailingNulParses() throws Exception {
        assertThat(PemCertificates.parse((ROOT + "\0").getBytes(StandardCharsets.US_ASCII)))
                .hasSize(1);
    }

    @Test
    void equivalentButDifferentBytesAreRefused() {
        assertThatThrownBy(() ->
                        PemCertificates.parse(ROOT.replaceFirst("\n", "\r\n").getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("line breaks");
        assertThatThrownBy(() -> PemCertificates.parse((ROOT + " ").getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(CertificateException.class)
                .hasMessageContaining("expected -----BEGIN");
        assertThatThrownBy(() -> PemCertificates.parse(new byte[0])).hasMessageContaining("no certificate");
    }
}
