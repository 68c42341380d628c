package dev.gavel.attestation.quote;

/**
 * Parses TDX quotes v4 and v5, bounded by the signature data length (files may carry padding after it).
 * Certification data must be type 6 (QE report) holding type 5 (the PCK chain as PEM).
 */
public final class QuoteParser {
    private static final int HEADER_LENGTH = 48;
    private static final int QE_REPORT_CERTIFICATION = 6;
    private static final int PCK_CHAIN_CERTIFICATION = 5;
    private static final int V5_TDX10_BODY = 2;
    private static final int V5_TDX15_BODY = 3;
    private static final int SIGNATURE_LENGTH = 64;

    private QuoteParser() {}

    public static TdxQuote parse(byte[] quote) throws QuoteFormatException {
        QuoteReader in = new QuoteReader(quote, 0, quote.length);
        int version = in.u16("version");
        int keyType = in.u16("attestation key type");
        long teeType = in.u32("tee type");
        in.bytes(4, "reserved");
        byte[] vendor = in.bytes(16, "QE vendor id");
        in.bytes(20, "user data");
        int bodyType;
        int bodyLength;
        if (version == 4) {
            bodyType = V5_TDX10_BODY;
            bodyLength = TdReport.TDX10_LENGTH;
        } else if (version == 5) {
            bodyType = in.u16("body type");
            long declared = in.u32("body size");
            bodyLength = switch (bodyType) {
                case V5_TDX10_BODY -> TdReport.TDX10_LENGTH;
                case V5_TDX15_BODY -> TdReport.TDX15_LENGTH;
                default -> throw new QuoteFormatException("v5 body type " + bodyType + " is not a TD report (2 or 3)");
            };
            if (declared != bodyLength) {
                throw new QuoteFormatException(
                        "v5 body type " + bodyType + " declares " + declared + " bytes, not " + bodyLength);
            }
        } else {
            throw new QuoteFormatException("quote version " + version + " is not 4 or 5");
        }
        TdReport report = TdReport.read(in.section(bodyLength, "TD report body"), bodyLength);
        byte[] signed = java.util.Arrays.copyOf(quote, in.position());
        QuoteReader signature = in.section(in.u32("signature data length"), "signature data");
        byte[] quoteSignature = signature.bytes(SIGNATURE_LENGTH, "quote signature");
        byte[] attestationKey = signature.bytes(64, "attestation key");
        QuoteReader certification = certification(signature, QE_REPORT_CERTIFICATION, "certification data");
        QeReport qeReport = new QeReport(certification.bytes(QeReport.LENGTH, "QE report"));
        byte[] qeReportSignature = certification.bytes(SIGNATURE_LENGTH, "QE report signature");
        byte[] qeAuthData = certification.bytes(certification.u16("QE auth data length"), "QE auth data");
        QuoteReader chain = certification(certification, PCK_CHAIN_CERTIFICATION, "PCK certification data");
        byte[] pem = chain.bytes(chain.remaining(), "PCK chain");
        return new TdxQuote(
                version,
                keyType,
                teeType,
                vendor,
                bodyType,
                report,
                signed,
                quoteSignature,
                attestationKey,
                qeReport,
                qeReportSignature,
                qeAuthData,
                pem);
    }

    private static QuoteReader certification(QuoteReader in, int expectedType, String what)
            throws QuoteFormatException {
        int type = in.u16(what + " type");
        if (type != expectedType) {
            throw new QuoteFormatException(what + " has type " + type + ", expected " + expectedType);
        }
        return in.section(in.u32(what + " size"), what);
    }
}
