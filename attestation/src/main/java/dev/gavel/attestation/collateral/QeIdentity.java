package dev.gavel.attestation.collateral;

import static dev.gavel.attestation.collateral.StrictJson.hex;
import static dev.gavel.attestation.collateral.StrictJson.instant;
import static dev.gavel.attestation.collateral.StrictJson.integer;
import static dev.gavel.attestation.collateral.StrictJson.string;

import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Hash32;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Intel's identity of the TDX quoting enclave (TD_QE, version 2): what its report must show, and its TCB levels. */
public record QeIdentity(
        Instant issueDate,
        Instant nextUpdate,
        int tcbEvaluationDataNumber,
        Bytes miscSelect,
        Bytes miscSelectMask,
        Bytes attributes,
        Bytes attributesMask,
        Hash32 mrSigner,
        int isvProdId,
        List<IsvSvnLevel> levels) {

    static QeIdentity of(JsonNode identity) throws CollateralFormatException {
        if (!"TD_QE".equals(string(identity, "id"))) {
            throw new CollateralFormatException("QE identity id is \"" + string(identity, "id") + "\", not TD_QE");
        }
        if (integer(identity, "version") != 2) {
            throw new CollateralFormatException(
                    "a TD_QE identity must be version 2, not " + integer(identity, "version"));
        }
        return new QeIdentity(
                instant(identity, "issueDate"),
                instant(identity, "nextUpdate"),
                integer(identity, "tcbEvaluationDataNumber"),
                Bytes.of(hex(identity, "miscselect", 4)),
                Bytes.of(hex(identity, "miscselectMask", 4)),
                Bytes.of(hex(identity, "attributes", 16)),
                Bytes.of(hex(identity, "attributesMask", 16)),
                Hash32.of(hex(identity, "mrsigner", Hash32.LENGTH)),
                integer(identity, "isvprodid"),
                IsvSvnLevel.parse(identity, TcbStatus.OF_QE_LEVELS, "the QE identity"));
    }
}
