package dev.gavel.attestation.pki;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads concatenated PEM certificates strictly: only BEGIN/END blocks of canonical base64 separated by
 * '\n' (as Intel writes them), optionally ending in NUL bytes (as quotes carry them). Anything else, even
 * an equivalent "\r\n", is refused, so no changed byte of a quote can be ignored.
 */
public final class PemCertificates {
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";

    private PemCertificates() {}

    public static List<X509Certificate> parse(byte[] pem) throws CertificateException {
        int length = pem.length;
        while (length > 0 && pem[length - 1] == 0) {
            length--;
        }
        String text = new String(pem, 0, length, StandardCharsets.US_ASCII);
        if (!text.chars().allMatch(c -> c < 0x7f && (c >= 0x20 || c == '\n'))) {
            throw new CertificateException("PEM chain holds bytes that are not printable ASCII or '\\n' line breaks");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        int at = 0;
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        while (true) {
            at = skipLineBreaks(text, at);
            if (at == text.length()) {
                break;
            }
            if (!text.startsWith(BEGIN, at)) {
                throw new CertificateException("expected " + BEGIN + " at character " + at);
            }
            int end = text.indexOf(END, at);
            if (end < 0) {
                throw new CertificateException("certificate at character " + at + " has no END line");
            }
            String body = text.substring(at + BEGIN.length(), end).replace("\n", "");
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new CertificateException("certificate at character " + at + " is not base64: " + e.getMessage());
            }
            if (!Base64.getEncoder().encodeToString(der).equals(body)) {
                throw new CertificateException("certificate at character " + at + " is not canonical base64");
            }
            certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            at = end + END.length();
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("no certificate in the PEM chain");
        }
        return certificates;
    }

    private static int skipLineBreaks(String text, int at) {
        while (at < text.length() && text.charAt(at) == '\n') {
            at++;
        }
        return at;
    }
}
