package dev.gavel.attestation.pki;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * What a verified chain (leaf first, root last) must be for its use, by the common names Intel gives its
 * certificates, as Intel's QVL checks them: a PCK certificate under a PCK Platform or Processor CA, or a
 * TCB signing certificate issued by the root itself. A certificate from the right root but in the wrong
 * role (a PCK key signing collateral, say) is refused.
 */
public enum CertificateRole {
    PCK("SGX PCK Certificate", List.of("SGX PCK Platform CA", "SGX PCK Processor CA")),
    TCB_SIGNING("SGX TCB Signing", List.of());

    private final String leaf;
    private final List<String> intermediates;

    CertificateRole(String leaf, List<String> intermediates) {
        this.leaf = leaf;
        this.intermediates = intermediates;
    }

    public Optional<String> problem(List<X509Certificate> chain) {
        int expected = intermediates.isEmpty() ? 2 : 3;
        if (chain.size() != expected) {
            return Optional.of(
                    "a " + leaf + " chain has " + expected + " certificates to the root, this one " + chain.size());
        }
        String leafName = commonName(chain.get(0));
        if (!leafName.contains(leaf)) {
            return Optional.of("the leaf \"" + leafName + "\" is not a \"" + leaf + "\" certificate");
        }
        if (!intermediates.isEmpty()) {
            String ca = commonName(chain.get(1));
            if (intermediates.stream().noneMatch(ca::contains)) {
                return Optional.of("the intermediate \"" + ca + "\" is not one of " + intermediates);
            }
        }
        return Optional.empty();
    }

    /** The subject's common name; empty when it has none or it cannot be decoded (a damaged certificate). */
    public static String commonName(X509Certificate certificate) {
        try {
            RDN[] names = X500Name.getInstance(
                            certificate.getSubjectX500Principal().getEncoded())
                    .getRDNs(BCStyle.CN);
            return names.length == 0
                    ? ""
                    : IETFUtils.valueToString(names[0].getFirst().getValue());
        } catch (RuntimeException e) {
            return "";
        }
    }
}
