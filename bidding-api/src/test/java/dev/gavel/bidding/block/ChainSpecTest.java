package dev.gavel.bidding.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gavel.bidding.payload.PayloadAttributes;
import dev.gavel.bidding.testing.SimulatedBlocks;
import dev.gavel.primitives.Bytes;
import dev.gavel.primitives.Quantity;
import dev.gavel.primitives.Wei;
import org.junit.jupiter.api.Test;

/** Upgrades by timestamp, what their attributes must carry, and the base fee a block owes its parent. */
class ChainSpecTest {
    private static final ChainSpec SPEC = new ChainSpec(100, 200, 300, 400, 250, 6);
    private static final Bytes HOLOCENE_250_6 = Bytes.fromHex("0x00000000fa00000006");

    @Test
    void theUpgradeInForceFollowsTheTimestamp() {
        assertThat(SPEC.forkAt(99)).isEqualTo(Fork.ECOTONE);
        assertThat(SPEC.forkAt(100)).isEqualTo(Fork.HOLOCENE);
        assertThat(SPEC.forkAt(250)).isEqualTo(Fork.ISTHMUS);
        assertThat(SPEC.forkAt(300)).isEqualTo(Fork.JOVIAN);
        assertThat(SPEC.forkAt(400)).isEqualTo(Fork.KARST);
        assertThat(new ChainSpec(0, 0, 0, ChainSpec.NOT_SCHEDULED, 250, 6).forkAt(Long.MAX_VALUE - 1))
                .isEqualTo(Fork.JOVIAN);
        assertThat(Fork.HOLOCENE.getPayloadVersion()).isEqualTo(3);
        assertThat(Fork.ISTHMUS.getPayloadVersion()).isEqualTo(4);
        assertThat(Fork.JOVIAN.getPayloadVersion()).isEqualTo(4);
        assertThat(Fork.KARST.getPayloadVersion()).isEqualTo(5);
        assertThat(Fork.KARST.newPayloadVersion()).isEqualTo(4);
        assertThat(Fork.HOLOCENE.newPayloadVersion()).isEqualTo(3);
        assertThatThrownBy(() -> new ChainSpec(200, 100, 300, 400, 250, 6)).hasMessageContaining("in order");
        assertThatThrownBy(() -> new ChainSpec(0, 0, 300, 200, 250, 6)).hasMessageContaining("Karst (200)");
    }

    @Test
    void theBaseFeeFollowsEip1559WithTheParentsParameters() {
        assertThat(SPEC.nextBaseFee(parent(250, 0, 1_000_000, HOLOCENE_250_6)))
                .as("an empty parent lowers the fee by 1/250 of it")
                .isEqualTo(Wei.of(996_000));
        assertThat(SPEC.nextBaseFee(parent(250, 10_000_000, 1_000_000, HOLOCENE_250_6)))
                .as("a parent at its gas target keeps it")
                .isEqualTo(Wei.of(1_000_000));
        assertThat(SPEC.nextBaseFee(parent(250, 60_000_000, 1_000_000, HOLOCENE_250_6)))
                .as("a full parent raises it by (6 - 1)/250")
                .isEqualTo(Wei.of(1_020_000));
        assertThat(SPEC.nextBaseFee(parent(250, 0, 1_000_000, Bytes.fromHex("0x000000003200000002"))))
                .as("the parent's own denominator 50 and elasticity 2")
                .isEqualTo(Wei.of(980_000));
        assertThat(SPEC.nextBaseFee(parent(250, 0, 1_000_000, Bytes.fromHex("0x000000000000000000"))))
                .as("zero parameters mean the defaults")
                .isEqualTo(Wei.of(996_000));
        assertThat(SPEC.nextBaseFee(parent(50, 0, 1_000_000, Bytes.fromHex("0x000000003200000002"))))
                .as("a pre-Holocene parent's extraData carries no parameters")
                .isEqualTo(Wei.of(996_000));
    }

    @Test
    void fromJovianTheParentsMinimumBaseFeeIsAFloor() {
        Bytes jovian = Bytes.fromHex("0x01000000fa00000006" + "00000000000f4240");

        assertThat(SPEC.nextBaseFee(parent(350, 0, 1_000_000, jovian))).isEqualTo(Wei.of(1_000_000));
        assertThat(SPEC.nextBaseFee(parent(250, 0, 1_000_000, jovian)))
                .as("an Isthmus parent has no minimum")
                .isEqualTo(Wei.of(996_000));
    }

    @Test
    void attributesMustCarryWhatTheirUpgradeNeeds() {
        PayloadAttributes jovianStyle = SimulatedBlocks.attributes(350, 1);
        PayloadAttributes atIsthmus = SimulatedBlocks.attributes(250, 1);

        assertThat(SPEC.attributesProblem(jovianStyle)).isEmpty();
        assertThat(SPEC.attributesProblem(atIsthmus))
                .hasValueSatisfying(p -> assertThat(p).contains("minBaseFee"));
    }

    private static FeeInputs parent(long timestamp, long gasUsed, long baseFee, Bytes extraData) {
        return new FeeInputs(timestamp, Quantity.of(60_000_000), Quantity.of(gasUsed), Wei.of(baseFee), extraData);
    }
}
