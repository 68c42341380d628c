package dev.gavel.service.config;

import dev.gavel.db.mirror.MirrorRepository;
import dev.gavel.settlement.mirror.ChainMirror;
import dev.gavel.settlement.mirror.HubView;
import dev.gavel.settlement.mirror.JdbcMirrorStore;
import java.util.Optional;
import javax.sql.DataSource;

/** The chain mirror when a chain is configured, built from the properties; its view is empty until it catches up. */
record ChainMirroring(Optional<ChainMirror> mirror) {

    static ChainMirroring from(ChainProperties chain, DataSource migratedDatabase) {
        if (!chain.configured()) {
            return new ChainMirroring(Optional.empty());
        }
        return new ChainMirroring(Optional.of(ChainMirror.overRpc(
                chain.rpcUrl(),
                chain.hubAddress(),
                chain.settlementAddress(),
                chain.confirmations(),
                chain.fromBlock(),
                new JdbcMirrorStore(new MirrorRepository(migratedDatabase)))));
    }

    HubView view() {
        return mirror.map(ChainMirror::view).orElse(HubView.EMPTY);
    }

    /** The auction key id the hub publishes; null without a chain or before the mirror has read one. */
    Integer hubKeyId() {
        HubView view = view();
        return view.block() == null ? null : view.auctionKeyId();
    }
}
