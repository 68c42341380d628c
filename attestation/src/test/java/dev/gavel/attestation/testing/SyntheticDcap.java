package dev.gavel.attestation.testing;

import dev.gavel.attestation.collateral.Collateral;
import dev.gavel.attestation.pki.SgxExtension;
import dev.gavel.attestation.pki.TrustAnchor;
import dev.gavel.attestation.verify.AcceptancePolicy;
import dev.gavel.attestation.verify.DcapVerifier;
import dev.gavel.primitives.Digests;
import dev.gavel.primitives.Hex;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A whole DCAP world under a test root, made the way Intel makes the real one: a root CA, a PCK Platform
 * CA, a PCK certificate carrying the SGX extension of a platform, a TCB signing certificate; TDX quotes
 * (v4, or v5 with a TD 1.5 body) signed by a QE whose report the PCK key signs; TCB info and QE identity
 * signed by the TCB signing key, as PCS documents or as a collateral bundle; and CRLs. Every part can be
 * changed, so tests can build each TCB status and each forgery, signed as a forger with the keys would.
 */
public final class SyntheticDcap {
    public static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    public static final String FMSPC = "90c06f000000";
    public static final String PCE_ID = "0000";
    public static final List<Integer> SGX = List.of(3, 3, 2, 2, 2, 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0);
    public static final int PCE_SVN = 13;
    public static final byte[] QE_MRSIGNER =
            Hex.decodeWithoutPrefix("dc9e2a7c6f948f17474e34a7fc43ed030f7c1563f1babddf6340c82e0e54a8c5");
    public static final byte[] INTEL_QE_VENDOR = Hex.decodeWithoutPrefix("939a7233f79c4ca9940a0db3957f0607");
    private static final String SGX_OID = SgxExtension.OID;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The world's present: its collateral and CRLs are issued a day before it and current for 29 days after. */
    public final Instant now;

    public final TestCertificate root;
    public final TestCertificate platformCa;
    public final TestCertificate pck;
    public final TestCertificate tcbSigning;

    public SyntheticDcap() {
        this(NOW);
    }

    /** A world whose present is {@code now} (a running service's clock, say). */
    public SyntheticDcap(Instant now) {
        this.now = now;
        root = TestCertificate.builder("Test SGX Root CA").ca().serial(1).build();
        platformCa = TestCertificate.builder("Test SGX PCK Platform CA")
                .issuedBy(root)
                .ca()
                .serial(2)
                .build();
        pck = pckUnder(platformCa, 3);
        tcbSigning = TestCertificate.builder("Test SGX TCB Signing")
                .issuedBy(root)
                .serial(4)
                .build();
    }

    /** A PCK certificate for this world's platform, issued by {@code ca}. */
    public TestCertificate pckUnder(TestCertificate ca, long serial) {
        return TestCertificate.builder("Test SGX PCK Certificate")
                .issuedBy(ca)
                .serial(serial)
                .extension(SGX_OID, sgxExtension(SGX, PCE_SVN))
                .build();
    }

    public TrustAnchor anchor() {
        return new TrustAnchor(root.certificate());
    }

    /** A verifier of this world at its {@link #now}. */
    public DcapVerifier verifier(AcceptancePolicy policy) {
        return new DcapVerifier(anchor(), policy, Clock.fixed(now, ZoneOffset.UTC));
    }

    public X509CRL rootCrl(BigInteger... revoked) {
        return root.crl(now.minus(1, ChronoUnit.DAYS), now.plus(29, ChronoUnit.DAYS), revoked);
    }

    public X509CRL pckCrl(BigInteger... revoked) {
        return platformCa.crl(now.minus(1, ChronoUnit.DAYS), now.plus(29, ChronoUnit.DAYS), revoked);
    }

    public Quote quote() {
        return new Quote();
    }

    public TcbInfo tcbInfo() {
        return new TcbInfo();
    }

    public QeIdentity qeIdentity() {
        return new QeIdentity();
    }

    public Bundle bundle() {
        return new Bundle();
    }

    /** Intel's signature over {@code body}: raw r ‖ s by {@code key} (the TCB signing key unless forging). */
    public static byte[] sign(KeyPair key, byte[] body) {
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key.getPrivate());
            signer.update(body);
            return signer.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PCS response: {"<key>": body, "signature": "<hex>"}, written as Intel writes it. */
    public static String pcsDocument(String key, String body, String signature) {
        return "{\"" + key + "\":" + body + ",\"signature\":\"" + signature + "\"}";
    }

    public static String pem(X509Certificate... certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            try {
                pem.append("-----BEGIN CERTIFICATE-----\n")
                        .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return pem.toString();
    }

    private static ASN1Encodable sgxExtension(List<Integer> components, int pceSvn) {
        ASN1EncodableVector tcb = new ASN1EncodableVector();
        byte[] cpuSvn = new byte[16];
        for (int i = 0; i < 16; i++) {
            tcb.add(pair(SGX_OID + ".2." + (i + 1), new ASN1Integer(components.get(i))));
            cpuSvn[i] = (byte) (int) components.get(i);
        }
        tcb.add(pair(SGX_OID + ".2.17", new ASN1Integer(pceSvn)));
        tcb.add(pair(SGX_OID + ".2.18", new DEROctetString(cpuSvn)));
        ASN1EncodableVector fields = new ASN1EncodableVector();
        fields.add(pair(SGX_OID + ".1", new DEROctetString(new byte[16])));
        fields.add(pair(SGX_OID + ".2", new DERSequence(tcb)));
        fields.add(pair(SGX_OID + ".3", new DEROctetString(Hex.decodeWithoutPrefix(PCE_ID))));
        fields.add(pair(SGX_OID + ".4", new DEROctetString(Hex.decodeWithoutPrefix(FMSPC))));
        fields.add(pair(SGX_OID + ".5", new ASN1Enumerated(0)));
        return new DERSequence(fields);
    }

    private static DERSequence pair(String oid, ASN1Encodable value) {
        return new DERSequence(new ASN1Encodable[] {new ASN1ObjectIdentifier(oid), value});
    }

    private static List<Integer> svns(int... leading) {
        List<Integer> svns = new ArrayList<>(java.util.Collections.nCopies(16, 0));
        for (int i = 0; i < leading.length; i++) {
            svns.set(i, leading[i]);
        }
        return svns;
    }

    /**
     * A TDX quote: by default v4, TDX module version 1 at ISVSVN 5 with TDX components 3 (TEE_TCB_SVN
     * 05 01 03), SEPT_VE_DISABLE set, its QE at ISVSVN 8, signed through this world's PCK.
     */
    public final class Quote {
        public int version = 4;
        public byte[] vendor = INTEL_QE_VENDOR.clone();
        public byte[] teeTcbSvn = bytes(svns(5, 1, 3));
        public byte[] teeTcbSvn2 = bytes(svns(5, 1, 3));
        public byte[] mrSignerSeam = new byte[48];
        public byte[] seamAttributes = new byte[8];
        public byte[] tdAttributes = {0, 0, 0, 0x10, 0, 0, 0, 0};
        public byte[] mrServiceTd = new byte[48];
        public byte[] reportData = new byte[64];
        public int qeIsvSvn = 8;
        public int qeIsvProdId = 2;
        public byte[] qeMrSigner = QE_MRSIGNER.clone();
        public byte[] qeAttributes = Hex.decodeWithoutPrefix("11000000000000000000000000000000");
        public byte[] qeReportDataTail = new byte[32];
        public KeyPair attestationKey = TestCertificate.p256();
        public KeyPair qeReportSigner = pck.keys();
        public KeyPair quoteSigner;
        public String chainPem = pem(pck.certificate(), platformCa.certificate(), root.certificate());

        public Quote svn(int... leading) {
            teeTcbSvn = bytes(svns(leading));
            return this;
        }

        public Quote svn2(int... leading) {
            teeTcbSvn2 = bytes(svns(leading));
            return this;
        }

        /** The QE report signed by {@code pck}, whose chain goes through {@code ca} to this world's root. */
        public Quote signedThrough(TestCertificate pck, TestCertificate ca) {
            qeReportSigner = pck.keys();
            chainPem = pem(pck.certificate(), ca.certificate(), root.certificate());
            return this;
        }

        /** A v5 quote with a TD 1.5 body (TEE_TCB_SVN2 and MRSERVICETD). */
        public Quote v5() {
            version = 5;
            return this;
        }

        public byte[] build() {
            ByteArrayOutputStream signed = new ByteArrayOutputStream();
            write(signed, u16(version), u16(2), u32(0x81), new byte[4], vendor, new byte[20]);
            if (version == 5) {
                write(signed, u16(3), u32(648));
            }
            write(
                    signed,
                    teeTcbSvn,
                    new byte[48],
                    mrSignerSeam,
                    seamAttributes,
                    tdAttributes,
                    new byte[] {(byte) 0xe7, 0x18, 6, 0, 0, 0, 0, 0},
                    filled(48, 0x11),
                    new byte[48],
                    new byte[48],
                    new byte[48],
                    filled(48, 0x20),
                    filled(48, 0x21),
                    filled(48, 0x22),
                    new byte[48],
                    reportData);
            if (version == 5) {
                write(signed, teeTcbSvn2, mrServiceTd);
            }
            byte[] attestKey = rawKey(attestationKey);
            byte[] authData = filled(32, 0x5a);
            byte[] qeReport = qeReport(attestKey, authData);
            byte[] pemBytes = chainPem.getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream certification = new ByteArrayOutputStream();
            write(
                    certification,
                    qeReport,
                    sign(qeReportSigner, qeReport),
                    u16(authData.length),
                    authData,
                    u16(5),
                    u32(pemBytes.length),
                    pemBytes);
            byte[] inner = certification.toByteArray();
            byte[] header = signed.toByteArray();
            ByteArrayOutputStream signature = new ByteArrayOutputStream();
            write(
                    signature,
                    sign(quoteSigner == null ? attestationKey : quoteSigner, header),
                    attestKey,
                    u16(6),
                    u32(inner.length),
                    inner);
            byte[] data = signature.toByteArray();
            ByteArrayOutputStream quote = new ByteArrayOutputStream();
            write(quote, header, u32(data.length), data);
            return quote.toByteArray();
        }

        private byte[] qeReport(byte[] attestKey, byte[] authData) {
            byte[] report = new byte[384];
            System.arraycopy(qeAttributes, 0, report, 48, 16);
            System.arraycopy(filled(32, 0x77), 0, report, 64, 32);
            System.arraycopy(qeMrSigner, 0, report, 128, 32);
            report[256] = (byte) qeIsvProdId;
            report[257] = (byte) (qeIsvProdId >> 8);
            report[258] = (byte) qeIsvSvn;
            report[259] = (byte) (qeIsvSvn >> 8);
            var sha256 = Digests.sha256();
            sha256.update(attestKey);
            sha256.update(authData);
            System.arraycopy(sha256.digest(), 0, report, 320, 32);
            System.arraycopy(qeReportDataTail, 0, report, 352, 32);
            return report;
        }
    }

    /**
     * TDX TCB info: by default level 1 (TDX components 5 0 3) UpToDate and level 2 (2 0 2) OutOfDate, and
     * module identity TDX_01 UpToDate from ISVSVN 5, OutOfDate from 2. The TDX components' byte 0 follows
     * the module's levels, as in Intel's collateral.
     */
    public final class TcbInfo {
        public final ObjectNode body = JSON.createObjectNode();

        TcbInfo() {
            body.put("id", "TDX")
                    .put("version", 3)
                    .put("issueDate", now.minus(1, ChronoUnit.DAYS).toString())
                    .put("nextUpdate", now.plus(29, ChronoUnit.DAYS).toString())
                    .put("fmspc", FMSPC)
                    .put("pceId", PCE_ID)
                    .put("tcbType", 0)
                    .put("tcbEvaluationDataNumber", 17);
            body.putObject("tdxModule")
                    .put("mrsigner", "0".repeat(96))
                    .put("attributes", "0000000000000000")
                    .put("attributesMask", "FFFFFFFFFFFFFFFF");
            body.putArray("tdxModuleIdentities");
            moduleIdentity("TDX_01", new int[] {5, 2}, "UpToDate", "OutOfDate");
            body.putArray("tcbLevels");
            level(svns(5, 0, 3), "UpToDate");
            level(svns(2, 0, 2), "OutOfDate", "INTEL-SA-00837");
        }

        public TcbInfo withoutLevels() {
            body.putArray("tcbLevels");
            return this;
        }

        public TcbInfo level(List<Integer> tdx, String status, String... advisories) {
            ObjectNode level = ((ArrayNode) body.get("tcbLevels")).addObject();
            ObjectNode tcb = level.putObject("tcb");
            ArrayNode sgx = tcb.putArray("sgxtcbcomponents");
            SGX.forEach(svn -> sgx.addObject().put("svn", svn));
            tcb.put("pcesvn", PCE_SVN);
            ArrayNode tdxComponents = tcb.putArray("tdxtcbcomponents");
            tdx.forEach(svn -> tdxComponents.addObject().put("svn", svn));
            level.put("tcbDate", "2025-01-01T00:00:00Z").put("tcbStatus", status);
            if (advisories.length > 0) {
                ArrayNode ids = level.putArray("advisoryIDs");
                for (String id : advisories) {
                    ids.add(id);
                }
            }
            return this;
        }

        public TcbInfo withoutModuleIdentities() {
            body.putArray("tdxModuleIdentities");
            return this;
        }

        /** A module identity with levels at the given ISVSVNs (best first) and their statuses. */
        public TcbInfo moduleIdentity(String id, int[] isvSvns, String... statuses) {
            ObjectNode identity = ((ArrayNode) body.get("tdxModuleIdentities")).addObject();
            identity.put("id", id)
                    .put("mrsigner", "0".repeat(96))
                    .put("attributes", "0000000000000000")
                    .put("attributesMask", "FFFFFFFFFFFFFFFF");
            isvSvnLevels(identity.putArray("tcbLevels"), isvSvns, statuses);
            return this;
        }

        public TcbInfo with(Consumer<ObjectNode> change) {
            change.accept(body);
            return this;
        }

        public String json() {
            if (body.get("tdxModuleIdentities").isEmpty()) {
                ObjectNode copy = body.deepCopy();
                copy.remove("tdxModuleIdentities");
                return JSON.writeValueAsString(copy);
            }
            return JSON.writeValueAsString(body);
        }
    }

    /** TD_QE identity: by default UpToDate from ISVSVN 8, OutOfDate from 4. */
    public final class QeIdentity {
        public final ObjectNode body = JSON.createObjectNode();

        QeIdentity() {
            body.put("id", "TD_QE")
                    .put("version", 2)
                    .put("issueDate", now.minus(1, ChronoUnit.DAYS).toString())
                    .put("nextUpdate", now.plus(29, ChronoUnit.DAYS).toString())
                    .put("tcbEvaluationDataNumber", 17)
                    .put("miscselect", "00000000")
                    .put("miscselectMask", "FFFFFFFF")
                    .put("attributes", "11000000000000000000000000000000")
                    .put("attributesMask", "FBFFFFFFFFFFFFFF0000000000000000")
                    .put("mrsigner", Hex.encodeWithoutPrefix(QE_MRSIGNER).toUpperCase())
                    .put("isvprodid", 2);
            levels(new int[] {8, 4}, "UpToDate", "OutOfDate");
        }

        public QeIdentity levels(int[] isvSvns, String... statuses) {
            isvSvnLevels(body.putArray("tcbLevels"), isvSvns, statuses);
            return this;
        }

        public QeIdentity with(Consumer<ObjectNode> change) {
            change.accept(body);
            return this;
        }

        public String json() {
            return JSON.writeValueAsString(body);
        }
    }

    /** The one-JSON collateral bundle of dcap-qvl and other verifiers, every part replaceable. */
    public final class Bundle {
        public String tcbInfo = new TcbInfo().json();
        public String qeIdentity = new QeIdentity().json();
        public KeyPair tcbInfoSigner = tcbSigning.keys();
        public KeyPair qeIdentitySigner = tcbSigning.keys();
        /** Signatures to send instead of signing the documents as they are now (to change a signed document). */
        public String tcbInfoSignature;

        public String qeIdentitySignature;
        public String tcbInfoIssuerChain = pem(tcbSigning.certificate(), root.certificate());
        public String qeIdentityIssuerChain = pem(tcbSigning.certificate(), root.certificate());
        public X509CRL rootCrl = SyntheticDcap.this.rootCrl();
        public X509CRL pckCrl = SyntheticDcap.this.pckCrl();

        public Bundle tcbInfo(TcbInfo info) {
            tcbInfo = info.json();
            return this;
        }

        public Bundle qeIdentity(QeIdentity identity) {
            qeIdentity = identity.json();
            return this;
        }

        public String json() {
            try {
                ObjectNode bundle = JSON.createObjectNode();
                bundle.put("pck_crl_issuer_chain", pem(platformCa.certificate(), root.certificate()))
                        .put("root_ca_crl", Hex.encodeWithoutPrefix(rootCrl.getEncoded()))
                        .put("pck_crl", Hex.encodeWithoutPrefix(pckCrl.getEncoded()))
                        .put("tcb_info_issuer_chain", tcbInfoIssuerChain)
                        .put("tcb_info", tcbInfo)
                        .put("tcb_info_signature", tcbInfoSignature())
                        .put("qe_identity_issuer_chain", qeIdentityIssuerChain)
                        .put("qe_identity", qeIdentity)
                        .put("qe_identity_signature", qeIdentitySignature());
                return JSON.writeValueAsString(bundle);
            } catch (java.security.cert.CRLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Freezes the current documents' signatures, so later changes to them are changes to signed text. */
        public Bundle signNow() {
            tcbInfoSignature = signature(tcbInfoSigner, tcbInfo);
            qeIdentitySignature = signature(qeIdentitySigner, qeIdentity);
            return this;
        }

        private static String signature(KeyPair signer, String document) {
            return Hex.encodeWithoutPrefix(sign(signer, document.getBytes(StandardCharsets.UTF_8)));
        }

        /** The same collateral loaded as Gavel loads a directory of PCS responses. */
        public Collateral collateral() {
            try {
                Path directory = Files.createTempDirectory("collateral");
                try {
                    write(directory);
                    return Collateral.load(directory);
                } finally {
                    try (var files = Files.list(directory)) {
                        for (Path file : files.toList()) {
                            Files.delete(file);
                        }
                    }
                    Files.delete(directory);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** The TCB info as the PCS serves it. */
        public String tcbInfoDocument() {
            return pcsDocument("tcbInfo", tcbInfo, tcbInfoSignature());
        }

        /** The QE identity as the PCS serves it. */
        public String qeIdentityDocument() {
            return pcsDocument("enclaveIdentity", qeIdentity, qeIdentitySignature());
        }

        /** Writes the PCS responses, issuer chains and CRLs as a collateral directory. */
        public void write(Path directory) throws Exception {
            Files.writeString(directory.resolve("tcbInfo.json"), tcbInfoDocument());
            Files.writeString(directory.resolve("qeIdentity.json"), qeIdentityDocument());
            Files.writeString(directory.resolve("tcb_info_issuer_chain.pem"), tcbInfoIssuerChain);
            Files.writeString(directory.resolve("qe_identity_issuer_chain.pem"), qeIdentityIssuerChain);
            Files.write(directory.resolve("rootcrl.der"), rootCrl.getEncoded());
            Files.write(directory.resolve("pckcrl.der"), pckCrl.getEncoded());
        }

        private String tcbInfoSignature() {
            return tcbInfoSignature != null ? tcbInfoSignature : signature(tcbInfoSigner, tcbInfo);
        }

        private String qeIdentitySignature() {
            return qeIdentitySignature != null ? qeIdentitySignature : signature(qeIdentitySigner, qeIdentity);
        }
    }

    /** TCB levels of an identity (the QE's or a module's): at each ISVSVN, best first, its status. */
    private static void isvSvnLevels(ArrayNode levels, int[] isvSvns, String... statuses) {
        for (int i = 0; i < isvSvns.length; i++) {
            levels.addObject()
                    .put("tcbDate", "2025-01-01T00:00:00Z")
                    .put("tcbStatus", statuses[i])
                    .putObject("tcb")
                    .put("isvsvn", isvSvns[i]);
        }
    }

    private static byte[] rawKey(KeyPair key) {
        ECPublicKey pub = (ECPublicKey) key.getPublic();
        byte[] out = new byte[64];
        System.arraycopy(unsigned32(pub.getW().getAffineX()), 0, out, 0, 32);
        System.arraycopy(unsigned32(pub.getW().getAffineY()), 0, out, 32, 32);
        return out;
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(32, raw.length);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] bytes(List<Integer> values) {
        byte[] out = new byte[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (int) values.get(i);
        }
        return out;
    }

    private static byte[] filled(int length, int value) {
        byte[] out = new byte[length];
        java.util.Arrays.fill(out, (byte) value);
        return out;
    }

    private static byte[] u16(int value) {
        return ByteBuffer.allocate(2)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) value)
                .array();
    }

    private static byte[] u32(long value) {
        return ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) value)
                .array();
    }

    private static void write(ByteArrayOutputStream out, byte[]... parts) {
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
    }
}
