package dev.gavel.attestation.tcb;

import dev.gavel.attestation.collateral.IsvSvnLevel;
import dev.gavel.attestation.collateral.TcbInfo;
import dev.gavel.attestation.collateral.TcbStatus;
import dev.gavel.attestation.quote.TdReport;
import dev.gavel.primitives.Bytes;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The TDX module that ran the TD, judged as Intel's QVL does (QuoteVerifier 4.1.2.4.11 and
 * TdxModuleCheck). TEE_TCB_SVN[1] is the module's version and TEE_TCB_SVN[0] its ISVSVN. For version 0 the
 * TCB info's single {@code tdxModule} gives the signer and attributes, and the module has no TCB level of its
 * own (its SVN counts among the TDX components instead). For a later version the identity "TDX_xx" of
 * {@code tdxModuleIdentities} gives them, and its first TCB level the ISVSVN reaches gives the module's
 * status. Either way MRSIGNERSEAM must equal the signer, and SEAMATTRIBUTES must be zero and equal the
 * attributes (Intel's QVL compares them whole, without the mask).
 *
 * @param identity "TDX_01" and so on, or "tdxModule" for version 0
 * @param status the module's own TCB status (UpToDate for version 0, which has none)
 */
public record ModuleMatch(
        int version,
        int isvSvn,
        String identity,
        Bytes mrSigner,
        TcbStatus status,
        List<String> advisoryIds,
        Optional<String> problem) {

    public static ModuleMatch of(TcbInfo info, TdReport report) {
        int isvSvn = report.teeTcbSvn()[0] & 0xff;
        int version = report.teeTcbSvn()[1] & 0xff;
        Bytes mrSigner;
        Bytes attributes;
        String name;
        Optional<TcbInfo.TdxModuleIdentity> identity = Optional.empty();
        if (version == 0) {
            name = "tdxModule";
            mrSigner = info.tdxModule().mrSigner();
            attributes = info.tdxModule().attributes();
        } else {
            name = TcbInfo.TdxModuleIdentity.idOf(version);
            identity = info.moduleIdentity(version);
            if (identity.isEmpty()) {
                return failed(
                        version,
                        isvSvn,
                        name,
                        "the TCB info has no identity " + name + " for TDX module version " + version);
            }
            mrSigner = identity.get().mrSigner();
            attributes = identity.get().attributes();
        }
        Bytes mrSignerSeam = Bytes.of(report.mrSignerSeam());
        if (!mrSignerSeam.equals(mrSigner)) {
            return failed(
                    version,
                    isvSvn,
                    name,
                    "MRSIGNERSEAM " + mrSignerSeam + " is not the signer of " + name + ", " + mrSigner);
        }
        Bytes seamAttributes = Bytes.of(report.seamAttributes());
        if (!Arrays.equals(report.seamAttributes(), new byte[report.seamAttributes().length])
                || !seamAttributes.equals(attributes)) {
            return failed(
                    version,
                    isvSvn,
                    name,
                    "SEAMATTRIBUTES " + seamAttributes + " must be zero and equal the " + "attributes of " + name + ", "
                            + attributes);
        }
        if (identity.isEmpty()) {
            return new ModuleMatch(version, isvSvn, name, mrSigner, TcbStatus.UP_TO_DATE, List.of(), Optional.empty());
        }
        for (IsvSvnLevel level : identity.get().levels()) {
            if (isvSvn >= level.isvSvn()) {
                return new ModuleMatch(
                        version, isvSvn, name, mrSigner, level.status(), level.advisoryIds(), Optional.empty());
            }
        }
        return failed(version, isvSvn, name, "TDX module ISVSVN " + isvSvn + " is below every TCB level of " + name);
    }

    /** Whether the module's status came from a TCB level of its identity (version > 0). */
    public boolean judgedByIdentity() {
        return version > 0;
    }

    private static ModuleMatch failed(int version, int isvSvn, String name, String problem) {
        return new ModuleMatch(version, isvSvn, name, null, null, List.of(), Optional.of(problem));
    }
}
