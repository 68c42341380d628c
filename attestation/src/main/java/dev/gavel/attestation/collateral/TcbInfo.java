package dev.gavel.attestation.collateral;

import dev.gavel.primitives.Hex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Intel's TDX TCB info (v3) for one FMSPC: the TDX module's identity and the TCB levels, best first. */
public record TcbInfo(
        byte[] fmspc,
        byte[] pceId,
        Instant issueDate,
        Instant nextUpdate,
        int tcbEvaluationDataNumber,
        byte[] tdxModuleMrSigner,
        byte[] tdxModuleAttributes,
        byte[] tdxModuleAttributesMask,
        List<Level> levels) {

    public static TcbInfo of(JsonNode info) {
        if (!"TDX".equals(info.path("id").asString())) {
            throw new IllegalArgumentException(
                    "TCB info id is \"" + info.path("id").asString() + "\", not TDX");
        }
        List<Level> levels = new ArrayList<>();
        for (JsonNode level : info.path("tcbLevels")) {
            JsonNode tcb = level.path("tcb");
            levels.add(new Level(
                    svns(tcb.path("sgxtcbcomponents")),
                    tcb.path("pcesvn").asInt(),
                    svns(tcb.path("tdxtcbcomponents")),
                    TcbStatus.named(level.path("tcbStatus").asString()),
                    advisories(level)));
        }
        JsonNode module = info.path("tdxModule");
        return new TcbInfo(
                hex(info, "fmspc"),
                hex(info, "pceId"),
                Instant.parse(info.path("issueDate").asString()),
                Instant.parse(info.path("nextUpdate").asString()),
                info.path("tcbEvaluationDataNumber").asInt(),
                hex(module, "mrsigner"),
                hex(module, "attributes"),
                hex(module, "attributesMask"),
                List.copyOf(levels));
    }

    /** One TCB level: SGX components and PCESVN (from the PCK), TDX components (from TEE_TCB_SVN). */
    public record Level(
            int[] sgxComponents, int pceSvn, int[] tdxComponents, TcbStatus status, List<String> advisoryIds) {}

    static List<String> advisories(JsonNode level) {
        List<String> ids = new ArrayList<>();
        level.path("advisoryIDs").forEach(id -> ids.add(id.asString()));
        return List.copyOf(ids);
    }

    private static int[] svns(JsonNode components) {
        int[] svns = new int[16];
        for (int i = 0; i < Math.min(16, components.size()); i++) {
            svns[i] = components.get(i).path("svn").asInt();
        }
        return svns;
    }

    static byte[] hex(JsonNode node, String field) {
        return Hex.decodeWithoutPrefix(node.path(field).asString());
    }
}
