package dev.gavel.service.config;

import dev.gavel.db.mirror.MirrorRepository;
import dev.gavel.primitives.Address;
import dev.gavel.primitives.BlockNumber;
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
        if (chain.hubAddress() == null || chain.settlementAddress() == null) {
            throw new IllegalArgumentException(
                    "gavel.chain.rpc-url needs gavel.chain.hub-address and gavel.chain.settlement-address");
        }
        return new ChainMirroring(Optional.of(ChainMirror.overRpc(
                chain.rpcUrl(),
                Address.fromHex(chain.hubAddress()),
                Address.fromHex(chain.settlementAddress()),
                chain.confirmations(),
                BlockNumber.of(chain.fromBlock()),
                new JdbcMirrorStore(new MirrorRepository(migratedDatabase)))));
    }

    HubView view() {
        return mirror.map(ChainMirror::view).orElse(HubView.EMPTY);
    }
}
