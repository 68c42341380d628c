package dev.gavel.attestation.pki;

import dev.gavel.primitives.Bytes;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/** The Intel SGX extension of a PCK certificate (OID 1.2.840.113741.1.13.1): the platform's TCB and identity. */
public record SgxExtension(Bytes fmspc, Bytes pceId, List<Integer> cpuSvnComponents, int pceSvn) {
    public static final String OID = "1.2.840.113741.1.13.1";

    public static SgxExtension of(X509Certificate pck) throws IOException {
        byte[] extension = pck.getExtensionValue(OID);
        if (extension == null) {
            throw new IOException("the PCK certificate has no SGX extension " + OID);
        }
        ASN1Sequence fields =
                ASN1Sequence.getInstance(ASN1OctetString.getInstance(extension).getOctets());
        byte[] fmspc = null;
        byte[] pceId = null;
        int[] components = new int[16];
        int pceSvn = -1;
        for (ASN1Encodable field : fields) {
            ASN1Sequence pair = ASN1Sequence.getInstance(field);
            String oid = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId();
            ASN1Primitive value = pair.getObjectAt(1).toASN1Primitive();
            switch (oid.substring(OID.length())) {
                case ".4" -> fmspc = ASN1OctetString.getInstance(value).getOctets();
                case ".3" -> pceId = ASN1OctetString.getInstance(value).getOctets();
                case ".2" -> pceSvn = readTcb(ASN1Sequence.getInstance(value), components);
                default -> {}
            }
        }
        if (fmspc == null || fmspc.length != 6 || pceId == null || pceId.length != 2 || pceSvn < 0) {
            throw new IOException("the SGX extension lacks FMSPC, PCEID or the TCB");
        }
        return new SgxExtension(
                Bytes.of(fmspc),
                Bytes.of(pceId),
                Arrays.stream(components).boxed().toList(),
                pceSvn);
    }

    /** Fills the 16 CPUSVN components and returns the PCESVN. */
    private static int readTcb(ASN1Sequence tcb, int[] components) {
        int pceSvn = -1;
        for (ASN1Encodable item : tcb) {
            ASN1Sequence pair = ASN1Sequence.getInstance(item);
            String oid = ASN1ObjectIdentifier.getInstance(pair.getObjectAt(0)).getId();
            int index = Integer.parseInt(oid.substring(oid.lastIndexOf('.') + 1));
            if (index >= 1 && index <= 16) {
                components[index - 1] =
                        ASN1Integer.getInstance(pair.getObjectAt(1)).intValueExact();
            } else if (index == 17) {
                pceSvn = ASN1Integer.getInstance(pair.getObjectAt(1)).intValueExact();
            }
        }
        return pceSvn;
    }
}
