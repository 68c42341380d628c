package dev.gavel.attestation.collateral;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Intel's identity of the TDX quoting enclave (TD_QE): what its report must show, and its TCB levels by ISV SVN. */
public record QeIdentity(
        Instant issueDate,
        Instant nextUpdate,
        byte[] miscSelect,
        byte[] miscSelectMask,
        byte[] attributes,
        byte[] attributesMask,
        byte[] mrSigner,
        int isvProdId,
        List<Level> levels) {

    public static QeIdentity of(JsonNode identity) {
        if (!"TD_QE".equals(identity.path("id").asString())) {
            throw new IllegalArgumentException(
                    "QE identity id is \"" + identity.path("id").asString() + "\", not TD_QE");
        }
        List<Level> levels = new ArrayList<>();
        for (JsonNode level : identity.path("tcbLevels")) {
            levels.add(new Level(
                    level.path("tcb").path("isvsvn").asInt(),
                    TcbStatus.named(level.path("tcbStatus").asString()),
                    TcbInfo.advisories(level)));
        }
        return new QeIdentity(
                Instant.parse(identity.path("issueDate").asString()),
                Instant.parse(identity.path("nextUpdate").asString()),
                TcbInfo.hex(identity, "miscselect"),
                TcbInfo.hex(identity, "miscselectMask"),
                TcbInfo.hex(identity, "attributes"),
                TcbInfo.hex(identity, "attributesMask"),
                TcbInfo.hex(identity, "mrsigner"),
                identity.path("isvprodid").asInt(),
                List.copyOf(levels));
    }

    public record Level(int isvSvn, TcbStatus status, List<String> advisoryIds) {}
}
