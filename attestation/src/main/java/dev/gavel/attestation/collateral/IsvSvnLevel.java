package dev.gavel.attestation.collateral;

import static dev.gavel.attestation.collateral.StrictJson.advisories;
import static dev.gavel.attestation.collateral.StrictJson.array;
import static dev.gavel.attestation.collateral.StrictJson.integer;
import static dev.gavel.attestation.collateral.StrictJson.object;
import static dev.gavel.attestation.collateral.StrictJson.string;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A TCB level of an enclave or module identity (the QE's, a TDX module's): the lowest ISVSVN it covers,
 * its status and advisories. Levels are kept in the order Intel serves them, best first.
 */
public record IsvSvnLevel(int isvSvn, TcbStatus status, List<String> advisoryIds) {

    /** The {@code tcbLevels} of {@code identity}, each status one of {@code allowed}; at least one level. */
    static List<IsvSvnLevel> parse(JsonNode identity, Set<TcbStatus> allowed, String what)
            throws CollateralFormatException {
        List<IsvSvnLevel> levels = new ArrayList<>();
        for (JsonNode level : array(identity, "tcbLevels")) {
            levels.add(new IsvSvnLevel(
                    integer(object(level, "tcb"), "isvsvn"),
                    TcbStatus.of(string(level, "tcbStatus"), allowed, "a level of " + what),
                    advisories(level)));
        }
        if (levels.isEmpty()) {
            throw new CollateralFormatException(what + " has no TCB levels");
        }
        return List.copyOf(levels);
    }
}
