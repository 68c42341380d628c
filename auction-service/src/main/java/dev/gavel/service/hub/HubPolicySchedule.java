package dev.gavel.service.hub;

import dev.gavel.bidding.round.AuctionPolicy;
import dev.gavel.core.round.PolicySchedule;
import dev.gavel.primitives.BlockNumber;
import dev.gavel.settlement.mirror.HubView;
import java.util.function.Supplier;

/** The policy the BuilderHub has in force at each block; before its first version activates, the configured one. */
public final class HubPolicySchedule implements PolicySchedule {
    private final Supplier<HubView> view;
    private final PolicySchedule beforeFirstVersion;

    public HubPolicySchedule(Supplier<HubView> view, PolicySchedule beforeFirstVersion) {
        this.view = view;
        this.beforeFirstVersion = beforeFirstVersion;
    }

    @Override
    public AuctionPolicy policyAt(BlockNumber block) {
        return view.get().policyAt(block).orElseGet(() -> beforeFirstVersion.policyAt(block));
    }
}
