package dev.gavel.attestation.quote;

/** The TD report body (TDX 1.0; TDX 1.5 adds TEE_TCB_SVN2 and MRSERVICETD): what the quote attests. */
public record TdReport(
        byte[] teeTcbSvn,
        byte[] mrSeam,
        byte[] mrSignerSeam,
        byte[] seamAttributes,
        byte[] tdAttributes,
        byte[] xfam,
        byte[] mrTd,
        byte[] mrConfigId,
        byte[] mrOwner,
        byte[] mrOwnerConfig,
        byte[] rtmr0,
        byte[] rtmr1,
        byte[] rtmr2,
        byte[] rtmr3,
        byte[] reportData,
        byte[] teeTcbSvn2,
        byte[] mrServiceTd) {

    public static final int TDX10_LENGTH = 584;
    public static final int TDX15_LENGTH = 648;
    private static final int DEBUG_BIT = 0;

    /** TDATTRIBUTES bit 0: a debug TD, whose memory the host can read. */
    public boolean debug() {
        return (tdAttributes[0] >> DEBUG_BIT & 1) == 1;
    }

    static TdReport read(QuoteReader in, int length) throws QuoteFormatException {
        byte[] teeTcbSvn = in.bytes(16, "TEE_TCB_SVN");
        byte[] mrSeam = in.bytes(48, "MRSEAM");
        byte[] mrSignerSeam = in.bytes(48, "MRSIGNERSEAM");
        byte[] seamAttributes = in.bytes(8, "SEAMATTRIBUTES");
        byte[] tdAttributes = in.bytes(8, "TDATTRIBUTES");
        byte[] xfam = in.bytes(8, "XFAM");
        byte[] mrTd = in.bytes(48, "MRTD");
        byte[] mrConfigId = in.bytes(48, "MRCONFIGID");
        byte[] mrOwner = in.bytes(48, "MROWNER");
        byte[] mrOwnerConfig = in.bytes(48, "MROWNERCONFIG");
        byte[] rtmr0 = in.bytes(48, "RTMR0");
        byte[] rtmr1 = in.bytes(48, "RTMR1");
        byte[] rtmr2 = in.bytes(48, "RTMR2");
        byte[] rtmr3 = in.bytes(48, "RTMR3");
        byte[] reportData = in.bytes(64, "REPORTDATA");
        boolean tdx15 = length == TDX15_LENGTH;
        return new TdReport(
                teeTcbSvn,
                mrSeam,
                mrSignerSeam,
                seamAttributes,
                tdAttributes,
                xfam,
                mrTd,
                mrConfigId,
                mrOwner,
                mrOwnerConfig,
                rtmr0,
                rtmr1,
                rtmr2,
                rtmr3,
                reportData,
                tdx15 ? in.bytes(16, "TEE_TCB_SVN2") : null,
                tdx15 ? in.bytes(48, "MRSERVICETD") : null);
    }
}
