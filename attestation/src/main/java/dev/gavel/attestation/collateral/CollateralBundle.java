package dev.gavel.attestation.collateral;

import dev.gavel.attestation.pki.PemCertificates;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hex;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The collateral bundle of other DCAP verifiers (Phala's dcap-qvl, in Rust and JavaScript): one JSON
 * object with {@code tcb_info} and {@code qe_identity} (the signed body objects, as strings holding their
 * exact bytes), {@code tcb_info_signature} and {@code qe_identity_signature} (hex, or arrays of byte values),
 * {@code tcb_info_issuer_chain} and {@code qe_identity_issuer_chain} (PEM), {@code root_ca_crl} and {@code
 * pck_crl} (DER as hex, or arrays of byte values), and optionally {@code pck_crl_issuer_chain} and {@code
 * pck_certificate_chain}, which Gavel does not need: it checks the PCK CRL against the issuer in the quote's
 * own chain, and always takes the PCK chain from the quote.
 */
final class CollateralBundle {
    private static final Set<String> REQUIRED = Set.of(
            "tcb_info",
            "tcb_info_signature",
            "tcb_info_issuer_chain",
            "qe_identity",
            "qe_identity_signature",
            "qe_identity_issuer_chain",
            "root_ca_crl",
            "pck_crl");
    private static final Set<String> OPTIONAL = Set.of("pck_crl_issuer_chain", "pck_certificate_chain");

    private CollateralBundle() {}

    static Collateral parse(byte[] json) throws CollateralFormatException, GeneralSecurityException {
        Map<String, StrictJson.Member> members = StrictJson.members(json);
        for (String key : REQUIRED) {
            if (!members.containsKey(key)) {
                throw new CollateralFormatException("the collateral bundle has no \"" + key + "\"");
            }
        }
        for (String key : members.keySet()) {
            if (!REQUIRED.contains(key) && !OPTIONAL.contains(key)) {
                throw new CollateralFormatException("the collateral bundle has an unknown member \"" + key + "\"");
            }
        }
        return new Collateral(
                CollateralDocument.fromSigned(
                        Collateral.TCB_INFO, signed(members, "tcb_info", "tcb_info_signature"), TcbInfo::of),
                CollateralDocument.fromSigned(
                        Collateral.QE_IDENTITY,
                        signed(members, "qe_identity", "qe_identity_signature"),
                        QeIdentity::of),
                PemCertificates.parse(text(members, "tcb_info_issuer_chain").getBytes(StandardCharsets.US_ASCII)),
                PemCertificates.parse(text(members, "qe_identity_issuer_chain").getBytes(StandardCharsets.US_ASCII)),
                List.<X509CRL>of(
                        Collateral.crl(bytes(members, "root_ca_crl")), Collateral.crl(bytes(members, "pck_crl"))));
    }

    private static SignedJson signed(Map<String, StrictJson.Member> members, String body, String signature)
            throws CollateralFormatException {
        byte[] rs = bytes(members, signature);
        if (rs.length != 64) {
            throw new CollateralFormatException("\"" + signature + "\" must be 64 bytes, got " + rs.length);
        }
        return new SignedJson(Bytes.of(text(members, body).getBytes(StandardCharsets.UTF_8)), Bytes.of(rs));
    }

    private static String text(Map<String, StrictJson.Member> members, String key) throws CollateralFormatException {
        StrictJson.Member member = members.get(key);
        if (member.kind() != JsonToken.VALUE_STRING) {
            throw new CollateralFormatException("\"" + key + "\" must be a string");
        }
        return member.text();
    }

    /** A byte string written as hex (with or without 0x) or as an array of byte values. */
    private static byte[] bytes(Map<String, StrictJson.Member> members, String key) throws CollateralFormatException {
        StrictJson.Member member = members.get(key);
        if (member.kind() == JsonToken.VALUE_STRING) {
            String hex = member.text();
            try {
                return hex.startsWith("0x") ? Hex.decode(hex) : Hex.decodeWithoutPrefix(hex);
            } catch (IllegalArgumentException e) {
                throw new CollateralFormatException("\"" + key + "\" is not hex: " + e.getMessage());
            }
        }
        if (member.kind() == JsonToken.START_ARRAY) {
            JsonNode values = StrictJson.tree(member.raw());
            byte[] out = new byte[values.size()];
            for (int i = 0; i < out.length; i++) {
                JsonNode value = values.get(i);
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 255) {
                    throw new CollateralFormatException("\"" + key + "\" must hold byte values 0..255");
                }
                out[i] = (byte) value.asInt();
            }
            return out;
        }
        throw new CollateralFormatException("\"" + key + "\" must be hex or an array of byte values");
    }
}
