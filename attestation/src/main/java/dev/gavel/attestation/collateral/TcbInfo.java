package dev.gavel.attestation.collateral;

import static dev.gavel.attestation.collateral.StrictJson.advisories;
import static dev.gavel.attestation.collateral.StrictJson.array;
import static dev.gavel.attestation.collateral.StrictJson.hex;
import static dev.gavel.attestation.collateral.StrictJson.instant;
import static dev.gavel.attestation.collateral.StrictJson.integer;
import static dev.gavel.attestation.collateral.StrictJson.object;
import static dev.gavel.attestation.collateral.StrictJson.string;

import dev.gavel.primitives.Bytes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Intel's TDX TCB info (version 3) for one FMSPC: the TDX module's identity, the identities of the module
 * versions (TDX_01, TDX_03, ...) with their own TCB levels, and the platform's TCB levels, which are kept
 * in the order Intel's QVL walks them (best first by SGX components, then PCESVN, then TDX components).
 */
public record TcbInfo(
        int version,
        Instant issueDate,
        Instant nextUpdate,
        Bytes fmspc,
        Bytes pceId,
        int tcbEvaluationDataNumber,
        TdxModule tdxModule,
        List<TdxModuleIdentity> tdxModuleIdentities,
        List<Level> levels) {

    private static final int COMPONENTS = 16;

    /** Parses the body of a PCS TCB info document, refusing anything Intel's QVL would not accept. */
    static TcbInfo of(JsonNode info) throws CollateralFormatException {
        if (!"TDX".equals(string(info, "id"))) {
            throw new CollateralFormatException("TCB info id is \"" + string(info, "id") + "\", not TDX");
        }
        int version = integer(info, "version");
        if (version != 3) {
            throw new CollateralFormatException("TDX TCB info must be version 3, not " + version);
        }
        if (integer(info, "tcbType") != 0) {
            throw new CollateralFormatException("TCB type " + integer(info, "tcbType") + " is not supported (only 0)");
        }
        List<TdxModuleIdentity> identities = new ArrayList<>();
        if (info.has("tdxModuleIdentities")) {
            for (JsonNode identity : array(info, "tdxModuleIdentities")) {
                identities.add(TdxModuleIdentity.of(identity));
            }
            if (identities.isEmpty()) {
                throw new CollateralFormatException("\"tdxModuleIdentities\" is present but empty");
            }
        }
        List<Level> levels = new ArrayList<>();
        for (JsonNode level : array(info, "tcbLevels")) {
            levels.add(Level.of(level));
        }
        if (levels.isEmpty()) {
            throw new CollateralFormatException("TCB info has no TCB levels");
        }
        levels.sort(Level.BEST_FIRST);
        for (int i = 1; i < levels.size(); i++) {
            if (Level.BEST_FIRST.compare(levels.get(i - 1), levels.get(i)) == 0) {
                throw new CollateralFormatException("TCB info lists the same TCB level twice");
            }
        }
        return new TcbInfo(
                version,
                instant(info, "issueDate"),
                instant(info, "nextUpdate"),
                Bytes.of(hex(info, "fmspc", 6)),
                Bytes.of(hex(info, "pceId", 2)),
                integer(info, "tcbEvaluationDataNumber"),
                TdxModule.of(object(info, "tdxModule")),
                List.copyOf(identities),
                List.copyOf(levels));
    }

    /** The identity of module version {@code version} ("TDX_" and two hex digits, as Intel's QVL names it). */
    public Optional<TdxModuleIdentity> moduleIdentity(int version) {
        String id = TdxModuleIdentity.idOf(version);
        return tdxModuleIdentities.stream()
                .filter(identity -> identity.id().equalsIgnoreCase(id))
                .findFirst();
    }

    /** The signer and attributes a TDX module must show (used when the report's module version is 0). */
    public record TdxModule(Bytes mrSigner, Bytes attributes, Bytes attributesMask) {
        static TdxModule of(JsonNode module) throws CollateralFormatException {
            return new TdxModule(
                    Bytes.of(hex(module, "mrsigner", 48)),
                    Bytes.of(hex(module, "attributes", 8)),
                    Bytes.of(hex(module, "attributesMask", 8)));
        }
    }

    /** One TDX module version: its signer, attributes, and its TCB levels by the module's ISVSVN. */
    public record TdxModuleIdentity(
            String id, Bytes mrSigner, Bytes attributes, Bytes attributesMask, List<IsvSvnLevel> levels) {
        public static String idOf(int version) {
            return String.format("TDX_%02X", version);
        }

        static TdxModuleIdentity of(JsonNode identity) throws CollateralFormatException {
            String id = string(identity, "id");
            List<IsvSvnLevel> levels =
                    IsvSvnLevel.parse(identity, TcbStatus.OF_MODULE_LEVELS, "TDX module identity " + id);
            return new TdxModuleIdentity(
                    id,
                    Bytes.of(hex(identity, "mrsigner", 48)),
                    Bytes.of(hex(identity, "attributes", 8)),
                    Bytes.of(hex(identity, "attributesMask", 8)),
                    levels);
        }
    }

    /** One platform TCB level: SGX components and PCESVN (from the PCK), TDX components (from TEE_TCB_SVN). */
    public record Level(
            List<Integer> sgxComponents,
            int pceSvn,
            List<Integer> tdxComponents,
            TcbStatus status,
            List<String> advisoryIds) {

        /** Intel's QVL order: SGX components, then PCESVN, then TDX components, each compared lexicographically. */
        static final Comparator<Level> BEST_FIRST = Comparator.comparing(Level::sgxComponents, Level::lexicographic)
                .thenComparingInt(Level::pceSvn)
                .thenComparing(Level::tdxComponents, Level::lexicographic)
                .reversed();

        static Level of(JsonNode level) throws CollateralFormatException {
            JsonNode tcb = object(level, "tcb");
            return new Level(
                    components(tcb, "sgxtcbcomponents"),
                    integer(tcb, "pcesvn"),
                    components(tcb, "tdxtcbcomponents"),
                    TcbStatus.of(string(level, "tcbStatus"), TcbStatus.OF_TCB_LEVELS, "a TCB level"),
                    advisories(level));
        }

        private static List<Integer> components(JsonNode tcb, String field) throws CollateralFormatException {
            List<JsonNode> items = array(tcb, field);
            if (items.size() != COMPONENTS) {
                throw new CollateralFormatException(
                        "\"" + field + "\" must list " + COMPONENTS + " components, not " + items.size());
            }
            List<Integer> svns = new ArrayList<>();
            for (JsonNode item : items) {
                int svn = integer(item, "svn");
                if (svn > 255) {
                    throw new CollateralFormatException("a TCB component SVN is one byte, not " + svn);
                }
                svns.add(svn);
            }
            return List.copyOf(svns);
        }

        private static int lexicographic(List<Integer> a, List<Integer> b) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int order = Integer.compare(a.get(i), b.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(a.size(), b.size());
        }
    }
}
