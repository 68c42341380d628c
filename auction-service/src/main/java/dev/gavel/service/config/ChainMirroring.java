package dev.gavel.service.config;

import dev.gavel.db.mirror.MirrorRepository;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.settlement.mirror.ChainMirror;
import dev.gavel.settlement.mirror.HubView;
import dev.gavel.settlement.mirror.JdbcMirrorStore;
import java.util.Optional;
import javax.sql.DataSource;

/** The chain mirror when a chain is configured: its current view, and the poll the service repeats. */
record ChainMirroring(Optional<ChainMirror> mirror) {

    static ChainMirroring from(ChainProperties chain, DataSource migratedDatabase) {
        if (!chain.configured()) {
            return new ChainMirroring(Optional.empty());
        }
        if (chain.hubAddress() == null || chain.settlementAddress() == null) {
            throw new IllegalArgumentException(
                    "gavel.chain.rpc-url needs gavel.chain.hub-address and gavel.chain.settlement-address");
        }
        ChainMirror mirror = ChainMirror.overRpc(
                chain.rpcUrl(),
                Address.fromHex(chain.hubAddress()),
                Address.fromHex(chain.settlementAddress()),
                chain.confirmations(),
                BlockNumber.of(chain.fromBlock()),
                new JdbcMirrorStore(new MirrorRepository(migratedDatabase)));
        ChainMirroring mirroring = new ChainMirroring(Optional.of(mirror));
        mirroring.poll();
        return mirroring;
    }

    HubView view() {
        return mirror.map(ChainMirror::view).orElse(HubView.EMPTY);
    }

    /** Catches the mirror up; an unreachable chain keeps the last view and is retried at the next poll. */
    void poll() {
        mirror.ifPresent(ChainMirror::catchUp);
    }
}
